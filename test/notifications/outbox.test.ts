import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sender } from "../../src/core/types.js";
import { MAX_ATTEMPTS } from "../../src/notifications/outbox.js";
import { at, Clock, dossier, type Harness, openHarness, RecordingSender, tempDir } from "../harness/dossiers.js";

const CODE = "000.31.20.H49-251103-0012";
const KEY = "0003120H49-251103-0012";
const CHAT = "telegram:100";

let dir: string;
let cleanup: () => Promise<void>;
let clock: Clock;
let h: Harness;

async function subscribe(chat = CHAT) {
  await h.say(chat, `/hoso ${CODE}`);
  await h.say(chat, "5678");
  await h.pick(chat, `d:s:${KEY}`);
}

async function restart(sender = h.sender, others: Sender[] = []) {
  await h.dossiers.stop();
  h = await openHarness(dir, clock, {}, sender, others);
}

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  clock = new Clock(at("2025-11-04 09:00"));
  h = await openHarness(dir, clock);
  await h.import([dossier()]);
  await subscribe();
});
afterEach(async () => {
  await h.dossiers.stop();
  await cleanup();
});

describe("status-change notices", () => {
  it("tell each subscribed chat once per change, whatever is re-imported or restarted", async () => {
    const zalo = new RecordingSender("zalo");
    await restart(h.sender, [zalo]);
    await subscribe("zalo:200");
    const change = dossier({ status: "6", status_note: "Lệ phí 8.000 đồng" });
    expect((await h.import([change])).notices).toBe(2);
    expect((await h.import([change])).notices).toBe(0);
    await h.dossiers.flushOutbox();
    await h.dossiers.flushOutbox();
    expect(h.sender.texts(CHAT)).toEqual([expect.stringContaining("Cần nộp: Lệ phí 8.000 đồng")]);
    expect(zalo.texts("zalo:200")).toEqual([expect.stringContaining("Cần nộp: Lệ phí 8.000 đồng")]);
    await restart(h.sender, [zalo]);
    expect((await h.import([change])).notices).toBe(0);
    await h.dossiers.flushOutbox();
    expect(h.sender.sent).toHaveLength(1);
    expect((await h.import([dossier({ status: "9" })])).notices).toBe(2);
  });

  it("send only the latest when the status changed twice before sending", async () => {
    await h.import([dossier({ status: "5", status_note: "Giấy chứng sinh" })]);
    await h.import([dossier({ status: "4" })]);
    expect(await h.dossiers.flushOutbox()).toMatchObject({ sent: 1, dropped: 1 });
    expect(h.sender.texts(CHAT)).toEqual([expect.stringContaining("Đang xử lý")]);
  });

  it("wait for the morning when the change comes at night", async () => {
    clock.set("2025-11-04 22:30");
    await h.import([dossier({ status: "9" })]);
    await h.dossiers.flushOutbox();
    clock.set("2025-11-05 06:59");
    await h.dossiers.flushOutbox();
    expect(h.sender.sent).toEqual([]);
    clock.set("2025-11-05 07:00");
    await h.dossiers.flushOutbox();
    expect(h.sender.texts(CHAT)).toEqual([expect.stringContaining("Đã có kết quả")]);
  });
});

describe("a crash between queueing a change and storing it", () => {
  /** What a process killed inside an import leaves: the message queued, the dossier not yet changed. */
  async function queuedButNotStored(kind: "status" | "rating", seq: number) {
    await h.dossiers.stop();
    const file = path.join(dir, "outbox.json");
    const outbox = JSON.parse(
      await readFile(file, "utf8").catch(() => '{"kind":"outbox","version":1,"data":{"pending":[],"done":{}}}'),
    );
    const id = kind === "rating" ? `a|${KEY}|${CHAT}` : `s|${KEY}|${seq}|${CHAT}`;
    outbox.data.pending.push({
      id,
      chatKey: CHAT,
      kind,
      key: KEY,
      seq,
      attempts: 0,
      nextAt: 0,
      createdAt: clock.now(),
    });
    await writeFile(file, JSON.stringify(outbox));
    h = await openHarness(dir, clock);
  }

  it("still asks for a rating once the one-stop system sends the handover again", async () => {
    await h.import([dossier({ status: "9" })]); // seq 1
    await h.dossiers.flushOutbox();
    await queuedButNotStored("rating", 2);
    expect(await h.dossiers.flushOutbox()).toMatchObject({ sent: 0, dropped: 0 });
    await h.import([dossier({ status: "10" })]);
    expect(await h.dossiers.flushOutbox()).toMatchObject({ sent: 1 });
    expect(await h.dossiers.flushOutbox()).toMatchObject({ sent: 0 });
    const texts = h.sender.texts(CHAT);
    expect(texts.filter((t) => t.startsWith("✅"))).toHaveLength(1);
  });

  it("sends the notice once the change is stored, and can queue it again if it never was", async () => {
    await queuedButNotStored("status", 1);
    expect(await h.dossiers.flushOutbox()).toMatchObject({ sent: 0 });
    // A day later nobody sent the change again: the message is let go, not kept forever.
    clock.advance(86_400_000);
    expect(await h.dossiers.flushOutbox()).toMatchObject({ sent: 0, dropped: 1 });
    await h.import([dossier({ status: "9" })]);
    await h.dossiers.flushOutbox();
    expect(h.sender.texts(CHAT)).toEqual([expect.stringContaining("Đã có kết quả")]);
  });
});

describe("the outbox", () => {
  it("retries a failed send with growing delays, and sends it once it goes through", async () => {
    h.sender.failures = 3;
    await h.import([dossier({ status: "5", status_note: "CCCD" })]);
    expect(await h.dossiers.flushOutbox()).toMatchObject({ retrying: 1 });
    const delays = [30_000, 60_000, 120_000];
    for (const [i, delay] of delays.entries()) {
      clock.advance(delay - 1_000);
      expect(await h.dossiers.flushOutbox(), `too early for try ${i + 2}`).toMatchObject({ sent: 0, retrying: 0 });
      clock.advance(1_000);
      expect(await h.dossiers.flushOutbox()).toMatchObject(i < 2 ? { retrying: 1 } : { sent: 1 });
    }
    expect(h.sender.texts(CHAT)).toHaveLength(1);
  });

  it("keeps what is not sent yet across a restart", async () => {
    h.sender.failures = 1;
    await h.import([dossier({ status: "9" })]);
    await h.dossiers.flushOutbox();
    await restart(new RecordingSender());
    clock.advance(60_000);
    await h.dossiers.flushOutbox();
    expect(h.sender.texts(CHAT)).toEqual([expect.stringContaining("Đã có kết quả")]);
  });

  it("gives up after repeated failures and says so in the logs", async () => {
    h.sender.failures = MAX_ATTEMPTS;
    await h.import([dossier({ status: "9" })]);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await h.dossiers.flushOutbox();
      clock.advance(3_600_000);
    }
    expect(h.logs.join("")).toContain("given up");
    h.sender.failures = 0;
    await h.dossiers.flushOutbox();
    expect(h.sender.sent).toEqual([]);
  });

  it("looks the chat's channel up at each send, so a channel can register after the start", async () => {
    await restart(new RecordingSender("zalo")); // CHAT is a Telegram chat: no channel reaches it yet
    await h.import([dossier({ status: "9" })]);
    expect(await h.dossiers.flushOutbox()).toMatchObject({ sent: 0, dropped: 0 });
    const late = new RecordingSender();
    h.service.senders.register("telegram", late);
    // At once: waiting for the channel did not put the message off.
    expect(await h.dossiers.flushOutbox()).toMatchObject({ sent: 1 });
    expect(late.texts(CHAT)).toHaveLength(1);
  });

  it("forgets after 90 days which messages it sent, also while it keeps sending", async () => {
    await h.import([dossier({ status: "9" })]);
    await h.dossiers.flushOutbox();
    const doneIds = async () =>
      Object.keys(JSON.parse(await readFile(path.join(dir, "outbox.json"), "utf8")).data.done);
    expect(await doneIds()).toEqual([`s|${KEY}|1|${CHAT}`]);
    clock.advance(91 * 86_400_000);
    await h.import([dossier({ status: "10" })]); // due in the same flush
    expect(await h.dossiers.flushOutbox()).toMatchObject({ sent: 1 });
    expect(await doneIds()).toEqual([`a|${KEY}|${CHAT}`]);
  });

  it("runs one flush at a time; a call during a run gets one more run right after, shared", async () => {
    // The first send waits for the gate, so the first run is still going while the rest happens.
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const send = h.sender.send.bind(h.sender);
    h.sender.send = async (chatKey, replies) => {
      await gate;
      return send(chatKey, replies);
    };
    await h.import([dossier({ status: "9" })]);
    const first = h.dossiers.flushOutbox();
    await h.import([dossier({ status: "10" })]); // queued while the first run waits
    const [second, third] = [h.dossiers.flushOutbox(), h.dossiers.flushOutbox()];
    open();
    const reports = await Promise.all([first, second, third]);
    expect(reports[1]).toBe(reports[2]);
    expect(reports.map((r) => r.sent)).toEqual([1, 1, 1]);
    expect(h.sender.texts(CHAT)).toEqual([expect.stringContaining("Đã có kết quả"), expect.stringMatching(/^✅/)]);
  });
});

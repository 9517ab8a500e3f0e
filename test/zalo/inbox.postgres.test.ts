/**
 * The Zalo inbox in PostgreSQL (zalo_inbox, migration 006), on a real database
 * (test/harness/postgres.ts): what a replica took and did not answer is answered by another once
 * the first is gone, by one replica only, not when it was answered already, never after a day
 * or a third try. "Replicas" are separate pools and inboxes with their own names; a replica
 * dying is what the database sees of it: its pool closed, its claims no longer renewed. The
 * time the inboxes read is set by the test, so a claim lapses when the test says.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { updateKey, type ZaloUpdate } from "../../src/channels/zalo/client/index.js";
import { FileUpdateInbox, REPLAY_MAX_AGE_MS, type Unanswered } from "../../src/channels/zalo/inbox.js";
import { PostgresUpdateInbox } from "../../src/channels/zalo/inbox-postgres.js";
import { startZalo, type ZaloChannel } from "../../src/channels/zalo/index.js";
import { PostgresChatTurns } from "../../src/replicas/chat-turns.js";
import { HttpServer } from "../../src/server/http.js";
import { createPool, type Pool } from "../../src/storage/postgres/database.js";
import { captureLogs } from "../harness/common.js";
import { FakeZaloApi, textUpdate } from "../harness/fake-zalo-api.js";
import { migratedDatabase, startPostgres, type TestPostgres } from "../harness/postgres.js";
import { FAST, newAssistant, tempDir, WEBHOOK_SECRET, zaloConfig } from "../harness/zalo.js";

let server: TestPostgres;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  server = await startPostgres();
}, 180_000);
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
});
afterAll(async () => {
  await server?.stop();
});

const CLAIM_MS = 30_000;
/** The real time the inboxes read; moved on by the tests. */
let time: number;
beforeEach(() => {
  time = Date.now();
});

async function database(): Promise<string> {
  return migratedDatabase(server);
}

function pool(url: string, name: string): Pool {
  const p = createPool(url, { applicationName: name });
  closers.push(() => p.end());
  return p;
}

/** A replica's inbox on its own pool; `renewMs`/`sweepMs` far off unless a test wants them. */
function replica(url: string, name: string, options: { renewMs?: number } = {}) {
  const errors: unknown[] = [];
  const own = pool(url, name);
  const inbox = PostgresUpdateInbox.open({
    pool: own,
    claimant: name,
    claimMs: CLAIM_MS,
    renewMs: options.renewMs ?? 3_600_000,
    sweepMs: 3_600_000,
    now: () => time,
    onError: (err) => errors.push(err),
  });
  closers.push(() => inbox.close());
  const found: Unanswered[] = [];
  const replay = (f: Unanswered) => found.push(f);
  return {
    inbox,
    errors,
    found,
    /** Everything this replica was handed to answer so far. */
    replayed: () => found.flatMap((f) => f.unanswered),
    sweep: () => inbox.sweep(replay),
    start: () => inbox.start(replay),
    /** Dies: nothing renewed any more, connections gone. */
    die: async () => {
      await inbox.close();
      await own.end();
    },
  };
}

const update = (chatId: string, text: string, date = time): ZaloUpdate => {
  const u = textUpdate(chatId, text) as ZaloUpdate;
  if (u.message) u.message.date = date;
  return u;
};
const key = (u: ZaloUpdate) => updateKey(u) ?? "";

async function rows(url: string) {
  const { rows } = await pool(url, "observer").query<{ update_key: string; claimed_by: string; tries: number }>(
    "SELECT update_key, claimed_by, tries FROM zalo_inbox ORDER BY update_key",
  );
  return rows;
}

describe("Zalo inbox in PostgreSQL", () => {
  it("an update taken by A and not answered is answered by B or C once A is gone, never by both", async () => {
    const url = await database();
    const a = replica(url, "a");
    const [b, c] = [replica(url, "b"), replica(url, "c")];
    const u = update("z1", "1");
    const replies = [{ text: "Phần một" }, { text: "Phần hai", choices: [{ id: "m:help", label: "Hướng dẫn" }] }];
    a.inbox.taken(key(u), u);
    a.inbox.replied(key(u), replies);
    a.inbox.sent(key(u), 1);
    await a.inbox.stored(key(u));
    expect(await rows(url)).toEqual([{ update_key: key(u), claimed_by: "a", tries: 0 }]);

    // A lives (its claim holds): nobody else takes it.
    await Promise.all([b.sweep(), c.sweep()]);
    expect([...b.replayed(), ...c.replayed()]).toEqual([]);

    await a.die();
    time += CLAIM_MS + 1;
    await Promise.all([b.sweep(), c.sweep()]);
    const taken = [...b.replayed(), ...c.replayed()];
    expect(taken).toEqual([
      { update: expect.objectContaining({ event_name: u.event_name }), replies, parts: 1, tries: 1 },
    ]);
    expect(taken[0]?.update.message?.text).toBe("1");
    const [winner, other] = b.replayed().length === 1 ? [b, c] : [c, b];
    // The winner's claim holds as A's did: sweeping again hands it to nobody.
    await Promise.all([b.sweep(), c.sweep()]);
    expect([...b.replayed(), ...c.replayed()]).toHaveLength(1);

    winner.inbox.sent(key(u), 2);
    winner.inbox.answered(key(u));
    await winner.inbox.stored(key(u));
    expect(await rows(url)).toEqual([]);
    time += 10 * CLAIM_MS;
    await other.sweep();
    expect(other.replayed()).toEqual([]);
    expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
  });

  it("a replica restarted under its name (same host and DATA_DIR) takes back at once what it had taken", async () => {
    const url = await database();
    const a = replica(url, "host-a /srv/motcua/data");
    const b = replica(url, "b");
    const u = update("z8", "chứng thực");
    a.inbox.taken(key(u), u);
    await a.inbox.stored(key(u));
    await a.die();
    // Its claim has not lapsed: B leaves it; A's next process, starting, takes it.
    await b.sweep();
    expect(b.replayed()).toEqual([]);
    const again = replica(url, "host-a /srv/motcua/data");
    await again.start();
    expect(again.replayed()).toEqual([expect.objectContaining({ tries: 1 })]);
    expect(again.replayed()[0]?.update.message?.text).toBe("chứng thực");
    await b.sweep();
    expect(b.replayed()).toEqual([]);
  });

  it("a replica renews its claims while it answers, so a slow answer is not taken from it", async () => {
    const url = await database();
    const a = replica(url, "a", { renewMs: 10 });
    const b = replica(url, "b");
    await a.start();
    const u = update("z2", "khai sinh");
    a.inbox.taken(key(u), u);
    await a.inbox.stored(key(u));
    time += CLAIM_MS - 1_000;
    // A's renewals move its claim on with the time it reads.
    await vi.waitFor(
      async () => {
        const { rows: now } = await pool(url, "observer").query<{ until: number }>(
          "SELECT claimed_until AS until FROM zalo_inbox",
        );
        expect(now[0]?.until).toBe(time + CLAIM_MS);
      },
      { timeout: 10_000, interval: 20 },
    );
    time += 1_001; // past the first claim, not past the renewed one
    await b.sweep();
    expect(b.replayed()).toEqual([]);
  });

  it("drops updates older than a day, and gives up on one taken three times without an answer", async () => {
    const url = await database();
    const a = replica(url, "a");
    const [old, poison, fresh] = [
      update("z3", "cũ", time - REPLAY_MAX_AGE_MS - 1),
      update("z3", "làm sập bot", time - 2),
      update("z4", "mới", time - 1),
    ];
    for (const u of [old, poison, fresh]) a.inbox.taken(key(u), u);
    await Promise.all([old, poison, fresh].map((u) => a.inbox.stored(key(u))));
    await a.die();

    // Two replicas in turn take the poison and die with it (fresh is answered by the first).
    time += CLAIM_MS + 1;
    const b = replica(url, "b");
    await b.sweep();
    expect(b.found).toEqual([expect.objectContaining({ expired: 1, givenUp: 0 })]);
    expect(b.replayed().map((o) => o.update.message?.text)).toEqual(["làm sập bot", "mới"]);
    b.inbox.answered(key(fresh));
    await b.inbox.stored(key(fresh));
    await b.die();
    time += CLAIM_MS + 1;
    const c = replica(url, "c");
    await c.sweep();
    expect(c.replayed()).toEqual([expect.objectContaining({ tries: 2 })]);
    await c.die();
    time += CLAIM_MS + 1;
    const d = replica(url, "d");
    await d.sweep();
    expect(d.replayed()).toEqual([]);
    expect(d.found).toEqual([expect.objectContaining({ givenUp: 1 })]);
    expect(await rows(url)).toEqual([]);
  });

  it("keeps only what answering needs (never the sender's name), and nothing once answered", async () => {
    const url = await database();
    const a = replica(url, "a");
    const u = update("z5", "số điện thoại 0912345678");
    a.inbox.taken(key(u), u);
    await a.inbox.stored(key(u));
    const { rows: stored } = await pool(url, "observer").query<{ body: string }>(
      `SELECT "update"::text AS body FROM zalo_inbox`,
    );
    expect(stored[0]?.body).toContain("0912345678");
    expect(JSON.stringify(u)).toContain("Nguyễn Văn A");
    expect(stored[0]?.body).not.toContain("Nguyễn Văn A");
    a.inbox.answered(key(u));
    await a.inbox.stored(key(u));
    expect(await rows(url)).toEqual([]);
  });
});

describe("Zalo channel with DATABASE_URL", () => {
  let fake: FakeZaloApi;
  beforeEach(async () => {
    fake = await FakeZaloApi.start({ maxPollWaitMs: 200 });
    closers.push(() => fake.close());
  });

  /** A replica's Zalo channel: its own DATA_DIR, the shared database, chat turns; not polling. */
  async function channel(url: string, dataDir?: string): Promise<ZaloChannel> {
    const { dir, cleanup } = dataDir ? { dir: dataDir, cleanup: async () => undefined } : await tempDir();
    closers.push(cleanup);
    const turns = new PostgresChatTurns(url, { logger: captureLogs().logger, connections: 2 });
    closers.push(() => turns.close());
    const started = await startZalo({
      config: zaloConfig(fake, dir, { DATABASE_URL: url }),
      assistant: await newAssistant(),
      logger: captureLogs().logger,
      // Sweeps often; claims long enough that no stall of this process (two assistants built
      // at once on a loaded machine) lets a live replica's claim lapse before it is renewed.
      tuning: { ...FAST, inbox: { claimMs: 10_000, sweepMs: 50 } },
      // Another replica leads: these do not poll, they only answer what the inbox hands them.
      leadership: { leading: false, follow: () => undefined },
      turns,
    });
    closers.push(() => started.stop());
    return started;
  }

  it("answers once, on one of two replicas, what a dead replica took; not what it had answered", async () => {
    const url = await database();
    // Replica A took two questions and died: one answered already (its row not yet deleted), one not.
    // Its claims lapsed by now: the channels read real time.
    time = Date.now() - CLAIM_MS - 1;
    const a = replica(url, "a");
    const [answered, lost] = [update("z6", "kết hôn"), update("z7", "khai sinh")];
    for (const u of [answered, lost]) a.inbox.taken(key(u), u);
    await Promise.all([answered, lost].map((u) => a.inbox.stored(key(u))));
    await pool(url, "a-turns").query("INSERT INTO handled_updates (update_key) VALUES ($1)", [`zalo:${key(answered)}`]);
    await a.die();

    const [b, c] = await Promise.all([channel(url), channel(url)]);
    await fake.waitFor(() => fake.sentTo("z7").length === 1, 10_000, "the lost question answered");
    expect(fake.sentTo("z7")[0]?.text).toContain("khai sinh");
    await vi.waitFor(async () => expect(await rows(url)).toEqual([]), { timeout: 10_000, interval: 20 });
    // Both replicas kept sweeping all along; the question went to one of them, the answered one to nobody.
    await vi.waitFor(() => expect(b.health().replayed + c.health().replayed).toBe(2));
    expect(fake.sentTo("z7")).toHaveLength(1);
    expect(fake.sentTo("z6")).toEqual([]);
    expect(b.health().handled + c.health().handled).toBe(1);
  });

  it("webhook: answers Zalo 200 only once the update is in the table (a crash after the 200 loses nothing)", async () => {
    const url = await database();
    const { dir, cleanup } = await tempDir();
    closers.push(cleanup);
    const http = new HttpServer(captureLogs().logger, () => ({}));
    const config = zaloConfig(fake, dir, {
      DATABASE_URL: url,
      ZALO_MODE: "webhook",
      ZALO_WEBHOOK_URL: "https://bot.example.vn/webhook/zalo",
      ZALO_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    const started = await startZalo({
      config,
      assistant: await newAssistant(),
      logger: captureLogs().logger,
      server: http,
      tuning: FAST,
    });
    closers.push(() => started.stop());
    const { port } = await http.listen(0);
    closers.push(() => http.close());
    // The inbox's insert waits behind this lock: the webhook must not say 200 meanwhile.
    const blocker = await pool(url, "blocker").connect();
    closers.push(async () => blocker.release(true));
    await blocker.query("BEGIN; LOCK TABLE zalo_inbox IN EXCLUSIVE MODE");
    let answered = false;
    const delivery = fake.deliver(`http://127.0.0.1:${port}/webhook/zalo`, textUpdate("z9", "khai sinh")).then((r) => {
      answered = true;
      return r;
    });
    await vi.waitFor(
      async () => {
        const { rows } = await pool(url, "observer").query(
          `SELECT 1 FROM pg_stat_activity WHERE application_name = 'motcua-bot zalo inbox' AND wait_event_type = 'Lock'`,
        );
        expect(rows).toHaveLength(1);
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(answered).toBe(false);
    await blocker.query("COMMIT");
    expect(await delivery).toMatchObject({ status: 200 });
    await fake.waitFor(() => fake.sentTo("z9").length === 1, 10_000, "the answer");
    await vi.waitFor(async () => expect(await rows(url)).toEqual([]), { timeout: 10_000, interval: 20 });
  });

  it("moves into the table, and answers, what a file inbox left in DATA_DIR holds; the file goes", async () => {
    const url = await database();
    const { dir, cleanup } = await tempDir();
    closers.push(cleanup);
    // The ward ran on files and crashed with a question taken and an answer half sent.
    const file = path.join(dir, "zalo-inbox.log");
    const { inbox } = FileUpdateInbox.open(file, Date.now());
    const [lost, half] = [update("z10", "khai sinh", Date.now()), update("z11", "1", Date.now())];
    inbox.taken(key(lost), lost);
    inbox.taken(key(half), half);
    inbox.replied(key(half), [{ text: "Phần một" }, { text: "Phần hai" }]);
    inbox.sent(key(half), 1);
    await inbox.close();

    const started = await channel(url, dir);
    await fake.waitFor(() => fake.sentTo("z10").length === 1 && fake.sentTo("z11").length === 1, 10_000, "both");
    expect(fake.sentTo("z10")[0]?.text).toContain("khai sinh");
    expect(fake.sentTo("z11").map((m) => m.text)).toEqual(["Phần hai"]);
    expect(existsSync(file)).toBe(false);
    await vi.waitFor(async () => expect(await rows(url)).toEqual([]), { timeout: 10_000, interval: 20 });
    expect(started.health().replayed).toBe(2);
  });
});

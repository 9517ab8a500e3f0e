import { appendFile, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { updateKey, type ZaloUpdate } from "../../src/channels/zalo/client/index.js";
import { FileUpdateInbox, REPLAY_MAX_AGE_MS } from "../../src/channels/zalo/inbox.js";
import { tempDir } from "../harness/common.js";
import { textUpdate } from "../harness/fake-zalo-api.js";

let dir: string;
let file: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("motcua-inbox-"));
  file = path.join(dir, "zalo-inbox.log");
});
afterEach(() => cleanup());

const update = (text: string, date = Date.now()): ZaloUpdate => {
  const u = textUpdate("u1", text) as ZaloUpdate;
  if (u.message) u.message.date = date;
  return u;
};
const key = (u: ZaloUpdate) => updateKey(u) ?? "";
/** Opens the inbox as the next process would (the previous one "crashed": nothing was closed). */
const reopen = (now = Date.now()) => FileUpdateInbox.open(file, now);

describe("Zalo update inbox", () => {
  it("gives the next process back what was taken and not answered, oldest first", () => {
    const { inbox } = reopen();
    const [a, b, c] = [update("một"), update("hai"), update("ba")];
    for (const u of [a, b, c]) inbox.taken(key(u), u);
    inbox.answered(key(b));
    const next = reopen();
    expect(next.unanswered.map((u) => u.update.message?.text)).toEqual(["một", "ba"]);
    // Still open until this process answers them; once it has, nothing comes back.
    expect(next.inbox.size).toBe(2);
    next.inbox.answered(key(a));
    next.inbox.answered(key(c));
    expect(reopen().unanswered).toEqual([]);
  });

  it("creates its folder when DATA_DIR does not exist yet", () => {
    file = path.join(dir, "not", "yet", "zalo-inbox.log");
    const u = update("câu hỏi");
    reopen().inbox.taken(key(u), u);
    expect(reopen().unanswered).toHaveLength(1);
  });

  it("keeps no message text on disk once everything is answered, and never the sender's name", async () => {
    const { inbox } = reopen();
    const u = update("số điện thoại 0912345678");
    inbox.taken(key(u), u);
    const written = await readFile(file, "utf8");
    expect(written).toContain("0912345678");
    expect(JSON.stringify(u)).toContain("Nguyễn Văn A");
    expect(written).not.toContain("Nguyễn Văn A");
    inbox.answered(key(u));
    expect((await stat(file)).size).toBe(0);
  });

  it("gives back the answer already worked out, and how many of its messages Zalo accepted", () => {
    const { inbox } = reopen();
    const [a, b] = [update("1"), update("5678")];
    inbox.taken(key(a), a);
    inbox.taken(key(b), b);
    const replies = [{ text: "Thủ tục…", choices: [{ id: "p:1", label: "Giấy tờ" }] }, { text: "tiếp" }];
    inbox.replied(key(a), replies);
    inbox.sent(key(a), 1);
    const next = reopen();
    expect(next.unanswered).toEqual([
      { update: expect.objectContaining({ event_name: a.event_name }), replies, parts: 1, tries: 1 },
      { update: expect.objectContaining({ event_name: b.event_name }), parts: 0, tries: 1 },
    ]);
  });

  it("gives up on an update after three processes took it without answering", () => {
    const { inbox } = reopen();
    const poison = update("làm sập bot");
    inbox.taken(key(poison), poison);
    expect(reopen().unanswered).toHaveLength(1); // second try
    expect(reopen().unanswered).toHaveLength(1); // third try
    const last = reopen();
    expect(last.unanswered).toEqual([]);
    expect(last.givenUp).toBe(1);
  });

  it("does not answer questions older than a day", () => {
    const now = Date.now();
    const { inbox } = reopen(now);
    const [old, recent] = [update("cũ", now - REPLAY_MAX_AGE_MS - 1), update("mới", now - 60_000)];
    inbox.taken(key(old), old);
    inbox.taken(key(recent), recent);
    const next = reopen(now);
    expect(next.unanswered.map((u) => u.update.message?.text)).toEqual(["mới"]);
    expect(next.expired).toBe(1);
  });

  it("skips a torn last line and keeps the rest", async () => {
    const { inbox } = reopen();
    const u = update("câu hỏi");
    inbox.taken(key(u), u);
    await appendFile(file, '{"taken":"message.text.received:ab');
    const next = reopen();
    expect(next.unanswered.map((x) => x.update.message?.text)).toEqual(["câu hỏi"]);
    expect(next.unreadable).toBe(1);
  });

  it("stays small when it is never empty, keeping what is open", async () => {
    const { inbox } = reopen();
    const waiting = update("chờ trả lời");
    inbox.taken(key(waiting), waiting);
    const long = "x".repeat(1_000);
    for (let i = 0; i < 3_000; i++) {
      const u = update(`${long} ${i}`);
      inbox.taken(key(u), u);
      inbox.answered(key(u));
    }
    expect((await stat(file)).size).toBeLessThan(70_000);
    expect(reopen().unanswered.map((u) => u.update.message?.text)).toEqual(["chờ trả lời"]);
  });
});

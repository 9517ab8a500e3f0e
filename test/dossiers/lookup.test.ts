import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  at,
  Clock,
  choiceIds,
  dossier,
  type Harness,
  openHarness,
  RecordingSender,
  tempDir,
  text,
} from "../harness/dossiers.js";

const CODE = "000.31.20.H49-251103-0012";
const KEY = "0003120H49-251103-0012";
const HOUR = 3_600_000;

let dir: string;
let cleanup: () => Promise<void>;
let clock: Clock;
let h: Harness;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  clock = new Clock(at("2025-11-06 09:00"));
  h = await openHarness(dir, clock);
  await h.import([
    dossier(),
    dossier({ code: "000.31.20.H49-251103-0013", status: "5", status_note: "Bản sao giấy chứng sinh có chứng thực" }),
  ]);
});
afterEach(async () => {
  await h.dossiers.stop();
  await cleanup();
});

/** /hoso CODE, then the digits if they are asked for; the last answer. */
async function lookUp(chat: string, code: string, digits: string) {
  const first = await h.say(chat, `/hoso ${code}`);
  return choiceIds(first).includes("d:x") ? h.say(chat, digits) : first; // "cancel" is offered while digits are awaited
}

describe("verified lookup", () => {
  it("asks for the phone digits, then shows procedure, masked applicant, dates, status and overdue", async () => {
    const ask = await h.say("telegram:1", "cho mình hỏi hồ sơ 000.31.20.h49 - 251103-0012 đến đâu rồi");
    expect(text(ask)).toContain("4 số cuối của số điện thoại");
    // The code as on the slip (as the citizen wrote it), not the folded lookup key.
    expect(text(ask)).toContain("giấy hẹn của hồ sơ 000.31.20.H49-251103-0012.");
    expect(text(ask)).not.toContain("0003120H49");
    expect(text(ask)).not.toContain("Nguyễn");
    const shown = text(await h.say("telegram:1", "5678"));
    expect(shown).toContain(`Hồ sơ ${CODE}`);
    expect(shown).toContain("Thủ tục: Đăng ký khai sinh");
    expect(shown).toContain("Người nộp: Nguyễn V. A.");
    expect(shown).not.toContain("Văn An");
    expect(shown).toContain("Ngày hẹn trả kết quả: 05/11/2025");
    expect(shown).toContain("Tình trạng: Đang xử lý");
    expect(shown).toContain("quá ngày hẹn");
  });

  it("says what documents are needed, and answers in English", async () => {
    await h.say("telegram:2", "english");
    const shown = text(await lookUp("telegram:2", "0003120h49-251103-0013", "0912 345 678"));
    expect(shown).toContain("Status: More documents needed");
    expect(shown).toContain("Still needed: Bản sao giấy chứng sinh có chứng thực");
    // Past the date, but waiting on the citizen: not the office's delay.
    expect(shown).not.toContain("promised date has passed");
  });

  it("asks for the code when /hoso comes alone, and lets the chat cancel", async () => {
    expect(text(await h.say("zalo:a", "/hoso"))).toContain("mã hồ sơ");
    expect(text(await h.say("zalo:a", CODE))).toContain("4 số cuối");
    expect(text(await h.pick("zalo:a", "d:x"))).toContain("Đã huỷ");
    // With nothing pending, a question goes to search again.
    expect(text(await h.say("zalo:a", "5678"))).not.toContain("Nguyễn V. A.");
  });

  it("gives the same answer for an unknown code and for wrong digits", async () => {
    const other = await tempDir();
    const empty = await openHarness(other.dir, clock); // the same code, not imported there
    try {
      await h.say("telegram:9", `/hoso ${CODE}`);
      await empty.say("telegram:9", `/hoso ${CODE}`);
      const wrongDigits = await h.say("telegram:9", "1111");
      const unknownCode = await empty.say("telegram:9", "5678");
      expect(unknownCode).toEqual(wrongDigits);
      expect(text(wrongDigits)).toContain("Bạn còn 4 lần thử");
    } finally {
      await empty.dossiers.stop();
      await other.cleanup();
    }
  });

  it("keeps a half-finished lookup across a restart", async () => {
    await h.say("telegram:1", `/hoso ${CODE}`);
    await h.dossiers.stop();
    h = await openHarness(dir, clock);
    expect(text(await h.say("telegram:1", "5678"))).toContain("Nguyễn V. A.");
  });
});

describe("lockouts", () => {
  it("locks a chat out for an hour after 5 wrong answers within an hour, even with the right digits", async () => {
    for (let i = 0; i < 4; i++) await lookUp("telegram:7", CODE, `000${i}`);
    const fifth = text(await lookUp("telegram:7", "000.31.20.H49-251103-0099", "0000"));
    expect(fifth).toContain("tạm khoá đến 10:00");
    expect(text(await h.say("telegram:7", `/hoso ${CODE}`))).toContain("tạm khoá");
    expect(text(await h.say("telegram:7", "5678"))).not.toContain("Nguyễn V. A.");
    // Another chat is not affected.
    expect(text(await lookUp("telegram:8", CODE, "5678"))).toContain("Nguyễn V. A.");
    clock.advance(HOUR);
    expect(text(await lookUp("telegram:7", CODE, "5678"))).toContain("Nguyễn V. A.");
  });

  it("does not lock a chat whose wrong answers are spread over more than an hour", async () => {
    for (let i = 0; i < 8; i++) {
      expect(text(await lookUp("telegram:7", CODE, "0000"))).not.toContain("tạm khoá");
      clock.advance(HOUR / 4 + 60_000);
    }
  });

  it("locks a code for chat lookups for the rest of the day after 10 wrong answers, whoever sent them", async () => {
    for (let chat = 0; chat < 5; chat++) {
      for (let i = 0; i < 2; i++) await lookUp(`zalo:${chat}`, CODE, "0000");
    }
    const locked = text(await lookUp("zalo:fresh", CODE, "5678"));
    expect(locked).toContain("tạm khoá tra cứu qua tin nhắn đến hết ngày");
    expect(locked).not.toContain("Nguyễn");
    // The other dossier is still open, and an unknown code locks the same way.
    expect(text(await lookUp("zalo:fresh2", "0003120H49-251103-0013", "5678"))).toContain("Cần bổ sung");
    for (let chat = 0; chat < 5; chat++) {
      for (let i = 0; i < 2; i++) await lookUp(`zalo:u${chat}`, "000.31.20.H49-251103-0777", "0000");
    }
    expect(text(await lookUp("zalo:fresh3", "000.31.20.H49-251103-0777", "0000"))).toBe(locked);
    // Locks hold across a restart, and end at midnight (Vietnam time).
    await h.dossiers.stop();
    h = await openHarness(dir, clock);
    expect(text(await lookUp("zalo:fresh4", CODE, "5678"))).toBe(locked);
    clock.set("2025-11-07 00:01");
    expect(text(await lookUp("zalo:fresh4", CODE, "5678"))).toContain("Nguyễn V. A.");
  });

  it("keeps lockout counters without chat ids or codes", async () => {
    for (let i = 0; i < 5; i++) await lookUp("telegram:123456789", CODE, "0000");
    const file = await readFile(path.join(dir, "lockouts.json"), "utf8");
    expect(file).not.toMatch(/123456789|H49|251103/);
    expect(JSON.parse(file).data.chats).not.toEqual({});
  });
});

describe("subscriptions and personal data", () => {
  it("subscribes only after a verified lookup, even when the choice id is forged", async () => {
    expect(text(await h.pick("telegram:5", `d:s:${KEY}`))).toContain("tra cứu lại");
    await h.import([dossier({ status: "9" })]);
    await h.dossiers.flushOutbox();
    expect(h.sender.sent).toEqual([]);

    const shown = await lookUp("telegram:5", CODE, "5678");
    expect(choiceIds(shown)).toContain(`d:s:${KEY}`);
    expect(text(await h.pick("telegram:5", `d:s:${KEY}`))).toContain("Đã bật thông báo");
    expect(choiceIds(await lookUp("telegram:5", CODE, "5678"))).toContain(`d:u:${KEY}`);
  });

  it("/huy stops notifications and /xoadulieu deletes links, lookup history and queued messages", async () => {
    await lookUp("telegram:5", CODE, "5678");
    await h.pick("telegram:5", `d:s:${KEY}`);
    await lookUp("telegram:6", CODE, "5678");
    await h.pick("telegram:6", `d:s:${KEY}`);

    expect(text(await h.say("telegram:5", "/huy"))).toContain("Đã tắt thông báo cho 1 hồ sơ");
    await h.import([dossier({ status: "5", status_note: "Giấy chứng sinh" })]); // queued for telegram:6
    expect(text(await h.say("telegram:6", "/xoadulieu"))).toContain("Đã xoá liên kết với 1 hồ sơ");
    await h.dossiers.flushOutbox();
    expect(h.sender.sent).toEqual([]);
    // The lookup history went too: subscribing again needs the digits again.
    expect(text(await h.pick("telegram:6", `d:s:${KEY}`))).toContain("tra cứu lại");
    const saved = await h.service.conversations.get("telegram:6");
    expect(saved?.features?.dossiers).toBeUndefined();
    expect(await readFile(path.join(dir, "outbox.json"), "utf8")).not.toContain("telegram:6");
  });

  it("/xoadulieu counts a dossier the chat only looked up (verified, not followed)", async () => {
    await lookUp("telegram:7", CODE, "5678");
    expect(text(await h.say("telegram:7", "/xoadulieu"))).toContain("Đã xoá liên kết với 1 hồ sơ");
    expect(text(await h.say("telegram:7", "/xoadulieu"))).toContain("Đã xoá liên kết với 0 hồ sơ");
  });

  it("keeps phone numbers, names, codes and chat ids out of the logs", async () => {
    const failing = new RecordingSender();
    await h.dossiers.stop();
    h = await openHarness(dir, clock, {}, failing);
    await lookUp("telegram:424242", CODE, "5678");
    await h.pick("telegram:424242", `d:s:${KEY}`);
    for (let i = 0; i < 5; i++) await lookUp("telegram:515151", CODE, "0000");
    for (let i = 0; i < 10; i++) await lookUp(`telegram:6${i}`, CODE, "0000");
    failing.failures = 20;
    await h.import([dossier({ status: "5", status_note: "Sổ hộ khẩu của Nguyễn Văn An" })]);
    for (let i = 0; i < 12; i++) {
      await h.dossiers.flushOutbox();
      clock.advance(HOUR);
    }
    const logs = h.logs.join("\n");
    expect(logs).toContain("lookups locked");
    expect(logs).toContain("given up");
    expect(logs).not.toMatch(/0912|345678|5678|Nguyễn|V\. A\.|H49|251103|424242|515151|Sổ hộ khẩu/);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLabelledQueries } from "../../src/search/evaluate.js";
import { extractIntent } from "../../src/search/intent.js";
import { textWords, words } from "../../src/search/normalize.js";

/** The section a message asks, as the rules read it (src/search/intent.ts and the context it reads). */
const intentOf = (text: string) => extractIntent(textWords(text)).intent;

/**
 * Session 15's families, each beside a counter-case that must keep its section: a penalty asked with its amount or
 * its "how" (the conditions, eval/README), a limit the rules set ("tối đa bao lâu") against the office's wait, which
 * office in Central speech, a need stated after the question, "đk gì" said alone after an answer.
 */
describe("section cues that generalise (session 15)", () => {
  it.each([
    // a penalty, its amount asked after it in its clause or how it is, is the conditions; "lệ phí" stays the fee
    ["phạt xây nhà không phép bao nhiêu", "conditions"],
    ["be 3 tuoi chua khai sinh, gio lam thi phat bn", "conditions"],
    ["nếu xây trước rồi xin sau thì bị phạt thế nào", "conditions"],
    ["xây sai phép bị xử phạt ra sao", "conditions"],
    ["lệ phí bao nhiêu, trễ thì có bị phạt không", "fee"],
    ["em bị phạt rồi, giờ làm lại hết bao nhiêu tiền", "fee"],
    ["thôi, tôi muốn khiếu nại quyết định xử phạt mà phường ra cho tôi", "general"],
    ["phát sinh thêm bao nhiêu tiền", "fee"],
    // how long at most the rules allow is a condition; the office's wait at most, the time
    ["nghỉ tối đa được bao lâu", "conditions"],
    ["được nghỉ tối đa bao lâu", "conditions"],
    ["tạm trú tối đa mấy năm", "conditions"],
    ["how long can i pause my business", "conditions"],
    ["mất tối đa bao lâu", "time"],
    ["chờ tối đa bao lâu", "time"],
    ["giải quyết tối đa bao nhiêu ngày", "time"],
    ["tối đa bao lâu thì có kết quả", "time"],
    // which office, in Central speech, after going or being there; "xã mở hội" is no question
    ["đăng ký tạm trú ở phường mô rứa", "place"],
    ["lên xã mô làm", "place"],
    ["báo xã mở hội làng", "general"],
    // a need stated after the question is the errand; asked, it is the papers
    ["What time does the ward office open on Saturday? I need a copy certified from the original.", "place"],
    ["Where is the office? Do I need a copy?", "documents"],
    // "đk gì" said alone asks the conditions; "đăng ký gì" spelled out asks which registration
    ["đk gì", "conditions"],
    ["cần đăng ký gì", "general"],
  ])("«%s» asks %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  it("reads «đk gì» alone as the conditions with nothing left to search, also from words without places", () => {
    for (const read of [extractIntent(textWords("đk gì")), extractIntent(words("đk gì"))]) {
      expect(read.intent).toBe("conditions");
      expect(read.rest.map((w) => w.token).filter((t) => t !== "gi")).toEqual([]);
    }
    // a procedure named before it keeps "đăng ký" for the search
    expect(extractIntent(words("xin hộ nghèo thì dk gì")).rest.map((w) => w.token)).toContain("ngheo");
  });
});

/**
 * test/search/s15-intent-probe1.tsv: session 15's first batch (55 messages: letters whose story names other sections'
 * words — a hometown, a date, money — before the question at the end, two sections at once, chat, regional and
 * English), written from the records and eval/README before the session's changes: 51 read right by the rules before.
 */
const s15probe1 = parseLabelledQueries(readFileSync(new URL("./s15-intent-probe1.tsv", import.meta.url), "utf8"));

describe("session 15's probe batch, read by the rules", () => {
  it("reads at least 55 of the 55 sections", () => {
    expect(s15probe1.length).toBe(55);
    const right = s15probe1.filter((q) => q.intents.includes(intentOf(q.query))).length;
    expect(right).toBeGreaterThanOrEqual(55);
  });
});

/**
 * Corrections and refinements (the citizen tells the bot it answered the wrong procedure, or adds a detail that
 * names a variant): conversations written for this test (test/core/conversations-corrections.jsonl), played against
 * the real assistant as eval's are (test/harness/eval-conversations.ts), and the reading of a correction alone.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { Translator } from "../../src/core/i18n.js";
import { MemoryConversationStore, type Reply } from "../../src/core/types.js";
import { readCorrection } from "../../src/features/corrections.js";
import { createAssistant } from "../../src/features/index.js";
import { readProcedureChoice } from "../../src/features/procedure-choice.js";
import { bundledCatalogue } from "../harness/common.js";
import { conversations, playConversations } from "../harness/eval-conversations.js";

let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

describe("corrections in conversation", () => {
  it("follow-up turns after a correction or a refinement refer to the right procedure", async () => {
    const score = await playConversations(conversations("test/core/conversations-corrections.jsonl"), catalogue);
    const rate = score.followUpsRight / Math.max(1, score.followUps);
    console.log(
      `corrections: ${score.conversations} conversations, follow-up turns right ${score.followUpsRight}/${score.followUps} = ${rate.toFixed(3)}, ` +
        `no-procedure turns right ${score.noneRight}/${score.noneTurns}`,
    );
    if (process.env.SHOW_WRONG) console.log(score.wrong.join("\n"));
    expect(score.conversations).toBeGreaterThanOrEqual(40);
    // 191/273 = 0.700 at c413729, before corrections were read. k060–k082, k085–k104, k105–k119 and k123–k137 were
    // written after changes and measured before the next (38/46 → 44/46, 26/40 → 28/40, 28/30 and 26/30 when first
    // measured): 263/273 = 0.963 then, a floor under it. 257/273 at ad3bb02 (session 13's start), 255 with 9dc7e5c's
    // re-ranker (k126's plain re-registration ranked under its foreign-element twin), 257 again once a listed look-alike
    // covering the correction is read by its foreign element. 259/273 at session 14's start (3247025), 265/273 = 0.971
    // once the case told anew is read (retoldCase: a marriage made abroad, a foreigner, the mobile registration).
    expect(rate).toBeGreaterThanOrEqual(0.96);
    // "không phải", "không có cái nào đúng": never the same answer again.
    expect(score.noneRight).toBe(score.noneTurns);
    // A hang guard, not a budget: the 137 conversations play in 14–19 s on a quiet machine, 47 s when CI's four
    // workers share two cores (the nineteenth session's 9,896 câu mẫu), past vitest's default 30 s.
  }, 120_000);
});

/** An assistant on the bundled catalogue, one chat, in the client's language. */
function chat(languageCode?: string) {
  const conversations = new MemoryConversationStore();
  const assistant = createAssistant({ catalogue, conversations });
  const say = (text: string) => assistant.handle("zalo:1", { kind: "text", text }, { languageCode });
  const tap = (id: string) => assistant.handle("zalo:1", { kind: "choice", id }, { languageCode });
  // The stored text only: numbers are times (an "at" of 1796238678963 holds "678"), never words kept.
  const stored = async () =>
    JSON.stringify(await conversations.get("zalo:1"), (_key, value) => (typeof value === "number" ? undefined : value));
  return { say, tap, stored };
}
const translator = new Translator();
const first = (replies: Reply[]) => replies[0]?.text ?? "";
const offered = (replies: Reply[]) => (replies[0]?.choices ?? []).map((c) => readProcedureChoice(c.id)?.code ?? c.id);

describe("a correction in the assistant", () => {
  it("a bare no after an answer offers the other candidates, never the same answer, with a way out", async () => {
    const { say, tap } = chat();
    expect(first(await say("giấy phép bán rượu"))).toContain("(mã 2.000620)");
    const list = await say("không phải");
    expect(first(list)).toBe(translator.t("vi", "correction-choose"));
    expect(first(list)).not.toContain("(mã");
    expect(offered(list)).toContain("2.001240");
    expect(offered(list)).not.toContain("2.000620");
    expect(offered(list).at(-1)).toBe("n");
    // The list is a "which one?": a number picks from it.
    expect(first(await say(String(offered(list).indexOf("2.001240") + 1)))).toContain("(mã 2.001240)");
    // "None of these" asks for other words, with browsing as a way out.
    await say("giấy phép bán rượu");
    await say("sai rồi");
    const again = await tap("n");
    expect(first(again)).toBe(translator.t("vi", "correction-describe"));
    expect(again[0]?.choices?.map((c) => c.id)).toEqual(["m:browse"]);
  });

  it("a correction naming what is meant switches to it, the wrong answer set aside", async () => {
    const { say } = chat();
    await say("giấy phép rượu");
    const other = await say("sai rồi, giấy phép rượu khác");
    expect(first(other)).not.toContain("(mã 2.000620)");
    // Listed instead, the wrong one is not among them (though the re-issue's note cites it).
    expect(offered(other)).toContain("2.001240");
    expect(offered(other)).not.toContain("2.000620");
    await say("tạm trú");
    expect(first(await say("không phải, tạm trú cho khách ở nhà nghỉ qua đêm"))).toContain("(mã 2.001159)");
    expect(first(await say("có mất phí không"))).toMatch(/mã 2\.001159\)\nLệ phí:/);
  });

  it("after a list, none of these asks for other words and sets the list aside", async () => {
    const { say } = chat();
    const list = await say("mai táng phí");
    expect(offered(list).length).toBeGreaterThan(1);
    expect(first(await say("ko phải mấy cái này"))).toBe(translator.t("vi", "correction-describe"));
    expect(first(await say("tôi muốn hỏi trợ cấp thờ cúng liệt sĩ"))).toContain("(mã 1.010803)");
  });

  it("none of these after a bare no sets aside the answer first rejected too", async () => {
    const { say, tap } = chat();
    await say("giấy phép bán rượu");
    await say("không phải");
    await say("không có cái nào đúng");
    expect(first(await say("xin phép bán rượu cho quán"))).not.toContain("(mã 2.000620)");
    // The button, and a list after a correction naming what is meant ("sai rồi, giấy phép rượu khác"), alike.
    await say("giấy phép bán rượu");
    await say("không phải");
    await tap("n");
    expect(first(await say("xin phép bán rượu cho quán"))).not.toContain("(mã 2.000620)");
    const other = chat();
    await other.say("giấy phép rượu");
    expect(offered(await other.say("sai rồi, giấy phép rượu khác")).length).toBeGreaterThan(1);
    await other.say("không có cái nào đúng");
    expect(first(await other.say("xin phép bán rượu cho quán"))).not.toContain("(mã 2.000620)");
  });

  it("a no after another agency's pointer corrects the pointer, not the procedure before it", async () => {
    const { say } = chat();
    await say("khai sinh");
    expect(first(await say("làm hộ chiếu ở đâu"))).not.toContain("(mã");
    const no = await say("không phải");
    expect(first(no)).toBe(translator.t("vi", "correction-describe"));
    expect(offered(no)).toEqual(["m:browse"]);
    await say("khai sinh");
    await say("làm hộ chiếu ở đâu");
    // What is meant, named: searched with nothing set aside.
    expect(first(await say("không phải, ý tôi là khai sinh"))).toContain("(mã 1.001193)");
  });

  it("an old 'none of these' pressed when no list is the latest sets nothing aside", async () => {
    const { say, tap } = chat();
    await say("giấy phép bán rượu");
    await say("không phải");
    await say("khai sinh");
    expect(first(await tap("n"))).toBe(translator.t("vi", "expired-choice"));
    // Still on the birth registration.
    expect(first(await say("lệ phí bao nhiêu"))).toMatch(/mã 1\.001193\)\nLệ phí:/);
  });

  it("the section asked stays asked through a bare no", async () => {
    const { say } = chat();
    expect(first(await say("lệ phí khai sinh bao nhiêu"))).toMatch(/mã 1\.001193\)\nLệ phí:/);
    const list = await say("sai rồi");
    const [, second] = offered(list);
    expect(second).toMatch(/^\d\.\d{6}$/);
    const picked = await say("2");
    expect(first(picked)).toContain(`(mã ${second})`);
    // Its fee: the summary is a button away, the fee none.
    expect(offered(picked)).toContain(`${second}`);
    expect(picked[0]?.choices?.map((c) => c.id)).toContain(`p:${second}:g`);
    expect(picked[0]?.choices?.map((c) => c.id)).not.toContain(`p:${second}:f`);
  });

  it("speaks English to an English chat", async () => {
    const { say } = chat("en");
    await say("death registration");
    const list = await say("not this one");
    expect(first(list)).toBe(translator.t("en", "correction-choose"));
    expect(list[0]?.choices?.at(-1)?.label).toBe(translator.t("en", "correction-none-right"));
    expect(first(await say("none of these"))).toBe(translator.t("en", "correction-describe"));
  });

  it("a no that declines politely closes, it corrects nothing", async () => {
    const { say } = chat("en");
    await say("death registration");
    const replies = await say("No, thanks");
    expect(first(replies)).not.toBe(translator.t("en", "correction-choose"));
    expect(offered(replies)).not.toContain("n");
  });

  it("keeps the words that led to an answer without phone numbers, e-mails or dossier codes", async () => {
    const { say, stored } = chat();
    const asked =
      "sđt em 0912 345 678, mail lan.nguyen@example.com, hồ sơ 000.31.20.H49-251103-0012, làm giấy phép xây dựng";
    expect(first(await say(asked))).toContain("Cấp giấy phép xây dựng mới");
    const state = await stored();
    expect(state).toContain("giấy phép xây dựng");
    for (const personal of ["0912", "345", "678", "lan.nguyen", "H49", "251103"]) expect(state).not.toContain(personal);
    // Still read with them: a detail next refines the procedure at hand.
    expect(first(await say("bị rách, xin cấp lại"))).toContain("(mã 1.013228)");
  });

  it("a detail refines the procedure at hand to its variant", async () => {
    const { say } = chat();
    await say("giấy khai sinh");
    expect(first(await say("bản sao thôi"))).toContain("(mã 2.000635)");
    await say("giấy phép xây dựng");
    expect(first(await say("bị rách, xin cấp lại"))).toContain("(mã 1.013228)");
    // "mất" alone reads as a death to search; after a paper, "bị mất" is the paper lost.
    await say("giấy phép bán thuốc lá");
    expect(first(await say("bị mất rồi"))).toContain("(mã 2.000150)");
    await say("giấy phép bán thuốc lá");
    expect(first(await say("mất rồi"))).toContain("(mã 2.000150)");
    // Where nothing is re-issued, "mất rồi" stays a death.
    await say("trợ cấp xã hội hàng tháng");
    expect(first(await say("mất rồi"))).toContain("(mã 1.000656)");
  });
});

describe("readCorrection", () => {
  it.each([
    ["không phải", ""],
    ["ko phải cái đó", ""],
    ["khong phai", ""],
    ["sai rồi", ""],
    ["nhầm rồi bạn ơi", ""],
    ["not this one", ""],
    ["wrong", ""],
    ["sai rồi, cái khác", ""],
    ["ý tôi là khai tử", "khai tử"],
    ["y toi la khai tu", "khai tu"],
    ["tôi hỏi tạm vắng cơ", "tạm vắng"],
    ["ko phải, tôi hỏi tạm vắng cơ", "tạm vắng"],
    ["không phải khai sinh mà là khai tử", "khai tử"],
    ["tôi hỏi khai tử chứ không phải khai sinh", "khai tử"],
    ["nhầm, xóa tạm trú chứ không phải thường trú", "xóa tạm trú"],
    ["không phải thành lập, tôi hỏi tạm ngừng kinh doanh cơ", "tạm ngừng kinh doanh"],
    ["no, I meant death registration", "death registration"],
    ["chưa đúng ý tôi", ""],
    ["không phải cái tôi cần", ""],
    ["cái này không phải", ""],
    ["thủ tục đó sai rồi", ""],
    ["bạn trả lời sai rồi", ""],
    ["bot tra loi nham roi", ""],
    ["that's not what I need", ""],
    ["not what I'm looking for", ""],
    ["no that's wrong", ""],
    ["sai r", ""],
    ["đâu phải", ""],
    ["nah", ""],
    ["wrong answer", ""],
    ["y e la khai tu", "khai tu"],
    ["không phải cái đó, tôi muốn cấp lại giấy phép bán rượu", "cấp lại giấy phép bán rượu"],
    // thanks said with a no: still a bare no, not a search for "cảm ơn" ("đâu" there is no "where")
    ["không phải đâu, cảm ơn", ""],
    ["sai rồi, cám ơn bạn", ""],
    ["not this one, thanks", ""],
  ])("%s: a correction meaning %j", (text, rest) => {
    expect(readCorrection(text)).toMatchObject({ kind: "reject", rest });
  });

  it.each(["không có cái nào đúng", "ko phải mấy cái này", "none of these", "khong co cai nao dung"])(
    "%s: none of the list",
    (text) => {
      expect(readCorrection(text)).toMatchObject({ kind: "none" });
    },
  );

  it.each([
    "không phải nộp lệ phí à",
    "có phải nộp lệ phí không",
    "sai tên trong giấy khai sinh",
    "người dịch không phải là cộng tác viên",
    "không phải chủ hộ thì có đăng ký được không",
    "không phải là người thân thì nhận chăm sóc được không",
    "no fee?",
    "tôi cần giấy tờ gì",
    "tôi hỏi có mất phí không",
    "nhận con nuôi",
    "sai rồi thì sửa thế nào",
    "đâu phải nộp phí đúng không",
    "y te",
    "cái này có mất phí không",
    "I want to register my household business",
    "I need a proof of residence certificate, where do I get it",
    "em muốn hỏi thủ tục đăng ký kết hôn cần những giấy tờ gì và nộp ở đâu ạ",
    // an English no that declines ("anything else?"): closing the chat, not correcting it
    "No, thanks",
    "no thank you",
    "nope, that's all",
  ])("%s: no correction", (text) => {
    expect(readCorrection(text)).toBeUndefined();
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { readProcedureChoice } from "../../src/features/procedure-choice.js";
import { bundledCatalogue } from "../harness/common.js";
import { chatWith, codeOf, converse, SECTION_LINE } from "../harness/converse.js";

/**
 * Session 12 (FOLLOW): a section asked past a "which one?" list that a story got is answered for the listed procedure
 * the story and the question lead to, the others one tap away; a section asked after an answer with words of the case
 * stays on it; a price of another thing is no fee of it. Phrasings written for this test.
 */
let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

describe("a section asked past the list a story got", () => {
  it("answers the list's leader for the story, the other listed procedures one tap away", async () => {
    const { say } = chatWith(catalogue);
    const list = await say(
      "hợp đồng tặng cho nhà đã chứng thực ở phường tháng trước, giờ phát hiện ghi sai diện tích đất, muốn chỉnh lại",
    );
    expect(codeOf(list)).toBeUndefined();
    const listed = (list[0]?.choices ?? []).map((c) => readProcedureChoice(c.id)?.code);
    const answered = await say("nhanh thì mấy hôm xong");
    expect(codeOf(answered)).toBe("2.000927");
    expect(answered[0]?.text).toMatch(SECTION_LINE.time);
    const offered = (answered[0]?.choices ?? []).map((c) => readProcedureChoice(c.id)?.code);
    for (const code of listed.filter((c) => c !== "2.000927")) expect(offered).toContain(code);
  });

  it("a story naming a foreigner leads to the foreign-element variant, as the list was ordered", async () => {
    const { say } = chatWith(catalogue);
    await say("con gái tôi mang quốc tịch Úc, giấy khai sinh làm ở phường bị ghi sai ngày sinh, muốn sửa lại");
    expect(codeOf(await say("sửa thì mất mấy ngày"))).toBe("2.000748");
  });

  it("a bare name's list the list judge is sure of is answered, its note and the other variants one tap away", async () => {
    const { say } = chatWith(catalogue);
    // Until session 30 a list (each listed procedure's office side by side on «nộp ở đâu»). The list judge (ranker.ts
    // `LEAD`) answers a first question's list whose first it finds clearly right: the re-registration, whose note sends
    // a citizen whose register still holds the birth to the copy extract (2.000635), which stays one tap away.
    const first = await say("mất giấy khai sinh");
    expect(codeOf(first)).toBe("1.004884");
    expect(first[0]?.text).toMatch(/2\.000635/);
    expect(codeOf(await say("nộp ở đâu"))).toBe("1.004884");
  });

  // review s12 H2: a vague story names no procedure; the section asked next is no reason to answer one of the list.
  it.each([
    ["anh chị ơi em làm mất giấy tờ rồi", "mất bao lâu"],
    ["ông bà tôi già rồi, muốn làm giấy tờ gì đó cho con cháu", "mất mấy ngày"],
    ["tôi có việc muốn nhờ phường giải quyết giúp ạ", "mất bao lâu"],
    ["nhà em có việc muốn hỏi về giấy tờ cho con", "phí bao nhiêu"],
    ["nhà em có việc muốn hỏi về giấy tờ cho con", "mất bao lâu"],
  ] as const)("a vague story's list stays a list: %s / %s", async (story, next) => {
    const { say } = chatWith(catalogue);
    expect(codeOf(await say(story))).toBeUndefined();
    expect(codeOf(await say(next))).toBeUndefined();
  });

  it.each([["tôi muốn làm giấy tờ cho bố tôi mới mất hôm qua ở bệnh viện", "nộp ở đâu", "1.000656"]] as const)(
    "a story that names its procedure gets it: %s / %s",
    async (story, next, code) => {
      const { say } = chatWith(catalogue);
      await say(story);
      expect(codeOf(await say(next))).toBe(code);
    },
  );

  // «bà nội em mất rồi, nhà còn đất» asked khai tử here until the twentieth session; its training set T14 (letters
  // whose background tells a death while they ask for the heirs' papers of the land it left) taught the re-ranker that
  // a death told beside the land it left is as often the heirs' division, and it listed both; with F15 split in (the
  // twenty-first session) it answers khai tử again. Both are right for the citizen, and which one the model leans to
  // moves with each training set: the case holds either khai tử answered, or a list that offers khai tử and the heirs'
  // division first with the section asked next left as the citizen's choice — never another procedure, never nothing.
  it("a death told beside the land it left: khai tử, or khai tử and the heirs' division both listed", async () => {
    const { say } = chatWith(catalogue);
    const told = codeOf(await say("bà nội em mất rồi, nhà còn đất"));
    expect([undefined, "1.000656"]).toContain(told);
    const asked = await say("nộp ở đâu");
    if (codeOf(asked) !== undefined) {
      expect(codeOf(asked)).toBe("1.000656");
      return;
    }
    const offered = (asked[0]?.choices ?? []).map((c) => readProcedureChoice(c.id)?.code);
    expect(offered.slice(0, 3)).toContain("1.000656");
    expect(offered.slice(0, 3)).toContain("2.001406");
  });

  it("an off-topic question over the list is no question about its leader", async () => {
    await converse(catalogue, [
      ["nhóm anh em công giáo bọn tôi muốn đăng ký sinh hoạt tôn giáo tập trung ở nhà một thành viên", "1.012590"],
      ["giá thuê hội trường nhà văn hóa bao nhiêu", undefined],
    ]);
  });
});

describe("a section asked after an answer, with words of the case", () => {
  it.each([
    ["đăng ký khai sinh", "1.001193", "ông bà nội ở Đà Lạt xuống, ông đi nộp thay được không", "conditions"],
    ["xóa đăng ký tạm trú", "1.010028", "chủ trọ cũ đứng ra làm giúp được không", "conditions"],
    ["cấp giấy phép bán lẻ thuốc lá", "2.000181", "where do I hand in my application?", "place"],
    ["đăng ký khai sinh", "1.001193", "em phải cầm theo những gì", "documents"],
  ] as const)("%s / %s", async (first, code, next, section) => {
    await converse(catalogue, [
      [first, code],
      [next, code, section],
    ]);
  });
});

describe("a price of another thing is no fee of the procedure at hand (review s11 M1)", () => {
  it.each([
    ["đăng ký tạm trú", "1.004194", "tiền thuê nhà tháng bao nhiêu"],
    ["xác nhận thông tin về cư trú", "1.010041", "giá vé xe buýt tới đó bao nhiêu"],
    ["đăng ký khai sinh", "1.001193", "sinh con ở bệnh viện tư hết bao nhiêu tiền"],
    ["đăng ký xe máy mới mua", "1.012575", "bảo hiểm xe máy mua ở đâu"],
  ] as const)("%s / %s", async (first, code, next) => {
    await converse(catalogue, [
      [first, code],
      [next, undefined],
    ]);
  });
});

// review s12 H1: words that make a question of their own (a trip, a cheaper shop, writing) are no words of asking.
describe("an off-topic question in words of going or comparing prices is no section of the procedure at hand", () => {
  it.each([
    ["giấy phép bán lẻ rượu", "2.000620", "nhập bia ở đâu rẻ"],
    ["giấy phép bán lẻ rượu", "2.000620", "nhập rượu ở đâu rẻ"],
    ["đăng ký hộ kinh doanh", "1.001612", "lấy hàng ở đâu rẻ hơn"],
    ["chứng thực bản sao", "2.000815", "in tài liệu ở đâu rẻ"],
    ["đăng ký kết hôn", "1.000894", "vô Sài Gòn mất bao lâu"],
    ["đăng ký kết hôn", "1.000894", "đi xuống Vũng Tàu chơi mất bao lâu"],
    ["đăng ký kết hôn", "1.000894", "ra Hà Nội mất bao lâu"],
    ["đăng ký kết hôn", "1.000894", "bay sang Hàn Quốc hết bao nhiêu tiền"],
    ["đăng ký hộ kinh doanh", "1.001612", "mua bàn ghế ở đâu rẻ"],
    ["đăng ký khai sinh", "1.001193", "mua sữa cho bé ở đâu rẻ hơn"],
  ] as const)("%s / %s", async (first, code, next) => {
    await converse(catalogue, [
      [first, code],
      [next, undefined],
    ]);
  });

  it("over a story's list too: where a thing is cheap is shopping", async () => {
    await converse(catalogue, [
      ["nhà em mở quán ăn nhỏ ở đầu hẻm, bán cả bia rượu", undefined],
      ["nhập bia ở đâu rẻ", undefined],
    ]);
  });

  it.each([
    ["đăng ký khai sinh", "1.001193", "nghe nói bảo tốn nhiều tiền lắm, phải đóng những khoản gì", "fee"],
    ["đăng ký khai sinh", "1.001193", "nộp online có rẻ hơn không", undefined],
    ["đăng ký khai sinh", "1.001193", "cán bộ có xuống tận nhà không", undefined],
    ["đăng ký tạm trú", "1.004194", "ra Hà Nội nộp thì mất bao lâu", "time"],
    ["đăng ký khai sinh", "1.001193", "làm trên cổng dịch vụ công có rẻ hơn không", undefined],
    ["chứng thực bản sao", "2.000815", "where should I hand in the application?", "place"],
    ["đăng ký kết hôn", "1.000894", "có nhất thiết phải có mặt cả hai không", "conditions"],
  ] as const)("in scope stays: %s / %s", async (first, code, next, section) => {
    const { say } = chatWith(catalogue);
    expect(codeOf(await say(first))).toBe(code);
    const replies = await say(next);
    expect(codeOf(replies)).toBeDefined();
    if (section) expect(replies[0]?.text).toMatch(SECTION_LINE[section]);
  });
});

// review s12 H3: the fee of doing it, asked with the case told around it, is its fee.
describe("a fee question carrying the case's words is the procedure's fee", () => {
  it.each([
    ["marriage registration", "1.000894", "my fiancee is from Korea, how much is the fee", "2.000806"],
    ["marriage registration", "1.000894", "what is the fee if my partner is a foreigner", "2.000806"],
    ["đăng ký hộ kinh doanh", "1.001612", "tiệm tạp hóa của mẹ em đăng ký thì mất bao nhiêu tiền", "1.001612"],
    ["chứng thực bản sao", "2.000815", "how much per page for my university diploma", "2.000815"],
    ["giấy phép bán lẻ rượu", "2.000620", "I run a take-away bottle shop, how much is the licence", "2.000620"],
    ["đăng ký khai sinh", "1.001193", "mẹ em sinh ở nhà thì đăng ký mất bao nhiêu tiền", "1.001193"],
    ["đăng ký kết hôn", "1.000894", "vợ sắp cưới của em là người Hàn thì lệ phí bao nhiêu", undefined],
  ] as const)("%s / %s", async (first, code, next, fee) => {
    const { say } = chatWith(catalogue);
    expect(codeOf(await say(first))).toBe(code);
    const replies = await say(next);
    if (fee) expect(codeOf(replies)).toBe(fee);
    else expect(codeOf(replies)).toBeDefined();
    expect(replies[0]?.text).toMatch(SECTION_LINE.fee);
  });

  it.each([
    ["đăng ký kết hôn", "1.000894", "tổ chức đám cưới hết bao nhiêu tiền"],
    ["đăng ký khai sinh", "1.001193", "sinh con ở bệnh viện tư hết bao nhiêu tiền"],
    ["chuyển trường cho học sinh", undefined, "học phí đại học bao nhiêu"],
  ] as const)("a thing's price stays no fee: %s / %s", async (first, code, next) => {
    const { say } = chatWith(catalogue);
    const opened = await say(first);
    if (code) expect(codeOf(opened)).toBe(code);
    expect(codeOf(await say(next))).toBeUndefined();
  });

  // review s12 M1: "có phải bỏ tiền ra không" asks whether it costs money
  it("'có phải bỏ tiền ra không' after an answer is its fee", async () => {
    await converse(catalogue, [
      ["đăng ký kết hôn", "1.000894"],
      ["có phải bỏ tiền ra không", "1.000894", "fee"],
    ]);
  });
});

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

  it("a bare name's list stays a choice: its variants are the citizen's to pick", async () => {
    const { say } = chatWith(catalogue);
    await say("mất giấy khai sinh");
    // each listed procedure's office side by side, no one of them answered
    expect((await say("nộp ở đâu"))[0]?.text).toMatch(/^Nơi nộp hồ sơ:\n1\. /);
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

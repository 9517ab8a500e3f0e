import { describe, expect, it } from "vitest";
import { bundledCatalogue } from "../harness/common.js";
import { firstReply, SECTION_LINE, type Section } from "../harness/converse.js";

/**
 * Session 39's families, through the assistant on the bundled catalogue (messages written for this test): a letter
 * that only asks for help ("nhờ tư vấn giúp", "xin hướng dẫn về …", "could you explain …", "tell me about the
 * procedure for …") asks about the whole procedure, so the reply shows no steps section; "làm từng bước sao" asks
 * the steps; "áp dụng khi nào" asks when the procedure applies, its conditions; "how quickly must the ward step in"
 * asks the office's own time, not a deadline of the citizen's; "có thu khoản nào không", "tốn những khoản gì" ask the
 * fee. Every one was read otherwise before.
 */
const cases: [text: string, code: string, section: Section | "general"][] = [
  ["Tôi sắp cưới vợ, muốn đăng ký kết hôn ở phường, nhờ tư vấn giúp.", "1.000894", "general"],
  ["Xin hướng dẫn về việc đăng ký tạm trú cho người thuê trọ.", "1.004194", "general"],
  ["Tôi muốn được hướng dẫn về thủ tục đăng ký thường trú.", "1.004222", "general"],
  ["Could you explain the birth registration procedure for my newborn?", "1.001193", "general"],
  ["Tell me about the procedure for registering a death.", "1.000656", "general"],
  ["đăng ký khai sinh cho con làm từng bước sao", "1.001193", "steps"],
  ["Đăng ký lại khai sinh áp dụng khi nào?", "1.004884", "conditions"],
  ["If I report a child being abused by a neighbour, how quickly must the ward step in?", "1.004946", "time"],
  // a sum paid, said "khoản" after a verb of paying
  ["Đăng ký tạm trú cho người thuê trọ thì phường có thu khoản nào không?", "1.004194", "fee"],
  ["làm giấy xác nhận tình trạng hôn nhân tốn những khoản gì", "1.004873", "fee"],
];

describe("sections asked in session 39's phrasings, through the assistant", () => {
  it.each(cases)(
    "«%s» answers %s, showing %s",
    async (text, code, section) => {
      const reply = await firstReply(await bundledCatalogue(), text);
      expect(reply.code).toBe(code);
      if (section === "general") {
        // the whole procedure: its summary, not one section picked for it
        expect(reply.text).not.toMatch(SECTION_LINE.steps);
        expect(reply.text).not.toMatch(SECTION_LINE.conditions);
      } else {
        expect(reply.text).toMatch(SECTION_LINE[section]);
      }
    },
    // the first message loads the whole catalogue: slow under load
    180_000,
  );

  it("keeps a section named beside a request for help", async () => {
    const reply = await firstReply(
      await bundledCatalogue(),
      "Đăng ký kết hôn cần giấy tờ gì, nhờ anh chị tư vấn giúp.",
    );
    expect(reply.code).toBe("1.000894");
    expect(reply.text).toMatch(SECTION_LINE.documents);
  }, 180_000);
});

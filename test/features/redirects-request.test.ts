import { describe, expect, it } from "vitest";
import { namesAsHeld, opensWith } from "../../src/features/redirects.js";
import { tokenize } from "../../src/search/normalize.js";

/** What a letter asks for, among the ward words of its story (phrasings written for this test). */
describe("a redirect term is the request", () => {
  it.each([
    ["Vợ chồng tôi đăng ký kết hôn ở phường năm 2018. Xin hỏi thuận tình ly hôn nộp ở đâu?", "thuận tình ly hôn"],
    [
      "Hộ khẩu cũ của tôi ở phường đã bị xóa, nay cần phiếu lý lịch tư pháp để nhập quốc tịch. Xin ở đâu?",
      "phiếu lý lịch tư pháp",
    ],
    ["Tôi đã có hộ khẩu ở phường. Tôi muốn rút bảo hiểm xã hội một lần, làm ở đâu?", "rút bảo hiểm xã hội"],
    [
      "My residence was deregistered at the ward. I need a Vietnamese criminal record certificate, where?",
      "criminal record",
    ],
  ])("%s", (text, term) => {
    expect(opensWith(text, tokenize(term))).toBe(true);
  });

  it.each([
    // a paper the ward's procedure needs, or a status in the story
    ["Tôi đóng bảo hiểm xã hội ở công ty. Xin hỏi làm khai sinh cho con cần gì?", "bảo hiểm xã hội"],
    ["Tôi đã ly hôn. Xin hỏi, giấy xác nhận độc thân xin ở đâu?", "ly hôn"],
    // an item of a list after a comma is no question's opening
    ["nghệ nhân thôi nhận trợ cấp, BHYT", "bhyt"],
  ])("not: %s", (text, term) => {
    expect(opensWith(text, tokenize(term))).toBe(false);
  });
});

describe("a paper held", () => {
  it("a term listed after 'và' with papers held is held too", () => {
    const text = "Anh ấy có hộ chiếu và thẻ tạm trú. Xin hỏi làm giấy khai sinh cho con cần gì?";
    expect(namesAsHeld(text, [tokenize("thẻ tạm trú")])).toBe(true);
  });

  it("what the citizen says they need is asked for, not held", () => {
    expect(namesAsHeld("nay tôi cần phiếu lý lịch tư pháp để đi làm", [tokenize("phiếu lý lịch tư pháp")])).toBe(false);
    expect(namesAsHeld("khai sinh cho con cần cccd của bố mẹ không", [tokenize("cccd")])).toBe(true);
  });
});

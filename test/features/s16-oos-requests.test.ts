import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { establishmentAt, namesEstablishment, requestFrame } from "../../src/features/everyday.js";
import { smallTalkReply } from "../../src/features/small-talk.js";
import { words } from "../../src/search/normalize.js";
import { bundledCatalogue } from "../harness/common.js";
import { firstReply } from "../harness/converse.js";

/**
 * Session 16 (OOS): a question that asks for what no ward procedure gives — a shop, a craftsman, a service found, a
 * thing bought or hired, a price of a thing, advice, a recommendation — gets the off-topic reply whatever its topic
 * (src/features/everyday.ts's request frames), while a ward request in everyday words keeps its procedure. Messages
 * written for this test (not the probe batches' own, test/features/s16-oos-probe*.tsv), through the real assistant.
 */
let catalogue: LiveCatalogue;
// building the index takes some 30 s on a loaded machine: a hang guard, not a time budget
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 180_000);

const reply = (text: string) => firstReply(catalogue, text);
const OFF_TOPIC = /chỉ trả lời về thủ tục hành chính/;

describe("everyday requests in topics no list names get the off-topic reply, no procedure", () => {
  it.each([
    // a quality or a recommendation asked of a choice
    "tiệm giặt hấp áo vest nào làm kỹ",
    "học vẽ màu nước cho người mới ở đâu tốt",
    "recommend a good bakery near here",
    // a thing bought or a craftsman hired, and where or for how much
    "mua chăn ga gối đệm ở đâu",
    "thuê thợ lát gạch sân vườn hết bao nhiêu",
    "gọi ai thông cống nghẹt gần đây",
    // advice
    "có nên mua máy rửa bát cho nhà 4 người không",
    // somewhere that does something
    "có chỗ nào dạy làm bánh kem cho người lớn không",
    // told after a story of ward papers, the question is the everyday thing
    "Nhà tôi mới nhập hộ khẩu về phường, giờ cho tôi hỏi mua rèm cửa chống nắng ở đâu giá tốt",
    "Em vừa đăng ký tạm trú xong, giờ muốn hỏi thuê xe đạp điện theo tháng ở đâu",
  ])("%s → off-topic", async (text) => {
    const answer = await reply(text);
    expect(answer.code, answer.text).toBeUndefined();
    expect(answer.choices, answer.text).toBe(0);
    expect(answer.text).toMatch(OFF_TOPIC);
  });

  it.each([
    // a ward act or paper named in the same question: where it is done quickest or cheapest is its place or fee
    ["sao y bằng tốt nghiệp ở đâu rẻ", "2.000815"],
    ["chứng thực hợp đồng tặng cho đất chỗ nào nhanh", "2.001035"],
    ["đăng ký tạm trú cho người thuê trọ ở đâu", "1.004194"],
    ["có nên làm giấy xác nhận tình trạng hôn nhân trước khi đi chụp ảnh cưới không", "1.004873"],
  ])("%s → stays %s", async (text, want) => {
    expect((await reply(text)).code).toBe(want);
  });
});

describe("review items: after an answer, a ward paper for a bank, small talk", () => {
  it("a lawyer or a cheap room asked after an answer is off-topic, not the procedure at hand (review s16 #6)", () => {
    // small talk reads every message before the answers, so the procedure at hand cannot take these
    expect(smallTalkReply("phòng trọ giá rẻ quanh đây")).toBe("small-talk-offtopic");
    expect(smallTalkReply("luật sư tư vấn di chúc giỏi ở đâu")).toBe("small-talk-offtopic");
    expect(
      smallTalkReply("Tôi hay giúp bà con làm giấy tờ khai sinh ở phường. Xin hỏi cách cài đặt Zalo trên máy tính"),
    ).toBe("small-talk-offtopic");
    expect(smallTalkReply("thoi k can nua")).toBe("small-talk-bye");
  });

  it.each([
    "vay ngân hàng cần giấy xác nhận tình trạng hôn nhân, xin ở đâu",
    "cần bản sao giấy đăng ký kết hôn để nộp ngân hàng vay vốn, xin ở đâu ạ",
    "tôi bị mất ví, mất hết căn cước với giấy đăng ký kết hôn, làm lại giấy kết hôn thế nào",
  ])("a ward paper got for a bank or beside another loss gets no other agency's pointer: %s", async (text) => {
    expect((await reply(text)).text).not.toMatch(/việc này không làm tại bộ phận một cửa/);
  });

  it.each([
    ["mở tài khoản ngân hàng cho con có cần giấy khai sinh không", /Ngân hàng/],
    ["mất căn cước làm lại ở đâu", /căn cước/],
    ["phạt lỗi vượt đèn đỏ xe máy bao nhiêu", /giao thông/],
  ])("another agency's service asked keeps its pointer: %s", async (text, pointer) => {
    const answer = await reply(text);
    expect(answer.text).toMatch(/việc này không làm tại bộ phận một cửa/);
    expect(answer.text).toMatch(pointer);
  });
});

describe("the request frames and the ward's words", () => {
  it("reads what a clause asks for, not what it is about", () => {
    const frame = (text: string) => requestFrame(words(text));
    expect(frame("tiệm áo cưới nào đẹp")).toBe("quality");
    expect(frame("nên chọn gạch men hay gạch bông")).toBe("advice");
    expect(frame("sửa máy giặt ở đâu")).toBe("trade");
    expect(frame("khai sinh cho con ở đâu")).toBeUndefined();
    // "sửa sai", "học nghề", "thay đổi", "tìm hiểu" are the ward's acts or no trade
    expect(frame("sửa sai tên trong giấy khai sinh ở đâu")).toBeUndefined();
    expect(frame("học nghề miễn phí ở đâu")).toBeUndefined();
    expect(frame("thay đổi nội dung hộ kinh doanh ở đâu")).toBeUndefined();
    expect(frame("tìm hiểu thủ tục nhận con nuôi")).toBeUndefined();
  });

  it("a frame with nothing of its own asked, or with a ward thing or another agency's service, is no everyday request", () => {
    // after an answer these ask of the procedure at hand
    expect(smallTalkReply("ở đâu rẻ nhất")).toBeUndefined();
    expect(smallTalkReply("sửa ở đâu")).toBeUndefined();
    // a redirect term is left to its pointer
    expect(smallTalkReply("làm hộ chiếu ở đâu nhanh nhất")).toBeUndefined();
    // a place name's capital is no trade ("Lạng Sơn" is no paint)
    expect(smallTalkReply("Lệ phí cấp giấy phép bán lẻ thuốc lá tại tỉnh Lạng Sơn là bao nhiêu")).toBeUndefined();
  });
});

describe("one list of everyday establishments (review s15 L3)", () => {
  it("knows an establishment said first, with its accents, and not the neighbour's house", () => {
    const at = (text: string) => {
      const said = words(text);
      return establishmentAt(
        said,
        0,
        said.some((w) => w.marks !== ""),
      );
    };
    expect(at("nhà hàng hải sản ở đâu")).toBe(2);
    expect(at("nhà hàng xóm lấn đất")).toBe(0);
    // "trường hợp" is a case, "hiệu lực" validity, "quê quán" a birthplace (review s16 HIGH at 20:13)
    expect(at("trường hợp nào được thôi")).toBe(0);
    expect(at("hiệu lực bao lâu")).toBe(0);
    expect(at("trường nào gần nhà")).toBe(1);
    expect(at("quận 3 ở đâu")).toBe(0);
    expect(at("quán cà phê")).toBe(1);
    expect(namesEstablishment(words("gần đây có bưu cục nào"))).toBe(true);
  });

  it("a case asked ('trường hợp nào được …') is the record's conditions, not a school chosen", () => {
    expect(smallTalkReply("các trường hợp nào được thôi")).toBeUndefined();
    expect(smallTalkReply("trường hợp nào được làm tại nhà")).toBeUndefined();
    expect(smallTalkReply("quê quán nào được ghi")).toBeUndefined();
  });

  it("an establishment's hours are off-topic, the office's are the search's", () => {
    expect(smallTalkReply("trạm y tế mấy giờ mở cửa")).toBe("small-talk-offtopic");
    expect(smallTalkReply("nhà sách mấy giờ đóng cửa")).toBe("small-talk-offtopic");
    expect(smallTalkReply("ủy ban phường mấy giờ mở cửa")).toBeUndefined();
  });
});

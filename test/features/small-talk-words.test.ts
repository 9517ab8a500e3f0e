import { describe, expect, it } from "vitest";
import { smallTalkReply } from "../../src/features/small-talk.js";

/** Phrasings written for this test. */
describe("a word asked in another language is a translation, not the procedure named", () => {
  it.each([
    "giấy khai sinh tiếng anh là gì",
    "tam tru tieng han noi the nao",
    "how do you say birth certificate in Vietnamese",
    "what's the English for giấy xác nhận độc thân",
  ])("%s", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-translate");
  });

  it.each(["đăng ký kết hôn với người nói tiếng anh cần gì", "chứng thực bản dịch tiếng anh là gì"])(
    "not: %s",
    (text) => {
      expect(smallTalkReply(text)).toBeUndefined();
    },
  );
});

describe("thanks for something done", () => {
  it.each([
    "cảm ơn bot nhiều, giấy khai sinh của con làm xong rồi",
    "cảm ơn ad, em nộp hồ sơ kết hôn rồi ạ",
    "thanks, I got the certificate already",
    "ok thanks, i already registered the birth",
  ])("%s", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-thanks");
  });

  it.each([
    "cảm ơn, làm khai sinh xong rồi thì nhập hộ khẩu ở đâu",
    "cảm ơn, đăng ký tạm trú rồi có cần báo tạm vắng không",
    "cảm ơn, vậy lệ phí bao nhiêu rồi?",
  ])("a question after the thanks is asked: %s", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});

describe("venting, no question", () => {
  it("names a procedure but asks nothing of it", () => {
    expect(
      smallTalkReply(
        "Sáng nay tôi lên phường làm tạm trú, chờ mãi mới đến lượt, cán bộ thì cáu gắt. Tôi chỉ muốn nói ra cho nhẹ lòng thôi.",
      ),
    ).toBe("small-talk-offtopic");
  });

  it("a question after it is asked", () => {
    expect(smallTalkReply("Tôi chỉ muốn nói ra cho nhẹ lòng. Mà làm tạm trú cần gì?")).toBeUndefined();
  });
});

describe("chit-chat asked for, whatever it names", () => {
  it.each([
    "bot ơi kể chuyện cười về đăng ký kết hôn đi",
    "Tôi vừa đăng ký kết hôn ở phường xong, giờ muốn tìm chỗ tổ chức tiệc cưới đẹp mà rẻ, bot gợi ý giúp?",
    "Gần UBND phường có quán phở nào ngon không bạn",
  ])("%s", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-offtopic");
  });
  it.each(["xin giấy phép bán rượu cho nhà hàng", "đăng ký hộ kinh doanh quán phở cần gì"])(
    "a licence for a place to eat is asked: %s",
    (text) => {
      expect(smallTalkReply(text)).toBeUndefined();
    },
  );
  it("'thôi không cần nữa' ends the talk", () => {
    expect(smallTalkReply("thôi không cần nữa, cảm ơn")).toBe("small-talk-bye");
  });
});

describe("joy at something done, no question", () => {
  it.each([
    "Mình vừa làm xong giấy xác nhận độc thân ở phường, vui quá, cuối tuần đi đăng ký kết hôn rồi hihi",
    "mừng quá, con tôi được cấp thẻ bhyt rồi",
  ])("%s", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-ok");
  });
  it.each([
    "hihi đăng ký kết hôn",
    "hihi cho em hỏi làm khai sinh",
    "vui quá, làm khai sinh xong rồi, giờ nhập khẩu cho con thì sao",
  ])("a request or a question is asked: %s", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});

describe("a phrase typed with accents must carry the phrase's accents", () => {
  it.each([
    // "cưới" (a wedding) is no "cười" (a joke), "thợ" (a trade) no "thơ" (a poem)
    "em muốn hỏi chuyện cưới với người nước ngoài thì cần giấy tờ gì",
    "tôi làm thợ xây, muốn đăng ký tạm trú ở phường",
    // "dạ" is no "đã": nothing told as done
    "dạ hihi em làm giấy khai sinh cho con",
  ])("no small talk: %s", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
  it.each([
    ["kể chuyện cười đi bot", "small-talk-offtopic"],
    ["ke chuyen cuoi di", "small-talk-offtopic"],
    ["bot làm thơ đi", "small-talk-offtopic"],
    ["da xong roi hihi", "small-talk-ok"],
  ])("still small talk, with or without accents: %s", (text, reply) => {
    expect(smallTalkReply(text)).toBe(reply);
  });
});

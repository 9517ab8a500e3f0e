import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Redirect } from "../../src/catalogue/schema.js";
import { matchRedirect } from "../../src/features/redirects.js";
import { smallTalkReply } from "../../src/features/small-talk.js";

/**
 * Session 19 (OOS): classes of out-of-scope messages the assistant answered with a procedure because they share the
 * records' words. Messages written for this test (not from any probe batch or eval set).
 */
describe("thanks said last, after something done or agreed, is small talk", () => {
  it.each([
    "dạ con nộp đơn xin tách hộ rồi ạ, cảm ơn cô nhiều",
    "giấy chứng tử của ông em nhận được rồi, em cám ơn anh",
    "vâng, chiều nay em ra phường nộp hồ sơ chứng thực luôn, cảm ơn ad",
    "oke mai mình mang sổ đỏ lên ký, thanks nha",
    "hồ sơ tạm vắng của chồng em xong rồi, tks ad nhiều",
    "em hiểu rồi, để em chuẩn bị bản sao giấy khai sinh, xin cảm ơn",
    "we registered our marriage already, thank you so much",
  ])("%s → thanks", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-thanks");
  });

  it.each([
    // a request or a question before the closing thanks
    "đăng ký khai tử cho ông, cảm ơn",
    "cháu em được 3 tháng rồi, làm giấy khai sinh cho cháu, cảm ơn ad",
    "em nộp tạm trú rồi, khi nào có kết quả, cảm ơn",
    "cho hỏi lệ phí chứng thực chữ ký, cảm ơn nhiều",
    "em muốn xin giấy xác nhận cư trú, cảm ơn chị",
    "ok, giờ em cần làm gì tiếp theo, cảm ơn",
    "chứng thực bản sao hết bao nhiêu tiền? cảm ơn",
  ])("%s → no small talk", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});

describe("a complaint with nothing asked is no procedure question", () => {
  it.each([
    "nộp hồ sơ tách hộ cả tháng trời, phường làm chậm quá",
    "cán bộ tư pháp thái độ khó chịu, hỏi gì cũng gắt",
    "đăng ký thường trú mà bắt đi lại mấy lần, bực mình thật",
    "xin cái giấy xác nhận cư trú mà mất thời gian kinh khủng",
    "the registration office is so slow, two weeks for a residence paper",
  ])("%s → off-topic", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-offtopic");
  });

  it.each([
    // something asked or a petition the ward takes
    "nộp hồ sơ tách hộ 2 tuần rồi chậm quá, bao giờ mới có kết quả",
    "làm khai sinh lâu quá, nộp online có nhanh hơn không",
    "cán bộ thái độ hách dịch thì tôi muốn khiếu nại ở đâu",
    "tôi muốn tố cáo cán bộ có thái độ nhũng nhiễu khi làm hồ sơ",
    "chứng thực chậm quá, đã xong chưa ạ",
  ])("%s → no small talk", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});

describe("trivia, customs and opinions in the records' words are no procedure", () => {
  it.each([
    "giấy chứng tử có từ bao giờ vậy",
    "ai đặt ra quy định phải đăng ký tạm trú",
    "vì sao phải có người giám hộ cho trẻ mồ côi",
    "phong tục đặt tên con theo họ mẹ ở Tây Nguyên",
    "ngày xưa giấy khai sinh viết tay hay đánh máy vậy?",
    "theo bạn con nuôi có nên biết sự thật không",
    "why do Vietnamese people need a household registration",
    "lễ hội đền Hùng năm nay rơi vào ngày nào",
    "hội Gióng Phù Đổng diễn ra khi nào",
  ])("%s → off-topic", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-offtopic");
  });

  it.each([
    // a section, a duty or a procedure act asked beside them
    "vì sao phải có người giám hộ, đăng ký giám hộ ở đâu",
    "tại sao lại phải nộp lệ phí khi cấp bản sao trích lục",
    "tại sao phải đăng ký tạm trú, ở trọ có bắt buộc không",
    "tổ chức lễ hội đình làng vào ngày rằm thì phải thông báo phường trước mấy ngày",
    "lễ hội chùa làng năm nay tổ chức khi nào thì cần xin phép ai",
    // the old days told, not asked
    "mẹ em hồi xưa làm ruộng, không có lương hưu gì hết",
    "tên trong giấy khai sinh bị sai do ngày xưa cán bộ ghi nhầm, giờ sửa thế nào",
  ])("%s → no small talk", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});

describe("goods chosen after a ward story; qualities typed with accents only", () => {
  it.each([
    "mẹ tôi được xác nhận khuyết tật nặng rồi, giờ mua giường y tế loại nào êm cho bà",
    "nhà em vừa được cấp giấy phép xây dựng, nên chọn gạch ốp loại nào bền mà rẻ",
    "Cửa hàng em vừa được cấp giấy phép bán lẻ thuốc lá. Nay muốn mua tủ trưng bày, hãng nào nhẹ và chắc?",
  ])("%s → off-topic", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-offtopic");
  });

  it.each([
    // «nhe» typed without accents is the particle
    "bo em co giay xac nhan khuyet tat roi, gio xin tro cap hang thang o dau nhe",
    "em muốn xin giấy phép xây dựng nhà cấp 4, hồ sơ loại nào cần công chứng",
  ])("%s → no small talk", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});

/**
 * Another agency's service asked after a story of a ward act done: the question is the service's, though the story
 * names the ward procedure (strength 1: the redirect is all the question asks). Messages written for this test.
 */
describe("another agency's service asked after a ward act told as done", () => {
  const redirects = (
    JSON.parse(readFileSync(new URL("../../data/redirects.json", import.meta.url), "utf8")) as {
      redirects: Redirect[];
    }
  ).redirects;
  it.each([
    [
      "Vợ chồng em đã đăng ký kết hôn ở phường từ năm ngoái, giờ vợ em xin cấp hộ chiếu phổ thông thì làm ở đâu",
      "ho-chieu",
    ],
    ["After we registered the birth at the ward, where do we apply for our baby's passport?", "ho-chieu"],
    ["Now that our marriage is registered, where does my husband apply for a work permit?", "giay-phep-lao-dong"],
  ])("%s → %s, all it asks", (text, id) => {
    const match = matchRedirect(redirects, text);
    expect(match?.redirect.id).toBe(id);
    expect(match?.strength).toBe(1);
  });

  it.each([
    // the ward paper is what the question asks
    "Chồng em là người Hàn, có hộ chiếu rồi, giờ đăng ký kết hôn ở phường thì làm ở đâu",
    "After the birth, where do we register it at the ward, do we need our passports?",
  ])("%s → not all the question asks", (text) => {
    expect(matchRedirect(redirects, text)?.strength ?? 0).toBeLessThan(1);
  });
});

/** Which facility is open when is no procedure; the ward office's hours are its place section. A gap is no way. */
describe("which place is open, and a gap", () => {
  it.each([
    "thư viện nào mở cửa buổi tối cho học sinh ôn thi",
    "bể bơi nào còn mở đến 9 giờ tối",
    "which swimming pool is open on Sunday morning",
  ])("%s → off-topic", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-offtopic");
  });

  it.each([
    "phường nào mở cửa thứ bảy để em nộp hồ sơ",
    "bộ phận một cửa nào mở cửa sáng chủ nhật",
    "which ward office is open on Saturday",
    "khoảng cách tuổi giữa người nhận nuôi và con nuôi ít nhất bao nhiêu",
  ])("%s → no small talk", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});

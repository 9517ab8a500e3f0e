import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Redirect } from "../../src/catalogue/schema.js";
import { matchRedirect } from "../../src/features/redirects.js";
import { smallTalkReply } from "../../src/features/small-talk.js";
import { extractIntent } from "../../src/search/intent.js";
import { words } from "../../src/search/normalize.js";

/**
 * Session 20 (OOS): classes of out-of-scope messages the assistant answered with a procedure because they share the
 * records' words, and in-scope look-alikes that must stay questions. Messages written for this test (not from any probe
 * batch or eval set).
 */
const redirects = (JSON.parse(readFileSync("data/redirects.json", "utf8")) as { redirects: Redirect[] }).redirects;

describe("a letter whose question the scope gate reads as no ward request (learned, not listed)", () => {
  it.each([
    "Nhà em đã đăng ký tạm trú cho cả gia đình ở phường rồi, giờ muốn biết tiền thuê nhà nguyên căn khu này khoảng bao nhiêu một tháng",
    "Tôi vừa chứng thực hợp đồng mua bán xe máy ở xã xong, giờ cho hỏi nên mua mũ bảo hiểm hãng nào cho an toàn",
  ])("%s → off-topic", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-offtopic");
  });

  it.each([
    // the question names a ward request, or asks only a section of the story's procedure
    "Mẹ em mới mất tuần trước ở quê, giờ em muốn làm giấy chứng tử cho mẹ thì cần mang gì",
    "Em thuê trọ ở phường được 2 tháng, chủ nhà nhắc mãi, giờ đăng ký tạm trú thế nào ạ",
    "Bố tôi 80 tuổi không có lương hưu, giờ xin trợ cấp cho bố ở đâu",
  ])("%s → no small talk", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });

  it("another agency's term in such a question is all it asks, however it reads as held", () => {
    const m = matchRedirect(
      redirects,
      "Tôi đã làm xong thủ tục tạm ngừng hộ kinh doanh ở phường, giờ còn nợ thuế môn bài thì đóng ở đâu, có bị phạt không?",
    );
    expect(m?.redirect.id).toBe("thue");
    expect(m?.strength).toBe(1);
  });
});

describe("thanks and praise said last, in English too, and thanks before the deed thanked", () => {
  it.each([
    "picked up our son's birth certificate this afternoon, cheers",
    "registered the stay for my parents yesterday, much appreciated",
    "my marriage paper got approved this week, you guys rock",
    "giấy xác nhận độc thân em lấy rồi, cảm ơn chị đã chỉ dẫn nhiệt tình",
  ])("%s → thanks", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-thanks");
  });

  it.each([
    "we need to register a death, cheers",
    "how do I collect the certificate, appreciate it",
    "cảm ơn, cho em hỏi chứng thực chữ ký mất bao lâu",
  ])("%s → no small talk", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});

describe("complaints in any feeling word said strongly, and hassles told", () => {
  it.each([
    "chờ giấy tạm trú cả tuần vẫn chưa xong, oải thật",
    "lên phường 3 lần rồi vẫn thiếu giấy, phát bực",
    "cái cổng dịch vụ công cứ lỗi hoài, ức chế quá",
    "booking an appointment online is really frustrating",
  ])("%s → off-topic", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-offtopic");
  });

  it.each([
    "mệt quá, nhờ người khác nộp hồ sơ khai tử thay được không",
    "lên phường mấy lần rồi, giờ muốn khiếu nại cán bộ thì làm sao",
    "Toi doi ten ho kinh doanh, cap nhat so dien thoai trong ho so thi lam thu tuc gi?",
  ])("%s → no small talk", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});

describe("reasons, customs, the old days and since when, in short messages", () => {
  it.each([
    "vì sao người ta lại gọi giấy khai sinh là giấy khai sanh ở miền Nam",
    "tại sao ngày xưa các cụ lại hay đặt tên con xấu",
    "giấy chứng minh nhân dân thời bao cấp trông thế nào nhỉ",
    "sổ tạm trú giấy bị bãi bỏ từ năm nào",
  ])("%s → off-topic", (text) => {
    expect(smallTalkReply(text)).toBe("small-talk-offtopic");
  });

  it.each([
    "tại sao phải đăng ký khai tử, có bắt buộc không",
    "vì sao hồ sơ tạm trú của tôi bị trả lại, giờ nộp lại ở đâu",
    "why do I need a certified copy, how much does it cost",
    "đăng ký thường trú từ khi nào thì con được đi học",
  ])("%s → no small talk", (text) => {
    expect(smallTalkReply(text)).toBeUndefined();
  });
});

describe("a question about the bot, however it is addressed", () => {
  it.each(["bạn do ai lập trình vậy", "bạn là người thật hay máy tự động thế", "is this a bot or a real person?"])(
    "%s → identity",
    (text) => {
      expect(smallTalkReply(text)).toBe("small-talk-identity");
    },
  );
});

describe("a goods or shop choice asked before a ward act told is everyday life", () => {
  it("the told clause after the question is the story", () => {
    expect(smallTalkReply("có chỗ nào cho thuê áo dài cưới đẹp không, tuần sau tụi em đăng ký kết hôn rồi")).toBe(
      "small-talk-offtopic",
    );
  });
  it("a purpose said first, then a filing asked, is no everyday question (FOLLOW's request)", () => {
    expect(smallTalkReply("để cháu được giảm học phí thì nộp giấy gì")).toBeUndefined();
  });
});

describe("intent: legal limits and thresholds with words between", () => {
  it.each([
    ["ông mất bao lâu thì phải báo xóa thường trú", "conditions"],
    ["quyết định xử phạt ra bao lâu thì còn được khiếu nại", "conditions"],
    ["khai sinh cho con chậm nhất là bao lâu", "conditions"],
    ["chậm nhất bao lâu thì có kết quả", "time"],
    ["xóa thường trú mất bao lâu", "time"],
    ["thu nhập của gia đình em dưới mức bao nhiêu thì được xét hộ nghèo", "conditions"],
    ["lệ phí của hộ em bao nhiêu", "fee"],
  ])("%s → %s", (text, intent) => {
    expect(extractIntent(words(text)).intent).toBe(intent);
  });
});

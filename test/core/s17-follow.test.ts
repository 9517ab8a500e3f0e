import { describe, it } from "vitest";
import { converse } from "../harness/converse.js";
import { bundledCatalogueOfFile, describeProbeBatches } from "../harness/probe-floors.js";

/**
 * Session 17 (FOLLOW): after an answer, a message that opens by naming another procedure (two words running in one of
 * its names or aliases and in none of the one at hand's) asks that one, whatever word the two names share and whatever
 * section it asks; a detail of the case told alone, in the words citizens tell that procedure's cases with, stays on
 * the procedure at hand. Phrasings written for this test.
 */
const catalogue = bundledCatalogueOfFile(120_000);

// Batch 1 (91 conversations, written before reading the code's behaviour on them; tuned on): 65/92 follow-up turns
// at the session's start (4b2f87d), 91/92 now. Batch 2 (41 conversations, written after the first fix and never tuned
// on, its misses never read): 25/39 at 4b2f87d, 34/39 now, off-topic statements 3/3 none throughout. Batch 2's floor
// 0.8 → 0.79 at the nineteenth session's end: the same tree (809a138) played it 32/39 alone and 31/39 inside CI's full
// run, so a turn depends on something outside the file's own order; found too late to trace, left for the next session.
// Traced in the twentieth (test/eval/s20-determinism.test.ts): s19-lookalike's learned readings registered on the
// worker's shared catalogue; fixed in 9988c9d, which plays it 32/39 whatever ran before, so the floor is 0.8 again.
describeProbeBatches(catalogue, [
  ["test/core/s17-follow-probe1.jsonl", 0.95, 0],
  ["test/core/s17-follow-probe2.jsonl", 0.8, 3],
]);

describe("a section asked of another procedure the message names", () => {
  // The shared word ("trú", "thư viện", "giấy phép bán", "khai") is no reason to stay.
  it.each([
    ["đăng ký tạm trú", "1.004194", "xác nhận cư trú thì nộp ở đâu", "1.010041", "place"],
    ["đăng ký tạm trú", "1.004194", "thuong tru thi het bao nhieu tien", "1.004222", "fee"],
    [
      "cấp giấy phép bán lẻ thuốc lá",
      "2.000181",
      "giấy phép bán rượu thì cần những giấy tờ gì",
      "2.000620",
      "documents",
    ],
    [
      "thông báo thành lập thư viện cộng đồng",
      "1.008901",
      "đóng cửa thư viện cộng đồng thì mất mấy ngày",
      "1.008903",
      "time",
    ],
    ["cấp bản sao trích lục hộ tịch", "2.000635", "giấy xác nhận độc thân thì lệ phí thế nào", "1.004873", "fee"],
    ["chứng thực di chúc", "2.001019", "từ chối nhận di sản thì làm ở đâu", "2.001016", "place"],
  ] as const)("%s / %s → %s", async (first, code, next, other, section) => {
    await converse(catalogue(), [
      [first, code],
      [next, other, section],
    ]);
  });

  it("the procedure moved to is the one the next section question asks", async () => {
    await converse(catalogue(), [
      ["đăng ký tạm trú", "1.004194"],
      ["xác nhận cư trú thì làm ở đâu", "1.010041", "place"],
      ["bao lâu thì có", "1.010041", "time"],
    ]);
  });

  // The case of the one at hand: a paper asked whether needed, a kind of applicant its own section names, a state.
  it.each([
    ["chuyển trường cho con", "2.002854", "giấy xác nhận cư trú có cần không"],
    ["cấp giấy phép bán lẻ thuốc lá", "2.000181", "hộ kinh doanh thì phí bao nhiêu"],
    ["xác nhận tình trạng hôn nhân", "1.004873", "em đang tạm trú ở Bình Dương thì xin ở đâu"],
  ] as const)("%s / %s stays", async (first, code, next) => {
    await converse(catalogue(), [
      [first, code],
      [next, code],
    ]);
  });
});

describe("a detail of the case told alone after an answer", () => {
  // In the words citizens tell the procedure's cases with (its câu mẫu, its record): the procedure at hand.
  it.each([
    ["đăng ký khai tử", "1.000656", "ông mất ở bệnh viện huyện"],
    ["cấp giấy phép bán lẻ rượu", "2.000620", "tiệm tạp hóa nhỏ ở chợ"],
    ["đăng ký giám hộ", "1.004837", "tôi là bà ngoại của cháu"],
  ] as const)("%s / %s", async (first, code, next) => {
    await converse(catalogue(), [
      [first, code],
      [next, code],
    ]);
  });

  // Talk of another thing, thanks: no procedure.
  it.each([
    ["đăng ký khai sinh", "1.001193", "hôm nay trời nóng quá"],
    ["đăng ký hộ kinh doanh", "1.001612", "em thích ăn phở bò"],
    ["cấp lại giấy phép sản xuất rượu thủ công", "1.001279", "dạ e cảm ơn"],
  ] as const)("%s / %s: none", async (first, code, next) => {
    await converse(catalogue(), [
      [first, code],
      [next, undefined],
    ]);
  });
});

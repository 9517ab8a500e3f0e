import { describe, it } from "vitest";
import { converse } from "../harness/converse.js";
import { bundledCatalogueOfFile, describeProbeBatches } from "../harness/probe-floors.js";

/**
 * Session 18 (FOLLOW): a detail of the case told after an answer in everyday words neither the câu mẫu nor the record
 * say stays on the procedure, unless its words lean to small talk by the câu mẫu or it tells a taste or mood; an
 * English section question asked with the case's people and acts ("landlord", "signature", "hospital") is a section
 * of the procedure at hand. Phrasings written for this test.
 */
const catalogue = bundledCatalogueOfFile(120_000);

// Batch 1 (75 conversations, written from the records before reading the code's behaviour on them; tuned on): 48/75
// follow-up turns at cdf0e7e, 66/75 with this session's answer.ts. Batch 2 (29 conversations, written after the fix,
// never tuned on, its misses never read): 8/25 → 22/25, no-procedure turns 4/4 throughout.
describeProbeBatches(catalogue, [
  ["test/core/s18-follow-probe1.jsonl", 0.85, 2],
  ["test/core/s18-follow-probe2.jsonl", 0.8, 4],
]);

describe("a detail of the case told in everyday words", () => {
  // The first is a tuning conversation's (TC10, c1395); the others were written for this test.
  it.each([
    ["xin giấy phép xây dựng nhà ở", "1.013225", "nhà em tính lên 3 tầng, nằm trong hẻm xe ba gác, đất 4x12"],
    ["đăng ký khai tử", "1.000656", "ông nhà em mất sáng nay ở nhà, cả đời ông đi biển đánh cá"],
    ["đăng ký giám hộ", "1.004837", "ba mẹ cháu mất hết trong vụ tai nạn, cháu mới lên 9, em là cô ruột"],
    ["hòa giải tranh chấp đất đai", "1.012812", "nhà hàng xóm xây hàng rào lấn qua đất nhà em gần nửa thước"],
  ] as const)("%s / «%s»: stays", async (first, code, detail) => {
    await converse(catalogue(), [
      [first, code],
      [detail, code],
    ]);
  });

  // Small talk, a taste or a mood: nothing of the case.
  it.each([
    ["đăng ký hộ kinh doanh", "1.001612", "em thích ăn phở bò lắm"],
    ["đăng ký tạm trú", "1.004194", "hôm nay trời mưa to quá trời luôn"],
    ["làm giấy khai sinh cho con", "1.001193", "tối qua em đi ăn bún bò với mấy đứa bạn"],
  ] as const)("%s / «%s»: no procedure", async (first, code, talk) => {
    await converse(catalogue(), [
      [first, code],
      [talk, undefined],
    ]);
  });
});

describe("an English section question with the case's people", () => {
  it.each([
    ["đăng ký tạm trú", "1.004194", "does my landlord have to sign something?"],
    ["đăng ký thường trú", "1.004222", "does the owner of the house need to come along?"],
    ["chứng thực chữ ký", "2.000884", "does my brother have to be there in person?"],
  ] as const)("%s / «%s»: stays", async (first, code, next) => {
    await converse(catalogue(), [
      [first, code],
      [next, code],
    ]);
  });
});

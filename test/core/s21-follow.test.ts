/**
 * Session 21 (FOLLOW): the câu mẫu readings of look-alikes (catalogue/readings.ts) learned once per catalogue version
 * and held by its snapshot, in steps that leave the event loop free, never on a turn's path and never registered
 * anywhere; the assistant reads with them again (they were off since 32bac9e). What the paper at hand is for, said after
 * «để» with words search meets by chance («nhà em cần để …», «nhà tôi xin để …»), stays on it; a way asked to a marriage
 * moves to it; a purpose opening the message, then the paper at hand asked as «giấy này»/«nó» (read as typed: «nợ» is
 * none); an unaccented «de» read as the câu mẫu say the next word («de nghi» is «đề nghị»), a purpose that says nothing
 * («có dễ không») no purpose; a strength-1 pointer whose term the story holds is kept (OOS s20). Phrasings written for
 * this test.
 */
import { describe, expect, it } from "vitest";
import { lookAlikeReadings, ReadingsOnce } from "../../src/catalogue/readings.js";
import { converse } from "../harness/converse.js";
import { bundledCatalogueOfFile, describeProbeBatches } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(120_000);

describe("the readings of a catalogue version", () => {
  it("are held by its snapshot and learned once, whoever asks", async () => {
    const snapshot = catalogue().current();
    expect(snapshot.readings).toBeDefined();
    const once = snapshot.readings as ReadingsOnce;
    const [a, b] = await Promise.all([once.ready(), once.ready()]);
    expect(a).toBe(b);
    expect(once.value).toBe(a);
    expect(catalogue().current().readings).toBe(once);
    // what every câu mẫu says, counted as learning them in one go counts it
    const whole = lookAlikeReadings(snapshot.catalogue.synonyms, snapshot.catalogue.examples);
    expect([...a.byCode.keys()].sort()).toEqual([...whole.byCode.keys()].sort());
    expect(a.anywhere.count).toBe(whole.anywhere.count);
    expect(a.none.count).toBe(whole.none.count);
    expect(a.byCode.get("2.000927")?.keys).toEqual(whole.byCode.get("2.000927")?.keys);
  });

  it("are learned in steps with other work run between them", async () => {
    const { synonyms, examples } = catalogue().current().catalogue;
    const once = new ReadingsOnce(synonyms, examples);
    let ranWhileLearning = false;
    setImmediate(() => {
      ranWhileLearning = once.value === undefined;
    });
    const learning = once.ready();
    expect(once.value).toBeUndefined();
    await learning;
    expect(ranWhileLearning).toBe(true);
    expect(once.value?.byCode.size).toBeGreaterThan(100);
  });
});

describe("the assistant reads look-alikes with them", () => {
  it.each([
    ["sửa hợp đồng đã chứng thực", "2.000913", "thực ra chỉ gõ sai số CCCD của bên mua thôi", "2.000927"],
    ["xác định mức độ khuyết tật", "1.001699", "giấy của bà bị ghi sai năm sinh", "1.001653"],
    [
      "chứng thực hợp đồng mua bán nhà",
      "2.001035",
      "hợp đồng đó chứng thực rồi, nay hai bên thống nhất hủy bỏ",
      "2.000913",
    ],
  ] as const)("%s (%s) / «%s» → %s", async (first, code, next, meant) => {
    await converse(catalogue(), [
      [first, code],
      [next, meant],
    ]);
  });

  it("a look-alike that changes another thing is none of the one at hand's", async () => {
    // the amendment of a tobacco licence is titled alike ("giấy phép bán lẻ …") but changes the tobacco licence
    await converse(catalogue(), [
      ["giay phep ban le ruou", "2.000620"],
      ["de nghi sua dia chi tren giay phep thi lam sao", "2.000615"],
    ]);
  });
});

// Batch 1 (31 conversations, written from the records before reading the code's behaviour on them; tuned on): 19/24
// follow-up turns, no-procedure 4/7 at c58acdc; 23/24, 4/7 with this session's rules. Batch 2 (27, frozen before any
// fix, md5 f4ecb020, never tuned on): 17/21, 4/6 → 19/21, 4/6 (5/6 both before c58acdc's retrained scope gate).
describeProbeBatches(catalogue, [
  ["test/core/s21-follow-probe1.jsonl", 0.9, 4],
  ["test/core/s21-follow-probe2.jsonl", 0.85, 4],
]);

describe("what the paper at hand is for", () => {
  it.each([
    ["xin xác nhận hộ nghèo", "1.011606", "mấy ngày thì có, nhà em cần để làm hồ sơ vay ngân hàng", "time"],
    [
      "xin xác nhận hộ nghèo",
      "1.011606",
      "hồ sơ cần những gì, nhà tôi xin để hưởng trợ cấp người cao tuổi",
      "documents",
    ],
    ["trích lục khai sinh", "2.000635", "để xin visa cho con thì giấy này bao lâu có", "time"],
    ["dang ky tam tru", "1.004194", "mau don de nghi lay o dau", "documents"],
  ] as const)("%s (%s) / «%s» → its %s", async (first, code, next, section) => {
    await converse(catalogue(), [
      [first, code],
      [next, code, section],
    ]);
  });

  it("a way asked to a marriage with a foreigner is that marriage's", async () => {
    await converse(catalogue(), [
      ["xác nhận tình trạng hôn nhân", "1.004873"],
      ["vậy làm sao để đăng ký kết hôn với chồng người Nhật", "2.000806"],
    ]);
  });

  it("another agency's service asked keeps its pointer", async () => {
    await converse(catalogue(), [
      ["sao y bản chính", "2.000815"],
      ["để đổi giấy phép lái xe, nợ phạt nguội thì có đổi được không", undefined],
    ]);
    await converse(catalogue(), [
      ["chấm dứt hộ kinh doanh", "1.001266"],
      ["Em làm xong thủ tục chấm dứt hộ kinh doanh rồi, giờ còn nợ thuế khoán 3 tháng thì nộp ở đâu ạ", undefined],
    ]);
  });
});

describe("a death told after a support", () => {
  // The lead's (REVIEW s21: a regression of 27f24cf): a «mất» after what befell a thing is a loss, no death, so the
  // housing support stays; a person's «mất» after it is the funeral support of the same programme. Phrasings written
  // for this test.
  it.each([
    ["mưa to quá, nhà em bị sạt mất nửa cái mái rồi", "2.000751"],
    ["bố tôi mất việc sau trận lũ, nhà thì tốc mái", "2.000751"],
    ["không phải nhà, bố tôi mất trong trận bão hôm qua", "2.000744"],
  ] as const)("after the emergency housing support: %s", async (next, code) => {
    await converse(catalogue(), [
      ["hỗ trợ sửa chữa nhà ở khẩn cấp", "2.000751"],
      [next, code],
    ]);
  });
});

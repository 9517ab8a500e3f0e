import { describe, it } from "vitest";
import { converse } from "../harness/converse.js";
import { bundledCatalogueOfFile, describeProbeBatches } from "../harness/probe-floors.js";

/**
 * Session 20 (FOLLOW): look-alikes told apart in citizens' words (the câu mẫu, variants.ts learnedTold) only when the
 * words are the look-alike's case — a word typed with accents counts as spelled («phổi» is no «phối»), a syllable said
 * only inside a compound does not point alone, talk of another matter and a detail that fits the one at hand move
 * nowhere; a section asked first and what the paper is for after «để» stays on the paper at hand; a cue word in a
 * clause told as done asks nothing; a denial is no question. Phrasings written for this test.
 */
const catalogue = bundledCatalogueOfFile(120_000);

// Batch 1 (58 conversations, written from the records before reading the code's behaviour on them; tuned on): 41/46
// follow-up turns at ecad91e (one label set by eval/README after the first run), no-procedure turns 10/12; 45/46 and
// 12/12 with this session's rules. Batch 2 (40, written after most fixes, never tuned on, its misses not read while
// changing code): 23/32 at ecad91e, 26/32 with them; no-procedure turns 8/8 both.
describeProbeBatches(catalogue, [
  ["test/core/s20-follow-probe1.jsonl", 0.93, 11],
  ["test/core/s20-follow-probe2.jsonl", 0.78, 7],
]);

describe("look-alikes read from the câu mẫu", () => {
  it.each([
    ["giấy phép bán lẻ thuốc lá", "2.000181", "hút thuốc lá nhiều có hại gì cho phổi không"],
    ["giay phep ban le thuoc la", "2.000181", "hut thuoc la nhieu co hai gi cho phoi"],
  ] as const)("%s / «%s»: another matter sharing the thing's word moves nowhere", async (first, code, next) => {
    await converse(catalogue(), [
      [first, code],
      [next, undefined],
    ]);
  });

  it("a detail that fits the one at hand stays", async () => {
    await converse(catalogue(), [
      ["đăng ký khai tử", "1.000656"],
      ["ông nội mất ở quê hôm kia", "1.000656"],
    ]);
  });

  it("a case the look-alike's câu mẫu tell moves to it", async () => {
    await converse(catalogue(), [
      ["đăng ký giám hộ", "1.004837"],
      ["cháu đã đủ 18 tuổi rồi, tôi xin thôi làm người giám hộ", "1.004845"],
    ]);
  });
});

describe("what the paper at hand is for", () => {
  it.each([
    ["cấp giấy xác nhận tình trạng hôn nhân", "1.004873", "mất mấy ngày vậy, em cần để làm hồ sơ vay vốn", "time"],
    [
      "xác nhận thông tin về cư trú",
      "1.010041",
      "cần mang những gì để bổ sung hồ sơ chuyển trường cho con",
      "documents",
    ],
    ["cấp bản sao trích lục hộ tịch", "2.000635", "em cần nó để làm hồ sơ nhập khẩu cho con, xin ở đâu", "place"],
  ] as const)("%s / «%s»: that section of the paper at hand", async (first, code, next, section) => {
    await converse(catalogue(), [
      [first, code],
      [next, code, section],
    ]);
  });

  it("an opening purpose naming another agency's service is the matter asked: its pointer, no section", async () => {
    await converse(catalogue(), [
      ["chứng thực bản sao", "2.000815"],
      ["để đổi giấy phép lái xe thì nộp ở đâu", undefined],
    ]);
  });

  it("a way asked to the purpose is that procedure's", async () => {
    await converse(catalogue(), [
      ["đăng ký kết hôn", "1.000894"],
      ["làm thế nào để đăng ký khai sinh cho con", "1.001193"],
    ]);
  });
});

describe("a case told, read as told", () => {
  it("a denial in a told case is no question: the whole", async () => {
    await converse(catalogue(), [
      ["tiếp nhận đối tượng bảo trợ xã hội vào cơ sở trợ giúp xã hội", "2.000286"],
      ["chú tôi bị bệnh tâm thần, ở một mình, không vợ không con", "2.000286"],
    ]);
  });

  it("a word with accents is no particle typed otherwise («chú» is no «chứ»): the whole", async () => {
    await converse(catalogue(), [
      ["đăng ký giám hộ", "1.004837"],
      ["ba má cháu mất hết rồi, cháu mới 9 tuổi, tôi là chú ruột", "1.004837"],
    ]);
  });
});

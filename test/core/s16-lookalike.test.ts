/**
 * Session 16 (LOOKALIKE): a case told after an answer that the procedure at hand's own notes send to a look-alike, and
 * an event already registered abroad.
 * - The notes of the record at hand ("Nếu sổ hộ tịch … còn lưu, hãy xin cấp bản sao trích lục (2.000635)"; "Muốn nghỉ
 *   hẳn … thì làm Chấm dứt (1.001266)"; "Nếu trẻ đã có Giấy khai sinh (phần cha hoặc mẹ còn trống) … (1.001022)") are
 *   read against the words told after its answer (variants.ts noteTold, called by foreign.ts retoldCase): "sổ gốc vẫn
 *   còn lưu" after a re-registration is the extract, "sổ gốc cũng mất rồi" after an extract of a birth is the birth's
 *   re-registration (the event the chat was about, not a death's). Said the other way round ("sổ không còn"), said of
 *   the procedure at hand's own case ("hồ sơ như cấp mới"), or a change the note names left unsaid ("người đại diện"
 *   without "đổi"): nothing.
 * - A birth or a death already registered abroad ("đã có giấy khai sinh Đài Loan rồi", "bên đó đã cấp giấy chứng tử")
 *   is noted in the register here (2.000547), not registered again.
 * - Someone working or studying abroad ("đi lao động ở Hàn Quốc") is no foreign element, nor the writer said Vietnamese in
 *   English ("as a Vietnamese citizen").
 * The reading alone, and the probe batches through the real assistant. Phrasings written for this test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import type { Procedure } from "../../src/catalogue/schema.js";
import { namesForeign, namesForeigner, retoldCase } from "../../src/features/foreign.js";
import { noteTold } from "../../src/features/variants.js";
import { bundledCatalogue } from "../harness/common.js";
import { describeFollowUpCounts } from "../harness/probe-floors.js";

let catalogue: LiveCatalogue;
let all: readonly Procedure[];
const byCode = (code: string) => all.find((p) => p.code === code) as Procedure;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
  all = catalogue.current().catalogue.procedures;
}, 180_000);

describe("the notes of the procedure at hand, read against what is told after its answer", () => {
  it.each([
    // [current, words before, told, meant]
    ["2.000635", "xin bản sao giấy khai sinh", "thế nếu sổ gốc ở phường cũng mất luôn thì sao", "1.004884"],
    ["2.000635", "trích lục kết hôn", "ủy ban bảo sổ gốc cũng mất rồi", "1.004746"],
    ["2.000635", "bản sao giấy chứng tử của ông", "bản chính mất rồi, sổ ở xã cũng bị lũ cuốn mất", "1.005461"],
    ["1.004884", "làm lại giấy khai sinh", "xã nói sổ gốc vẫn còn lưu mà", "2.000635"],
    ["1.005461", "làm lại giấy chứng tử", "cán bộ bảo sổ khai tử năm đó còn lưu", "2.000635"],
    ["1.001570", "tạm ngừng kinh doanh", "chắc em nghỉ hẳn, không bán nữa đâu", "1.001266"],
    ["1.000689", "khai sinh kèm nhận cha", "à bé có giấy khai sinh rồi, chỉ còn trống tên cha", "1.001022"],
    ["2.000927", "sửa lỗi sai sót hợp đồng", "hai bên muốn đổi diện tích đất ghi trong hợp đồng", "2.000913"],
    ["1.001653", "đổi giấy xác nhận khuyết tật", "cháu giờ nặng hơn, mức độ khuyết tật thay đổi rồi", "1.001699"],
  ])("after %s (%s): %s → %s", (current, story, text, meant) => {
    expect(retoldCase(byCode(current), all, text, { procedure: byCode(current), story })?.code).toBe(meant);
  });

  it.each([
    ["1.004884", "sổ gốc ở xã cũng không còn lưu"], // said the other way round
    ["2.000150", "phải nộp trước khi giấy hết hạn bao lâu"], // "hồ sơ như cấp mới": the re-issue's own case
    ["1.012590", "người đại diện nhóm cần điều kiện gì"], // the note's change ("đổi người đại diện") unsaid
    ["2.000509", "văn bản đăng ký gửi trước mấy ngày"], // "không có trong văn bản": said the other way round
    ["1.005461", "nhà còn giữ bản photo giấy chứng tử có dùng được không"], // only the commonest words shared
    ["1.004746", "hồ sơ gồm những gì"], // "hồ sơ" is no "hộ … sổ"
    // the topic both notes say ("sổ hộ tịch") and the death itself ("mất") tell neither case
    ["1.005461", "ông mất năm 1998, xã nói sổ hộ tịch năm đó bị lũ cuốn mất rồi"],
  ])("after %s: %s → nothing", (current, text) => {
    expect(noteTold(byCode(current), all, text)).toBeUndefined();
  });
});

describe("an event already registered abroad", () => {
  it.each([
    ["1.001193", "con em sinh bên Nhật, bệnh viện bên đó làm giấy khai sinh Nhật rồi", "2.000547"],
    ["1.000656", "mẹ em mất ở Úc, bên đó đã cấp giấy chứng tử rồi, giờ về ghi sổ", "2.000547"],
  ])("after %s: %s → %s", (current, text, meant) => {
    expect(retoldCase(byCode(current), all, text)?.code).toBe(meant);
  });

  it("not a paper said not yet made there, nor a marriage (its own record)", () => {
    expect(retoldCase(byCode("1.001193"), all, "bé sinh ở Nhật nhưng chưa làm giấy khai sinh bên đó")?.code).not.toBe(
      "2.000547",
    );
    expect(retoldCase(byCode("1.000894"), all, "tụi em đăng ký kết hôn bên Hàn rồi, giờ về ghi vào sổ")?.code).toBe(
      "2.002189",
    );
  });

  it("the writer said Vietnamese in English is no foreigner; a Vietnamese spouse named by a foreigner still is one", () => {
    expect(
      namesForeigner("My landlord says I, as a Vietnamese citizen from Hanoi, must register my temporary stay"),
    ).toBe(false);
    expect(namesForeign("We are a Vietnamese couple and our baby was born in Hanoi")).toBe(false);
    expect(namesForeigner("I married a Vietnamese woman last year")).toBe(true);
    expect(namesForeigner("I'm a Vietnamese-American living in District 3")).toBe(true);
  });

  it("someone working abroad is no foreign element", () => {
    expect(namesForeign("bố mẹ cháu đều đi lao động ở Hàn Quốc, cháu ở với bà")).toBe(false);
    expect(namesForeign("mẹ cháu là người Hàn Quốc")).toBe(true);
  });
});

// Batch 1 was written from the records before this session's changes were made (tuned on); batch 2 after 9e39396,
// measured at the session's start and at the end only, never tuned on. Clean exports: a85ac94 (start) 40/57 and
// 24/35; f260322 41/57 and 28/35 (44/57 and 28/35 with FOLLOW's wiring of toldByRecords): see
// /work/coord/s16/LOOKALIKE.md.
describeFollowUpCounts(
  () => catalogue,
  [
    ["test/core/s16-lookalike-probe1.jsonl", 41],
    ["test/core/s16-lookalike-probe2.jsonl", 28],
  ],
);

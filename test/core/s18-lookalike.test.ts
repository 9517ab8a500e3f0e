/**
 * Session 18 (LOOKALIKE): look-alikes told apart when the case is said in other words than the records'.
 * - A nationality said in chat or in words that fold like others (foreign.ts namesForeign): "ng Hàn", "ck e ng Úc",
 *   "chồng Tây", "bố cháu là người Anh", "quốc tịch VN" (Vietnamese: none foreign).
 * - English read in the records' words through the catalogue's synonyms (variants.ts englishGloss): who died
 *   ("he was a war invalid") for the funeral supports, the father's acknowledgement for the birth registrations.
 * - A fact two look-alikes' notes say the two ways round, read by the state it is said in (variants.ts stateTold):
 *   "bé có giấy khai sinh rồi" → the acknowledgement, "chưa làm giấy khai sinh" → the birth joined to it.
 * - Nothing foreign told makes a foreign-element answer its plain twin (foreign.ts plainAsTold): English is none.
 * The reading alone, and the probe batches through the real assistant. Phrasings written for this test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import type { LookAlikeReadings } from "../../src/catalogue/readings.js";
import type { Procedure } from "../../src/catalogue/schema.js";
import { namesForeign, plainAsTold, retoldCase } from "../../src/features/foreign.js";
import {
  englishGloss,
  funeralAmong,
  funeralTold,
  learnGlossary,
  notedAmong,
  stateTold,
} from "../../src/features/variants.js";
import { bundledCatalogue } from "../harness/common.js";
import { describeFollowUpCounts } from "../harness/probe-floors.js";

let catalogue: LiveCatalogue;
let all: readonly Procedure[];
let readings: LookAlikeReadings;
const byCode = (code: string) => all.find((p) => p.code === code) as Procedure;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
  const { catalogue: current } = catalogue.current();
  all = current.procedures;
  learnGlossary(all, current.synonyms);
  // with the câu mẫu readings the assistant reads with (learned once for this catalogue version, held by its snapshot)
  readings = await (
    catalogue.current().readings as NonNullable<ReturnType<LiveCatalogue["current"]>["readings"]>
  ).ready();
}, 180_000);

describe("a nationality said in chat or in words that fold like others", () => {
  it.each([
    "bố bé là ng Hàn, làm khai sinh ở phường được ko",
    "ck e ng Úc, tụi e muốn làm lại giấy kết hôn",
    "em lấy chồng Tây thì giấy tờ thế nào",
    "bố cháu là người Anh, chưa cưới mẹ cháu",
    "vk anh ng Mĩ",
    "nhận cha cho con có yếu tố nc ngoài",
    "bạn trai người Ý muốn nhận con",
    "hai vợ chồng sống ở Đức mấy năm, bé sinh bên đó",
    "the father is a US citizen",
  ])("%s: foreign", (text) => {
    expect(namesForeign(text)).toBe(true);
  });

  it.each([
    "sửa ngày sinh trong giấy khai sinh, cả nhà quốc tịch VN",
    "anh ấy là người anh cả trong nhà, bố mẹ mất cả rồi",
    "quê tôi ở Tây Nguyên, giờ làm khai sinh cho con",
    "em sinh ở Đức Trọng, Lâm Đồng",
    "how much to correct the date of birth on my birth certificate",
    "giấy khai sinh của bé ghi sai tên mẹ (ko có yếu tố nc ngoài)",
  ])("%s: nothing foreign", (text) => {
    expect(namesForeign(text)).toBe(false);
  });
});

describe("English read in the records' words", () => {
  it("puts the synonyms' English terms in Vietnamese, leaves Vietnamese as it is", () => {
    expect(englishGloss("he was a war invalid, is there funeral support", all)).toContain("thương binh");
    expect(englishGloss("bố tôi là thương binh", all)).toBe("bố tôi là thương binh");
  });

  it.each([
    // [current, told, meant]
    [
      "1.000656",
      "my grandpa was a wounded soldier on a monthly allowance, can we get help with the funeral",
      "1.010824",
    ],
    ["1.000656", "mum got the social allowance every month, is there money to bury her", "1.001731"],
    ["1.000656", "she was on the social pension, does the family get funeral support", "1.014028"],
  ])("after %s: %s → %s", (current, text, meant) => {
    expect(funeralTold(byCode(current), all, text, readings)?.code).toBe(meant);
  });
});

describe("a fact the notes say the two ways round, read by its state", () => {
  it.each([
    // [current, told, meant]
    ["1.000689", "cháu có giấy khai sinh rồi mà thiếu tên bố", "1.001022"],
    ["1.000689", "giấy khai sinh đã làm hồi tháng trước, chỉ để trống phần cha", "1.001022"],
    ["1.001022", "con em chưa đăng ký khai sinh", "1.000689"],
    ["1.001695", "our daughter already has her birth certificate, only my name is missing", "2.000779"],
    ["2.000779", "bé chưa có giấy khai sinh", "1.001695"],
  ])("after %s: %s → %s", (current, text, meant) => {
    expect(stateTold(byCode(current), all, text)?.code).toBe(meant);
    expect(retoldCase(byCode(current), all, text, {}, readings)?.code).toBe(meant);
  });

  it.each([
    ["1.000689", "làm khai sinh có tên bố luôn"], // a wish: no state
    ["1.001193", "giấy khai sinh cũ đã mất"], // no pair of notes said both ways
  ])("after %s: %s → nothing", (current, text) => {
    expect(stateTold(byCode(current), all, text)).toBeUndefined();
  });

  it("the one at hand's own case stays on it", () => {
    expect(stateTold(byCode("1.001022"), all, "bé đã có giấy khai sinh rồi")?.code).toBe("1.001022");
    expect(
      retoldCase(byCode("1.000689"), all, "con chưa có giấy khai sinh, hai đứa chưa cưới", {}, readings)?.code,
    ).toBe("1.000689");
    expect(stateTold(byCode("1.004884"), all, "sổ gốc ở xã cũng không còn")?.code).toBe("1.004884");
  });
});

describe("over a list", () => {
  it("the state of the book or the birth certificate settles it, in the list or not", () => {
    const lost = ["1.004884", "1.001193", "2.000635"].map(byCode);
    expect(
      notedAmong(lost, all, "phường bảo sổ lưu ở xã vẫn còn, chỉ mất tờ bản chính", "mất giấy khai sinh")?.code,
    ).toBe("2.000635");
    const left = ["1.004884", "1.001193"].map(byCode);
    expect(notedAmong(left, all, "à em chỉ cần bản sao, sổ gốc xã còn giữ", "mất giấy khai sinh")?.code).toBe(
      "2.000635",
    );
    const father = ["1.001022", "1.000689"].map(byCode);
    expect(notedAmong(father, all, "cháu có giấy khai sinh lâu rồi")?.code).toBe("1.001022");
    expect(notedAmong(father, all, "cháu chưa đi làm khai sinh")?.code).toBe("1.000689");
  });

  it("a funeral support the list left out, told better than the listed ones", () => {
    const list = ["1.014028", "1.001731", "2.000744"].map(byCode);
    expect(funeralAmong(list, all, "cụ là thương binh, mới mất tuần trước", readings)?.code).toBe("1.010824");
    expect(funeralAmong(list, all, "cụ đang hưởng hưu trí xã hội, mới mất", readings)?.code).toBe("1.014028");
  });
});

describe("nothing foreign told", () => {
  it("makes a foreign-element answer its plain twin; a foreigner or abroad told keeps it", () => {
    const twin = byCode("2.000748");
    expect(plainAsTold(twin, all, "how do I correct the spelling of my name on my birth certificate")?.code).toBe(
      "1.004859",
    );
    expect(plainAsTold(twin, all, "sửa tên trong giấy khai sinh, mẹ cháu người Nhật")).toBeUndefined();
    expect(plainAsTold(twin, all, "correct my name", { story: "my husband is Korean" })).toBeUndefined();
    expect(plainAsTold(byCode("2.002189"), all, "ghi chú kết hôn")).toBeUndefined(); // no plain twin
    expect(plainAsTold(byCode("1.004859"), all, "sửa tên")).toBeUndefined(); // plain already
  });
});

// Batch 1 was written from the records before this session's changes (tuned on). Clean exports: 6dd31c7 (start)
// 31/49; with LOOKALIKE's files and the glossary learnt (as beforeAll does here, and answer.ts once
// /work/coord/s18/lookalike-wiring.patch is applied) 38/49 (35 without the glossary); floor one below.
// Batch 2 (test/core/s18-lookalike-probe2.jsonl, md5 4cd08246…) was written after the changes, from the records, and
// never tuned on: clean exports 377c2ec+6dd31c7's LOOKALIKE files 17/28; HEAD with these files 23/28 here (22 without
// the glossary); floor one below.
describeFollowUpCounts(
  () => catalogue,
  [
    ["test/core/s18-lookalike-probe1.jsonl", 37],
    ["test/core/s18-lookalike-probe2.jsonl", 22],
  ],
);

/**
 * Session 14 (LOOKALIKE): a case told anew after an answer — a marriage already made abroad (recorded here, 2.002189),
 * a foreigner named after a plain procedure that has a twin, the other side said Vietnamese after a foreign-element
 * one — moves to that look-alike; a foreign place alone (a honeymoon, a husband working abroad) and the citizen's own
 * side ("em là người Việt") move nothing. The reading alone, and the probe batches through the real assistant.
 * Phrasings written for this test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import type { Procedure } from "../../src/catalogue/schema.js";
import { asksMobile, caseForeign, marriedAbroad, retoldCase, withoutCaseWords } from "../../src/features/foreign.js";
import { namesChange, variantForDetail } from "../../src/features/variants.js";
import { bundledCatalogue } from "../harness/common.js";
import { converse } from "../harness/converse.js";
import { describeFollowUpCounts } from "../harness/probe-floors.js";

let catalogue: LiveCatalogue;
let all: readonly Procedure[];
const byCode = (code: string) => all.find((p) => p.code === code) as Procedure;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
  all = catalogue.current().catalogue.procedures;
}, 180_000);

describe("the case told anew after an answer", () => {
  it.each([
    ["1.000894", "không phải, tôi kết hôn ở nước ngoài rồi, giờ ghi vào sổ", "2.002189"],
    ["1.000894", "nếu bọn em kết hôn ở Hàn rồi thì sao", "2.002189"],
    ["1.000894", "we already got married in Korea, how do we get it recorded here", "2.002189"],
    ["2.000806", "tui voi ong xa da dang ky ket hon ben My", "2.002189"],
    ["2.000806", "à không, vợ em người Việt, cần gì", "1.000894"],
    ["2.000806", "à nhầm, chồng sắp cưới của em cũng là người Việt", "1.000894"],
    ["2.000806", "ko, vo chong e deu nguoi viet het", "1.000894"],
    ["1.001022", "mẹ cháu là Việt kiều định cư ở Mỹ", "2.000779"],
    ["1.004845", "cháu mang quốc tịch Hàn", "2.000756"],
    ["1.004837", "người được giám hộ mang quốc tịch Mỹ", "1.001669"],
    // someone too unwell to come, or staff asked to come: the mobile registration of the same event
    ["1.000656", "bà nội nằm liệt không lên phường được, cán bộ xuống nhà làm được không", "1.000419"],
    ["1.000656", "ông mất ở nhà, nhờ cán bộ đến làm", "1.000419"],
    ["1.000894", "người yêu em nằm viện lâu dài không đến ủy ban được, làm tại chỗ được không", "1.000593"],
    ["1.001193", "can bo co xuong tan nha lam khai sinh ko", "1.003583"],
  ])("after %s: %s → %s", (current, text, meant) => {
    expect(retoldCase(byCode(current), all, text)?.code).toBe(meant);
  });

  it.each([
    ["2.000806", "em là người Việt, cần giấy gì"], // the citizen's own side of a case with a foreigner
    ["1.000894", "bọn em định đi Hàn Quốc hưởng tuần trăng mật, hồ sơ cần gì"], // a trip, no foreigner
    ["1.000894", "bọn em định kết hôn ở Hàn"], // a wedding planned there: still registered here
    ["1.000894", "dạ em kết hôn ở Hàn được không"], // "dạ" is a yes, not "đã"
    ["1.001193", "chồng em đi làm ở Nhật chưa về, em đi làm một mình được không"],
    ["1.001612", "quán em bán đồ ăn Hàn Quốc"], // no twin
    ["1.000656", "bố tôi quốc tịch Pháp"], // no twin
    ["1.000656", "bố em mất tại nhà"], // where the death was, no request to come
    ["1.000656", "bà nội nằm liệt giường mấy năm rồi mất"],
    ["1.001193", "em không đi được thì nhờ chồng đi được không"], // someone sent instead
    ["1.001612", "cán bộ xuống nhà kiểm tra quán không"], // no mobile variant
  ])("after %s: %s → nothing", (current, text) => {
    expect(retoldCase(byCode(current), all, text)).toBeUndefined();
  });

  it("reads a marriage done abroad, not one planned or a trip", () => {
    expect(marriedAbroad("bọn mình cưới bên Úc rồi, giờ về muốn ghi vào sổ")).toBe(true);
    expect(marriedAbroad("chúng tôi sắp cưới ở Nhật")).toBe(false);
    expect(marriedAbroad("đã kết hôn rồi, giờ đi du lịch Thái Lan")).toBe(false);
  });

  it("reads staff asked to come, or someone too unwell to come, not someone busy", () => {
    expect(asksMobile("can the officer come to our home")).toBe(true);
    expect(asksMobile("em ko ra phường được vì bận, ai đi thay được")).toBe(false);
  });

  it("leaves the foreign element out of what a message names", () => {
    expect(withoutCaseWords("mẹ cháu là Việt kiều định cư ở Mỹ")).toBe("me chau la");
    expect(withoutCaseWords("bà nội nằm liệt không lên phường được, cán bộ xuống nhà làm được không")).toBe(
      "ba noi duoc lam duoc khong",
    );
  });

  it("the other side said Vietnamese takes a foreigner told before back; the citizen's own side does not", () => {
    const story = "vợ tôi là người Trung Quốc, mất giấy đăng ký kết hôn";
    expect(caseForeign("không, vợ tôi người Việt mà", { story })).toBe(false);
    expect(caseForeign("em là người Việt, cần giấy gì", { story })).toBe(true);
  });
});

describe("through the assistant: review s13's open look-alike lines", () => {
  it.each([
    ["đăng ký kết hôn", "1.000894", "không phải, tôi kết hôn ở nước ngoài rồi, giờ ghi vào sổ", "2.002189"],
    ["đăng ký kết hôn", "1.000894", "nếu bọn em kết hôn ở Hàn rồi thì sao", "2.002189"],
    ["đăng ký kết hôn có yếu tố nước ngoài", "2.000806", "à không, vợ em người Việt, cần gì", "1.000894"],
    ["đăng ký nhận cha, mẹ, con", "1.001022", "mẹ cháu là Việt kiều định cư ở Mỹ", "2.000779"],
    ["đăng ký chấm dứt giám hộ", "1.004845", "cháu mang quốc tịch Hàn", "2.000756"],
    [
      "đăng ký khai tử",
      "1.000656",
      "bà nội nằm liệt không lên phường được, cán bộ xuống nhà làm được không",
      "1.000419",
    ],
  ])("%s / %s", async (first, code, next, meant) => {
    await converse(catalogue, [
      [first, code],
      [next, meant],
    ]);
  });
});

describe("more time asked is the extension", () => {
  it.each([
    [["1.004194", "1.002755", "1.010028"], "xin kéo dài thêm", "1.002755"],
    [["1.013225", "1.013228", "1.013227", "1.013226"], "muốn kéo dài thời hạn giấy phép", "1.013227"],
  ])("%j: %s → %s", (codes, text, meant) => {
    expect(variantForDetail(codes.map(byCode), text)?.code).toBe(meant);
  });

  it("not the time a procedure takes, nor staying with someone", () => {
    expect(namesChange("thủ tục kéo dài bao lâu")).toBe(false);
    const residence = ["1.004194", "1.002755", "1.010028"].map(byCode);
    expect(variantForDetail(residence, "em ở thêm với chị gái thì sao")?.code).not.toBe("1.002755");
  });
});

// Batch 1 was written before this session's changes. Batch 2 was written after them and measured once, never tuned
// on. Floors are the figures on a clean export (no uncommitted edits of others): 30/40 and 14/25 at the session's
// start (3247025), 31/40 and 15/25 with foreign.ts alone (83c0287), 36/40 and 20/25 with retoldCase wired into
// answer.ts (d892849).
describeFollowUpCounts(
  () => catalogue,
  [
    ["test/core/s14-lookalike-probe1.jsonl", 36],
    ["test/core/s14-lookalike-probe2.jsonl", 20],
  ],
);

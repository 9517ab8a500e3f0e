/**
 * Session 13 (LOOKALIKE): a detail that says what a change alters (the address, the name, the owner, the supplier)
 * picks, among a thing's variants, the one whose names or aliases say that thing; a move said as moving ("dọn sang số
 * nhà khác", "dời chỗ") is a change. Through the real assistant, and the reading alone. Phrasings written for this test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import type { Procedure } from "../../src/catalogue/schema.js";
import { namesChange, variantForDetail } from "../../src/features/variants.js";
import { bundledCatalogue } from "../harness/common.js";
import { converse } from "../harness/converse.js";

let catalogue: LiveCatalogue;
let all: readonly Procedure[];
const byCode = (code: string) => all.find((p) => p.code === code) as Procedure;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
  all = catalogue.current().catalogue.procedures;
});

describe("what a change alters picks the variant", () => {
  it.each([
    [["1.001612", "2.000720", "1.014034", "2.000575"], "chuyển cửa hàng sang địa chỉ khác trong phường", "2.000720"],
    [
      ["2.000181", "2.000150", "2.000162"],
      "dọn cửa hàng sang số nhà khác cùng phố, giấy cũ vẫn ghi địa chỉ cũ",
      "2.000162",
    ],
    [["2.000620", "2.001240", "2.000615"], "tiệm dời sang chỗ khác rồi", "2.000615"],
    [["2.000181", "2.000150", "2.000162"], "đổi nhà phân phối khác", "2.000162"],
  ] as const)("%j: %s → %s", (codes, text, meant) => {
    expect(variantForDetail(codes.map(byCode), text)?.code).toBe(meant);
  });

  it.each([
    // a loss or an expiry is no alteration: the re-issue
    [["2.000181", "2.000150", "2.000162"], "giấy phép bị cháy mất rồi", "2.000150"],
    // the address said without any change: nothing picked
    [["1.001612", "2.000720", "1.014034"], "địa chỉ cửa hàng ở số 5", undefined],
  ] as const)("%j: %s → %s", (codes, text, meant) => {
    expect(variantForDetail(codes.map(byCode), text)?.code).toBe(meant);
  });

  it("moving is a change; cleaning up is none", () => {
    expect(namesChange("tiệm dọn sang số nhà khác")).toBe(true);
    expect(namesChange("nhóm dời chỗ sinh hoạt")).toBe(true);
    expect(namesChange("dọn dẹp cửa hàng cho gọn")).toBe(false);
  });
});

describe("in conversation", () => {
  it("a correction that says the shop moved is the change of registered details", async () => {
    // The first turn only sets a household-business record at hand. It was «sửa giấy phép kinh doanh hộ cá thể»,
    // which no single record answers (a correction, a change or a re-issue) and which each retrain answered otherwise
    // (the founding registration, then the re-issue since the twenty-second session's split): the founding
    // registration asked plainly instead, the correction after it unchanged.
    await converse(catalogue, [
      ["đăng ký hộ kinh doanh cá thể", "1.001612"],
      ["ý tôi là chuyển cửa hàng sang địa chỉ khác trong phường", "2.000720"],
    ]);
  });

  it("a licence's shop moved is its amendment", async () => {
    await converse(catalogue, [
      ["giấy phép bán lẻ rượu", "2.000620"],
      ["tiệm dọn sang số nhà khác rồi", "2.000615"],
    ]);
  });
});

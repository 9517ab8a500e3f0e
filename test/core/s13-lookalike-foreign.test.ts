/**
 * Session 13 (LOOKALIKE): a plain civil-status procedure and its foreign-element twin. Which twin a plain record has
 * (its name said again with "có yếu tố nước ngoài"), and whether a case told over a chat has a foreign element: said
 * now, or told earlier and not taken back. Phrasings written for this test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Procedure } from "../../src/catalogue/schema.js";
import { caseForeign, foreignTwin, forTheCase, namesForeign, plainTwin } from "../../src/features/foreign.js";
import { bundledCatalogue } from "../harness/common.js";

let all: readonly Procedure[];
const byCode = (code: string) => all.find((p) => p.code === code) as Procedure;
beforeAll(async () => {
  all = (await bundledCatalogue()).current().catalogue.procedures;
});

describe("a plain procedure's foreign-element twin", () => {
  it.each([
    ["1.001193", "2.000528"], // khai sinh: not the birth registration joined to an acknowledgement of paternity
    ["1.000689", "1.001695"], // khai sinh kết hợp nhận cha, mẹ, con: "đăng ký" said again in the twin's name
    ["1.000894", "2.000806"], // kết hôn: not its re-registration
    ["1.004746", "2.000513"],
    ["1.005461", "2.000497"],
    ["1.004859", "2.000748"], // "…, xác định lại dân tộc" after a comma: what the twin covers besides
    ["1.004837", "1.001669"],
    ["1.004845", "2.000756"],
    ["1.001022", "2.000779"],
  ])("%s → %s, and back", (plain, twin) => {
    expect(foreignTwin(byCode(plain), all)?.code).toBe(twin);
    expect(plainTwin(byCode(twin), all)?.code).toBe(plain);
  });

  it.each([
    "1.000656", // khai tử: "Đăng ký lại khai tử có yếu tố nước ngoài" is a re-registration's twin
    "1.004884", // đăng ký lại khai sinh: none in the catalogue
    "1.003583", // lưu động
    "2.000635",
  ])("%s has none", (plain) => {
    expect(foreignTwin(byCode(plain), all)).toBeUndefined();
  });

  it("among a few candidates, still the twin by name, never a look-alike that only starts alike", () => {
    expect(foreignTwin(byCode("1.001193"), [byCode("1.001695")])).toBeUndefined();
    expect(foreignTwin(byCode("1.000656"), [byCode("2.000497")])).toBeUndefined();
  });
});

describe("whether the case has a foreign element", () => {
  it.each([
    "anh ấy là người Việt nhưng định cư ở Pháp lâu rồi",
    "my husband is Canadian",
    "vợ tôi là người Đức",
    "bố cháu quốc tịch Thổ Nhĩ Kỳ",
  ])("named now: %s", (text) => {
    expect(namesForeign(text)).toBe(true);
  });

  it.each([
    "anh Đức hàng xóm làm chứng được không",
    "vợ chồng em ở Tây Nguyên",
    "chồng em đi làm bên Hàn chưa về được",
    "cả hai vợ chồng đều người Việt",
    // folded alike (review H9): pregnant, Thái Bình, who issues it, a million, clapping
    "vợ em đang mang thai, muốn hỏi đăng ký khai sinh cần gì",
    "em quê Thái Bình, chồng người dân tộc Thái",
    "ai cấp giấy này vậy",
    "phí một triệu tiền có đắt không",
    "mọi người vỗ tay chúc mừng, chồng tay bắt mặt mừng",
  ])("none named: %s", (text) => {
    expect(namesForeign(text)).toBe(false);
  });

  it("told one turn earlier, kept when the new words say nothing of it", () => {
    const story = "vợ tôi là người Trung Quốc, mất giấy đăng ký kết hôn";
    expect(caseForeign("làm lại", { story })).toBe(true);
    expect(caseForeign("how do I re-register the marriage", { procedure: byCode("2.000513") })).toBe(true);
    expect(forTheCase(byCode("1.004746"), all, "làm lại", { story }).code).toBe("2.000513");
    expect(forTheCase(byCode("1.005461"), all, "đăng ký lại khai tử", { procedure: byCode("2.000497") }).code).toBe(
      "2.000497",
    );
    expect(
      forTheCase(byCode("1.004859"), all, "sửa tên trên giấy khai sinh", {
        story: "con tôi có quốc tịch Mỹ, muốn sửa giấy tờ",
      }).code,
    ).toBe("2.000748");
  });

  it("taken back by saying the case is domestic; nothing told, nothing kept", () => {
    const story = "vợ tôi là người Trung Quốc, mất giấy đăng ký kết hôn";
    expect(caseForeign("à nhầm, cả hai vợ chồng đều người Việt", { story })).toBe(false);
    expect(forTheCase(byCode("1.004746"), all, "làm lại", { story: "mất giấy đăng ký kết hôn" }).code).toBe("1.004746");
    expect(forTheCase(byCode("1.004746"), all, "làm lại", { procedure: byCode("1.000894") }).code).toBe("1.004746");
  });

  it("never moves a foreign-element procedure to its plain twin: the Vietnamese side of the same case", () => {
    const before = { procedure: byCode("2.000806"), story: "đăng ký kết hôn có yếu tố nước ngoài" };
    expect(forTheCase(byCode("2.000806"), all, "em là người Việt, cần giấy gì", before).code).toBe("2.000806");
  });

  it("a twin read from a detail when nothing foreign was ever told is the plain one", () => {
    const before = { procedure: byCode("1.004746"), story: "đăng ký lại kết hôn" };
    expect(forTheCase(byCode("2.000513"), all, "làm lại", before).code).toBe("1.004746");
    expect(forTheCase(byCode("2.000513"), all, "vợ tôi người Hàn", before).code).toBe("2.000513");
    // a foreign-element procedure with no plain twin stays: a marriage registered abroad
    expect(forTheCase(byCode("2.002189"), all, "làm lại", before).code).toBe("2.002189");
  });

  it("a procedure with no twin stays", () => {
    expect(forTheCase(byCode("1.000656"), all, "bố tôi quốc tịch Pháp").code).toBe("1.000656");
  });
});

import { describe, expect, it } from "vitest";
import { cleanText, fold, tokenize } from "../../src/search/normalize.js";

describe("Vietnamese text", () => {
  it("folds every Vietnamese letter, including đ/Đ, to ASCII", () => {
    const letters = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
    expect(fold(letters)).toMatch(/^[a-z]+$/);
    expect(fold(letters)).toHaveLength(letters.length);
    expect(fold("ắằẳẵặ ấầẩẫậ ếềểễệ ốồổỗộ ớờởỡợ ứừửữự ỳýỷỹỵ")).toBe("aaaaa aaaaa eeeee ooooo ooooo uuuuu yyyyy");
    expect(fold(letters.toUpperCase())).toBe(fold(letters));
    expect(fold("Đăng ký")).toBe("dang ky");
  });

  it("treats NFC and NFD input alike", () => {
    const nfd = "Đăng ký khai sinh".normalize("NFD");
    expect(cleanText(nfd)).toBe("Đăng ký khai sinh");
    expect(tokenize(nfd)).toEqual(tokenize("Đăng ký khai sinh"));
  });

  it("removes control and invisible characters and collapses spaces", () => {
    expect(cleanText("  khai\u0000 sinh\u200b\t\n ")).toBe("khai sinh");
  });

  it("spells kí/ký and lí/lý the same once folded", () => {
    expect(tokenize("đăng kí")).toEqual(tokenize("đăng ký"));
    expect(tokenize("lý do")).toEqual(tokenize("lí do"));
  });
});

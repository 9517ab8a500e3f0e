// normalize.ts reads a word faster than it first did (a word typed without accents as it stands, the others decomposed
// once for both the folding and the accent signature) and remembers only the catalogue's words for long: what it reads
// must be what the plain reading gives, for every word of the tuning messages, of the catalogue's texts and of a few
// odd ones of our own (capitals, đ/Đ, digits, other scripts, marks typed apart, spellings ky/ly/quy/hy).
import { describe, expect, it } from "vitest";
import type { Catalogue } from "../../src/catalogue/load.js";
import { asCatalogue, fold, textWords, words } from "../../src/search/normalize.js";
import { bundledDataAndTuning } from "../harness/common.js";

const SPELLING = new Map([
  ["ky", "ki"],
  ["ly", "li"],
  ["quy", "qui"],
  ["hy", "hi"],
]);

/** A word as the search first read it (fold, then the accent signature of the decomposed word). */
function plainWord(raw: string): { token: string; marks: string }[] {
  const folded = fold(raw)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  const marks: string[] = [...(raw.normalize("NFD").match(/\p{M}/gu) ?? [])];
  if (raw.includes("đ")) marks.push("đ");
  const signature = marks.sort().join("");
  return folded === ""
    ? []
    : folded.split(" ").map((piece) => ({ token: SPELLING.get(piece) ?? piece, marks: signature }));
}

const plainWords = (text: string) =>
  text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((raw) => raw !== "")
    .flatMap(plainWord);

const plainTextTokens = (text: string) =>
  text
    .normalize("NFC")
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((raw) => raw !== "")
    .flatMap((raw) => plainWord(raw.toLowerCase()));

const ODD = [
  "ĐĂNG KÝ KHAI SINH cho bé Đức",
  "Tp.HCM 0912345678 kí/ký lí lịch, QUY định, hy sinh, Kỳ",
  "xin chào Москва 北京 café naïve",
  "hoa\u0300 hòa hoà ho\u0300a",
  "giấy tờ😀 cần   gì?? — ở đâu… (phường) 'x' \"y\"",
  "dang ki ket hon can gi",
];

/** The bundled records and the tuning messages, read once for the file. */
const data: Promise<{ catalogue: Catalogue; messages: string[] }> = bundledDataAndTuning();

describe("normalize.ts reads words as the plain reading does", () => {
  it("words(): messages, catalogue texts (read as the catalogue) and odd texts", async () => {
    const { catalogue, messages } = await data;
    const texts = [
      ...messages,
      ...ODD,
      ...catalogue.procedures.flatMap((p) => [p.name, ...p.aliases, p.applicants ?? "", ...(p.conditions ?? [])]),
    ];
    let checked = 0;
    for (const text of texts) {
      expect(words(text), text).toEqual(plainWords(text));
      checked++;
    }
    // Read again, as the catalogue (kept) and then from the memo: the same.
    asCatalogue(() => {
      for (const text of texts.slice(-500)) expect(words(text), text).toEqual(plainWords(text));
    });
    for (const text of texts.slice(-500)) expect(words(text), text).toEqual(plainWords(text));
    expect(checked).toBeGreaterThan(1000);
  });

  it("textWords(): the same tokens and marks, word by word", async () => {
    const { messages } = await data;
    for (const text of [...messages, ...ODD]) {
      const read = textWords(text).map((w) => ({ token: w.token, marks: w.marks }));
      expect(read, text).toEqual(plainTextTokens(text));
    }
  });

  it("every call gets words of its own (a caller may change them)", () => {
    const first = words("đăng ký khai sinh");
    (first[0] as { token: string }).token = "changed";
    expect(words("đăng ký khai sinh")[0]?.token).toBe("dang");
  });
});

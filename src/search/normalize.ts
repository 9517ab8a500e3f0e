/**
 * Vietnamese text handling. Display text stays accented (NFC); matching uses
 * a folded ASCII form so "dang ki khai sinh" meets "Đăng ký khai sinh".
 */

/** Longest input we look at; citizens' questions are short, pasted walls of text are not. */
export const MAX_QUERY_CHARS = 500;

// C0/C1 controls, zero-width and bidi marks: invisible, never meaningful in a question.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** NFC, invisible characters removed, whitespace collapsed. */
export function cleanText(input: string): string {
  return input.normalize("NFC").replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
}

/** Folds to lower-case ASCII: every Vietnamese mark removed and đ/Đ → d. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
}

// Spelling variants that are the same word once folded: "kí"/"ký", "lí"/"lý".
const SPELLING: Record<string, string> = { ky: "ki", ly: "li", quy: "qui", hy: "hi" };

/** Folded word tokens: runs of ASCII letters and digits. */
export function tokenize(text: string): string[] {
  const words = fold(text).match(/[a-z0-9]+/g) ?? [];
  return words.map((w) => SPELLING[w] ?? w);
}

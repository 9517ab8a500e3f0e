import { cleanText, tokenize } from "../search/normalize.js";

/** Longest question kept; the rest says nothing staff need and may say more about the writer. */
export const MAX_CHARS = 300;

// Dossier codes ("000.31.20.H49-251103-0012"): a unit code, a date and a number joined by dashes.
// Every part bounded: unbounded runs backtracked for seconds on "1.1.1.…" (thousands of characters).
const DOSSIER_CODE = /[0-9A-Za-z.]{0,30}\d[0-9A-Za-z.]{0,30}\s?[-‐-―]\s?\d{6}\s?[-‐-―]\s?\d{1,6}/g;
// Phone numbers: 0 or +84 and 9 or 10 more digits, maybe with spaces, dots or dashes between groups.
const PHONE = /(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){9,10}(?![\d])/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const NUMBER = /\d+(?:[.,]\d+)*/g;

/**
 * A question as staff may see it: dossier codes, phone numbers, e-mail addresses and every
 * other number (ids, dates, amounts) replaced by a mark, NFC, at most 300 characters.
 */
export function scrubQuestion(text: string): string {
  // Cut first (a little over what is kept, so a code or number at the cut is still recognised whole):
  // the patterns then run over a few hundred characters, never a flood.
  return cleanText(text)
    .slice(0, MAX_CHARS + 60)
    .replace(DOSSIER_CODE, "[mã hồ sơ]")
    .replace(EMAIL, "[email]")
    .replace(PHONE, "[số điện thoại]")
    .replace(NUMBER, "[số]")
    .slice(0, MAX_CHARS)
    .trim();
}

/** Questions are counted together when they read the same once folded ("Hộ chiếu?" = "ho chieu"). */
export function questionKey(scrubbed: string): string {
  return tokenize(scrubbed).join(" ");
}

/**
 * Vietnamese text handling. Display text stays accented (NFC); matching uses
 * a folded ASCII form so "dang ki khai sinh" meets "Đăng ký khai sinh".
 */

/** Longest input we look at: letters to a Q&A column run to a few hundred characters; pasted walls of text are cut. */
export const MAX_QUERY_CHARS = 1_500;

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
// A Map, not an object literal: a user typing "constructor" must not reach Object.prototype.
const SPELLING = new Map([
  ["ky", "ki"],
  ["ly", "li"],
  ["quy", "qui"],
  ["hy", "hi"],
]);

/**
 * A word as matched: its folded token, and the marks the writer typed on it.
 * `marks` tells apart words that fold alike ("mồ"/"mở", "bố"/"bộ", "cưới"/"cuối")
 * when the citizen typed accents; it is "" for unaccented typing and for concepts.
 */
export interface Word {
  token: string;
  marks: string;
}

/** A word of running text: also whether it began with a capital letter, and which clause it stands in. */
export interface TextWord extends Word {
  capital: boolean;
  /** Counts the clause breaks (. , ; : ? ! brackets, dashes) before the word. */
  clause: number;
  /** Counts the sentence ends (. ? !) before the word. */
  sentence: number;
}

/** Words of a text: folded tokens with their accent signature (marks in any order, so "hoà" = "hòa"). */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const raw of text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    const folded = fold(raw)
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
    if (folded === "") continue;
    const marks = signature(raw);
    // A run of letters from another script next to Latin ones can fold into several pieces.
    for (const piece of folded.split(" ")) out.push({ token: SPELLING.get(piece) ?? piece, marks });
  }
  return out;
}

// A run of letters/digits, or a clause break.
const PIECE = /[\p{L}\p{M}\p{N}]+|[.,;:?!()[\]{}\n"“”…–—]|\s-\s/gu;

/** Words of running text with their case and clause, for the query side (place names, long letters). */
export function textWords(text: string): TextWord[] {
  const out: TextWord[] = [];
  let clause = 0;
  let sentence = 0;
  let broken = false;
  let ended = false;
  const nfc = text.normalize("NFC");
  for (const match of nfc.matchAll(PIECE)) {
    const piece = match[0];
    if (!/[\p{L}\p{N}]/u.test(piece)) {
      // "TP.HCM", "1.001193", "v.v": a dot inside a word is no clause break.
      const glued = piece === "." && /[\p{L}\p{N}]/u.test(nfc.charAt((match.index ?? 0) + 1));
      if (!glued) broken = true;
      if (!glued && /[.?!…]/.test(piece)) ended = true;
      continue;
    }
    if (broken && out.length > 0) clause++;
    if (ended && out.length > 0) sentence++;
    broken = false;
    ended = false;
    const capital = /^\p{Lu}/u.test(piece);
    for (const w of words(piece)) out.push({ ...w, capital, clause, sentence });
  }
  return out;
}

function signature(word: string): string {
  const marks: string[] = [...(word.normalize("NFD").match(/\p{M}/gu) ?? [])];
  if (word.includes("đ")) marks.push("đ");
  return marks.sort().join("");
}

/** Folded word tokens: runs of ASCII letters and digits. */
export function tokenize(text: string): string[] {
  return words(text).map((w) => w.token);
}

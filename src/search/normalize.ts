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

/**
 * Whether a message's words are typed with accents (one word with its marks is enough): then each word is read with them
 * ("lông" is no "lòng"), and a message with none is English or Vietnamese typed bare. The follow-up judge, answer.ts's
 * readings after an answer and the paper-needed reader (redirects.ts) read it alike.
 */
export function typedWithMarks(said: readonly Word[]): boolean {
  return said.some((w) => w.marks !== "");
}

/** A word of running text: also whether it began with a capital letter, and which clause it stands in. */
export interface TextWord extends Word {
  capital: boolean;
  /** Counts the clause breaks (. , ; : ? ! brackets, dashes) before the word. */
  clause: number;
  /** Counts the sentence ends (. ? !) before the word. */
  sentence: number;
  /** The word's place in the text (0, 1, 2 …), which it keeps when words around it are mapped or dropped. */
  at: number;
}

/** Words of a text: folded tokens with their accent signature (marks in any order, so "hoà" = "hòa"). */
export function words(text: string): Word[] {
  // A catalogue's names, aliases and clauses come back at every index built (each reload, each ward's view): each
  // text is split once, and every call gets words of its own. Kept long only when read as the catalogue's.
  let found = TEXTS.get(text);
  if (found === undefined && reading === 0) found = passing.texts.get(text);
  if (found === undefined) {
    const split: Word[] = [];
    for (const raw of text
      .normalize("NFC")
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)) {
      if (raw === "") continue;
      for (const word of wordsOf(raw)) split.push(word);
    }
    found = split;
    keep(TEXTS, passing.texts, text, found);
  }
  return found.map((w) => ({ ...w }));
}

/*
 * What is remembered of texts read. A citizen's message is personal data (names, phone and ID numbers, a family's
 * story): it is never kept beyond the turn that reads it. Two memos each:
 * - the catalogue's (`TEXTS`, `FOLDED`): filled only while a catalogue is read (`readingCatalogue`: an index, the
 *   analyzer's synonyms, the re-ranker's models being built), at most `KEPT_MAX` entries each. Anything may look
 *   there (a message's "giấy" is the catalogue's word), only the catalogue's own texts and words are put in;
 * - the passing one: what else is read (a message, split a few times by the parts of one search), at most
 *   `PASSING_MAX` entries, emptied when the running task ends (a microtask) and when the analyzer starts on another
 *   message (`forgetPassing`).
 */
const KEPT_MAX = 50_000;
const TEXTS = new Map<string, readonly Word[]>();
// Folding is the costly part of reading text, and the same few thousand words come back again and again (building a
// 10,000-record index, answering questions): each catalogue word is folded once.
const FOLDED = new Map<string, readonly Word[]>();

const PASSING_MAX = 512;
const passing = {
  texts: new Map<string, readonly Word[]>(),
  folded: new Map<string, readonly Word[]>(),
  /** The message being read (`readingMessage`), if any. */
  message: undefined as string | undefined,
  /** Whether the microtask that empties them is queued. */
  queued: false,
};

/** How many catalogue readings are open (`readingCatalogue`). */
let reading = 0;

function keep(
  kept: Map<string, readonly Word[]>,
  passed: Map<string, readonly Word[]>,
  key: string,
  found: readonly Word[],
) {
  if (reading > 0) {
    if (kept.size >= KEPT_MAX) kept.clear();
    kept.set(key, found);
    return;
  }
  if (passed.size >= PASSING_MAX) passed.clear();
  passed.set(key, found);
  forgetLater();
}

function forgetLater(): void {
  if (passing.queued) return;
  passing.queued = true;
  queueMicrotask(forgetPassing);
}

/** Forgets every text and word read outside a catalogue reading (a citizen's message). */
export function forgetPassing(): void {
  passing.texts.clear();
  passing.folded.clear();
  passing.message = undefined;
  passing.queued = false;
}

/** A message is read (the analyzer's query): what another one left in the passing memo is forgotten. */
export function readingMessage(text: string): void {
  if (passing.message === text) return;
  forgetPassing();
  passing.message = text;
  forgetLater();
}

/**
 * Opens a reading of the catalogue's own texts (records, synonyms, câu mẫu): until the returned function is called,
 * or the running task ends, whichever comes first, the texts and words read are kept for the next index built.
 * Never around a citizen's message.
 */
export function readingCatalogue(): () => void {
  reading++;
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    reading = Math.max(0, reading - 1);
  };
  // A reading left open (a build that threw) ends with its task: no later message is read as the catalogue.
  queueMicrotask(close);
  return close;
}

/** Whether a catalogue reading is open: another memo of texts (a search's own) may keep what it reads only then. */
export function inCatalogueReading(): boolean {
  return reading > 0;
}

/** `read()` as a reading of the catalogue (`readingCatalogue`). */
export function asCatalogue<T>(read: () => T): T {
  const close = readingCatalogue();
  try {
    return read();
  } finally {
    close();
  }
}

/**
 * Whether a text (or a word, as typed) is remembered, by either memo: the privacy floor's probe
 * (test/search/s22-perf-privacy.test.ts).
 */
export function remembers(text: string): boolean {
  const word = text.normalize("NFC").toLowerCase();
  return (
    passing.message === text ||
    TEXTS.has(text) ||
    passing.texts.has(text) ||
    FOLDED.has(word) ||
    passing.folded.has(word)
  );
}

function wordsOf(raw: string): readonly Word[] {
  let found = FOLDED.get(raw);
  if (found) return found;
  if (reading === 0) {
    found = passing.folded.get(raw);
    if (found) return found;
  }
  if (PLAIN.test(raw)) {
    // Typed without accents (lower-case ASCII letters and digits): folded as it stands, no marks.
    found = [{ token: SPELLING.get(raw) ?? raw, marks: "" }];
  } else {
    // Decomposed once for both the folding (`fold`) and the accent signature (`signature`).
    const decomposed = raw.normalize("NFD");
    const folded = decomposed
      .replace(/\p{M}/gu, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
    const marks = signatureOf(decomposed, raw);
    // A run of letters from another script next to Latin ones can fold into several pieces.
    found = folded === "" ? [] : folded.split(" ").map((piece) => ({ token: SPELLING.get(piece) ?? piece, marks }));
  }
  keep(FOLDED, passing.folded, raw, found);
  return found;
}

/** A word `wordsOf` reads as it stands. */
const PLAIN = /^[a-z0-9]+$/;

// Clause breaks; a dot glued between letters or digits ("TP.HCM", "1.001193") is none.
const BREAK = /((?<![\p{L}\p{N}])\.|\.(?![\p{L}\p{N}])|[,;:?!()[\]{}\n"“”…–—]|\s-\s)/u;
const SENTENCE_END = /^[.?!…]/;

/** Words of running text with their case and clause, for the query side (place names, long letters). */
export function textWords(text: string): TextWord[] {
  const out: TextWord[] = [];
  let clause = 0;
  let sentence = 0;
  let broken = false;
  let ended = false;
  // split() with a capturing group alternates text and breaks: even parts are text, odd ones breaks.
  const parts = text.normalize("NFC").split(BREAK);
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k] as string;
    if (k % 2 === 1) {
      broken = true;
      if (SENTENCE_END.test(part)) ended = true;
      continue;
    }
    for (const raw of part.split(/[^\p{L}\p{M}\p{N}]+/u)) {
      if (raw === "") continue;
      const lower = raw.toLowerCase();
      const found = wordsOf(lower);
      if (found.length === 0) continue;
      if (broken && out.length > 0) clause++;
      if (ended && out.length > 0) sentence++;
      broken = false;
      ended = false;
      const capital = lower !== raw && raw.charAt(0) !== lower.charAt(0);
      for (const w of found) out.push({ token: w.token, marks: w.marks, capital, clause, sentence, at: out.length });
    }
  }
  return out;
}

/** The accent signature of `word` (lower-case), given its NFD form. */
function signatureOf(decomposed: string, word: string): string {
  const marks: string[] = [...(decomposed.match(/\p{M}/gu) ?? [])];
  if (word.includes("đ")) marks.push("đ");
  return marks.sort().join("");
}

/** Folded word tokens: runs of ASCII letters and digits. */
export function tokenize(text: string): string[] {
  return words(text).map((w) => w.token);
}

/**
 * Dossier codes look like `000.31.20.H49-251103-0012` (receiving unit, yymmdd, sequence).
 * Citizens type them with or without dots, in any case, with stray spaces; the key ignores all that.
 */

const DASHES = /[‐-―−]/g; // hyphen, en/em dashes, minus sign

/** The lookup key of a code: upper case, no dots, no spaces, ASCII dashes. */
export function codeKey(code: string): string {
  return code.normalize("NFKC").replace(DASHES, "-").replace(/[.\s]/g, "").toUpperCase();
}

/** What a code may be made of once keyed; ≤ 56 characters keeps choice ids ("d:r:KEY:0") within 64 bytes. */
const CODE_KEY = /^[0-9A-Z][0-9A-Z_/-]{3,55}$/;

export function isCodeKey(key: string): boolean {
  return CODE_KEY.test(key) && /\d/.test(key);
}

// A unit code is one or more space-separated pieces, each holding a digit ("000.31.20.H49",
// "000 31 20 H49"), so the words in front ("hồ sơ số") are not taken as part of it.
const PIECE = String.raw`[0-9A-Z.]*\d[0-9A-Z.]*`;
const IN_TEXT = new RegExp(
  String.raw`(?<![0-9A-Z.])(${PIECE}(?:\s+${PIECE})*)\s*-\s*(\d\s*\d\s*\d\s*\d\s*\d\s*\d)\s*-\s*(\d(?:\s*\d){0,5})(?![0-9A-Z])`,
  "g",
);

/**
 * Codes are looked for in this many first characters only. A message holding a code is short,
 * and IN_TEXT backtracks quadratically on long runs of digits and spaces: 50,000 characters of
 * "1 1 1 …" held the event loop for seconds, every chat waiting.
 */
export const MAX_SCAN_CHARS = 500;

/**
 * Keys of the dossier codes found in free text, longest reading first: "mã 12 000.31.20.H49-…"
 * yields both "120003120H49-…" and "0003120H49-…", and the caller keeps the one it knows.
 */
export function findCodeKeys(text: string): string[] {
  const upper = text.slice(0, MAX_SCAN_CHARS).normalize("NFKC").replace(DASHES, "-").toUpperCase();
  const keys: string[] = [];
  for (const m of upper.matchAll(IN_TEXT)) {
    const date = squash(m[2] ?? "");
    if (!isYymmdd(date)) continue; // "0912-345678-9" is a phone number, not a code
    const pieces = (m[1] ?? "").split(/\s+/);
    const tail = `-${date}-${squash(m[3] ?? "")}`;
    for (let i = 0; i < pieces.length; i++) {
      const key = codeKey(pieces.slice(i).join("") + tail);
      if (isCodeKey(key) && !keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}

function isYymmdd(digits: string): boolean {
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

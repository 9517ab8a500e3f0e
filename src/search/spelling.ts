import Fuse from "fuse.js";
import type { Word } from "./normalize.js";
import { PhraseMap, phrase } from "./phrases.js";

/**
 * Is a folded token a well-formed Vietnamese syllable (some accenting of it is)? Written from
 * Vietnamese orthography: an initial consonant (or none) and one of the language's ~150 rimes.
 *
 * Why rules and not a word list: the typo corrector must never rewrite a correctly spelled
 * Vietnamese word ("tiếp", "phối", "thực hiện" were turned into "tiền", "phí", "hiểu" when it only
 * knew the catalogue's own words). The Hunspell list (npm `dictionary-vi`) is GPL; these rules
 * are ours and were checked against it: of its 6,600 entries (1,560 distinct lower-case syllables once
 * folded) every Vietnamese one passes; only loanwords fail (email, internet, tivi, web). They accept a
 * few shapes no word uses ("ka"), which only means such a typo stays as typed.
 */
export function isVietnameseSyllable(token: string): boolean {
  // Asked of every word of every message and record: each token is read once (a bounded memo; the rules never change).
  let known = SYLLABLES.get(token);
  if (known === undefined) {
    known = syllable(token);
    if (SYLLABLES.size >= SYLLABLES_MAX) SYLLABLES.clear();
    SYLLABLES.set(token, known);
  }
  return known;
}

/** `isVietnameseSyllable` worked out: an onset, then a rime. */
export function syllable(token: string): boolean {
  for (const onset of ONSETS) {
    if (token.startsWith(onset) && RIMES.has(token.slice(onset.length))) return true;
  }
  return false;
}

const SYLLABLES = new Map<string, boolean>();
const SYLLABLES_MAX = 50_000;

// Longest first is not needed (every split is tried); "" is a syllable with no initial consonant.
const ONSETS = [
  "",
  "b",
  "c",
  "ch",
  "d",
  "g",
  "gh",
  "gi",
  "h",
  "k",
  "kh",
  "l",
  "m",
  "n",
  "ng",
  "ngh",
  "nh",
  "p",
  "ph",
  "qu",
  "r",
  "s",
  "t",
  "th",
  "tr",
  "v",
  "x",
];

// Rimes once folded (a/ă/â, e/ê, o/ô/ơ, u/ư fall together), with and without the glides o/u.
const RIMES = new Set(
  (
    "a ac ach ai am an ang anh ao ap at au ay " +
    "e ec ech em en eng enh eo ep et eu " +
    "i ia ich iec iem ien ieng iep iet ieu im in inh ip it iu " +
    "o oa oac oach oai oam oan oang oanh oao oap oat oay oc oe oem oen oeo oet oi om on ong ooc oong op ot " +
    "u ua uan uang uat uay uc ue uech uenh ui um un ung uo uoc uoi uom uon uong uop uot uou up ut uu " +
    "uy uya uych uyen uyet uyn uynh uyp uyt uyu " +
    "y ya yem yen yeng yet yeu ynh ych yt yu " +
    // a syllable of a nasal alone: "m", "ừ"… ("hm", "ừm" in chat)
    "m n ng"
  ).split(" "),
);

/**
 * How people spell in chat, mapped to the words the cues and filler know, before anything
 * else reads the message: "cần j" is "cần gì", "đc ko" is "được không", "ntn" is "như thế nào".
 * Only tokens that are not Vietnamese words in their own right, or are nearly always meant
 * this way in a question to an office ("k", "j", "z").
 */
const CHAT: Array<[string, string]> = [
  ["j", "gì"],
  ["ji", "gì"],
  ["gi", "gì"],
  ["ko", "không"],
  ["k", "không"],
  ["kh", "không"],
  ["khg", "không"],
  ["kg", "không"],
  ["hok", "không"],
  ["hông", "không"],
  ["hem", "không"],
  ["khum", "không"],
  ["khong", "không"],
  ["dc", "được"],
  ["đc", "được"],
  ["dk", "đăng ký"],
  ["đk", "đăng ký"],
  ["z", "vậy"],
  ["zậy", "vậy"],
  ["vs", "với"],
  ["r", "rồi"],
  ["ntn", "như thế nào"],
  ["nthe nao", "như thế nào"],
  ["bn", "bao nhiêu"],
  ["bnhieu", "bao nhiêu"],
  ["bnh", "bao nhiêu"],
  ["nhiu", "nhiêu"],
  ["nhg", "những"],
  ["qa", "quá"],
  ["kd", "kinh doanh"],
  // Permits as people write them ("mất gpxd rồi", "giấy phép xd", "cái GPKD bị rách"): kept out of synonyms.json, where
  // a group for the whole name changed how the records' own "giấy phép … cấp" weigh. "gp" and "xd" alone are read only
  // beside what they abbreviate a permit of: "GP" is also a doctor ("do I need a GP letter"), "xd" other words in chat.
  ["gpxd", "giấy phép xây dựng"],
  ["gp xd", "giấy phép xây dựng"],
  ["gp xây", "giấy phép xây"],
  ["giấy phép xd", "giấy phép xây dựng"],
  ["phép xd", "phép xây dựng"],
  ["xd nhà", "xây dựng nhà"],
  ["gpkd", "giấy phép kinh doanh"],
  ["gp kd", "giấy phép kinh doanh"],
  ["gp kinh", "giấy phép kinh"],
  ["gp bán", "giấy phép bán"],
  ["gp sản", "giấy phép sản"],
  ["gp nấu", "giấy phép nấu"],
  ["gp an", "giấy phép an"],
  ["gp antt", "giấy phép an ninh trật tự"],
  ["gp sx", "giấy phép sản xuất"],
  // …or after a Vietnamese verb of paperwork ("xin gp ở đâu", "mất gp rồi", "đổi tên trên gp").
  ...["xin", "mất", "sửa", "trên", "cấp", "đổi", "làm", "lại"].map((verb): [string, string] => [
    `${verb} gp`,
    `${verb} giấy phép`,
  ]),
  ["bh", "bao giờ"],
  ["bjo", "bao giờ"],
  ["bi h", "bây giờ"],
  ["tgian", "thời gian"],
  ["tg", "thời gian"],
  ["ng", "người"],
  ["lm", "làm"],
  ["mk", "mình"],
  ["mn", "mọi người"],
  ["ad", "admin"],
  ["sđt", "số điện thoại"],
  ["sdt", "số điện thoại"],
  ["trc", "trước"],
  ["ck", "chồng"],
  ["vk", "vợ"],
  ["cty", "công ty"],
  ["hnay", "hôm nay"],
  ["hqua", "hôm qua"],
  ["đh", "đại học"],
  ["dh", "đại học"],
  ["tnhh", "trách nhiệm hữu hạn"],
  ["bít", "biết"],
  ["mún", "muốn"],
  ["ak", "à"],
  ["ah", "à"],
  ["uh", "ừ"],
  ["oki", "ok"],
  ["okie", "ok"],
  ["thủ tuc", "thủ tục"],
  ["ở dau", "ở đâu"],
];

const chat = new PhraseMap();
for (const [from, to] of CHAT) chat.add(phrase(from), phrase(to));

/**
 * Central and Southern words for the ones the cues, filler and records know: "mần răng" is "làm sao", "ở mô" "ở đâu",
 * "phường ni" "phường này", "dìa quê" "về quê", "được hổng" "được không", "tui" "tôi". Each read only as typed with its
 * own accents (a word typed bare may be another: "mo" is "mở", "rang" "rằng"), except "tui", whose bare form is the
 * pronoun in chat ("túi" is typed with its accent). Some are words of their own too, so they are read so only where
 * they ask or point (`DIALECT_WHEN`): "răng" is a tooth ("đánh răng"), "mô" a part of "mô hình", "quy mô", "hổng" a
 * hole, "ni" a nun ("ni cô", "tăng ni"), bare "tui" a bag ("mất tui xách"), "bả" a bait ("bả chuột") or a shoulder.
 */
const DIALECT: Array<[string, string]> = [
  ["mần", "làm"],
  ["răng", "sao"],
  ["rứa", "vậy"],
  ["mô", "đâu"],
  ["ni", "này"],
  ["nớ", "đó"],
  ["chừ", "giờ"],
  ["dìa", "về"],
  ["hổng", "không"],
  ["tui", "tôi"],
  ["hổm", "hôm"],
  ["nghen", "nhé"],
  ["hén", "nhé"],
  ["ổng", "ông ấy"],
  ["bả", "bà ấy"],
];
/** Each dialect word by its token and its typed marks (exact), with what it reads as. */
const dialect = new Map(
  DIALECT.map(([from, to]) => {
    const w = phrase(from)[0] as Word;
    return [`${w.token} ${w.marks}`, { from: w, to: phrase(to) }];
  }),
);
/** Folded words after which a question word ends its clause or a particle follows ("làm răng", "ở mô rứa"). */
const DIALECT_PARTICLES = new Set([
  "ma",
  "rua",
  "vay",
  "he",
  "hi",
  "a",
  "khong",
  "hong",
  "nhi",
  "roi",
  "ha",
  "ri",
  "no",
]);
/** Folded words "răng" asks after ("làm răng", "thì răng", "là răng"), and those that make it a tooth ("đánh răng"). */
const ASKS_RANG_AFTER = new Set(["lam", "man", "ra", "the", "thi", "la", "vi", "biet", "hoi", "chu", "con"]);
const TOOTH = new Set([
  "danh",
  "sau",
  "nho",
  "trong",
  "nieng",
  "moc",
  "ham",
  "nhuc",
  "dau",
  "sun",
  "cham",
  "kem",
  "chai",
]);
/** Folded words "mô" asks where after ("ở mô", "đi mô", "nộp mô"), and those it makes a word with ("mô hình", "quy mô"). */
const ASKS_MO_AFTER = new Set([
  "o",
  "di",
  "cho",
  "noi",
  "ve",
  "toi",
  "den",
  "ben",
  "nop",
  "xin",
  "lay",
  "phia",
  "huong",
]);
const MO_WORDS = new Set(["hinh", "ta", "to", "dat", "phong", "men", "qui", "tu"]);
/** What "ni" makes a word with ("ni cô", "ni sư", "ni viện", "ni lông", "tăng ni"): no "này" then. */
const NI_WORDS = new Set(["co", "su", "vien", "long", "lon", "tang", "truong"]);
/** "có" after "ni" asks ("phường ni có làm không", "phuong ni co lam ko"): only "cô" as written makes "ni cô". */
const NUN_MARKS = (phrase("cô")[0] as Word).marks;
/** Where bare "tui" is a bag ("mất túi xách", "cái túi", "túi ni lông", "túi tiền"), not "tôi". */
const BAG_BEFORE = new Set(["mat", "cai", "chiec", "trong", "danh", "roi", "de", "quen", "lay", "nhat"]);
const BAG_AFTER = new Set(["xach", "ni", "nilon", "nilong", "tien", "do", "quan", "ao", "vai", "hang", "khi"]);
/** What "bả" makes a word with ("bả chuột", "bả vai", "ăn bả", "đánh bả"): no "bà ấy" then. */
const BA_AFTER = new Set(["chuot", "vai", "ruoi", "mia"]);
const BA_BEFORE = new Set(["an", "danh", "thuoc", "tha", "bo"]);
const DIALECT_WHEN: Record<string, (before: string, after: string | undefined, afterMarks?: string) => boolean> = {
  // "này" stands after what it points at ("phường ni", "bữa ni", "cái ni"): never first in its clause ("ni cô …").
  ni: (before, after, afterMarks) =>
    before !== "" &&
    !NI_WORDS.has(before) &&
    (after === undefined || !NI_WORDS.has(after) || (after === "co" && afterMarks !== NUN_MARKS)),
  tui: (before, after) => !BAG_BEFORE.has(before) && (after === undefined || !BAG_AFTER.has(after)),
  ba: (before, after) => !BA_BEFORE.has(before) && (after === undefined || !BA_AFTER.has(after)),
  rang: (before, after) =>
    !TOOTH.has(before) && (ASKS_RANG_AFTER.has(before) || after === undefined || DIALECT_PARTICLES.has(after)),
  mo: (before, after) =>
    !MO_WORDS.has(before) &&
    (after === undefined || !MO_WORDS.has(after)) &&
    (ASKS_MO_AFTER.has(before) || after === undefined || DIALECT_PARTICLES.has(after)),
  hong: (before) => before !== "lo",
};

/** `input` with the dialect words read as the words they stand for (`DIALECT`, `DIALECT_WHEN`). */
/** A word's clause, when it has one. */
function clauseOfWord(w: Word | undefined): number | undefined {
  return (w as (Word & { clause?: number }) | undefined)?.clause;
}

function withDialect<T extends Word>(input: readonly T[]): T[] {
  const clause = clauseOfWord;
  const out: T[] = [];
  input.forEach((w, k) => {
    const entry = dialect.get(`${w.token} ${w.marks}`);
    if (!entry) {
      out.push(w);
      return;
    }
    const previous = input[k - 1];
    const next = input[k + 1];
    const before = previous !== undefined && clause(previous) === clause(w) ? previous.token : "";
    const after = next !== undefined && clause(next) === clause(w) ? next.token : undefined;
    const when = DIALECT_WHEN[w.token];
    if (when && !when(before, after, after === undefined ? undefined : next?.marks)) {
      out.push(w);
      return;
    }
    for (const t of entry.to) out.push({ ...w, token: t.token, marks: t.marks });
  });
  return out;
}

/** "chi" asks what after these ("làm chi", "cần chi", "giấy tờ chi", "thủ tục chi"), folded. */
const ASKS_CHI_AFTER = new Set(["lam", "can", "giay", "to", "cai", "so", "mang", "nop", "tuc", "phai", "chuan", "bi"]);
/** …when its clause ends there or a particle follows ("cần chi rứa", "giấy chi hông"): "chi phí" is a word. */
const PARTICLES = new Set(["vay", "khong", "a", "ha", "z", "the", "nhi", "ne", "nha", "nhe", "roi", "het", "nua"]);
const CHI = "chi";
const WHAT = phrase("gì")[0] as Word;

/** "chi" read as "gì" where it asks what (`ASKS_CHI_AFTER`, `PARTICLES`). */
function withWhat<T extends Word>(input: T[]): T[] {
  const clause = clauseOfWord;
  return input.map((w, k) => {
    if (w.token !== CHI || w.marks !== "" || !ASKS_CHI_AFTER.has(input[k - 1]?.token ?? "")) return w;
    const next = input[k + 1];
    if (next !== undefined && clause(next) === clause(w) && !PARTICLES.has(next.token)) return w;
    return { ...w, token: WHAT.token, marks: WHAT.marks };
  });
}

/** Rewrites chat spellings into the words they stand for. Typed accents must agree ("gì" is not "gi" typed). */
export function unchat<T extends Word>(input: readonly T[]): T[] {
  const out = withWhat(withDialect(chat.apply(input, "typed")));
  // A chat spelling that is a word of its own, rewritten one for one ("hông" → "không"), remembers what was typed: a
  // neighbour may show it was a slip of another word ("kết hông", "hông nhân" are "kết hôn", "hôn nhân"; index.ts
  // repair reads it back then).
  // Words keep the place (`at`) of the word they replace: a place one word was typed at and one word stands at now.
  const at = (w: Word) => (w as Word & { at?: number }).at;
  if (input.length === 0 || at(input[0] as T) === undefined) return out;
  if (out.length === input.length && out.every((w, k) => w === input[k])) return out;
  const typedAt = new Map<number, T | null>();
  for (const w of input) typedAt.set(at(w) as number, typedAt.has(at(w) as number) ? null : w);
  const count = new Map<number, number>();
  for (const w of out) count.set(at(w) as number, (count.get(at(w) as number) ?? 0) + 1);
  for (const w of out) {
    const typed = typedAt.get(at(w) as number);
    if (!typed || w === typed || count.get(at(w) as number) !== 1) continue;
    if (w.token !== typed.token && isVietnameseSyllable(typed.token)) CHAT_TYPED.set(w, typed);
  }
  return out;
}

const CHAT_TYPED = new WeakMap<Word, Word>();

/** The word as typed before a chat spelling rewrote it (`unchat`), when it was a Vietnamese word of its own. */
export function typedBeforeChat(w: Word): Word | undefined {
  return CHAT_TYPED.get(w);
}

/**
 * The typo corrector: a word no record, synonym or cue has, long enough to be a typo, is replaced by a
 * vocabulary word fuse.js finds that starts with the same letter (typos rarely hit the first one) and is one
 * edit away (two for words of more than five letters).
 *
 * fuse.js costs in proportion to the word's length times the vocabulary's size: one 200-letter word (a URL,
 * base64, "aaaa…", a sentence typed without spaces) took 45 ms, seven of them in one message 320 ms, and a
 * letter of 146 distinct slips 0.8 s. So the corrector does what fuse.js did, for less:
 * - a word longer than the vocabulary's longest by more than the edits allowed has no answer (one comparison);
 * - the answer must start with the same letter and be within the edits allowed, so those few words are found
 *   first (the vocabulary by first letter and length; an edit distance that stops once it exceeds the edits);
 *   none, and fuse.js could only have answered nothing;
 * - else, of those, the one fuse.js ranked first: fuse.js (threshold 0.3, location ignored) scores a word by the
 *   fewest edits that fit the typed word into some part of it, over the typed word's length, best first and then
 *   in the vocabulary's order, and kept its best 8. The corrector scores the candidates so, and checks that fewer
 *   than 8 words rank before the best one, looking only at words that could (long enough, sharing enough letters).
 * What it corrects is what fuse.js corrected (test/search/spelling.test.ts compares them word by word).
 */
export class TypoCorrector {
  /** The vocabulary in fuse.js's order (a word's rank breaks ties of score). */
  private readonly words: string[];
  /** fuse.js over `words`, made when first asked (only for a word over 32 letters): most indexes never need it. */
  private fuseIndex: Fuse<string> | undefined;
  /** Each word's position in `words`, by first letter, then by length. */
  private readonly buckets = new Map<string, Map<number, number[]>>();
  private readonly longest: number;
  private readonly letters = new Int32Array(65_536);
  /** Work done so far: DP cells and letters compared; fuse.js searches (of patterns over 32 letters, which it splits). */
  readonly work = { cells: 0, fuseSearches: 0, fuseWords: 0 };

  /** `vocabulary`: the words of the catalogue as written (shorter than 3 letters are left out, as fuse.js had them). */
  constructor(vocabulary: Iterable<string>) {
    this.words = [...vocabulary].filter((t) => t.length >= 3);
    let longest = 0;
    this.words.forEach((word, k) => {
      longest = Math.max(longest, word.length);
      const first = word[0] as string;
      const byLength = this.buckets.get(first) ?? new Map<number, number[]>();
      const list = byLength.get(word.length) ?? [];
      list.push(k);
      byLength.set(word.length, list);
      this.buckets.set(first, byLength);
    });
    this.longest = longest;
  }

  /** The word `token` is a typo of, if any (the caller skips words the vocabulary has). */
  correct(token: string): string | undefined {
    if (token.length < 4 || /\d/.test(token)) return undefined;
    const allowed = token.length <= 5 ? 1 : 2;
    if (token.length > this.longest + allowed) return undefined;
    const candidates = this.within(token, allowed);
    if (candidates.length === 0) return undefined;
    if (token.length > 32) return this.byFuse(token, allowed);
    // fuse.js keeps a word when its errors over the typed word's length are at most its threshold.
    const most = maxErrors(token.length);
    let best: { k: number; errors: number } | undefined;
    for (const k of candidates) {
      const errors = fitErrors(token, this.words[k] as string, this.work);
      if (errors > most) continue;
      if (!best || errors < best.errors || (errors === best.errors && k < best.k)) best = { k, errors };
    }
    if (!best) return undefined;
    // In fuse.js's best 8 when fewer than 8 words rank before it: fewer errors, or as few and earlier.
    let before = 0;
    for (let k = 0; k < this.words.length; k++) {
      const bound = k < best.k ? best.errors : best.errors - 1;
      if (bound < 0 || k === best.k) continue;
      const word = this.words[k] as string;
      if (word.length < token.length - bound || !this.sharesEnough(token, word, token.length - bound)) continue;
      if (fitErrors(token, word, this.work) <= bound && ++before >= FUSE_LIMIT) return undefined;
    }
    return this.words[best.k];
  }

  /** The words of the same first letter within `allowed` edits of `token`, by position. */
  private within(token: string, allowed: number): number[] {
    const byLength = this.buckets.get(token[0] as string);
    const found: number[] = [];
    if (!byLength) return found;
    for (let length = token.length - allowed; length <= token.length + allowed; length++) {
      for (const k of byLength.get(length) ?? []) {
        if (withinEdits(this.words[k] as string, token, allowed, this.work)) found.push(k);
      }
    }
    return found;
  }

  /** Whether `word` holds at least `needed` of `token`'s letters (counted with repeats): else no fit within the bound. */
  private sharesEnough(token: string, word: string, needed: number): boolean {
    const letters = this.letters;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      letters[c] = (letters[c] ?? 0) + 1;
    }
    let shared = 0;
    for (let i = 0; i < token.length; i++) {
      const c = token.charCodeAt(i);
      const left = letters[c] ?? 0;
      if (left > 0) {
        letters[c] = left - 1;
        shared++;
      }
    }
    for (let i = 0; i < word.length; i++) letters[word.charCodeAt(i)] = 0;
    this.work.cells += word.length + token.length;
    return shared >= needed;
  }

  /** fuse.js itself, for a pattern longer than its bitap's 32 letters (it splits those). */
  private byFuse(token: string, allowed: number): string | undefined {
    this.work.fuseSearches++;
    this.work.fuseWords += this.words.length;
    this.fuseIndex ??= new Fuse(this.words, FUSE_OPTIONS);
    return (
      this.fuseIndex
        .search(token, { limit: FUSE_LIMIT })
        .map((r) => r.item)
        .find((word) => word[0] === token[0] && withinEdits(word, token, allowed, this.work)) ?? undefined
    );
  }
}

/** What the corrector asked of fuse.js: its best 8, within its threshold, wherever in the word the typo fits. */
const FUSE_LIMIT = 8;
const FUSE_THRESHOLD = 0.3;
const FUSE_OPTIONS = { includeScore: true, threshold: FUSE_THRESHOLD, ignoreLocation: true };

/** The most errors fuse.js accepts in a typed word of this length (its test: errors / length ≤ threshold). */
function maxErrors(length: number): number {
  let k = 0;
  while ((k + 1) / length <= FUSE_THRESHOLD) k++;
  return k;
}

/**
 * The fewest edits (insertions, deletions, substitutions) that fit `pattern` into some part of `text`: fuse.js's
 * bitap score times the pattern's length, when the location is ignored (Sellers' algorithm: the text may start
 * and end anywhere, the pattern's letters past the text's end count as errors).
 */
export function fitErrors(pattern: string, text: string, work?: { cells: number }): number {
  const m = pattern.length;
  let column = Array.from({ length: m + 1 }, (_, i) => i);
  let next = new Array<number>(m + 1).fill(0);
  let best = m;
  for (let j = 1; j <= text.length; j++) {
    next[0] = 0;
    const c = text[j - 1];
    for (let i = 1; i <= m; i++) {
      const cost = pattern[i - 1] === c ? 0 : 1;
      next[i] = Math.min((column[i] as number) + 1, (next[i - 1] as number) + 1, (column[i - 1] as number) + cost);
    }
    if ((next[m] as number) < best) best = next[m] as number;
    [column, next] = [next, column];
  }
  if (work) work.cells += m * text.length;
  return best;
}

/**
 * Whether the optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps) of
 * `a` and `b` is at most `max`, computed row by row and given up once two rows in a row exceed `max` (every
 * later cell comes from those two rows). `work.cells` counts the cells computed.
 */
export function withinEdits(a: string, b: string, max: number, work?: { cells: number }): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      row[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (work) work.cells += b.length;
    if (rowMin > max && prevMin > max) return false;
    prevMin = rowMin;
    [before, prev, row] = [prev, row, before];
  }
  return (prev[b.length] as number) <= max;
}

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
  for (const onset of ONSETS) {
    if (token.startsWith(onset) && RIMES.has(token.slice(onset.length))) return true;
  }
  return false;
}

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
  ["qa", "quá"],
  ["kd", "kinh doanh"],
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

/** Rewrites chat spellings into the words they stand for. Typed accents must agree ("gì" is not "gi" typed). */
export function unchat<T extends Word>(input: readonly T[]): T[] {
  return chat.apply(input, "typed");
}

/**
 * The typo corrector: a word no record, synonym or cue has, long enough to be a typo, is replaced by a
 * vocabulary word fuse.js finds that starts with the same letter (typos rarely hit the first one) and is one
 * edit away (two for words of more than five letters).
 *
 * fuse.js costs in proportion to the word's length times the vocabulary's size: one 200-letter word (a URL,
 * base64, "aaaa…", a sentence typed without spaces) took 45 ms, seven of them in one message 320 ms. So before
 * fuse.js is asked, the corrector checks that some word could be the answer at all: one starting with the same
 * letter, of a length within the edits allowed, within those edits (an edit distance that stops as soon as it
 * exceeds them). When none is, fuse.js could only have answered nothing; when one is, fuse.js ranks as before.
 * What it corrects is what it corrected; a word longer than the vocabulary's longest by more than two letters
 * costs one comparison of lengths.
 */
export class TypoCorrector {
  private readonly fuse: Fuse<string>;
  /** The vocabulary by first letter, then by length. */
  private readonly buckets = new Map<string, Map<number, string[]>>();
  private readonly longest: number;
  /** Work done so far: edit-distance cells computed, and the vocabulary's size for each fuse.js search (its scan). */
  readonly work = { cells: 0, fuseSearches: 0, fuseWords: 0 };

  /** `vocabulary`: the words of the catalogue as written (shorter than 3 letters are left out, as fuse.js had them). */
  constructor(vocabulary: Iterable<string>) {
    const words = [...vocabulary].filter((t) => t.length >= 3);
    this.fuse = new Fuse(words, { includeScore: true, threshold: 0.3, ignoreLocation: true });
    let longest = 0;
    for (const word of words) {
      longest = Math.max(longest, word.length);
      const first = word[0] as string;
      const byLength = this.buckets.get(first) ?? new Map<number, string[]>();
      const list = byLength.get(word.length) ?? [];
      list.push(word);
      byLength.set(word.length, list);
      this.buckets.set(first, byLength);
    }
    this.longest = longest;
  }

  /** The word `token` is a typo of, if any (the caller skips words the vocabulary has). */
  correct(token: string): string | undefined {
    if (token.length < 4 || /\d/.test(token)) return undefined;
    const allowed = token.length <= 5 ? 1 : 2;
    if (token.length > this.longest + allowed || !this.anyWithin(token, allowed)) return undefined;
    this.work.fuseSearches++;
    this.work.fuseWords += this.fuse.getIndex().size();
    return (
      this.fuse
        .search(token, { limit: 8 })
        .map((r) => r.item)
        .find((word) => word[0] === token[0] && withinEdits(word, token, allowed, this.work)) ?? undefined
    );
  }

  /** Whether some word starting with the same letter is within `allowed` edits of `token`. */
  private anyWithin(token: string, allowed: number): boolean {
    const byLength = this.buckets.get(token[0] as string);
    if (!byLength) return false;
    for (let length = token.length - allowed; length <= token.length + allowed; length++) {
      for (const word of byLength.get(length) ?? []) if (withinEdits(word, token, allowed, this.work)) return true;
    }
    return false;
  }
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

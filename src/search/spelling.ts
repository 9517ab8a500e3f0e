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

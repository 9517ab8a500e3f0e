import { createHash } from "node:crypto";
import { type Cue, cuePhrases, extractIntent, type Intent } from "./intent.js";
import { DENIED, deniedMask } from "./negation.js";
import {
  cleanText,
  inCatalogueReading,
  MAX_QUERY_CHARS,
  readingCatalogue,
  readingMessage,
  type TextWord,
  textWords,
  tokenize,
  type Word,
  words,
} from "./normalize.js";
import { PhraseMap, phrase, plain } from "./phrases.js";
import { withoutPlaces } from "./places.js";
import type { SynonymsFile } from "./records.js";
import { pausedStops, withPause } from "./span.js";
import { isVietnameseSyllable, unchat } from "./spelling.js";

/** A content word of the query, where it stands, and whether it is in a purpose clause ("… để mua nhà"). */
export interface QueryWord extends TextWord {
  purpose: boolean;
}

export interface AnalyzedQuery {
  intent: Intent;
  /** Whether the message carries a section cue ("lệ phí", "ở đâu", "cần giấy tờ gì"). */
  cued: boolean;
  /** The cues found, in order (the search re-reads a cue that is part of the procedure's own name). */
  cues: Cue[];
  /** Content words, in order, after chat spellings, typos, places, cues, synonyms and filler are handled. */
  words: QueryWord[];
  /** The words as typed (folded, chat spellings and slips put right, places removed), before cues, synonyms and filler. */
  said: TextWord[];
  /** Whether every content word is a follow-up particle ("còn … thì sao", "what about"): nothing names a procedure. */
  particlesOnly: boolean;
}

/** Spelling repairs the search supplies from what its catalogue says. */
export interface QueryFixes {
  /** A replacement for a word that is neither Vietnamese nor known (a typo: "sinhh", "chucc"). */
  correct?: (token: string) => string | undefined;
  /** Words that are Vietnamese but wrong beside their neighbour ("tạm chú", "kết hôm"), put right. */
  repair?: <T extends TextWord>(words: T[]) => T[];
}

/** "để" opens a purpose clause: "giấy độc thân để kết hôn" asks for the certificate, not a marriage. */
const PURPOSE = words("để")[0] as Word;
/**
 * "đã mất", "vừa mất", "mới mất" say a death (synonyms.json `khaitử`), but not before a thing lost: "mẹ tôi đã mất giấy
 * khai sinh", "bố em vừa mất cái căn cước", "ông tôi mới mất sổ đỏ" lost a paper. There the time word is dropped before
 * the synonyms read the message, and "mất" is read as the loss it is.
 */
const WHEN_LOST = ["đã", "vừa", "mới"].map((w) => words(w)[0] as Word);
const LOST = words("mất")[0] as Word;
/** Words that count a thing ("cái căn cước", "cuốn sổ", "hết giấy tờ"): read past to the thing. */
const COUNTERS = ["cái", "chiếc", "tấm", "cuốn", "quyển", "bộ", "hết", "luôn", "sạch", "toàn", "bản"].map(
  (w) => words(w)[0] as Word,
);
/**
 * What is lost: papers and the things they are carried in (the first word of its name), as typed with accents; typed
 * without them, only words no other word folds to ("bo toi moi mat can lam giay bao tu": "can" is "cần", no "căn").
 */
const THINGS = (
  "giấy gks sổ bằng thẻ căn cccd cmnd cmt chứng hộ bản trích hợp dấu quyết văn học ví bóp túi điện đt xe tiền " +
  "hồ kt3 passport"
)
  .split(" ")
  .map((w) => words(w)[0] as Word);
const THINGS_PLAIN = new Set("giay gks cccd cmnd cmt vi bop tui dt xe tien kt3 passport".split(" "));
const isThing = (w: Word) =>
  w.marks === "" ? THINGS_PLAIN.has(w.token) : THINGS.some((t) => t.token === w.token && t.marks === w.marks);

/**
 * A relative's "mất" said bare is a death when its clause tells when or where it came, lately ("ba em mất sáng nay ở
 * nhà", "mẹ tôi mất tại bệnh viện", `toldAsNews`, not years back: `longAgo`): it is read as "đã mất" (synonyms.json
 * `khaitử`). Not before what a loss or a cost takes ("bố em mất việc", "mẹ mất ngủ", "mất bao lâu",
 * "mất phí"), nor a writer's "em/anh/con mất …" (the relative must be one no writer calls themself, or be followed by
 * whose: "anh tôi mất", "con em mất"). Typed without accents "mat" is many words ("mắt", "mát"): not read.
 */
const KIN = words("bố ba cha mẹ má ông bà chồng vợ cụ dì chú bác cậu mợ thím dượng nội ngoại");
const KIN_OF = words("anh chị em con cháu cô");
const WHOSE = words("em tôi mình tui tớ cháu con nó ấy ruột nội ngoại chồng vợ mình của");
const DEATH_TOLD = words(
  "sáng trưa chiều tối đêm hôm hồi lúc năm tháng tuần ngày ở tại vì do đột từ cách được rồi trong sau khi vào đầu cuối",
);
const DIED = words("đã")[0] as Word;
/** The word typed with its accents as listed (a word typed without accents is none of these). */
const spelled = (t: TextWord, list: readonly Word[]) => list.some((w) => t.token === w.token && t.marks === w.marks);

function relativeDied<T extends TextWord>(input: readonly T[], k: number): boolean {
  const w = input[k] as T;
  if (!spelled(w, [LOST])) return false;
  const before = input[k - 1];
  if (!before || before.clause !== w.clause) return false;
  const kin =
    spelled(before, KIN) ||
    (spelled(before, WHOSE) &&
      k >= 2 &&
      (input[k - 2] as T).clause === w.clause &&
      (spelled(input[k - 2] as T, KIN) || spelled(input[k - 2] as T, KIN_OF)));
  if (!kin) return false;
  const next = input[k + 1];
  if (!next || next.clause !== w.clause || !spelled(next, DEATH_TOLD)) return false;
  return toldAsNews(input, k) && !longAgo(input, k);
}

/** Words that date a death or place it: news of it, told when it came or where. */
const NEWS = words("sáng trưa chiều tối đêm hôm lúc ngày tuần tháng qua nay vào ở tại");

/**
 * Whether the clause of a relative's "mất" tells when or where it came ("ba em mất sáng nay ở nhà", "mẹ tôi mất tại
 * bệnh viện", "bố tôi mất được một tuần"): a death told as news, to register. A death told bare or by its cause only
 * ("bố mẹ cháu mất trong tai nạn, cháu 10 tuổi ở với tôi", "bố mất rồi, …", "cháu 8 tuổi, bố mất, mẹ bỏ đi") is the
 * background of what the message asks (a guardian, an inheritance) and stays as typed.
 */
function toldAsNews<T extends TextWord>(input: readonly T[], k: number): boolean {
  const w = input[k] as T;
  for (let j = k + 1; j < input.length && (input[j] as T).clause === w.clause; j++)
    if (spelled(input[j] as T, NEWS)) return true;
  return false;
}

const YEAR = words("năm")[0] as Word;
const THIS = words("nay")[0] as Word;
const SINCE = words("từ hồi");
/** How many words after "mất" a year may stand in its clause ("mất cách đây 3 năm", "mất được mấy năm rồi"). */
const YEAR_REACH = 4;

/**
 * Whether a death is dated years back ("bố em mất năm 2023 …", "mẹ mất cách đây 3 năm", "ông mất từ hồi em còn nhỏ"):
 * then it is the background of what is asked (an inheritance, a guardianship, the house), not a death to register, and
 * it stays as typed. "năm nay" is this year ("mất đầu năm nay" may still be registered).
 */
function longAgo<T extends TextWord>(input: readonly T[], k: number): boolean {
  const w = input[k] as T;
  for (let j = k + 1; j <= k + YEAR_REACH && j < input.length; j++) {
    const t = input[j] as T;
    if (t.clause !== w.clause) return false;
    if (j === k + 1 && spelled(t, SINCE)) return true;
    if (spelled(t, [YEAR])) {
      const after = input[j + 1];
      return !(after && after.clause === w.clause && spelled(after, [THIS]));
    }
  }
  return false;
}

const DONE = words("rồi")[0] as Word;
/** How far before its "mất" a paper may stand in its clause ("sổ đỏ nhà em bị mất"). */
const PAPER_REACH = 6;

/**
 * Whether a paper or a carried thing (`isThing`) stands shortly before "mất" in its clause, and no relative right
 * before it ("giấy tờ của bố mất rồi" may be a death, as said).
 */
function paperBefore<T extends TextWord>(input: readonly T[], k: number): boolean {
  const w = input[k] as T;
  const near = input[k - 1] as T;
  const nearer = input[k - 2];
  if (spelled(near, KIN) || (nearer && spelled(near, WHOSE) && spelled(nearer as T, [...KIN, ...KIN_OF]))) return false;
  for (let j = k - 1; j >= Math.max(0, k - PAPER_REACH); j--) {
    const before = input[j] as T;
    if (before.clause !== w.clause) return false;
    if (isThing(before)) return true;
  }
  return false;
}

/**
 * `input` without the time word of a loss said as a death would be ("đã mất giấy khai sinh"), and, unless `readDeaths`
 * is false, with one before a relative's bare "mất" that tells a death (`relativeDied`).
 */
function lostNotDied<T extends TextWord>(input: readonly T[], readDeaths = true): T[] {
  const drop = new Set<number>();
  const died = new Set<number>();
  input.forEach((w, k) => {
    if (k === 0 || !typedAs(w, [LOST])) return;
    if (readDeaths && relativeDied(input, k)) died.add(k);
    // A paper said before its "mất rồi" is lost, no death ("sổ đỏ nhà em bị mất rồi", "à giấy mất rồi chứ không phải
    // hỏng"): the "rồi" is dropped, so the synonyms read a loss.
    const after = input[k + 1];
    if (after && after.clause === w.clause && typedAs(after, [DONE]) && paperBefore(input, k)) drop.add(k + 1);
    const before = input[k - 1] as T;
    if (before.clause !== w.clause || !typedAs(before, WHEN_LOST)) return;
    let j = k + 1;
    while (j < input.length && (input[j] as T).clause === w.clause && typedAs(input[j] as T, COUNTERS)) j++;
    const thing = input[j];
    if (thing && thing.clause === w.clause && isThing(thing)) drop.add(k - 1);
  });
  if (drop.size === 0 && died.size === 0) return [...input];
  return input.flatMap((w, k) =>
    drop.has(k) ? [] : died.has(k) ? [{ ...w, token: DIED.token, marks: DIED.marks }, w] : [w],
  );
}

/** "muốn", after which "để" lets, not purposes. */
const WANT = (words("muốn")[0] as Word).token;
/**
 * "phải có X mới (được) Y" says why X is needed as "X để Y" does: "bên thuế bảo phải có giấy xác nhận cư trú mới được
 * giảm trừ gia cảnh", "ngân hàng đòi giấy độc thân mới cho vay". Y runs from "mới" to the end of its clause, when a
 * need opens the clause before it ("phải/cần/bắt" then "có/nộp/mang/xin/đủ") and "mới" is followed by what the need
 * unlocks; "cần cấp mới giấy phép" (a new licence) is no such clause.
 */
const THEN_ONLY = words("mới")[0] as Word;
/** A need ("phải", "cần") before what is needed ("có", "nộp" …); "bắt", "đòi" need on their own ("đòi giấy …"). */
const NEED = ["phải", "cần"].map((w) => words(w)[0] as Word);
const DEMAND = ["bắt", "đòi"].map((w) => words(w)[0] as Word);
const NEEDED = new Set(["có", "nộp", "mang", "xin", "đủ", "bổ", "làm", "giấy"].map((w) => (words(w)[0] as Word).token));
/** What a need unlocks, right after "mới": "mới được", "mới cho vay", "mới giải quyết", "mới cấp" … */
const UNLOCKED = new Set(
  "được cho giải nhận xét duyệt chi vay hoàn tính ký cấp đồng làm chấp thụ tiếp trả"
    .split(" ")
    .map((w) => (words(w)[0] as Word).token),
);
const typedAs = (t: TextWord, list: readonly Word[]) =>
  list.some((w) => t.token === w.token && (t.marks === "" || t.marks === w.marks));
/** How many words a need may stand before its "mới". */
const NEED_REACH = 10;

/** The typed places (`at`) of the words after a "… phải có X mới Y" clause's "mới": what X is needed for. */
function thenOnlyClauses(said: readonly TextWord[]): Set<number> {
  const out = new Set<number>();
  said.forEach((w, k) => {
    if (w.token !== THEN_ONLY.token || (w.marks !== "" && w.marks !== THEN_ONLY.marks)) return;
    const next = said[k + 1];
    if (!next || next.clause !== w.clause || !UNLOCKED.has(next.token)) return;
    let needed = false;
    for (let j = k - 2; j >= 0 && j >= k - NEED_REACH && !needed; j--) {
      const t = said[j] as TextWord;
      if (t.clause !== w.clause) break;
      needed = typedAs(t, DEMAND) || (typedAs(t, NEED) && NEEDED.has(said[j + 1]?.token ?? ""));
    }
    if (!needed) return;
    for (let j = k + 1; j < said.length && (said[j] as TextWord).clause === w.clause; j++)
      out.add((said[j] as TextWord).at);
  });
  return out;
}

/**
 * Words that, beside a section cue, make a follow-up about the procedure already on screen
 * ("còn lệ phí thì sao?", "vậy mất bao lâu", "what about the fee"). Only read to tell a
 * follow-up; elsewhere they are ordinary words.
 */
const FOLLOW_UP = [
  "còn",
  "thế còn",
  "vậy còn",
  "sao",
  "thì sao",
  "vậy",
  "thế",
  "nữa",
  "hả",
  "hở",
  "ha",
  "nhỉ",
  "luôn",
  "cũng",
  "how about",
  "what about",
  "about",
  "and",
  "also",
  "it",
  "this",
  "that",
];
const followUp = new PhraseMap();
for (const p of FOLLOW_UP) followUp.add(phrase(p), []);

/**
 * Words every kind of paperwork says ("giấy tờ", "đăng ký", "xác nhận", "cấp", "bản sao"): they tell
 * that a message is about paperwork, not which procedure. A record that lacks such a word of the
 * message loses only a share (`Tuning.generic`) of what its rarity alone would cost, a message made of
 * nothing else names no procedure, and they do not gather candidates ("làm giấy tờ cho con mới đẻ" is a
 * birth registration, not "khai sinh cho người đã có giấy tờ"). Matched as phrases after synonyms: "nhận"
 * alone (adopt, receive) is no generic word, "xác nhận" is. The part of "đăng ký" left after the filler is "ký".
 */
const GENERIC = [
  "ký",
  "đăng ký",
  "giấy",
  "giấy tờ",
  "tờ",
  "cấp",
  "xác nhận",
  "chứng nhận",
  "giấy xác nhận",
  "giấy chứng nhận",
  "bản sao",
  "văn bản",
  "thông tin",
  "giấy phép",
  "đơn",
  "đề nghị",
  "yêu cầu",
  "hồ sơ",
  "thủ tục",
  "tên",
];

/**
 * English function words. A message in English ("Can I split my household registration online?")
 * puts them between the words of a name the synonym file knows ("split household registration");
 * in an English message they are dropped and the synonyms read again. Only words Vietnamese typed
 * without accents never is: "the" (thẻ), "my" (Mỹ), "can" (cần), "do", "to" (tờ) count only when the
 * message is English, which one of the distinctive words shows.
 */
const ENGLISH_DISTINCTIVE = new Set(
  "i is are was were how what where when which who whose does did please and you your our their his her we get want need have has with for from would should could".split(
    " ",
  ),
);
/**
 * How an English message asks, not what: greetings, framing ("could you tell me", "is it possible to", "I would
 * like to"), pronouns, auxiliaries, the pieces of contractions ("son's", "I'm", "don't"), time words and the
 * people a message is about. Dropped only in an English message, so a Vietnamese word typed without accents
 * that folds alike ("me", "ma", "hi") is never touched; a synonym term said whole keeps its words ("get a new one").
 */
const ENGLISH_FRAMING =
  "s m d t re ve ll don doesn didn isn aren wasn weren haven hasn hadn couldn wouldn shouldn won ain " +
  "hi hello hey dear sir madam mr mrs ms good morning afternoon evening thank thanks regards " +
  "could tell know let ask asking asked question questions wonder wondering like love wanna gonna gotta " +
  "wants wanted needs needed possible able way anyone someone somebody something anything everything thing things " +
  "go goes going went gone come comes coming came get gets getting got make makes making made take takes taking took " +
  "give given say said see think hope try trying find show sent use using keep kept help advise explain " +
  "will shall may might must now today yesterday recently currently still yet soon then later before after since " +
  "during while day days week weeks ago next once here there these those whom whose mine myself ourselves " +
  "yourself himself herself themselves itself each either neither other such very really only even actually " +
  "basically exactly please kindly regarding concerning about via per if whether than or but because though " +
  "although however therefore then ok okay yes well right sure exactly every village villages hamlet being " +
  "fiance fiancee fiancé girlfriend boyfriend partner spouse kid kids children mum mummy daddy papa mama us";
const ENGLISH_FUNCTION = new Set([
  ...ENGLISH_DISTINCTIVE,
  ..."i me my the a an to of at in on by it its this that can do be am them they there any some submit file lodge against so just also".split(
    " ",
  ),
  ...ENGLISH_FRAMING.split(" "),
]);

/**
 * Everyday English words that are no slip for a catalogue word: never "corrected" ("fiance" is no "france", "remote"
 * no "remove", "chef" no "chết", "morning" no "moving"). They stay what they are, words no record has.
 */
const ENGLISH_KNOWN = new Set(
  (
    "fiance fiancee fiancé girlfriend boyfriend partner spouse husbands wives kid kids children mum mummy daddy papa " +
    "mama guy man men woman women lady girl boy person persons baby babies infant toddler teenager student students " +
    "teacher teachers worker boss employer colleague neighbors neighbours landlady owner tenant roommate stranger " +
    "remote rural urban city town district province country capital street road lane alley building apartment flat " +
    "hospital clinic doctor nurse school university college church temple pagoda market shop store office bank " +
    "morning afternoon evening night weekend holiday monday tuesday wednesday thursday friday saturday sunday " +
    "january february march april may june july august september october november december " +
    "weather rain sun hot cold lottery taxi airport chef cook food restaurant wall door window car bike bus train " +
    "plane ticket phone number email website app internet computer money price cheap expensive fast slow quick " +
    "alone among along together married single young younger old older elder elderly sick ill healthy dead alive " +
    "friend friends brother brothers sister sisters parent son sons daughters uncle aunt cousins grandparents " +
    "said says saying say told tells telling asked asks answer answered reply replied call called calling " +
    "wait waiting waited living lived lives stay stayed staying work worked working job jobs study studying studied " +
    "travel travelling traveling visit visited visiting return returned returning arrive arrived leave left leaving " +
    "buy bought sell sold pay paid paying spend spent receive received receiving send sent sending bring brought " +
    "print printed printing scan scanned sign signed upload uploaded download fill filled form forms stamp stamped " +
    "limited official officially formal formally legal legally proper properly correct correctly wrong right " +
    "new newly recent recently since until still already yet soon later early late delay delayed " +
    "problem problems issue issues trouble question questions answer information info detail details " +
    "looks look looking see seen seeing find found finding lose losing keep keeping hold holding " +
    "thank thanks grateful sorry excuse hello hi hey bye goodbye welcome please kindly " +
    "here there where everywhere somewhere nowhere anywhere inside outside near far away abroad overseas " +
    "younger oldest eldest youngest first second third last next previous former current " +
    "adopted adoptive divorced widowed separated engaged pregnant disabled blind deaf injured wounded retired " +
    "expired expiring lost missing stolen damaged broken torn wet burnt"
  ).split(" "),
);

/** Whether `typed` is `word` with one letter left out, one added, or two side by side swapped. */
function typingSlip(typed: string, word: string): boolean {
  const [short, long] = typed.length < word.length ? [typed, word] : [word, typed];
  if (long.length - short.length === 1) {
    for (let k = 0; k < long.length; k++) if (long.slice(0, k) + long.slice(k + 1) === short) return true;
    return false;
  }
  if (typed.length !== word.length) return false;
  const differ: number[] = [];
  for (let k = 0; k < typed.length; k++) if (typed[k] !== word[k]) differ.push(k);
  const [a, b] = differ;
  return (
    differ.length === 2 && b === (a as number) + 1 && typed[a as number] === word[b] && typed[b] === word[a as number]
  );
}

/** A word of English as it stands (function, framing or everyday): no typo of a catalogue word. */
function englishWord(token: string): boolean {
  return ENGLISH_FUNCTION.has(token) || ENGLISH_KNOWN.has(token);
}

/**
 * A vowel, a consonant, then a final "e" ("mate", "fine", "date", "home"): no Vietnamese syllable (nothing follows
 * its final consonant) nor a slip typing one, but English: it is never put right into a Vietnamese word ("mate" →
 * "mất", lost, sent a vocative to the re-issues), though an English slip may be ("certifcate").
 */
const SILENT_E = /[aeiouy][bcdfgklmnprstvz]e$/;

/** Whether a message typed without accents is in English: it says one of the words no Vietnamese word folds into. */
function inEnglish(input: readonly Word[]): boolean {
  return input.every((w) => w.marks === "") && input.some((w) => ENGLISH_DISTINCTIVE.has(w.token));
}

/**
 * What `Analyzer.document` gave for the catalogue's texts, by the synonyms' content (what the analyzer is made of,
 * with this file's constants): the last `KEPT_SYNONYMS` versions, at most `KEPT_DOCUMENTS` texts each (then started
 * afresh). Only texts read while the catalogue is: never a message.
 */
const KEPT_SYNONYMS = 2;
const KEPT_DOCUMENTS = 50_000;
const documentsBySynonyms = new Map<string, Map<string, readonly Word[]>>();

function documentsOf(file: SynonymsFile): Map<string, readonly Word[]> {
  const key = createHash("sha256").update(JSON.stringify(file)).digest("base64");
  let documents = documentsBySynonyms.get(key);
  if (documents) documentsBySynonyms.delete(key);
  else {
    documents = new Map();
    if (documentsBySynonyms.size >= KEPT_SYNONYMS)
      documentsBySynonyms.delete(documentsBySynonyms.keys().next().value as string);
  }
  documentsBySynonyms.set(key, documents);
  return documents;
}

/**
 * Turns text into matching words. The same synonym mapping runs over the
 * catalogue and the queries, so slang and the official phrase meet on one concept.
 */
export class Analyzer {
  private synonyms = new PhraseMap();
  private readonly filler = new PhraseMap();
  private readonly generic = new PhraseMap();
  /** Phrases the analyzer itself knows (synonym terms, filler, cues), as folded tokens. */
  readonly phrases: string[][] = cuePhrases();
  /** How many of `phrases`, from the start, are section cues (kept folded only: their accents are unknown). */
  readonly cuePhraseCount = this.phrases.length;
  /** Synonym terms and filler as written (accent marks kept): what a spelling repair may aim at. */
  readonly writtenPhrases: Word[][] = [];
  /** Words the analyzer itself knows: never typo-corrected. */
  readonly vocabulary = new Set<string>(this.phrases.flat());
  /**
   * One-word fillers written in English ("ward", "commune", "office", "certificate"): in an English message they go
   * with the function words, before synonyms, so they split no term ("report a commune official").
   */
  private readonly englishFiller = new Set<string>();
  /** One-word fillers: everyday words, never "repaired" into catalogue words. */
  readonly everyday = new Set<string>();
  /** Concept tokens of the synonym file: named things, whether or not a record has them. */
  readonly concepts = new Set<string>();
  /** The terms of each synonym group, by its concept's tokens joined with spaces. */
  readonly termsOf = new Map<string, readonly string[]>();

  constructor(file: SynonymsFile) {
    this.documents = documentsOf(file);
    // The synonyms are the catalogue's words: kept for the next index built (normalize.ts).
    const done = readingCatalogue();
    try {
      for (const text of GENERIC) this.generic.add(phrase(text), []);
      for (const text of file.filler) this.filler.add(phrase(text), []);
      // A concept's words are what the catalogue's own text becomes once mapped: there a filler word is dropped
      // ("xã" of "hưu trí xã hội", "làm" of "thôi làm"), so the concept drops it too, or a query saying it in
      // English ("social pension", "resign") would hold a word no record has. Read with a first map of the
      // concepts as written, then the map is built again with the concepts as the catalogue reads them.
      const written = file.groups.map((group) => tokenize(group.concept));
      this.addSynonyms(file, written);
      // A concept the catalogue's text drops whole ("hồ sơ" for "application") is filler in the query too.
      const concepts = file.groups.map((group) => this.mapped(words(group.concept)).map((w) => w.token));
      this.synonyms = new PhraseMap();
      this.addSynonyms(file, concepts);
      file.groups.forEach((group, k) => {
        const concept = concepts[k] as string[];
        // A named thing: a fused word ("khaisinh", "nuocngoai"), or any word of a group Vietnamese names too. An English
        // group's plain Vietnamese syllables ("tiếp nhận" for "admitted") name no more than the catalogue's own words.
        const named = group.terms.some((t) => /[^\x00-\x7f]/.test(t));
        for (const t of concept) if (named || !isVietnameseSyllable(t)) this.concepts.add(t);
        if (concept.length > 0)
          this.termsOf.set(concept.join(" "), [...(this.termsOf.get(concept.join(" ")) ?? []), ...group.terms]);
        for (const term of group.terms) {
          const from = tokenize(term);
          this.phrases.push(from);
          this.writtenPhrases.push(phrase(term));
          for (const t of from) this.vocabulary.add(t);
        }
      });
      for (const text of file.filler) {
        const from = tokenize(text);
        this.phrases.push(from);
        this.writtenPhrases.push(phrase(text));
        for (const t of from) this.vocabulary.add(t);
        // A one-word filler is an everyday word as it stands; a word of a filler phrase only beside the
        // rest of it ("hôm" of "hôm qua" may still be a slip, as in "kết hôm").
        if (from.length === 1) this.everyday.add(from[0] as string);
        if (from.length === 1 && /^[a-z]+$/.test(text)) this.englishFiller.add(from[0] as string);
      }
      this.deathWord = this.mapped(words("đã mất"))[0]?.token ?? "";
    } finally {
      done();
    }
  }

  /** Maps every synonym term (and its English bare form) to its concept's tokens. */
  private addSynonyms(file: SynonymsFile, concepts: readonly string[][]): void {
    file.groups.forEach((group, k) => {
      const concept = concepts[k] as string[];
      for (const term of group.terms) {
        this.synonyms.add(phrase(term), plain(concept));
        // As an English message reads once its function words are dropped ("register my baby" → "register baby").
        // Not down to one word: "my will" is no "will" ("how long will it take"), "US citizen" no "citizen"; nor
        // without the word it opens with ("with a Vietnamese citizen" says a foreigner, "Vietnamese citizen" does not).
        const words = phrase(term);
        const bare = words.filter((w) => !ENGLISH_FUNCTION.has(w.token));
        const opens = ENGLISH_FUNCTION.has((words[0] as Word).token);
        if (!opens && bare.length > 1 && bare.length < words.length && bare.every((w) => w.marks === "")) {
          this.synonyms.add(bare, plain(concept));
        }
      }
    });
  }

  /** For each word (after synonyms and filler), whether it is part of a generic paperwork phrase, within a clause. */
  genericMask(input: readonly (Word & { clause?: number })[]): boolean[] {
    const mask = input.map(() => false);
    for (let i = 0; i < input.length; ) {
      const span = this.generic.matchAt(input, i, "typed");
      const last = input[i + span - 1];
      if (span > 0 && last && last.clause === (input[i] as Word & { clause?: number }).clause) {
        for (let k = i; k < i + span; k++) mask[k] = true;
        i += span;
      } else i++;
    }
    return mask;
  }

  /**
   * Synonyms, then filler; a concept the synonyms put in is a named thing the filler never eats ("tố cáo"
   * keeps its "tố" though the English filler has "to", "trồng lúa" its "trồng" though "trong" is filler).
   */
  private mapped<T extends Word>(input: readonly T[]): T[] {
    const mapped = this.synonyms.apply(input, "typed");
    const typed = new Set<T>(input);
    // Denial (negation.ts) is read after synonyms, so a named thing counts as one word ("không nhận làm con nuôi")
    // and a negator inside a term is no denial ("không muốn nhận" is the concept of refusing); the denied words
    // keep their flag through the filler, then become tokens of their own.
    const denied = deniedMask(mapped);
    const flagged = mapped.map((w, k) => (denied[k] ? { ...w, denied: true } : w));
    const concepts = new Set(flagged.filter((_, k) => !typed.has(mapped[k] as T)));
    return (
      this.filler
        .apply(flagged, "typed", concepts)
        .map((w) => ((w as T & { denied?: boolean }).denied ? { ...w, token: DENIED + w.token } : w))
        // Two phrasings of one concept side by side ("nhận nuôi con nuôi" → nuôi con nuôi twice) are one mention.
        .filter((w, k, all) => {
          const before = all[k - 1] as (T & { clause?: number }) | undefined;
          const same = before?.token === w.token && before.clause === (w as T & { clause?: number }).clause;
          return !same || !concepts.has(w);
        })
    );
  }

  /**
   * An English message without its function words, but for those inside a synonym term said whole ("power of
   * attorney", "get a new one", "come to our home"): those are read as the term.
   */
  private withoutFunctionWords<T extends Word>(input: readonly T[]): T[] {
    const keep = input.map(() => false);
    for (let i = 0; i < input.length; ) {
      const span = this.synonyms.matchAt(input, i, "typed");
      for (let k = i; k < i + span; k++) keep[k] = true;
      i += Math.max(1, span);
    }
    return input.filter((w, k) => keep[k] || !(ENGLISH_FUNCTION.has(w.token) || this.englishFiller.has(w.token)));
  }

  /** `rest` (the words a cue left) with the words of every synonym term of two words or more said whole in `said`. */
  private withTermsWhole<T extends TextWord>(said: readonly T[], rest: readonly T[]): T[] {
    const kept = new Set(rest.map((w) => w.at));
    const restore = new Set<number>();
    for (let i = 0; i < said.length; ) {
      const span = this.synonyms.matchAt(said, i, "typed");
      if (span < 2) {
        i++;
        continue;
      }
      const run = said.slice(i, i + span);
      if (run.some((w) => !kept.has(w.at)) && run.some((w) => kept.has(w.at))) for (const w of run) restore.add(w.at);
      i += span;
    }
    if (restore.size === 0) return [...rest];
    const left = new Map(rest.map((w) => [w.at, w]));
    return said.filter((w) => kept.has(w.at) || restore.has(w.at)).map((w) => left.get(w.at) ?? w);
  }

  /** Raw words of catalogue text, before any mapping: the vocabulary typos are corrected against. */
  rawTokens(text: string): string[] {
    return tokenize(text);
  }

  /**
   * Catalogue side: the same mapping as queries, so titles and queries line up word for word. A catalogue's text read
   * while the catalogue is (normalize.ts `readingCatalogue`) is kept by the synonyms' content (`documents`): an index
   * built again (each reload, each ward's view) reads its thousands of names and clauses once.
   */
  document(text: string): Word[] {
    const documents = this.documents;
    const kept = documents.get(text);
    if (kept !== undefined) return kept.map((w) => ({ ...w }));
    const made = this.mapped(words(text));
    if (inCatalogueReading()) {
      if (documents.size >= KEPT_DOCUMENTS) documents.clear();
      documents.set(
        text,
        made.map((w) => ({ ...w })),
      );
    }
    return made;
  }

  /** The catalogue's texts read by `document`, shared by every analyzer of the same synonyms. */
  private readonly documents: Map<string, readonly Word[]>;

  /**
   * A message's losses and deaths read (`lostNotDied`). A relative's bare "mất" is read as a death only where nothing
   * else in the message says one: a letter that names the death's paper or says it outright ("… làm giấy chứng tử cho
   * bố", "khai tử cho ông mất tại nhà") reads it once, as written, and the death read twice would weigh the death's
   * other records (a funeral support) as much as the paper asked.
   */
  private lossesRead<T extends TextWord>(rest: readonly T[]): T[] {
    const read = lostNotDied(rest);
    const plain = lostNotDied(rest, false);
    if (read.length === plain.length) return read;
    return this.mapped(plain).some((w) => w.token === this.deathWord) ? plain : read;
  }

  /** What "đã mất" (a death) is read as (synonyms.json `khaitử`). */
  private readonly deathWord: string;

  /**
   * `fix.correct` may replace a word that is neither Vietnamese nor known (a typo: "sinhh",
   * "chucc") before anything else looks at it; a well-formed Vietnamese syllable is never
   * rewritten on its own ("tiếp" is not a typo of "tiền"), only by `fix.repair` when its
   * neighbour shows it is a slip ("kết hôm" → "kết hôn").
   */
  query(
    text: string,
    fix: QueryFixes = {},
    /**
     * `inContext: false`: the sections read without intent-context.ts (extractIntent), for a caller that reads only the
     * words: they do not depend on it (tested).
     */
    options: { inContext?: boolean } = {},
  ): AnalyzedQuery {
    // Another message: what the one before left in the passing memo goes (normalize.ts).
    readingMessage(text);
    const typed = unchat(withoutPlaces(textWords(cleanText(text).slice(0, MAX_QUERY_CHARS))));
    // In an English message a word no list knows is often good English ("speeding", "fiance", "remote") that a
    // letter changed would make a vocabulary word ("sleeping", "France", "remove"): there an English word is put
    // right only for a letter left out, doubled or swapped ("marrige", "certifcate", "registeration"), the slips
    // of typing; a Vietnamese word as ever ("khai sinhh").
    const englishTyped = inEnglish(typed);
    const fixedTypos = typed.map((w) => {
      if (this.vocabulary.has(w.token) || isVietnameseSyllable(w.token) || englishWord(w.token)) return w;
      const fixed = fix.correct?.(w.token);
      if (fixed && englishTyped && !isVietnameseSyllable(fixed) && !typingSlip(w.token, fixed)) return w;
      if (fixed && SILENT_E.test(w.token) && isVietnameseSyllable(fixed)) return w;
      return fixed ? { ...w, token: fixed, marks: "" } : w;
    });
    const said = fix.repair ? fix.repair(fixedTypos) : fixedTypos;
    const { intent, rest: cueless, cued, cues } = extractIntent(said, options);
    const english = inEnglish(said);
    // A section cue inside an English term said whole ("take care of a child", "declare where I live") still tells
    // the section, and leaves the term its words.
    // A trade stopped for a stated span is a pause ("nghỉ bán 2 tháng" is "tạm nghỉ bán", span.ts).
    const rest = withPause(english ? this.withTermsWhole(said, cueless) : cueless, pausedStops(said), english);
    const content = this.mapped(english ? this.withoutFunctionWords(rest) : this.lossesRead(rest));
    const isPurpose = (w: Word) => w.token === PURPOSE.token && (w.marks === "" || w.marks === PURPOSE.marks);
    // "muốn để mẹ tôi đứng làm chủ hộ": "để" right after "muốn" lets someone do it, it opens no reason.
    const letting = new Set(
      said.filter((w, k) => isPurpose(w) && k > 0 && (said[k - 1] as TextWord).token === WANT).map((w) => w.at),
    );
    // A purpose clause runs from "để" to the end of its sentence: a letter's next sentence asks anew
    // ("… để về quê mở quán. Xin hỏi hồ sơ rút bảo hiểm xã hội …").
    const purposeAt = content.findIndex((w) => isPurpose(w) && !letting.has(w.at));
    const purposeSentence = purposeAt >= 0 ? (content[purposeAt] as QueryWord).sentence : -1;
    const thenOnly = thenOnlyClauses(said);
    const out: QueryWord[] = content
      .map((w, k) => ({
        ...w,
        purpose: (purposeAt >= 0 && k > purposeAt && w.sentence === purposeSentence) || thenOnly.has(w.at),
      }))
      .filter((w) => !isPurpose(w));
    return { intent, cued, cues, words: out, said, particlesOnly: followUp.apply(out, "typed").length === 0 };
  }
}

import { type AnalyzedQuery, Analyzer, type QueryWord } from "./analyzer.js";
import { isCarrier, sendsWardPaper } from "./delivery.js";
import { type Cue, chooseIntent, type Intent } from "./intent.js";
import { DENIED } from "./negation.js";
import { fold, readingCatalogue, type TextWord, type Word, words } from "./normalize.js";
import { shapeOf, typedWithAccents } from "./phrases.js";
import type { RedirectTerms, SearchableProcedure, SynonymsFile } from "./records.js";
import { tradeChanges } from "./span.js";
import { isVietnameseSyllable, TypoCorrector, typedBeforeChat } from "./spelling.js";

export type Decision = "answer" | "choose" | "none";

export interface Hit<P extends SearchableProcedure = SearchableProcedure> {
  procedure: P;
  score: number;
  /**
   * The score's parts, for tuning and diagnosis; `free` when nothing held the record back (another
   * agency's service asked beside its words, or a named thing no record has).
   */
  parts: { coverage: number; pairs: number; title: number; free: boolean };
  /** Brought in only by what the message tells of its situations (`Tuning.recall`): no candidate of the rules' own. */
  recalled?: true;
  /**
   * A benefit named for whom it serves, in a message that asks for no benefit (`Tuning.unasked`): the story's
   * words name it, so the re-ranker does not put it first over a record of the rules' own.
   */
  unasked?: true;
  /**
   * A liên thông bundle («Liên thông …: đăng ký khai sinh, đăng ký thường trú, …») in a message that names fewer than
   * two of its parts and says nothing of doing them together or online (`Tuning.bundle`): the re-ranker does not put
   * it first over the part the rules answered: the codes of the records its name lists after its colon.
   */
  unbundled?: ReadonlySet<string>;
}

export interface SearchOutcome<P extends SearchableProcedure = SearchableProcedure> {
  decision: Decision;
  intent: Intent;
  /** Best first, at most `limit`. Empty when the decision is `none`; two or more when it is `choose`. */
  hits: Hit<P>[];
  /**
   * The message asks for a section and names nothing else ("còn lệ phí thì sao?", "mất bao lâu",
   * "ở đâu vậy"): a follow-up about the procedure the conversation is on. The decision is `none`.
   */
  sectionOnly: boolean;
  /**
   * False when the decision is `answer` only because a single candidate came close (what would
   * have been a "which one?" list of one): show it with a way out ("not this one?").
   */
  sure: boolean;
  /**
   * Set on a "which one?" list the re-ranker offers where the rules found nothing (its rescue, ranker.ts) from a weak
   * guess (below `RESCUE_SURE`). After an answer the conversation's procedure outweighs such a guess (answer.ts reads it
   * as nothing found).
   */
  rescued?: true;
  /**
   * Set on a "which one?" list whose first the list judge (ranker.ts `LEAD`) finds clearly right: that procedure's code.
   * The assistant answers it, the others one tap away, instead of asking which one.
   */
  leads?: string;
  /**
   * Set when every foreigner the message says is a foreign place a Vietnamese is at, works or studies in ("chồng em
   * đi lao động Nhật Bản"): no foreign party nor event abroad, so the foreign-element records ("… có yếu tố nước
   * ngoài") are not the message's for that (ranker.ts `foreignFirst`).
   */
  abroadOnly?: true;
}

// How much a word counts by where it stands: the official name above what citizens call it above the field.
const FIELD_WEIGHT = { name: 1, alias: 0.9, field: 0.5, qualifier: 0.4 } as const;
const CANDIDATES = 30;
const RECENT_QUERIES = 1_000;
/** A typed accent that contradicts the record's ("mồ côi" vs "mở") leaves this much of the match. */
const ACCENT_MISMATCH = 0.3;

/**
 * Ranking weights and decision thresholds, tuned on eval/tuning.tsv and test/fixtures (bench/search.ts
 * prints them beside the held-out part). Scores are in 0..1.
 */
export const DEFAULT_TUNING = {
  /** Share of the query's words (idf-weighted, far words discounted) the record contains. */
  coverage: 0.5,
  /** Share of the best title's adjacent word pairs the query says in order. */
  pairs: 0.15,
  /** Share of the best title's words the query says (penalises variants the query didn't ask for). */
  title: 0.35,
  /**
   * A name said counts in full only when the record explains this share of the message: "giấy khai sinh" named
   * as a paper in a letter about correcting VNeID data is no request to register a birth.
   */
  titleTrust: 0.25,
  /** What a record whose official name is foreign-element gains when the message says a foreigner. */
  foreign: 0.1,
  /** What a record gains when a letter's question (its last sentence, after a story) says its whole name or an alias. */
  question: 0.15,
  /** 1: a word typed with accents counts toward a title only when that title writes it so (0: anywhere in the record). */
  titleAccents: 1,
  /** How many adjacent sentences a record's name may be said across (a letter's story and its question). */
  titleSentences: 2,
  /**
   * How many records the question's words alone bring into a letter's candidates, beside the whole message's best.
   * Off: it brings the plain record beside its look-alike for a situation ("Đăng ký khai sinh" beside "… cho người
   * đã có hồ sơ, giấy tờ cá nhân"), which the ranking then tells apart worse than the candidates' cut did (tuning
   * long 88.4 → 87.8 at 10, own letters top-3 95.4 → 96.2).
   */
  questionCandidates: 0,
  /**
   * How many ward records whose title the message says whole join the candidates when the postings' best
   * (`CANDIDATES`) left them out: a letter's story ("Hộ khẩu thường trú … thuê trọ … bệnh viện") crowds the plain record
   * its question names out of them. 0: off.
   */
  namedRecall: 3,
  /** 1: a purpose after a journey ("sang Việt Nam … để đăng ký kết hôn") is the errand asked, not a reason. */
  errand: 1,
  /** 1: a letter's question and any one sentence of its story may say a record's name together (0: adjacent only). */
  questionStory: 1,
  /** A word that no record has weighs this fraction of the rarest known word. */
  unknownIdf: 0.5,
  /** What a word of a generic paperwork phrase ("giấy tờ", "đăng ký", "xác nhận") weighs, as a share of its idf. */
  generic: 0.35,
  /** A named concept (synonym file) that no record has: "căn cước", "hộ chiếu" say what is asked. */
  conceptIdf: 1.2,
  /** Words in a purpose clause ("… để kết hôn") count this much, when the words before it name something. */
  purpose: 0.4,
  /** How fast a word stops counting against a record as it stands further from the words the record has. */
  reach: 3,
  /** What a far word still counts (background is rarely free of meaning). */
  farFloor: 0.12,
  /** Coverage is multiplied by this when an out-of-catalogue concept stands near the record's words… */
  veto: 0.5,
  /** …that is, counts at least this much by its distance… */
  vetoNear: 0.5,
  /** …unless a distinctive word of the record's name said stands this many words from it (review s13 H6). */
  vetoApart: 3,
  /**
   * The whole score is multiplied by this when the named thing no record has that holds the record back (`veto`) is
   * said as a paper's name (`Term.titled`): "cấp lại giấy chứng nhận an toàn thực phẩm bị mất" asks for that paper, and
   * the paperwork words a record's name shares with it ("cấp lại giấy chứng nhận") say nothing of the record.
   */
  paperVeto: 0.65,
  /** The score is multiplied by this when the message asks for another agency's service (a redirect's term) instead. */
  outside: 0.4,
  /** A word of the titles is bound to a partner when seen at least this often… */
  boundSeen: 3,
  /** …and beside the same neighbour in at least this share of places. */
  boundShare: 0.85,
  /** A clause break counts as this many words of distance. */
  clauseGap: 3,
  titlePower: 2,
  /**
   * Taken from a procedure that another level handles (province, ministry, embassy): the office serves
   * its ward's procedures, and the near-duplicates of other agencies in a national catalogue rank below them.
   */
  elsewhere: 0.1,
  answer: 0.62,
  margin: 0.08,
  choose: 0.42,
  /** A record whose name or alias the message says whole (title share) is answered, not sure, from `namedFloor` (≥ `choose`)… */
  named: 0.95,
  namedFloor: 0.45,
  /** …when the next record scores this much less. */
  namedMargin: 0.1,
  /** Share of the top record's title the message must say for an answer (below: at most a list). */
  answerTitle: 0.5,
  /** Whether a record held back by another agency's service or a named thing no record has is never answered. */
  heldBack: true,
  /**
   * Between records that score within `evidenceWindow` of the top, what a record gains when the message (story
   * included, at any distance) says words of its names, applicants or conditions that none of the others has, at most.
   */
  evidence: 0.1,
  evidenceWindow: 0.15,
  /** Official names are look-alikes when they share this share of their words (Jaccard): only those are weighed so. */
  alike: 0.5,
  /** A denied word that no title denies too weighs this share of the word itself: said, but as what is not asked. */
  denied: 0.5,
  /** What a record made of several procedures ("Liên thông …: đăng ký khai tử, xóa đăng ký thường trú, …") gains when the message names two of its parts or more. */
  bundle: 0.15,
  /**
   * What a record loses when the message names it only as paperwork already done ("đã đăng ký tạm trú thời hạn 2
   * năm", "đã làm khai tử và xóa thường trú cho bố"): background to what is asked now, the renewal or the change.
   */
  done: 0.15,
  /**
   * What a benefit named for whom it serves ("Hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng") loses
   * when the message asks for no benefit at all ("chồng em đang đi xuất khẩu lao động, em làm khai sinh cho con …"):
   * who the citizen is, told as the story, not the support asked. 0: off.
   */
  unasked: 0.3,
  /** A single candidate above `choose` is answered (not sure) from here; below, nothing is. */
  single: 0.6,
  /**
   * What a plain record's foreign-element twin (its official name holds the plain one's and "nước ngoài") scores above
   * it when a message that says a foreigner ranks the plain one first; 0: off.
   */
  twin: 0.01,
  /**
   * How many of the last places of a candidate list (`limit`) go to the records whose situations (names, aliases,
   * applicants, conditions, result, what to check first) the message's words and word pairs fit best, when the rules
   * rank them lower: a story told in everyday words ("muốn ra ở riêng một hộ", "đi làm xa cả năm") fits what a record
   * says of whom it is for better than any name. 0: off (the rules' own decision); the re-ranker's candidates use it.
   */
  recall: 0,
  window: 0.2,
};
export type Tuning = typeof DEFAULT_TUNING;

/** The records holding a token (ascending ids), its field weight and accent spellings in each. */
interface Postings {
  ids: Int32Array;
  weights: Float32Array;
  marks: Uint32Array;
}

interface Entry<P extends SearchableProcedure> {
  procedure: P;
  /** Best field weight of each token. */
  weights: Map<string, number>;
  /** Accent signatures each token has in this record's text, as an id into `ProcedureSearch.markSets`. */
  marks: Map<string, number>;
  /** Adjacent word pairs of each title (name and aliases). */
  titlePairs: Array<Set<string>>;
  /** The same pairs by id (`ProcedureSearch.pairIds`). */
  titlePairIds: Int32Array[];
  /** Token lists of the name and each alias. */
  titles: string[][];
  /**
   * Per title, its distinct tokens (in order) and each one's weight in title coverage (idf^titlePower), filled once idf
   * is known; laid out flat, so that `titlesSaid` reads a record's titles from a few arrays.
   */
  titleWords: TitleWords;
  /** Per title: the accent spellings of each of its tokens in that title ("khai sinh con lai" has no "lại"). */
  titleMarks: Array<Map<string, Set<string>>>;
  /** `weights`' tokens by id (`ProcedureSearch.tokenIds`), their weights and accent signatures (`marks`' id, -1: none). */
  wordIds: Int32Array;
  wordWeights: Float64Array;
  wordMarks: Int32Array;
  /** Handled at the ward/commune level (the office this assistant serves). */
  local: boolean;
  /** Name and aliases as typed (folded words, no synonyms), " | " between them: does a title say a redirect's term. */
  rawTitles: string;
  /**
   * The words of its names, aliases, applicants and conditions (synonym concepts and syllable pairs): the situations
   * it is for, to tell it from its look-alikes.
   */
  evidence: Set<string>;
  /**
   * For a record made of several procedures (its official name lists them after a colon), each part's
   * distinctive words; empty for any other record.
   */
  parts: string[][];
  /** Each title's distinctive words (no generic paperwork words): said all, the title is named. */
  named: string[][];
  /** The words and adjacent word pairs (within a clause) of what it says of its situations: what `recall` reads. */
  situation: string[];
  /** A benefit named for whom it serves (`BENEFIT_FOR_WHOM`): its name past the benefit word tells a situation. */
  forWhom: boolean;
}

/** A record's titles' distinct words, flat: title t's are those from `starts[t]` to `starts[t + 1]`. */
interface TitleWords {
  starts: Int32Array;
  /** Each title's total weight. */
  totals: Float64Array;
  tokens: string[];
  weights: Float64Array;
  /**
   * Three per word: its id (`ProcedureSearch.tokenIds`), the record's accent signatures of it (`Entry.marks`' id, -1:
   * none) and the title's spellings of it (`Entry.titleMarks`, as a `markSets` id; -1: none).
   */
  codes: Int32Array;
}

/** One distinct content word of the query: its weight, and its places (for how far it is from a record's words). */
interface Term {
  word: Word;
  /** idf × purpose weight. */
  weight: number;
  positions: number[];
  /** The sentence of each position. */
  sentences: number[];
  /** Whether each position is in a purpose clause ("… để vay ngân hàng") or names a paper to bring: it holds nothing back. */
  purposes: boolean[];
  /** Whether each position is in a purpose clause after words that name something: the reason, not the request. */
  why: boolean[];
  /**
   * Said only in generic paperwork phrases ("giấy tờ", "đăng ký", "xác nhận") or as the paper to copy: a
   * record lacking it loses little.
   */
  generic: boolean;
  /** Said only as the paper a certified copy is asked of ("sao y giấy khai sinh"): no record's name is said by it. */
  paper: boolean;
  /**
   * Said as the name of a paper ("giấy chứng nhận … an toàn thực phẩm", "giấy phép X"): a named thing no record has
   * said so is the paper asked, however far the story names a record ("đã đăng ký hộ kinh doanh").
   */
  titled: boolean;
  /**
   * A word the catalogue only writes beside one partner ("mai" of "mai táng", "liệt" of "liệt sĩ"), said
   * here without it: another word that folds alike ("mai" = tomorrow), so no record has it.
   */
  unbound: boolean;
}

/** A request another agency handles (a redirect's term) said in the message, at these content-word places. */
interface OutsideRun {
  tokens: string[];
  positions: number[];
  sentence: number;
  /** Named as a paper to bring, had or listed: then it only tells which records the message is not about. */
  paper: boolean;
  /** Said in a time clause ("trước khi khởi kiện ra tòa, …"): when the request is made, not what it is. */
  when: boolean;
  /**
   * Asked as a step or a paper the ward's procedure may require ("có phải quyết toán thuế trước không", "có cần giấy
   * khám sức khỏe không", "hòa giải … trước khi khởi kiện", "đang hưởng … bhxh"): no request for that agency's
   * service where the message names the ward's procedure before it (`outsideAsked`).
   */
  step: boolean;
  /**
   * The errand done where the citizen goes to that agency ("lên bảo hiểm xã hội để (đổi địa chỉ nhận lương hưu)",
   * "go to the social insurance office to (change her address)"): its content-word places, which name that agency's
   * service, not the ward's procedure the run would be a step of (`namedBefore`).
   */
  errand: number[];
}

/**
 * Words before a paper's name that make it a paper to bring, not the request: "mang theo căn cước",
 * "photo công chứng bằng lái xe", "bản dịch hộ chiếu" (features/redirects.ts reads the same words for
 * the same reason), anywhere in the three words before it…
 */
const BRING = new Set([
  "mang",
  "kem",
  "goc",
  "chinh",
  "sao",
  "y",
  "photo",
  "xuat",
  "trinh",
  "chung",
  "thuc",
  "dich",
  "copy",
  "copies",
  "certify",
  "certified",
  "translate",
  "translated",
  "translation",
  "bring",
  "attach",
]);

/** …or right before it: a paper needed, had or listed ("cần cccd", "có thẻ bảo hiểm y tế", "đã ly hôn", "và hộ chiếu"). */
const HAD = new Set(["can", "co", "da", "va", "theo", "hoac", "voi"]);

const NUMBER = words("số")[0] as Word;
/** What is done to a number written on a paper: written, wrong, missing, put right. */
const WRITTEN = words("ghi sai nhầm lộn thiếu điền viết sửa đúng");

/**
 * Whether the words before another agency's paper name its number as written on the paper at hand ("ghi sai số căn
 * cước của tôi", "nhầm số hộ chiếu", "thiếu số căn cước"): a detail of that paper, like one had. "số" typed with its
 * accents ("sổ bảo hiểm xã hội" is that agency's book) right after what is done to a written number, so no code or
 * measure of that agency ("mã số thuế", "ghi sai chỉ số công tơ điện").
 */
function numberOf(before: readonly TextWord[]): boolean {
  const last = before[before.length - 1];
  if (!last || last.token !== NUMBER.token || last.marks !== NUMBER.marks) return false;
  const done = before[before.length - 2];
  return (
    done !== undefined && WRITTEN.some((d) => d.token === done.token && (done.marks === "" || done.marks === d.marks))
  );
}

/**
 * The notary offered as the other choice to the ward (REVIEW s22; the tuning part's largest class of refusals):
 * "sao y ở phường được không hay phải ra văn phòng công chứng", "chứng thực chữ ký ở ubnd phường hay phòng công chứng",
 * "hợp đồng … chứng thực ở xã chứ không ra văn phòng công chứng", "certified at the commune instead of a notary
 * office", "a notary office or the ward". The citizen asks whether the ward does it: the ward's record answers, the
 * other agency is the alternative weighed, no request for its service.
 */
const ALTERNATIVE = new Set(["hay", "hoac", "or", "instead", "than", "khoi", "vi"]);
/** Words that may stand between the alternative's word and the agency ("hay bắt buộc phải ra", "or go to the"). */
const GOING = new Set(
  "phai bat buoc ra len ve den toi di qua o tai la can nen sang lam nop to go the a an at of".split(" "),
);
/** The ward as the citizen names it, folded ("ủy ban" by its first word). */
const WARD = new Set(["phuong", "xa", "ubnd", "ward", "commune", "uy"]);
const wardAt = (said: readonly TextWord[], j: number) =>
  WARD.has(said[j]?.token ?? "") && (said[j]?.token !== "uy" || said[j + 1]?.token === "ban");

/** Whether the typed words said the ward in the sentence of the run at `k…end`, outside it: the choice is weighed there. */
function saysWard(said: readonly TextWord[], k: number, end: number): boolean {
  const sentence = (said[k] as TextWord).sentence;
  return said.some((w, j) => (j < k || j >= end) && w.sentence === sentence && wardAt(said, j));
}

/**
 * Whether a redirect's term names the notary, who shares the ward's work of certifying (copies, signatures, contracts,
 * wills): only there is the other agency a real alternative. Weighed against another agency ("làm ở phường hay ở điện
 * lực", "giảm án hoặc đặc xá"), the citizen may well ask that agency's own service.
 */
function notary(run: readonly string[]): boolean {
  return run.includes("notary") || run.includes("notarial") || run.join(" ").includes("cong chung");
}

/** Whether the redirect run at `k` (of `length` words) is the agency weighed against the ward (`ALTERNATIVE`). */
function alternativeToWard(said: readonly TextWord[], k: number, length: number): boolean {
  const word = said[k] as TextWord;
  if (!saysWard(said, k, k + length)) return false;
  // Before it: "hay (phải ra)", "hoặc", "thay vì", "chứ/mà không (ra)", "instead of (a)", "rather than".
  let j = k - 1;
  while (j >= 0 && k - j <= 4 && said[j]?.clause === word.clause && GOING.has(said[j]?.token ?? "")) j--;
  const before = said[j];
  if (before && before.clause === word.clause) {
    const t = before.token;
    if (t === "vi") {
      if (said[j - 1]?.token === "thay") return true;
    } else if (t === "khong") {
      const by = said[j - 1]?.token;
      if ((by === "chu" || by === "ma") && j < k - 1) return true;
    } else if (ALTERNATIVE.has(t)) return true;
  }
  // After it: "(văn phòng công chứng) hay (ở) phường", "a notary office or the ward".
  let n = k + length;
  if (said[n]?.token === "office") n++;
  if (said[n] && said[n]?.clause === word.clause && (said[n]?.token === "hay" || said[n]?.token === "or")) {
    let m = n + 1;
    while (m < said.length && m - n <= 4 && GOING.has(said[m]?.token ?? "")) m++;
    const after = said[m];
    return after !== undefined && after.clause === word.clause && wardAt(said, m);
  }
  return false;
}

/**
 * A requirement asked of the ward's procedure, before another agency's service or paper in its clause: "có phải
 * (quyết toán thuế) trước không", "có bắt buộc nộp (giấy khám sức khỏe) không", "có cần (dịch) không", "do I need a
 * mental (health certificate)". The modal ("phải", "cần", "bắt buộc"), then at most `STEP_BETWEEN` of the words that
 * go to or bring a paper ("nộp giấy", "đi", "ra"; not "làm": "có phải làm hộ chiếu không" may ask for it); and a
 * yes/no question: "có" before the modal, or "không / chưa / trước" after the run in its clause. English: "do … need",
 * "must I" up to `ENGLISH_REACH` words before it (`englishAsked`). Whose procedure it is asked of is read per record
 * (`namedBefore`): only one whose name the message says beside it.
 */
const MODALS = new Set(["phai", "can", "buoc"]);
const MODAL_MARKS = new Map([
  ["phai", (words("phải")[0] as Word).marks],
  ["can", (words("cần")[0] as Word).marks],
  ["buoc", (words("buộc")[0] as Word).marks],
]);
/**
 * Words between the modal and the other agency's service ("phải đi khám", "bắt buộc nộp giấy"); and a debt's payment
 * ("có phải đóng hết (thuế) không", "có phải trả hết tiền (thuế) trước không": what closing a household business may
 * need first, not the tax office's service asked).
 */
const STEP_WORDS = new Set("nop xin di ra len den toi qua co giay ban mot dong tra het tien".split(" "));
const STEP_BETWEEN = 3;
/** After the run: the question's end ("… không", "… ko", "… chưa") or a step before ("… trước"). */
const ASKS_YES_NO = new Set(["khong", "ko", "k", "hong", "hok", "kg", "khg", "chua", "truoc"]);
const ENGLISH_REACH = 5;
/** "need" asked: an auxiliary up to three words before it ("do I need", "does my wife need", "will we need"). */
const ENGLISH_AUXILIARIES = new Set(["do", "does", "did", "will", "would", "should"]);
/** What "must" asks with, right after it ("must I", "must we"). */
const ENGLISH_SUBJECTS = new Set(["i", "we", "he", "she", "they", "you", "my", "our"]);

function englishAsked(said: readonly TextWord[], e: number, clause: number): boolean {
  const w = said[e]?.token;
  if (w === "must") return ENGLISH_SUBJECTS.has(said[e + 1]?.token ?? "");
  if (w !== "need") return false;
  for (let a = e - 1; a >= 0 && a >= e - 3 && said[a]?.clause === clause; a--)
    if (ENGLISH_AUXILIARIES.has(said[a]?.token ?? "")) return true;
  return false;
}

function requiredOf(said: readonly TextWord[], k: number, length: number): boolean {
  const clause = (said[k] as TextWord).clause;
  // English: the modal asked a few words before, whatever stands between ("do I need a mental health certificate",
  // "must we get …"); not told ("now I need to apply for a residence card" asks for it).
  for (let e = k - 1; e >= 0 && e >= k - ENGLISH_REACH && said[e]?.clause === clause; e--)
    if (englishAsked(said, e, clause)) return true;
  let j = k - 1;
  while (j >= 0 && k - 1 - j < STEP_BETWEEN && said[j]?.clause === clause && STEP_WORDS.has(said[j]?.token ?? "")) j--;
  const modal = said[j];
  if (!modal || modal.clause !== clause || !MODALS.has(modal.token)) return false;
  const marks = MODAL_MARKS.get(modal.token);
  if (marks !== undefined && modal.marks !== "" && modal.marks !== marks) return false;
  if (modal.token === "buoc" && said[j - 1]?.token !== "bat") return false;
  const by = said[modal.token === "buoc" ? j - 2 : j - 1];
  if (by?.token === "co" && by.clause === clause) return true;
  for (let n = k + length; n < said.length && n < k + length + 4 && said[n]?.clause === clause; n++)
    if (ASKS_YES_NO.has(said[n]?.token ?? "")) return true;
  return false;
}

/**
 * Whether the run's sentence tells, before it, something finished ("kết hôn xong", "làm khai tử rồi", "after
 * registering"): what is asked then comes after the ward's procedure, the other agency's own, not a step of it.
 */
const FINISHED = new Set(["xong", "roi", "after"]);
const ROI_MARKS = (words("rồi")[0] as Word).marks;
function doneFirst(said: readonly TextWord[], k: number): boolean {
  const sentence = (said[k] as TextWord).sentence;
  for (let j = k - 1; j >= 0 && said[j]?.sentence === sentence; j--) {
    const w = said[j] as TextWord;
    if (FINISHED.has(w.token) && (w.token !== "roi" || w.marks === "" || w.marks === ROI_MARKS)) return true;
  }
  return false;
}

/** "trước khi (khởi kiện)", "before (suing)": a step the ward's procedure comes before, not the service asked. */
function stepAfter(said: readonly TextWord[], k: number): boolean {
  const w = said[k - 1];
  const clause = (said[k] as TextWord).clause;
  if (!w || w.clause !== clause) return false;
  if (w.token === "before") return true;
  return w.token === "khi" && said[k - 2]?.token === "truoc" && said[k - 2]?.clause === clause;
}

/**
 * Going there ("lên", "đi", "ra", "đến", "tới", "qua", "về", "sang", "xuống"; "go", "come", "visit") up to
 * `GOING_REACH` words before the run, in its clause, and a purpose ("để", English "to", "in order to") up to
 * `ERRAND_REACH` words after it ("lên bảo hiểm xã hội (quận) để …", "go to the social insurance office to …"): the said
 * place of that purpose, whose words are the errand done at that agency; -1 when the run is not where one goes.
 */
const GOES_TO = words("đi lên ra đến tới qua về sang xuống");
const GOING_ENGLISH = new Set("go goes going went come comes coming visit head".split(" "));
const GOING_REACH = 3;
const ERRAND_REACH = 3;
const ERRAND_MARK = words("để")[0] as Word;
function errandAt(said: readonly TextWord[], k: number, length: number): number {
  const clause = (said[k] as TextWord).clause;
  let english: boolean | undefined;
  for (let j = k - 1; j >= 0 && j >= k - GOING_REACH && said[j]?.clause === clause; j--) {
    const w = said[j] as TextWord;
    if (GOING_ENGLISH.has(w.token)) english = true;
    else if (GOES_TO.some((g) => isWord(w, g))) english = false;
    if (english !== undefined) break;
  }
  if (english === undefined) return -1;
  const sentence = (said[k] as TextWord).sentence;
  for (let n = k + length; n < said.length && n <= k + length + ERRAND_REACH; n++) {
    const w = said[n] as TextWord;
    if (w.sentence !== sentence) return -1;
    const mark = english ? w.token === "to" : isWord(w, ERRAND_MARK) && w.marks !== "";
    if (mark && n + 1 < said.length && said[n + 1]?.sentence === sentence) return n;
  }
  return -1;
}

/** A time the errand is set against: "before / after / when …", "trước khi / sau khi / khi …", "rồi", "thì". */
const ERRAND_ENDS = new Set(["before", "after", "when", "until", "khi", "roi", "thi"]);
function errandEnds(said: readonly TextWord[], n: number): boolean {
  const token = (said[n] as TextWord).token;
  return ERRAND_ENDS.has(token) || ((token === "truoc" || token === "sau") && said[n + 1]?.token === "khi");
}

/** "đang hưởng / đang nhận (trợ cấp tuất bhxh)" a few words before, in its clause: a status held, the story. */
function statusHeld(said: readonly TextWord[], k: number): boolean {
  const clause = (said[k] as TextWord).clause;
  for (let j = k - 1; j >= 1 && j >= k - 5 && said[j]?.clause === clause; j--) {
    const verb = said[j] as TextWord;
    const ongoing = said[j - 1] as TextWord;
    if (ONGOING_VERBS.has(verb.token) && ongoing.clause === clause && isWord(ongoing, ONGOING)) return true;
  }
  return false;
}

/** What the official name of a procedure done online says (folded words). */
const ONLINE_NAMES = [" truc tuyen ", " lien thong dien tu "];

/** Words before a redirect's term that make it when the request is made ("trước khi khởi kiện", "before the loan"). */
const WHEN = new Set(["khi", "before", "after", "until"]);

/**
 * Verbs that, a few words after another agency ("ngân hàng yêu cầu …", "bên thuế bảo phải có …", "the embassy asked me
 * for …"), make it the one who demands a paper, not the service asked: what follows is what the citizen comes for.
 * Folded; "bảo" not before a word it makes another of ("bao lâu", "bảo hiểm").
 */
const DEMANDS = new Set([
  "hoi",
  "yeu",
  "doi",
  "bat",
  "bao",
  "keu",
  "huong",
  "asked",
  "asks",
  "ask",
  "wants",
  "wanted",
  "requires",
  "required",
  "requested",
  "requests",
  "needs",
  "told",
  "demands",
  "demanded",
]);
/** The second word each two-word demand verb needs ("yêu cầu", "hướng dẫn", "đòi hỏi" takes any). */
const DEMAND_PAIRS: Record<string, string> = { yeu: "cau", huong: "dan" };
/**
 * How many words may stand between the agency and its demand: a particle ("ngân hàng thì bảo", "bên thuế lại yêu
 * cầu"), its country or branch ("lãnh sự quán Hàn Quốc yêu cầu", "the Korean embassy asked").
 */
const DEMAND_REACH = 3;
/** Question words after a demand: what the agency wants is asked, not told. */
const ASKS_WHAT = new Set(["gi", "nao", "what", "which"]);
/** After "bao": a question of how long or how much ("bao lâu"), or a word of its own ("bảo hiểm", "bảo lãnh"), no demand. */
const NOT_DEMAND_AFTER = new Set([
  "lau",
  "nhieu",
  "gio",
  "hiem",
  "lanh",
  "ve",
  "dam",
  "quan",
  "tang",
  "tro",
  "ho",
  "hanh",
]);

/** Whether the words from `k` on say a demand made by whoever stands before them ("yêu cầu", "bảo phải có", "asked me for"). */
function demandAt(said: readonly TextWord[], k: number, clause: number): boolean {
  for (let j = k; j <= k + DEMAND_REACH && said[j]?.clause === clause; j++) if (demandVerb(said, j)) return true;
  return false;
}

/** Whether the typed word `j` is a demand verb ("yêu cầu", "bảo", "đòi", "asked"), as written. */
function demandVerb(said: readonly TextWord[], j: number): boolean {
  const verb = said[j];
  if (!verb || !DEMANDS.has(verb.token)) return false;
  // "bắt buộc" is compulsory; "yêu cầu giấy tờ gì", "đòi những giấy gì" ask what the agency itself wants: its own service.
  for (let n = j + 1; n <= j + 4 && said[n]?.clause === verb.clause; n++)
    if (ASKS_WHAT.has(said[n]?.token ?? "")) return false;
  const next = said[j + 1];
  if (verb.token === "bat" && next?.token === "buoc") return false;
  // "bị hỏi giấy khai sinh": asked for a paper by whoever stands before ("đi tiêm phòng thì bị hỏi …").
  if (verb.token === "hoi") return said[j - 1]?.token === "bi" && (verb.marks === "" || verb.marks === HOI_MARKS);
  const pair = DEMAND_PAIRS[verb.token];
  if (pair !== undefined) return next?.token === pair;
  if (verb.token === "bao") {
    if (verb.marks !== "" && verb.marks !== BAO_MARKS) return false;
    return next !== undefined && !NOT_DEMAND_AFTER.has(next.token);
  }
  if (verb.token === "doi" && verb.marks !== "" && verb.marks !== DOI_MARKS) return false;
  if (verb.token === "bat" && verb.marks !== "" && verb.marks !== BAT_MARKS) return false;
  if (verb.token === "keu" && verb.marks !== "" && verb.marks !== KEU_MARKS) return false;
  return true;
}
const BAO_MARKS = (words("bảo")[0] as Word).marks;
const DOI_MARKS = (words("đòi")[0] as Word).marks;
const BAT_MARKS = (words("bắt")[0] as Word).marks;
const KEU_MARKS = (words("kêu")[0] as Word).marks;
const HOI_MARKS = (words("hỏi")[0] as Word).marks;

/**
 * The search index: an inverted index over folded, synonym-mapped tokens finds
 * candidates in one pass over the postings; the best few are then scored on how much of
 * the query they explain. fuse.js only corrects typos against the vocabulary, which is small.
 *
 * Long messages. A letter ("Tôi đến làm việc tại tỉnh A đã 02 năm, nay muốn đăng ký thường trú
 * thì cần giấy tờ gì theo quy định hiện hành?") names its procedure in a few adjacent words and
 * tells a story around them. A word the record lacks counts against it by how close it stands
 * to the words the record has: next to them it is part of what is asked ("đăng ký xe máy" is not
 * "đăng ký khai sinh"), a clause or several words away it is background and counts little
 * (`reach`, `farFloor`, `clauseGap`). So the letter scores about as its bare procedure name does,
 * while a short message about something else still fails on its own words. Place names, chat
 * spellings and framing phrases are removed before this (places.ts, spelling.ts, the filler list).
 */
export class ProcedureSearch<P extends SearchableProcedure = SearchableProcedure> {
  /** Folds, maps synonyms and drops filler: the same for the catalogue and the queries (the re-ranker reads it too). */
  protected readonly analyzer: Analyzer;
  private readonly entries: Entry<P>[];
  private readonly indexOf = new Map<P, number>();
  /** For each token, the records holding it and its field weight in each (parallel arrays). */
  private readonly postings = new Map<string, Postings>();
  /** The distinct sets of accent signatures a token has in a record (few: most words are written one way). */
  private readonly markSets: Array<ReadonlySet<string>> = [];
  private readonly markSetIds = new Map<string, number>();
  /** Scratch accumulator, one slot per record, cleared after each query. */
  private readonly scores: Float64Array;
  /** Scratch list of the records a query touched. */
  private readonly touched: Int32Array;
  /** Order among equal scores (lower first). */
  private readonly tieRank: Float64Array;
  /** Same number for records of the same name. */
  private readonly nameIds: Int32Array;
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;
  private readonly conceptIdf: number;
  private readonly vocabulary: TypoCorrector;
  private readonly corrections = new Map<string, string | null>();
  private readonly recent = new Map<string, SearchOutcome<P>>();
  /** Every raw word of the catalogue and of the analyzer's own lists, before synonym mapping. */
  private readonly rawVocabulary: Set<string>;
  /** Adjacent word pairs of the catalogue's names and aliases and of the analyzer's phrases, as written. */
  /** …and how many times each is written there. */
  private readonly knownPairs = new Map<string, number>();
  private readonly pairsByFirst = new Map<string, Set<string>>();
  private readonly pairsBySecond = new Map<string, Set<string>>();
  /**
   * Whether a word of a known pair holds a space (then "a b" may be read another way, and `knows` reads `knownPairs`
   * by the pair's text; else by `pairsByFirst`, which holds the same pairs).
   */
  private spacedPairs = false;
  /**
   * The accents each known pair is written with ("hôn thú", "kết hôn"), as "marks|marks"; a pair known
   * only from the section cues (written folded) is absent.
   */
  private readonly pairMarks = new Map<string, Set<string>>();
  /** Words the catalogue's titles write beside one partner (nearly always), with every neighbour they have there. */
  private readonly bound = new Map<string, Set<string>>();
  /** Words of names and aliases as written, kept only while the index is built. */
  private readonly titleWords: Word[][] = [];

  /**
   * For each record made of several procedures (see `Entry.parts`), each part's ways to be named: the part's own
   * distinctive words, and the distinct titles of the records it is (those whose official name's distinctive words
   * the part says), each title once however many copies a national catalogue holds.
   */
  private readonly partNames = new Map<Entry<P>, string[][][]>();
  /** A bundle's own words before its list of parts ("liên thông điện tử"), less generic paperwork words. */
  private readonly bundleWords = new Map<Entry<P>, string[]>();
  /** The codes of the records a bundle's name lists after its colon, by their whole names (`Hit.unbundled`). */
  private readonly partCodes = new Map<Entry<P>, ReadonlySet<string>>();
  /**
   * The ward's records by their titles' distinctive words (`Entry.named`), each title under its rarest word: a record
   * whose title the message says whole is a candidate however much of a letter's story its look-alikes share.
   */
  private readonly titleKeys = new Map<string, Array<{ entry: number; tokens: readonly string[] }>>();

  /** Redirect terms as typed (folded words, no synonyms: "công chứng di chúc" is not "chứng thực di chúc"), by first word, longest first. */
  private readonly outside = new Map<string, string[][]>();
  /**
   * The accents each redirect term is written with (by its folded words): a word typed with accents must
   * carry the term's ("thuê mặt bằng" is no "thuế"); one typed without any fits every spelling.
   */
  private readonly outsideMarks = new Map<string, string[][]>();
  /** Each redirect term's words as the analyzer maps them ("cccd" → the căn cước concept), by its typed form. */
  private readonly outsideMapped = new Map<string, string>();

  /**
   * `redirects` (redirects.json) name requests other agencies handle ("hộ chiếu", "ly hôn", "bảo hiểm
   * xã hội"): one said beside a record's words, which that record's names do not say, is what the
   * message asks, so it is no confident answer for that record.
   */
  constructor(
    procedures: readonly P[],
    synonyms: SynonymsFile,
    private readonly tuning: Tuning = DEFAULT_TUNING,
    redirects: readonly RedirectTerms[] = [],
  ) {
    // The records, synonyms and redirects are the catalogue's texts: what they are read into is kept for the next
    // index built (normalize.ts `readingCatalogue`; a build that throws ends the reading with its task).
    const done = readingCatalogue();
    this.analyzer = new Analyzer(synonyms);
    for (const redirect of redirects) {
      // A term that is a whole synonym concept ("bảo hiểm y tế") brings the concept's other names ("bhyt", "health insurance").
      const terms = redirect.terms.flatMap((term) => [
        term,
        ...(this.analyzer.termsOf.get(
          this.analyzer
            .document(term)
            .map((w) => w.token)
            .join(" "),
        ) ?? []),
      ]);
      for (const term of terms) {
        const run = this.analyzer.rawTokens(term);
        const head = run[0];
        if (head === undefined) continue;
        this.outsideMapped.set(
          run.join(" "),
          this.analyzer
            .document(term)
            .map((w) => w.token)
            .join(" "),
        );
        const forms = this.outsideMarks.get(run.join(" ")) ?? [];
        forms.push(words(term).map((w) => w.marks));
        this.outsideMarks.set(run.join(" "), forms);
        const list = this.outside.get(head) ?? [];
        if (!list.some((r) => r.join(" ") === run.join(" "))) list.push(run);
        list.sort((a, b) => b.length - a.length);
        this.outside.set(head, list);
      }
    }
    this.rawVocabulary = new Set(this.analyzer.vocabulary);
    this.entries = procedures.map((p) => this.prepare(p));
    // Two syllables make a Vietnamese word when the catalogue writes them together in more than one record
    // ("sổ hộ tịch", "bị mất"); a pair met once is more likely two words side by side ("ANTT nhà").
    const seen = new Map<string, number>();
    for (const entry of this.entries) {
      for (const item of entry.evidence) if (item.includes(" ")) seen.set(item, (seen.get(item) ?? 0) + 1);
    }
    for (const entry of this.entries) {
      for (const item of entry.evidence)
        if ((seen.get(item) ?? 0) < 2 && item.includes(" ")) entry.evidence.delete(item);
    }
    const single = this.entries.filter((e) => e.parts.length < 2 && (e.named[0] ?? []).length > 0);
    const namesOfPart = new Map<string, string[][]>();
    for (const entry of this.entries) {
      if (entry.parts.length < 2) continue;
      const names = entry.parts.map((part) => {
        const key = part.join(" ");
        let found = namesOfPart.get(key);
        if (!found) {
          const titles = new Map<string, string[]>([[key, part]]);
          for (const e of single) {
            if (!(e.named[0] ?? []).every((t) => part.includes(t))) continue;
            for (const title of e.named) if (title.length > 0) titles.set(title.join(" "), title);
          }
          found = [...titles.values()];
          namesOfPart.set(key, found);
        }
        return found;
      });
      this.partNames.set(entry, names);
      const name = entry.procedure.name;
      const colon = name.indexOf(":");
      if (colon > 0) {
        this.bundleWords.set(entry, this.distinctive(this.analyzer.document(name.slice(0, colon))));
        const listed = new Set(
          name
            .slice(colon + 1)
            .split(/[,;]/)
            .map((part) => fold(part).trim()),
        );
        this.partCodes.set(
          entry,
          new Set(this.entries.filter((e) => listed.has(fold(e.procedure.name).trim())).map((e) => e.procedure.code)),
        );
      }
    }
    for (const [i, entry] of this.entries.entries()) this.indexOf.set(entry.procedure, i);
    const lists = new Map<string, { ids: number[]; weights: number[]; marks: number[] }>();
    this.entries.forEach((entry, i) => {
      for (const [token, weight] of entry.weights) {
        const list = lists.get(token) ?? { ids: [], weights: [], marks: [] };
        list.ids.push(i);
        list.weights.push(weight);
        list.marks.push(entry.marks.get(token) ?? 0);
        lists.set(token, list);
      }
    });
    for (const [token, list] of lists) {
      this.postings.set(token, {
        ids: Int32Array.from(list.ids),
        weights: Float32Array.from(list.weights),
        marks: Uint32Array.from(list.marks),
      });
    }
    this.touched = new Int32Array(this.entries.length);
    this.entries.forEach((entry, i) => {
      if (!entry.local) return;
      for (const tokens of entry.named) {
        if (tokens.length === 0) continue;
        let key = tokens[0] as string;
        for (const t of tokens)
          if ((this.postings.get(t)?.ids.length ?? 0) < (this.postings.get(key)?.ids.length ?? 0)) key = t;
        const list = this.titleKeys.get(key) ?? [];
        if (!list.some((e) => e.entry === i && e.tokens.join(" ") === tokens.join(" ")))
          list.push({ entry: i, tokens });
        this.titleKeys.set(key, list);
      }
    });
    const unmarked = new Set<string>();
    const written = [
      ...this.analyzer.phrases.slice(this.analyzer.cuePhraseCount),
      ...this.titleWords.map((t) => t.map((w) => w.token)),
    ];
    for (const phrase of [...this.analyzer.phrases.slice(0, this.analyzer.cuePhraseCount), ...written]) {
      for (let k = 1; k < phrase.length; k++) {
        const [a, b] = [phrase[k - 1] as string, phrase[k] as string];
        const pair = `${a} ${b}`;
        this.knownPairs.set(pair, (this.knownPairs.get(pair) ?? 0) + 1);
        if (a.includes(" ") || b.includes(" ")) this.spacedPairs = true;
        addTo(this.pairsByFirst, a, b);
        addTo(this.pairsBySecond, b, a);
      }
    }
    for (const phrase of this.analyzer.phrases.slice(0, this.analyzer.cuePhraseCount)) {
      for (let k = 1; k < phrase.length; k++) unmarked.add(`${phrase[k - 1]} ${phrase[k]}`);
    }
    for (const phrase of [...this.analyzer.writtenPhrases, ...this.titleWords]) {
      for (let k = 1; k < phrase.length; k++) {
        const [a, b] = [phrase[k - 1] as Word, phrase[k] as Word];
        const pair = `${a.token} ${b.token}`;
        if (!unmarked.has(pair)) addTo(this.pairMarks, pair, `${a.marks}|${b.marks}`);
      }
    }
    this.titleWords.length = 0;
    this.situationWords.clear();
    this.findBound();
    this.scores = new Float64Array(this.entries.length);
    // Ties go to the ward's own procedures, then to the shorter name (the plain procedure before its variants).
    this.tieRank = Float64Array.from(this.entries, (e) => (e.local ? 0 : 1_000_000) + e.procedure.name.length);
    const nameIds = new Map<string, number>();
    this.nameIds = Int32Array.from(this.entries, (e) => {
      const key = fold(e.procedure.name);
      if (!nameIds.has(key)) nameIds.set(key, nameIds.size);
      return nameIds.get(key) as number;
    });
    const n = Math.max(1, this.entries.length);
    for (const [token, list] of this.postings) this.idf.set(token, Math.log(1 + n / list.ids.length));
    this.unknownIdf = Math.log(1 + n) * tuning.unknownIdf;
    // Each plain ward record's foreign-element twin: the ward record whose official name says its name in order, adds
    // "nước ngoài" and no other new word before the name's end ("Đăng ký lại khai tử có yếu tố nước ngoài" is no twin
    // of "Đăng ký khai tử"), the one with the fewest words ("Đăng ký khai sinh" → "… có yếu tố nước ngoài").
    // Only the ward's foreign-element records can be a twin (in catalogue order, as the first of the fewest words wins).
    const foreignLocal = this.entries.filter((t) => t.local && (t.titles[0] ?? []).includes(FOREIGN));
    this.entries.forEach((e, i) => {
      const name = e.titles[0] ?? [];
      if (!e.local || name.length === 0 || name.includes(FOREIGN)) return;
      let best: Entry<P> | undefined;
      for (const t of foreignLocal) {
        const other = t.titles[0] ?? [];
        if (!saysInOrder(other, name)) continue;
        if (!best || other.length < (best.titles[0] ?? []).length) best = t;
      }
      if (best) this.twins.set(i, best);
    });
    if (tuning.recall > 0) this.buildRecall();
    for (const entry of this.entries) {
      const starts = [0];
      const totals: number[] = [];
      const tokens: string[] = [];
      const weights: number[] = [];
      const codes: number[] = [];
      entry.titles.forEach((title, t) => {
        const distinct = [...new Set(title)];
        const own = Float64Array.from(distinct, (w) => (this.idf.get(w) ?? 0) ** tuning.titlePower);
        totals.push(own.reduce((a, b) => a + b, 0));
        distinct.forEach((w, k) => {
          tokens.push(w);
          weights.push(own[k] as number);
          const spellings = entry.titleMarks[t]?.get(w);
          codes.push(this.tokenId(w), entry.marks.get(w) ?? -1, spellings ? this.markSetId(spellings) : -1);
        });
        starts.push(tokens.length);
      });
      entry.titleWords = {
        starts: Int32Array.from(starts),
        totals: Float64Array.from(totals),
        tokens,
        weights: Float64Array.from(weights),
        codes: Int32Array.from(codes),
      };
      entry.wordIds = Int32Array.from(entry.weights.keys(), (t) => this.tokenId(t));
      entry.wordWeights = Float64Array.from(entry.weights.values());
      entry.wordMarks = Int32Array.from(entry.weights.keys(), (t) => entry.marks.get(t) ?? -1);
      entry.titlePairIds = entry.titlePairs.map((pairs) => Int32Array.from(pairs, (p) => this.pairId(p)));
    }
    this.conceptIdf = Math.log(1 + n) * tuning.conceptIdf;
    // Typos are corrected toward words of the catalogue as written, before synonyms map them.
    this.vocabulary = new TypoCorrector(this.rawVocabulary);
    done();
  }

  /**
   * The situation index (`Tuning.recall`): each item's records with the item's idf over the record's norm (a cosine
   * of binary vectors, less the message's norm, which ranks nothing).
   */
  private readonly recallPostings = new Map<string, RecallList>();
  private recallScores: Float64Array = new Float64Array(0);
  /** Scratch partial sums of `recallPruned`, zero between queries. */
  private recallPartial: Float64Array = new Float64Array(0);
  /** Scratch list of the records `recallTop` touched. */
  private recallTouched: Int32Array = new Int32Array(0);
  /** Each record's situation norm (what its weights were divided by), and the records by it, smallest first. */
  private recallNorms: Float64Array = new Float64Array(0);
  private recallByNorm: Int32Array = new Int32Array(0);
  /** Each plain record's foreign-element twin, by the plain one's index. */
  private readonly twins = new Map<number, Entry<P>>();

  private buildRecall(): void {
    // Each item once: how many records have it, its idf², and its postings (in the order the records first say them).
    const items = new Map<string, { df: number; lift: number; ids: number[]; weights: number[] }>();
    for (const e of this.entries) {
      for (const item of e.situation) {
        const found = items.get(item);
        if (found) found.df++;
        else items.set(item, { df: 1, lift: 0, ids: [], weights: [] });
      }
    }
    const n = Math.max(1, this.entries.length);
    for (const stat of items.values()) stat.lift = Math.log(1 + n / stat.df) ** 2;
    const norms = new Float64Array(this.entries.length);
    this.entries.forEach((e, i) => {
      let sum = 0;
      for (const item of e.situation) sum += (items.get(item) as { lift: number }).lift;
      const norm = Math.sqrt(sum) || 1;
      norms[i] = norm;
      for (const item of e.situation) {
        const stat = items.get(item) as { lift: number; ids: number[]; weights: number[] };
        stat.ids.push(i);
        stat.weights.push(stat.lift / norm);
      }
    });
    for (const [item, stat] of items) {
      const weights = Float32Array.from(stat.weights);
      this.recallPostings.set(item, {
        ids: Int32Array.from(stat.ids),
        weights,
        max: weights.reduce((a, b) => Math.max(a, b), 0),
        lift: stat.lift,
      });
    }
    this.recallNorms = norms;
    this.recallByNorm = Int32Array.from(this.entries.keys()).sort(
      (a, b) => (norms[a] as number) - (norms[b] as number),
    );
    this.recallScores = new Float64Array(this.entries.length);
    this.recallPartial = new Float64Array(this.entries.length);
    this.recallTouched = new Int32Array(this.entries.length);
  }

  /** The `k` records whose situations the message's words and word pairs (within a clause) fit best. */
  private recallTop(content: readonly QueryWord[], skip: readonly boolean[], k: number): number[] {
    const items = new Set<string>();
    content.forEach((w, j) => {
      if (skip[j]) return;
      items.add(w.token);
      const next = content[j + 1];
      if (next && next.clause === w.clause && !skip[j + 1]) items.add(`${w.token} ${next.token}`);
    });
    const lists: RecallList[] = [];
    for (const item of items) {
      const list = this.recallPostings.get(item);
      if (list) lists.push(list);
    }
    const pruned = this.recallPruned(lists, k);
    if (pruned) return pruned;
    const scores = this.recallScores;
    const touched = this.recallTouched;
    let count = 0;
    for (const list of lists) {
      for (let j = 0; j < list.ids.length; j++) {
        const i = list.ids[j] as number;
        if (scores[i] === 0) touched[count++] = i;
        scores[i] = (scores[i] as number) + (list.weights[j] as number);
      }
    }
    // The best k in one pass (best score first, then the lower index), not a sort of every record touched: a national
    // catalogue's common words touch thousands.
    const best: number[] = [];
    for (let t = 0; t < count; t++) {
      const i = touched[t] as number;
      if (best.length === k && !higherFirst(scores, i, best[k - 1] as number)) continue;
      let at = best.length < k ? best.length : k - 1;
      while (at > 0 && higherFirst(scores, i, best[at - 1] as number)) at--;
      if (best.length === k) best.pop();
      best.splice(at, 0, i);
    }
    for (let t = 0; t < count; t++) scores[touched[t] as number] = 0;
    return best;
  }

  /**
   * `recallTop`'s best `k` without reading the long postings of common words whole, when they cannot change it: the
   * short lists (rare words, which weigh most) are summed first, and the k-th best of those partial sums is a floor
   * under the k-th best full score. What the long lists can add to a record is at most the sum of their largest
   * weights, and at most the sum of their items' idf² over the record's own norm: only the records that could still
   * reach the floor (those the short lists touched, and those of the smallest norms) are scored, exactly as
   * `recallTop` sums them (the same weights in the same order), and ranked as it ranks. Undefined when no list is long
   * or too many records could reach the floor: the caller reads every list then.
   */
  private recallPruned(lists: readonly RecallList[], k: number): number[] | undefined {
    const longer = Math.max(RECALL_SHORT, this.entries.length / 64);
    let rest = 0;
    let lift = 0;
    let skipped = 0;
    for (const list of lists) {
      if (list.ids.length <= longer) continue;
      rest += list.max;
      lift += list.lift;
      skipped += list.ids.length;
    }
    // Few postings to skip (a ward's catalogue): reading them is cheaper than the bound.
    if (skipped < RECALL_WORTH || k <= 0) return undefined;
    const scores = this.recallScores;
    const touched: number[] = [];
    for (const list of lists) {
      if (list.ids.length > longer) continue;
      for (let j = 0; j < list.ids.length; j++) {
        const i = list.ids[j] as number;
        if (scores[i] === 0) touched.push(i);
        scores[i] = (scores[i] as number) + (list.weights[j] as number);
      }
    }
    // Each touched record's partial sum (every weight is positive: 0 is a record the short lists left out).
    const partial = this.recallPartial;
    for (const i of touched) {
      partial[i] = scores[i] as number;
      scores[i] = 0;
    }
    try {
      return this.recallBound(lists, k, touched, rest, lift);
    } finally {
      for (const i of touched) partial[i] = 0;
    }
  }

  /** `recallPruned`'s floor and bound over the records the short lists touched, their partial sums in `recallPartial`. */
  private recallBound(
    lists: readonly RecallList[],
    k: number,
    touched: readonly number[],
    rest: number,
    lift: number,
  ): number[] | undefined {
    const partial = this.recallPartial;
    if (touched.length < k) return undefined;
    // The best few by their partial sums, scored in full: k records score at least the k-th of those, so the k-th best
    // full score of all is no less (a floor far above the partial sums', which lack the common words).
    // (The first of them by partial sum, then index: picked in one pass, as a sort of every touched record would order them.)
    const count = Math.max(k, RECALL_FIRST);
    const first: number[] = [];
    for (const i of touched) {
      if (first.length === count && !higherFirst(partial, i, first[count - 1] as number)) continue;
      let at = first.length < count ? first.length : count - 1;
      while (at > 0 && higherFirst(partial, i, first[at - 1] as number)) at--;
      if (first.length === count) first.pop();
      first.splice(at, 0, i);
    }
    const scored = new Map(first.map((i) => [i, recallExact(lists, i)] as const));
    const floor = ([...scored.values()].sort((a, b) => b - a)[k - 1] as number) * (1 - BOUND_SLACK);
    const norms = this.recallNorms;
    const reachable: number[] = [];
    for (const i of touched)
      if ((partial[i] as number) + recallGain(rest, lift, norms[i] as number) >= floor) reachable.push(i);
    // A record the short lists left out reaches the floor only by a norm small enough.
    if (rest * (1 + BOUND_SLACK) + BOUND_SLACK >= floor) {
      for (const i of this.recallByNorm) {
        if (recallGain(rest, lift, norms[i] as number) < floor) break;
        if ((partial[i] as number) > 0) continue;
        reachable.push(i);
        if (reachable.length > RECALL_REACHABLE) return undefined;
      }
    }
    if (reachable.length > RECALL_REACHABLE) return undefined;
    const ranked: Array<[number, number]> = [];
    for (const i of reachable) {
      const score = scored.get(i) ?? recallExact(lists, i);
      if (score > 0) ranked.push([i, score]);
    }
    ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return ranked.slice(0, k).map(([i]) => i);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The last message `searchUncached` analysed, when no spelling fix changed it: then it is the analysis without fixes
   * too, which the câu mẫu's nearest examples read (examples.ts), so the message need not be analysed twice.
   */
  protected lastPlain: { text: string; query: AnalyzedQuery } | undefined;

  /**
   * The conversation asks the same message more than once in a turn; a small cache of its outcomes spares the event
   * loop the repeats. It is emptied when the turn's task ends (`forgetWhenTurnEnds`): a citizen's message is not kept.
   */
  search(text: string, limit = 5): SearchOutcome<P> {
    const key = `${limit}\u0000${text}`;
    const cached = this.recent.get(key);
    if (cached) {
      this.recent.delete(key);
      this.recent.set(key, cached);
      return cached;
    }
    const outcome = this.searchUncached(text, limit);
    this.recent.set(key, outcome);
    if (this.recent.size > RECENT_QUERIES) this.recent.delete(this.recent.keys().next().value as string);
    return outcome;
  }

  /** The search itself, bypassing the cache (benchmarks time this). */
  searchUncached(text: string, limit = 5): SearchOutcome<P> {
    // Whether a spelling fix changed a word (or offered to): if none did, the analysis is what one without fixes gives.
    let fixed = false;
    const query = this.analyzer.query(text, {
      correct: (token) => {
        const correction = this.correct(token);
        if (correction !== undefined) fixed = true;
        return correction;
      },
      repair: (words) => {
        // A household business's change told in everyday words reads as the change (span.ts tradeChanges).
        const repaired = tradeChanges(this.repair(words));
        if (repaired.length !== words.length || repaired.some((w, k) => w !== words[k])) fixed = true;
        return repaired;
      },
    });
    this.lastPlain = fixed ? undefined : { text, query };
    this.forgetWhenTurnEnds();
    // Numbers ("1 trang", "02 năm") are details, not procedure names.
    const numbered = query.words.filter((w) => !/^\d+$/.test(w.token));
    // Where someone is away ("chồng em đang đi xuất khẩu lao động") is the story, like a reason.
    const away = awayWords(query.said, numbered);
    // …and so is a debt told ("còn nợ thuế thì có tạm ngừng kinh doanh được không") and an agency that demands a paper
    // ("ngân hàng yêu cầu giấy xác nhận tình trạng hôn nhân"): the case, not another agency's service asked.
    const owed = owedWords(query.said, numbered);
    const demander = demanderWords(query.said, numbered, (token) => this.postings.has(token));
    const told = away.map((a, k) => a || owed[k] === true || demander[k] === true);
    const content = told.includes(true) ? numbered.map((w, k) => (told[k] ? { ...w, purpose: true } : w)) : numbered;
    const nothing = { decision: "none" as const, intent: query.intent, hits: [], sure: true };
    if (content.length === 0 || query.particlesOnly) return { ...nothing, sectionOnly: query.cued };

    // Words of a purpose clause count less, but only when the words before it name something.
    // …in its own sentence: "Vậy phải làm gì để có lại giấy khai tử?" asks for what follows "để".
    // …not by a journey and where it goes ("Anh ấy sẽ sang Việt Nam vào tháng 3 tới để tụi em đăng ký kết hôn"): the
    // errand is the request.
    const journey = this.tuning.errand > 0 ? journeyWords(query.said, content) : [];
    const named = new Set(
      content.filter((w, k) => !w.purpose && !journey[k] && this.postings.has(w.token)).map((w) => w.sentence),
    );
    // A paper pointed back to before "để" ("cần giấy này để làm thủ tục thừa kế") names something too.
    const pointers = pointersIn(query.said);
    for (const p of pointers) {
      const why = content.filter((w) => w.purpose && w.sentence === p.sentence).map((w) => w.at);
      if (why.length > 0 && p.at < Math.min(...why) && p.referent >= 0) named.add(p.sentence);
    }
    const terms = new Map<string, Term>();
    const generic = this.analyzer.genericMask(content);
    // A paper to copy names no procedure; nor, in a letter, where someone lives ("thường trú ở Long An", "đang thuê
    // trọ bên Bình Tân", "nộp ở phường nơi tạm trú"): a status, not the residence registration.
    const copied = papersCopied(content);
    const status =
      content.length > 0 && (content[content.length - 1] as QueryWord).sentence > 0
        ? residences(query.said, content)
        : [];
    const paper = copied.map((c, k) => c || status[k] === true);
    content.forEach((w, k) => {
      const weight = this.weightOf(w.token) * (w.purpose && named.has(w.sentence) ? this.tuning.purpose : 1);
      // A word's place: its rank among the content words, plus a gap for each clause break before it.
      const position = k + w.clause * this.tuning.clauseGap;
      const term = terms.get(w.token);
      if (!term) {
        terms.set(w.token, {
          word: w,
          weight,
          positions: [position],
          sentences: [w.sentence],
          purposes: [w.purpose],
          why: [w.purpose && named.has(w.sentence)],
          unbound: false,
          generic: generic[k] === true || paper[k] === true,
          paper: paper[k] === true,
          titled: namesPaper(query.said, w),
        });
      } else {
        term.positions.push(position);
        term.sentences.push(w.sentence);
        term.purposes.push(w.purpose);
        term.why.push(w.purpose && named.has(w.sentence));
        if (term.weight < weight) term.weight = weight;
        if (!generic[k] && !paper[k]) term.generic = false;
        if (!paper[k]) term.paper = false;
        if (namesPaper(query.said, w)) term.titled = true;
      }
    });

    // Only paperwork words ("xin giấy xác nhận", "thủ tục đăng ký cần hồ sơ gì"): no procedure is named.
    if ([...terms.values()].every((t) => t.generic)) return { ...nothing, sectionOnly: query.cued };

    for (const term of terms.values()) {
      const partners = this.bound.get(term.word.token);
      if (!partners) continue;
      term.unbound = !content.some(
        (w, k) =>
          w.token === term.word.token &&
          [content[k - 1], content[k + 1]].some(
            (n) => n !== undefined && n.clause === w.clause && partners.has(n.token),
          ),
      );
    }

    // Candidates by accumulation over postings: Σ weight · field weight, for every record with a query word.
    // A letter's story can crowd the record its question names out of the best few ("Hộ khẩu thường trú của cả nhà
    // ở phường A nhưng đang thuê trọ bên B" touches every residence record): the question's words alone add theirs.
    const lastSaid = Math.max(0, ...content.map((w) => w.sentence));
    const termList = [...terms.values()];
    // (Both in one reading of the postings: the question's words' sums are taken as a second accumulation would.)
    const [candidates, byQuestion] = this.accumulate(
      termList,
      CANDIDATES,
      lastSaid > 0 && this.tuning.questionCandidates > 0
        ? termList.map((t) => t.sentences.includes(lastSaid))
        : undefined,
      this.tuning.questionCandidates,
    );
    if (byQuestion) {
      const have = new Set(candidates.map(([i]) => i));
      for (const c of byQuestion) if (!have.has(c[0])) candidates.push(c);
    }
    // A ward record whose title the message says whole, crowded out by look-alikes that share more of a letter's story
    // ("Vợ em sinh bé … Hộ khẩu thường trú … thuê trọ … làm giấy khai sinh cho bé": "Đăng ký khai sinh").
    if (this.tuning.namedRecall > 0 && candidates.length >= CANDIDATES) {
      for (const i of this.titlesNamed(termList, terms, candidates, lastSaid)) candidates.push([i, 0]);
    }
    // The records whose situations the message tells best join the candidates, scored by the rules like the others.
    const recalled =
      this.tuning.recall > 0
        ? this.recallTop(
            content,
            content.map((w, k) => paper[k] === true || (terms.get(w.token) as Term).unbound),
            this.tuning.recall,
          )
        : [];
    const recalledOnly = new Set<P>();
    if (recalled.length > 0) {
      const have = new Set(candidates.map(([i]) => i));
      for (const i of recalled) {
        if (have.has(i)) continue;
        candidates.push([i, 0]);
        recalledOnly.add((this.entries[i] as Entry<P>).procedure);
      }
    }
    if (candidates.length === 0) return { ...nothing, sectionOnly: false };

    const queryPairs = new Set(pairsOf(content.filter((_, k) => !paper[k])));
    const lastSentence = Math.max(0, ...content.map((w) => w.sentence));
    const runs = this.outsideRuns(query.said, content);
    const lastEnding = referredFrom(pointers, lastSentence);
    // Another agency's paper named as one to bring or had ("có hộ chiếu", "cần cccd"): a detail, as a generic word.
    const brought = new Set(runs.filter((r) => r.paper).flatMap((r) => r.positions));
    if (brought.size > 0) {
      for (const term of terms.values()) {
        term.purposes = term.purposes.map((p, k) => p || brought.has(term.positions[k] as number));
        if (term.positions.every((p) => brought.has(p))) term.generic = true;
      }
    }
    // A procedure's name is said in one sentence or two adjacent ones: its words scattered over a letter's
    // story ("mất" in one sentence, "kinh doanh" in another, "giấy" in a third) do not name it. The windows
    // (each sentence with the one before it: "Bạn trai tôi là người Hàn Quốc. Chúng tôi muốn đăng ký kết hôn")
    // are built once per message; which of their words a record's accents fit is read per record.
    const sentenceWords: string[][] = Array.from({ length: lastSentence + 1 }, () => []);
    for (const term of terms.values()) {
      if (term.paper || term.unbound) continue;
      for (const s of new Set(term.sentences)) (sentenceWords[s] as string[]).push(term.word.token);
    }
    // What the question asks, less the reason it gives ("… cần giấy này để chia thừa kế nhà đất"): a name said
    // there is why, not what, and earns the question's weight only as what.
    const questionWords = new Set<string>();
    for (const term of terms.values()) {
      if (term.paper || term.unbound) continue;
      if (term.sentences.some((s, k) => s === lastSentence && !term.why[k])) questionWords.add(term.word.token);
    }
    const windows = sentenceWords.map(
      (_, k) => new Set(sentenceWords.slice(Math.max(0, k + 1 - this.tuning.titleSentences), k + 1).flat()),
    );
    // A letter's question may name its procedure with words of any one sentence of the story, however far back
    // ("Tôi đã nộp hồ sơ đăng ký hộ kinh doanh… Gia đình bàn lại… Xin hỏi tôi có thể xin dừng thủ tục đang làm?").
    if (this.tuning.questionStory > 0) {
      const question = sentenceWords[lastSentence] ?? [];
      for (let j = 0; j + this.tuning.titleSentences <= lastSentence; j++) {
        windows.push(new Set([...question, ...(sentenceWords[j] ?? [])]));
      }
    }
    // Which windows each word is in (ascending), worked out once for all the candidates: a title's coverage of every
    // window is then summed word by word (`titleCoverageOf`), not read again window by window.
    const windowsOf = new Map<string, number[]>();
    windows.forEach((window, w) => {
      for (const token of window) {
        const list = windowsOf.get(token);
        if (list) list.push(w);
        else windowsOf.set(token, [w]);
      }
    });
    const windowHits = new Float64Array(windows.length);
    const { coverage: wc, pairs: wp, title: wt } = this.tuning;
    const namedInQuestion: Entry<P>[] = [];
    const ranked = candidates
      .map(([i]): Hit<P> => {
        const entry = this.entries[i] as Entry<P>;
        const said = this.titlesSaid(entry, terms);
        const title = said ? titleCoverageOf(said, windowsOf, windowHits) : 0;
        const named = title >= this.tuning.answerTitle ? this.nameSaid(said, terms) : undefined;
        const {
          share: coverage,
          outside,
          vetoed,
          paperVetoed,
        } = this.coverage(entry, terms, termList, lastSentence, runs, lastEnding, named);
        const pairs = this.pairCoverage(entry, queryPairs, title);
        const asked = lastSentence > 0 && said !== undefined && titleCoverage(said, questionWords) >= 1;
        if (asked) namedInQuestion.push(entry);
        const hit: Hit<P> = {
          procedure: entry.procedure,
          score:
            (wc * coverage + (wp * pairs + wt * title) * Math.min(1, coverage / this.tuning.titleTrust)) *
              (outside ? this.tuning.outside : 1) *
              (paperVetoed ? this.tuning.paperVeto : 1) -
            (entry.local ? 0 : this.tuning.elsewhere),
          parts: { coverage, pairs, title, free: !outside && !vetoed },
        };
        if (recalledOnly.has(entry.procedure)) hit.recalled = true;
        return hit;
      })
      .sort((a, b) => b.score - a.score || a.procedure.name.length - b.procedure.name.length);

    // A letter names what it asks in its question (its last sentence, after a story): the records whose whole
    // name the question says, and their variants whose name holds that name and that the story completes
    // ("… chồng người Hàn Quốc. Xin hỏi làm giấy khai sinh cho con ở đâu?"), outweigh what the story's words name.
    if (namedInQuestion.length > 0 && this.tuning.question > 0) {
      const question = questionWords;
      const saidTitles = (e: Entry<P>) => e.titles.filter((t) => t.length > 0 && t.every((w) => question.has(w)));
      // A name the question says that a twin's name holds, beside a word the twin's names have and its own lack
      // ("xin cấp lại giấy phép bán lẻ thuốc lá": "lại"), is not what it asks: the twin, with its modifier, is.
      const said = new Map(namedInQuestion.map((e) => [e, saidTitles(e)] as const));
      const wordSets = new Map<Entry<P>, Set<string>>();
      const words = (e: Entry<P>) => {
        let set = wordSets.get(e);
        if (!set) {
          set = new Set(e.titles.flat());
          wordSets.set(e, set);
        }
        return set;
      };
      const outnamed = (e: Entry<P>, twin: Entry<P>) => {
        const own = words(e);
        const theirs = words(twin);
        return (
          (said.get(e) ?? []).some((t) => t.every((w) => theirs.has(w))) &&
          (said.get(twin) ?? []).some((t) => t.some((w) => !own.has(w)))
        );
      };
      const specific = namedInQuestion.filter((e) => !namedInQuestion.some((twin) => twin !== e && outnamed(e, twin)));
      namedInQuestion.splice(0, namedInQuestion.length, ...specific);
      const heads = namedInQuestion.flatMap((e) => said.get(e) ?? []);
      for (const h of ranked) {
        const entry = this.entries[this.indexOf.get(h.procedure) as number] as Entry<P>;
        const family =
          namedInQuestion.includes(entry) ||
          (h.parts.title >= 0.5 &&
            entry.titles.some((title) => heads.some((head) => head.every((token) => title.includes(token)))));
        if (family && h.parts.free) h.score += this.tuning.question;
      }
      ranked.sort((a, b) => b.score - a.score || a.procedure.name.length - b.procedure.name.length);
    }
    // A foreigner in the message makes the procedure its foreign-element twin: the catalogue writes the twin's
    // name as the plain one's with "có yếu tố nước ngoài", which a letter's story says in other words.
    this.weighDone(ranked, content, query.said);
    this.weighUnasked(ranked, query.said);
    this.weighBundles(ranked, content, query.said, query.cues);
    const foreign = terms.get(FOREIGN);
    // A foreign place someone only is at ("đi công tác ở nước ngoài", "công ty ở Canada") makes no twin.
    if (
      foreign &&
      !foreign.paper &&
      foreign.purposes.some((p) => !p) &&
      this.tuning.foreign > 0 &&
      !abroadOnly(query.said, content)
    ) {
      for (const h of ranked) {
        const entry = this.entries[this.indexOf.get(h.procedure) as number] as Entry<P>;
        // …only a twin whose name the message says, held back by nothing.
        if (entry.titles[0]?.includes(FOREIGN) && h.parts.free && h.parts.title >= 0.5) h.score += this.tuning.foreign;
      }
      ranked.sort((a, b) => b.score - a.score || a.procedure.name.length - b.procedure.name.length);
      // The plain record still first, its twin among the candidates though the message says the twin's long name in
      // other words ("bạn trai người Nhật, chưa cưới, làm khai sinh có tên bố"): the twin goes just above it.
      const top = ranked[0];
      const twin = top && this.twins.get(this.indexOf.get(top.procedure) as number);
      const lifted = twin === undefined ? undefined : ranked.find((h) => h.procedure === twin.procedure);
      if (top && lifted && top.parts.free && lifted.parts.free && this.tuning.twin > 0) {
        lifted.score = top.score + this.tuning.twin;
        ranked.sort((a, b) => b.score - a.score || a.procedure.name.length - b.procedure.name.length);
      }
    }
    this.weighEvidence(ranked, terms, query.said, content);
    // …and keep the last places of the list when the rules rank them lower.
    if (recalled.length > 0) {
      const keep = Math.max(0, limit - recalled.length);
      const late = new Set(
        recalled
          .map((i) => ranked.findIndex((h) => h.procedure === (this.entries[i] as Entry<P>).procedure))
          .filter((at) => at >= keep)
          .map((at) => ranked[at] as Hit<P>),
      );
      if (late.size > 0) {
        const others = ranked.filter((h) => !late.has(h));
        ranked.splice(
          0,
          ranked.length,
          ...others.slice(0, limit - late.size),
          ...late,
          ...others.slice(limit - late.size),
        );
      }
    }
    const decided = decide(ranked, limit, this.tuning);
    const intent = this.intentFor(query.cues, decided.hits[0], query.said);
    // The re-ranker reads whether the foreigners said are only places a Vietnamese is at (`abroadOnly`).
    if (terms.has(FOREIGN) && abroadOnly(query.said, content))
      return { intent, sectionOnly: false, ...decided, abroadOnly: true };
    return { intent, sectionOnly: false, ...decided };
  }

  /** Scratch fits of `accumulate`, one per set of spellings. */
  private fitScratch = new Float64Array(0);
  /** Scratch sums and records touched of the question's words (`accumulate`'s `asked`), zero between queries. */
  private askedScores = new Float64Array(0);
  private askedTouched = new Int32Array(0);
  /**
   * The `k` best records by Σ weight · field weight · accent fit over the postings of `terms`; with `asked` (which of
   * `terms` the question says), also the `k2` best by the sums over those terms alone, as `accumulate(asked terms, k2)`
   * would rank them (the same sums in the same order), from the same reading of the postings.
   */
  private accumulate(
    terms: readonly Term[],
    k: number,
    asked?: readonly boolean[],
    k2 = 0,
  ): [Array<[number, number]>, Array<[number, number]> | undefined] {
    const scores = this.scores;
    const touched = this.touched;
    let count = 0;
    if (asked && this.askedScores.length !== scores.length) {
      this.askedScores = new Float64Array(scores.length);
      this.askedTouched = new Int32Array(scores.length);
    }
    const scores2 = this.askedScores;
    const touched2 = this.askedTouched;
    let count2 = 0;
    for (let t = 0; t < terms.length; t++) {
      const { word, weight: full, unbound, generic } = terms[t] as Term;
      const list = unbound ? undefined : this.postings.get(word.token);
      const weight = generic ? full * this.tuning.generic : full;
      if (!list) continue;
      // How the typed accents fit depends only on the record's set of spellings: worked out once per set met (0: not
      // yet; a fit is 1 or ACCENT_MISMATCH).
      let fits: Float64Array | undefined;
      if (word.marks !== "") {
        if (this.fitScratch.length !== this.markSets.length) this.fitScratch = new Float64Array(this.markSets.length);
        fits = this.fitScratch.fill(0);
      }
      const { ids, weights: fieldWeights, marks } = list;
      const both = asked?.[t] === true;
      for (let j = 0; j < ids.length; j++) {
        const i = ids[j] as number;
        let fit = 1;
        if (fits) {
          const set = marks[j] as number;
          fit = fits[set] as number;
          if (fit === 0) {
            fit = this.fitOf(set, word);
            fits[set] = fit;
          }
        }
        // Every contribution is positive (idf > 0, field weights > 0), so 0 means "not touched yet".
        const sofar = scores[i] as number;
        if (sofar === 0) touched[count++] = i;
        const add = weight * (fieldWeights[j] as number) * fit;
        scores[i] = sofar + add;
        if (both) {
          const before = scores2[i] as number;
          if (before === 0) touched2[count2++] = i;
          scores2[i] = before + add;
        }
      }
    }
    const best = this.best(scores, touched.subarray(0, count), k);
    for (let t = 0; t < count; t++) scores[touched[t] as number] = 0;
    if (!asked) return [best, undefined];
    const best2 = this.best(scores2, touched2.subarray(0, count2), k2);
    for (let t = 0; t < count2; t++) scores2[touched2[t] as number] = 0;
    return [best, best2];
  }

  private entryOf(hit: Hit<P>): Entry<P> {
    return this.entries[this.indexOf.get(hit.procedure) as number] as Entry<P>;
  }

  /**
   * A record made of several procedures (the liên thông bundles: "đăng ký khai sinh, đăng ký thường trú, cấp thẻ
   * bảo hiểm y tế …") is what a message asks when it names two of its parts or more: by the part's own words, or by
   * the name or an alias of the record the part is ("cắt hộ khẩu" for "xóa đăng ký thường trú").
   */
  private weighBundles(
    ranked: Hit<P>[],
    content: readonly QueryWord[],
    typed: readonly TextWord[],
    cues: readonly Cue[],
  ): void {
    if (this.tuning.bundle <= 0 || this.partNames.size === 0) return;
    const bundles = ranked.filter((h) => this.partNames.has(this.entryOf(h)));
    if (bundles.length === 0) return;
    // A part done already ("cháu đã có giấy khai sinh", "đã được cấp căn cước") is no part asked for.
    const placeOf = new Map(typed.map((t, k) => [t.at, k]));
    const said = new Set(
      content.filter((w) => !w.purpose && !doneBefore(typed, placeOf.get(w.at) ?? -1, w.clause)).map((w) => w.token),
    );
    const says = (tokens: readonly string[]) => tokens.length > 0 && tokens.every((t) => said.has(t));
    // Doing the parts together ("liên thông", "3 trong 1", "all in one") or online is what a bundle is for: without
    // either, one part named is that part's own record, whatever the grams of the câu mẫu lean to (the bundles'
    // câu mẫu say "khai sinh" in nearly every line, so "birth registration" alone read as the bundle).
    const online = cues.some((c) => c.intent === "online");
    let changed = false;
    for (const h of bundles) {
      const names = this.partNames.get(this.entryOf(h)) as string[][][];
      let named = 0;
      for (const part of names) if (part.some(says)) named++;
      if (named >= 2 && h.parts.free) {
        h.score += this.tuning.bundle;
        changed = true;
      }
      const own = this.bundleWords.get(this.entryOf(h)) ?? [];
      if (named < 2 && !online && !content.some((w) => own.includes(w.token)))
        h.unbundled = this.partCodes.get(this.entryOf(h)) ?? new Set();
    }
    if (changed) ranked.sort((a, b) => b.score - a.score || a.procedure.name.length - b.procedure.name.length);
  }

  /**
   * A record whose names the message says only within paperwork already done ("Tôi đã đăng ký tạm trú thời hạn 2
   * năm, tháng sau hết hạn …", "gia đình đã làm khai tử và xóa thường trú cho bố") is the background of what is asked,
   * not the request: it loses `done`. One named also with a word said anew ("hết hạn" of "Gia hạn tạm trú") keeps all.
   */
  private weighDone(ranked: Hit<P>[], content: readonly QueryWord[], said: readonly TextWord[]): void {
    if (this.tuning.done <= 0) return;
    const done = doneWords(said, content);
    if (!done.includes(true)) return;
    const all = new Set(content.map((w) => w.token));
    // Said anew: a word said outside the deeds too, as the same word ("hộ" of "thuộc hộ nghèo" is not "hỗ" of "hỗ trợ").
    const doneMarks = new Map<string, Set<string>>();
    content.forEach((w, k) => {
      if (done[k]) doneMarks.set(w.token, (doneMarks.get(w.token) ?? new Set()).add(w.marks));
    });
    const fresh = new Set(
      content
        .filter((w, k) => {
          const marks = doneMarks.get(w.token);
          return !done[k] && (!marks || w.marks === "" || marks.has(w.marks) || marks.has(""));
        })
        .map((w) => w.token),
    );
    let changed = false;
    for (const h of ranked) {
      const saidWhole = this.entryOf(h).named.filter((t) => t.length > 0 && t.every((w) => all.has(w)));
      if (saidWhole.length === 0 || saidWhole.some((t) => t.some((w) => fresh.has(w)))) continue;
      h.score -= this.tuning.done;
      changed = true;
    }
    if (changed) ranked.sort((a, b) => b.score - a.score || a.procedure.name.length - b.procedure.name.length);
  }

  /**
   * A benefit named for whom it serves ("Hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng", "Hưởng trợ
   * cấp khi người có công … từ trần") is what a citizen tells of someone as the story around another request ("vợ
   * em đi xkld ở Đài Loan, em ở nhà làm khai sinh cho con được không", "anh em đi xuất khẩu lao động về, giờ muốn
   * đăng ký kết hôn"): every message asking for it says a benefit ("hỗ trợ", "tiền", "chi phí", "vay", "hưởng",
   * "support"). Without one, it loses `unasked` and is marked so the re-ranker keeps it from first place.
   */
  private weighUnasked(ranked: Hit<P>[], said: readonly TextWord[]): void {
    if (this.tuning.unasked <= 0) return;
    const named = ranked.filter((h) => this.entryOf(h).forWhom);
    if (named.length === 0 || asksBenefit(said)) return;
    for (const h of named) {
      h.score -= this.tuning.unasked;
      h.unasked = true;
    }
    ranked.sort((a, b) => b.score - a.score || a.procedure.name.length - b.procedure.name.length);
  }

  /**
   * Look-alikes that score close ("Đăng ký kết hôn" and "Đăng ký lại kết hôn", "Cấp mới", "Cấp đổi" and
   * "Cấp lại" a certificate) differ in the situation they are for, which a letter tells in its story, far from
   * the words that name the procedure, where distance makes it count little. Among them, a record gains by the
   * words of its names, applicants and conditions that the message says and none of the others has ("sổ hộ tịch
   * … cũng bị mất", "bị ướt nát"), the more of them the more, up to `evidence`.
   */
  private weighEvidence(
    ranked: Hit<P>[],
    terms: ReadonlyMap<string, Term>,
    said: readonly TextWord[],
    content: readonly QueryWord[],
  ): void {
    const { evidence, evidenceWindow } = this.tuning;
    const top = ranked[0];
    if (evidence <= 0 || !top) return;
    const head = this.entryOf(top).titles[0] ?? [];
    // Look-alikes: official names that share most of their words with the top record's (`alikeTitle`).
    const heads = new Set(head);
    const close = ranked
      .filter(
        (h) =>
          h.parts.free &&
          h.score >= top.score - evidenceWindow &&
          this.alikeTitle(this.entryOf(h).titles[0] ?? [], heads),
      )
      .map((h) => ({ hit: h, entry: this.entryOf(h), said: 0 }));
    if (close.length < 2) return;
    // What the message says, as Vietnamese words: a synonym concept whole, or two adjacent syllables of one clause
    // ("sổ hộ tịch" → "so hotich"); a syllable alone ("công" of "công tác") would meet any compound that has it.
    const items = new Map<string, number>();
    const mask = this.analyzer.genericMask(content);
    content.forEach((w, k) => {
      if (mask[k] || (terms.get(w.token) as Term).unbound) return;
      const weight = (terms.get(w.token) as Term).weight;
      // A foreign place where someone only is ("đi công tác ở nước ngoài") tells no foreign element; a foreign person does.
      if (w.token === FOREIGN && abroadOnly(said, content)) return;
      if (this.analyzer.concepts.has(w.token)) items.set(w.token, Math.max(items.get(w.token) ?? 0, weight));
      const next = content[k + 1];
      if (next && next.clause === w.clause && !mask[k + 1]) {
        const pair = `${w.token} ${next.token}`;
        const both = (weight + (terms.get(next.token) as Term).weight) / 2;
        items.set(pair, Math.max(items.get(pair) ?? 0, both));
      }
    });
    let total = 0;
    for (const [item, weight] of items) {
      // Said by one of the look-alikes only.
      let having: (typeof close)[number] | undefined;
      let count = 0;
      for (const c of close) {
        if (!c.entry.evidence.has(item)) continue;
        having = c;
        if (++count > 1) break;
      }
      if (count === 1) {
        (having as (typeof close)[number]).said += weight;
        total += weight;
      }
    }
    if (total === 0) return;
    const scale = Math.max(total, this.unknownIdf / this.tuning.unknownIdf);
    for (const c of close) c.hit.score += (evidence * c.said) / scale;
    ranked.sort((a, b) => b.score - a.score || a.procedure.name.length - b.procedure.name.length);
  }

  /** Whether an official name shares most of its words with the top record's (`heads`): a look-alike of it. */
  private alikeTitle(title: readonly string[], heads: ReadonlySet<string>): boolean {
    // The title's words (each time said) that the head has, over the words of both (once each).
    let shared = 0;
    let others = 0;
    for (let k = 0; k < title.length; k++) {
      const t = title[k] as string;
      if (heads.has(t)) shared++;
      else if (title.indexOf(t) === k) others++;
    }
    return shared / Math.max(1, heads.size + others) >= this.tuning.alike;
  }

  /**
   * A cue that is part of the found procedure's own name names it, not a section:
   * "hỗ trợ chi phí mai táng" asks for the allowance, not its fee; "trước thời hạn" is in
   * the name of the business pause. Such cues are dropped before the section is chosen.
   */
  private intentFor(cues: readonly Cue[], top: Hit<P> | undefined, said: readonly Word[] = []): Intent {
    if (!top || cues.length === 0) return chooseIntent(cues);
    const named = words(top.procedure.name);
    const name = ` ${named.map((w) => w.token).join(" ")} `;
    // A procedure itself done online ("… trực tuyến toàn trình", "Liên thông điện tử …"): the channel names it, so
    // "đăng ký xe online trên VNeID ntn" asks its steps (INTENT's chooseIntent option).
    const channelIsProcedure = ONLINE_NAMES.some((n) => name.includes(n));
    return chooseIntent(
      cues.filter((c) => c.tokens.length === 0 || !inName(c, named, said)),
      { channelIsProcedure },
    );
  }

  /**
   * Puts right a Vietnamese word that is wrong only beside its neighbour: "tạm chú", "kết hôm",
   * "khai xinh", "trích lụt", "dám hộ", "hộ tịt". When two adjacent words are no phrase the
   * catalogue or the analyzer knows, but changing one of them by one letter, or by a sound
   * people confuse (ch/tr, s/x, d/gi/r, final c/t, n/ng), makes a known phrase, it is changed.
   * A word is changed only toward a single best candidate.
   */
  /** Whether the catalogue or the analyzer writes `a b` (`knownPairs`), read without making the pair's text. */
  private knows(a: string, b: string): boolean {
    if (this.spacedPairs) return this.knownPairs.has(`${a} ${b}`);
    return this.pairsByFirst.get(a)?.has(b) === true;
  }

  private repair<T extends TextWord>(words: T[]): T[] {
    const out = [...words];
    // In a message typed with accents, a word typed without any is meant as written ("công ty may"
    // is a garment firm, not "mất"): it may only become a word written without marks of shape.
    const accented = typedWithAccents(words);
    // A chat spelling that is a word of its own ("hông" for "không") is read back as typed where a neighbour shows it
    // was a slip of another word: "kết hông", "hông nhân" (the loop below then puts it right).
    for (let i = 0; i < out.length; i++) {
      const typed = typedBeforeChat(out[i] as T);
      if (!typed) continue;
      const w = { ...(out[i] as T), token: typed.token, marks: typed.marks };
      const a = out[i - 1];
      const b = out[i + 1];
      const slip = (neighbourFirst: boolean, n: T | undefined) =>
        n !== undefined &&
        n.clause === w.clause &&
        !this.analyzer.everyday.has(n.token) &&
        closest(
          w,
          neighbourFirst ? this.pairsByFirst.get(n.token) : this.pairsBySecond.get(n.token),
          (x) => (neighbourFirst ? `${n.token} ${x}` : `${x} ${n.token}`),
          this.knownPairs,
          (pair) =>
            neighbourFirst
              ? this.writtenFits(pair, n.marks, w.marks, "second", accented)
              : this.writtenFits(pair, w.marks, n.marks, "first", accented),
        ) !== undefined;
      if (slip(true, a) || slip(false, b)) out[i] = w;
    }
    for (let i = 1; i < out.length; i++) {
      const a = out[i - 1] as T;
      const b = out[i] as T;
      if (a.clause !== b.clause || this.knows(a.token, b.token)) continue;
      // A word that makes a known phrase with its other neighbour is right where it is ("thủ tục kết hôn").
      const before = out[i - 2];
      const after = out[i + 1];
      const everyday = this.analyzer.everyday;
      const aFits = everyday.has(a.token) || (before !== undefined && this.knows(before.token, a.token));
      const bFits = everyday.has(b.token) || (after !== undefined && this.knows(b.token, after.token));
      // The accents typed must fit the phrase as written: the word kept exactly, the word changed in its
      // letters' shapes (â, ơ, đ …) though not its tone ("cãi chính" → "cải chính"), so "hôm thứ" never
      // becomes "hôn thú", nor "mất" "máy", nor "thần" "thành".
      // A filler word ("có", "là") stands beside anything: a pair with it is no evidence of a slip ("có mưa" is no "có mức").
      const second =
        bFits || everyday.has(a.token)
          ? undefined
          : closest(
              b,
              this.pairsByFirst.get(a.token),
              (w) => `${a.token} ${w}`,
              this.knownPairs,
              (pair) => this.writtenFits(pair, a.marks, b.marks, "second", accented),
            );
      const first =
        aFits || everyday.has(b.token)
          ? undefined
          : closest(
              a,
              this.pairsBySecond.get(b.token),
              (w) => `${w} ${b.token}`,
              this.knownPairs,
              (pair) => this.writtenFits(pair, a.marks, b.marks, "first", accented),
            );
      if (second && (!first || second.distance <= first.distance)) out[i] = { ...b, token: second.word, marks: "" };
      else if (first) out[i - 1] = { ...a, token: first.word, marks: "" };
    }
    return out;
  }

  /**
   * The redirect terms the message says as typed (longest first, not overlapping), at the places of
   * the content words they became, and whether each is named as a paper ("mang theo căn cước"); not one
   * in a purpose clause ("… để được hỗ trợ bảo hiểm y tế").
   */
  private outsideRuns(said: readonly TextWord[], content: readonly QueryWord[]): OutsideRun[] {
    const runs: OutsideRun[] = [];
    if (this.outside.size === 0) return runs;
    for (let k = 0; k < said.length; ) {
      const word = said[k] as TextWord;
      const run = this.outside.get(word.token)?.find(
        (r) =>
          r.every((t, j) => said[k + j]?.token === t) &&
          (this.outsideMarks.get(r.join(" ")) ?? [[]]).some((form) =>
            r.every((_, j) => {
              const typed = (said[k + j] as TextWord).marks;
              const written = form[j] ?? "";
              return typed === "" || written === "" || typed === written;
            }),
          ),
      );
      if (!run) {
        k++;
        continue;
      }
      const [first, last] = [word.at, (said[k + run.length - 1] as TextWord).at];
      // Typed without accents, the run's words may open a longer name the catalogue has, which the message's reading
      // took ("hop dong thue nha": "thuê nhà", a rented house, not "thuế", tax): then they are that name's.
      if (
        run.every((_, j) => (said[k + j] as TextWord).marks === "") &&
        this.readLonger(said, k, run.length, content)
      ) {
        k += run.length;
        continue;
      }
      const before = said.slice(Math.max(0, k - 3), k).filter((w) => w.clause === word.clause);
      const positions: number[] = [];
      let purpose = false;
      // Denied whole ("bà em không có lương hưu", "không có bảo hiểm xã hội"): the case told, not the service asked;
      // but not what a paper confirms ("xác nhận không tiền án tiền sự"), which is that service.
      // A term that holds its own negator ("không tiền án tiền sự") is asked as written.
      let denied = !confirmsDenial(said, k) && !run.some((t) => NEGATORS_AS_TYPED.some((n) => n.token === t));
      content.forEach((w, i) => {
        if (w.at < first || w.at > last) return;
        positions.push(i + w.clause * this.tuning.clauseGap);
        purpose ||= w.purpose;
        denied &&= w.token.startsWith(DENIED);
      });
      // The agency that demands a ward paper ("ngân hàng yêu cầu giấy xác nhận tình trạng hôn nhân …") is no request
      // for its own service: like a paper to bring, it tells only which records the message is not about.
      const paper =
        before.some((w) => BRING.has(w.token)) ||
        HAD.has(before[before.length - 1]?.token ?? "") ||
        numberOf(before) ||
        demandAt(said, k + run.length, word.clause) ||
        // the ward's own paper sent by post ("trích lục khai sinh gửi chuyển phát quốc tế về Mỹ"): how it comes back
        (isCarrier(run) && sendsWardPaper(said, k));
      const when = before.some((w) => WHEN.has(w.token));
      const step =
        (requiredOf(said, k, run.length) || stepAfter(said, k) || statusHeld(said, k)) && !doneFirst(said, k);
      const errand: number[] = [];
      const mark = step ? errandAt(said, k, run.length) : -1;
      if (mark >= 0) {
        // The errand: what the purpose says, to the end of its clause or a time it is set against ("… before closing
        // my household business", "… trước khi chấm dứt hộ kinh doanh": the ward's procedure, after it).
        const { at, clause } = said[mark + 1] as TextWord;
        let end = mark + 1;
        while (end < said.length && said[end]?.clause === clause && !errandEnds(said, end)) end++;
        const until = said[end]?.clause === clause ? (said[end] as TextWord).at : Number.POSITIVE_INFINITY;
        content.forEach((w, i) => {
          if (w.at >= at && w.at < until && w.clause === clause) errand.push(i + w.clause * this.tuning.clauseGap);
        });
      }
      if (
        positions.length > 0 &&
        !purpose &&
        !denied &&
        !notGoingTo(said, k) &&
        !(notary(run) && alternativeToWard(said, k, run.length))
      )
        runs.push({ tokens: run, positions, sentence: word.sentence, paper, when, step, errand });
      k += run.length;
    }
    return runs;
  }

  /**
   * Whether the content word read at said word `k` is a synonym concept the catalogue has, said by a term of more than
   * `length` words from `k` on (the message's reading took more words there than a run of that length).
   */
  private readLonger(said: readonly TextWord[], k: number, length: number, content: readonly QueryWord[]): boolean {
    const at = (said[k] as TextWord).at;
    const read = content.find((w) => w.at === at);
    if (!read || !this.analyzer.concepts.has(read.token) || !this.postings.has(read.token)) return false;
    return (this.analyzer.termsOf.get(read.token) ?? []).some((term) => {
      const tokens = this.analyzer.rawTokens(term);
      return tokens.length > length && tokens.every((t, j) => said[k + j]?.token === t);
    });
  }

  /**
   * Whether the message, from sentence `from` on, asks for another agency's service rather than this
   * record: a redirect term stands beside the record's words and the record's names do not say it
   * ("phí công chứng hợp đồng ở văn phòng công chứng"), or the record's names say it but the message
   * says nothing else of the record ("ly hôn" alone is the court's, not the ward's note of a divorce abroad).
   */
  private outsideAsked(
    entry: Entry<P>,
    terms: ReadonlyMap<string, Term>,
    from: number,
    runs: readonly OutsideRun[],
    /** The record's own name as the message says it (`nameSaid`), when it does. */
    ownName?: ReadonlySet<string>,
  ): boolean {
    if (runs.length === 0) return false;
    // What the runs from `from` on cover, and the message's last sentence, are the message's: read once for all the
    // records (`runsRead`).
    const { inRun, last } = runsRead(runs, terms, from);
    if (inRun.size === 0) return false;
    const held: number[] = [];
    let heldLast = false;
    for (const term of terms.values()) {
      if (term.unbound || !entry.weights.has(term.word.token)) continue;
      const { positions, sentences } = term;
      for (let k = 0; k < positions.length; k++) {
        const p = positions[k] as number;
        if ((sentences[k] as number) >= from && !inRun.has(p)) held.push(p);
      }
    }
    for (const term of terms.values()) {
      if (term.unbound || !entry.weights.has(term.word.token)) continue;
      const { positions, sentences } = term;
      for (let k = 0; k < positions.length; k++)
        if (sentences[k] === last && !inRun.has(positions[k] as number)) heldLast = true;
    }
    for (const run of runs) {
      if (run.sentence < from) continue;
      // The record's words the message says are all in the term: the message asks for that only; or the
      // question (a letter's last sentence) names the term and none of the record's words.
      if (held.length === 0) return true;
      if (run.paper) continue;
      // A step or paper the ward's procedure may require, asked after its name: the procedure is what is asked.
      if (run.step && ownName !== undefined && this.namedBefore(ownName, terms, run)) continue;
      if (run.sentence === last && !heldLast) return true;
      const typed = run.tokens.join(" ");
      const mapped = this.outsideMapped.get(typed);
      const named =
        entry.rawTitles.includes(` ${typed} `) ||
        (mapped !== undefined && mapped !== "" && entry.titles.some((t) => ` ${t.join(" ")} `.includes(` ${mapped} `)));
      if (named) continue;
      // A letter's question (its last sentence, after a story) that asks for another agency's service asks for
      // that, wherever the record's words stand in it: "muốn nhận trợ cấp thất nghiệp thì làm ở đâu, ủy ban xã
      // nơi tôi thường trú có nhận không?".
      if (run.sentence === last && last > 0 && !run.when) return true;
      let nearest = Number.POSITIVE_INFINITY;
      for (const p of run.positions) for (const h of held) nearest = Math.min(nearest, Math.abs(p - h));
      const near = nearest <= 1 ? 1 : Math.exp(-(nearest - 1) / this.tuning.reach);
      if (near >= this.tuning.vetoNear) return true;
    }
    return false;
  }

  /**
   * The ward's records not among `candidates` whose title's distinctive words the message's question (its last
   * sentence, not a reason given there) all says (`titleKeys`), at most `Tuning.namedRecall`, the titles of most words
   * first. A name said in a letter's story only ("Cháu có giấy khai sinh nước ngoài. … Giờ phải làm gì ở phường?")
   * names a paper or the case, not what is asked.
   */
  private titlesNamed(
    list: readonly Term[],
    terms: ReadonlyMap<string, Term>,
    candidates: ReadonlyArray<[number, number]>,
    question: number,
  ): number[] {
    const found: Array<[number, number]> = [];
    for (const term of list) {
      if (term.unbound) continue;
      const titles = this.titleKeys.get(term.word.token);
      if (!titles) continue;
      for (const { entry, tokens } of titles) {
        if (!tokens.every((token) => askedIn(terms, token, question))) continue;
        if (candidates.some(([i]) => i === entry) || found.some(([i]) => i === entry)) continue;
        found.push([entry, tokens.length]);
      }
    }
    if (found.length === 0) return [];
    found.sort((a, b) => b[1] - a[1]);
    return found.slice(0, this.tuning.namedRecall).map(([i]) => i);
  }

  /**
   * Whether the record's distinctive name said, outside the run and the errand done at its agency, stands in its
   * sentence ("Làm thủ tục chấm dứt hoạt động hộ kinh doanh thì cần giấy gì, có phải quyết toán thuế trước không?", "Do I
   * need a health certificate to register my marriage …?") or the one before ("Chúng tôi muốn đăng ký kết hôn. Có cần
   * giấy khám sức khỏe không?"). Distinctive: a name the synonyms read as one ("kết hôn", "hộ kinh doanh"), or two of
   * the name's words side by side ("chấm dứt", "mai táng"), neither a change or a detail any record's paper may have
   * (`NAME_ACTIONS`: "đổi địa chỉ" names no procedure beside another agency's service).
   */
  private namedBefore(named: ReadonlySet<string>, terms: ReadonlyMap<string, Term>, run: OutsideRun): boolean {
    // The name's words said up to the run's sentence, outside the run and its errand, by place: whether in the run's
    // sentence or the one before (`near`), and whether a name the synonyms read as one (`whole`).
    const at = new Map<number, string>();
    const near = new Set<number>();
    const whole = new Set<number>();
    const inErrand = new Set<number>();
    for (const token of named) {
      const term = terms.get(token);
      if (!term) continue;
      const concept = this.analyzer.concepts.has(token);
      for (let k = 0; k < term.positions.length; k++) {
        const s = term.sentences[k] as number;
        const p = term.positions[k] as number;
        if (s > run.sentence || run.positions.includes(p)) continue;
        if (run.errand.includes(p)) inErrand.add(p);
        at.set(p, token);
        if (s >= run.sentence - 1) near.add(p);
        if (concept) whole.add(p);
      }
    }
    // A change or a detail, alone ("đổi") or with its neighbour ("địa chỉ").
    const action = (p: number): boolean => {
      const token = at.get(p) as string;
      return (
        NAME_ACTIONS.has(token) ||
        NAME_ACTIONS.has(`${at.get(p - 1) ?? ""} ${token}`) ||
        NAME_ACTIONS.has(`${token} ${at.get(p + 1) ?? ""}`)
      );
    };
    const distinctive = (p: number): boolean => !action(p) && (whole.has(p) || (at.has(p + 1) && !action(p + 1)));
    // The distinctive name beside the run; or a word of the name beside it ("… có cần cấp đổi trước không") and the
    // distinctive name earlier in the message, which that word takes up.
    // A distinctive name inside the errand is the ward procedure that errand is a step of ("đến ngân hàng để nộp lệ
    // phí đăng ký hộ kinh doanh"); its other words ("để đổi địa chỉ …") are the errand done at that agency, no name.
    let earlier = false;
    for (const p of at.keys()) {
      if (!distinctive(p)) continue;
      if (near.has(p) || near.has(p + 1)) return true;
      earlier = true;
    }
    return earlier && [...near].some((p) => !inErrand.has(p));
  }

  /**
   * Words the titles write beside one partner in nearly every place ("mai táng", "liệt sĩ", "thuốc lá"),
   * seen often enough to tell: said without any of their title neighbours, they are another word.
   */
  private findBound(): void {
    const seen = new Map<string, { count: number; neighbours: Map<string, number> }>();
    for (const entry of this.entries) {
      for (const title of entry.titles) {
        title.forEach((token, i) => {
          const stat = seen.get(token) ?? { count: 0, neighbours: new Map<string, number>() };
          stat.count++;
          for (const n of new Set([title[i - 1], title[i + 1]])) {
            if (n !== undefined && n !== token) stat.neighbours.set(n, (stat.neighbours.get(n) ?? 0) + 1);
          }
          seen.set(token, stat);
        });
      }
    }
    for (const [token, { count, neighbours }] of seen) {
      if (count < this.tuning.boundSeen) continue;
      const top = Math.max(0, ...neighbours.values());
      if (top >= count * this.tuning.boundShare) this.bound.set(token, new Set(neighbours.keys()));
    }
  }

  /** Whether a known pair, as written somewhere, fits the marks typed on its two words (one of them being changed). */
  private writtenFits(
    pair: string,
    first: string,
    second: string,
    changed: "first" | "second",
    accented: boolean,
  ): boolean {
    const forms = this.pairMarks.get(pair);
    // Known only from the section cues, whose accents are not at hand: only for words typed without any.
    if (!forms) return first === "" && second === "";
    for (const form of forms) {
      const [a = "", b = ""] = form.split("|");
      // The word kept is read as typed when the message, or the word changed beside it, is typed with accents.
      // A word typed bare beside one typed with the phrase's own accents is that phrase's, mistyped ("kết hun" is
      // "kết hôn"; "công ty may" keeps its "may": "ty" typed bare tells nothing).
      const bareA = accented && !(first === "" && second !== "" && second === b);
      const bareB = accented && !(second === "" && first !== "" && first === a);
      const fitsA = changed === "first" ? sameShape(first, a, bareA) : keptFits(first, a, accented || second !== "");
      const fitsB = changed === "second" ? sameShape(second, b, bareB) : keptFits(second, b, accented || first !== "");
      if (fitsA && fitsB) return true;
    }
    return false;
  }

  /**
   * Share of the query the record explains: the weight of the words it has (by field and
   * accent fit) over that plus the weight of the words it lacks, each of those discounted by
   * its distance to the nearest word the record has (see the class comment).
   */
  private coverage(
    entry: Entry<P>,
    terms: ReadonlyMap<string, Term>,
    /** `terms`' values in order. */
    list: readonly Term[],
    lastSentence: number,
    runs: readonly OutsideRun[],
    lastEnding = lastSentence,
    /** The record's own name as the message says it (`nameSaid`), when it does. */
    named?: ReadonlySet<string>,
  ): { share: number; outside: boolean; vetoed: boolean; paperVetoed: boolean } {
    // A letter asks at its end: the question may stand alone, after a story that names other things.
    // So the share is also taken over each ending of the message (from sentence k to the last), and the best counts.
    let best = 0;
    let outside = false;
    let vetoed = false;
    let paperVetoed = false;
    // What the record has of each term (its field weight, or undefined) and how the term's typed accents fit it, read
    // once for all the endings: from the record's words (`Entry.wordIds`), each said one marked with its term's place
    // (`stampTerms`), not by a lookup of each term's text.
    if (terms !== this.stamped || terms.size !== this.stampedSize) this.stampTerms(terms);
    const fields = new Array<number | undefined>(list.length).fill(undefined);
    const fits = new Array<number>(list.length).fill(1);
    const said = this.saidStamps;
    const stamp = this.stamp;
    const place = this.saidPlaces;
    const { wordIds, wordWeights, wordMarks } = entry;
    for (let x = 0; x < wordIds.length; x++) {
      const id = wordIds[x] as number;
      if (said[id] !== stamp) continue;
      const j = place[id] as number;
      const term = list[j] as Term;
      if (term.unbound) continue;
      fields[j] = wordWeights[x] as number;
      const marks = wordMarks[x] as number;
      fits[j] = marks < 0 ? 1 : this.fitsTyped(j * this.markSets.length, marks, term.word);
    }
    for (let from = 0; from <= lastSentence; from++) {
      // A question that points back ("giấy đó") stands alone or with the story from its referent on, never with
      // only the sentences between ("Tôi có hộ khẩu ở phường này…" names no paper the question asks for).
      if (from > lastEnding && from < lastSentence) continue;
      // A question made of paperwork words only ("hồ sơ gồm những gì, bao lâu thì có giấy?") refers back
      // to the story: it is no ending to take alone.
      if (from > 0 && !namesFrom(list, fields, from)) continue;
      const found = this.coverageFrom(list, fields, fits, from, named);
      const asked = this.outsideAsked(entry, terms, from, runs, named);
      if (found.share * (asked ? this.tuning.outside : 1) > best * (outside ? this.tuning.outside : 1)) {
        best = found.share;
        outside = asked;
        vetoed = found.vetoed;
        paperVetoed = found.paperVetoed;
      }
    }
    // A letter's question asks for a paper no record has ("Nay khách hàng yêu cầu giấy chứng nhận … an toàn thực
    // phẩm, tôi xin ở đâu?") and says none of the record's words: the record is only the story's ("đã đăng ký hộ
    // kinh doanh"), held back as the paper's name beside its words would hold it.
    if (!paperVetoed && lastSentence > 0) {
      const asked = this.paperAsked(list, lastSentence);
      // What the record holds of the question, beside a paper's own words, weighs less than the paper asked.
      let held = 0;
      list.forEach((term, j) => {
        const field = fields[j];
        if (field === undefined || term.generic || PAPER_WORDS.has(term.word.token)) return;
        if (term.sentences.includes(lastSentence)) held += term.weight * field;
      });
      if (asked > held) {
        paperVetoed = true;
        vetoed = true;
        best *= this.tuning.veto;
      }
    }
    return { share: best, outside, vetoed, paperVetoed };
  }

  /** Whether some saying of the term (not a purpose, from sentence `from` on) comes after every held word of the record. */
  private asksLast(term: Term, from: number, held: readonly number[]): boolean {
    let last = Number.NEGATIVE_INFINITY;
    for (const h of held) last = Math.max(last, h);
    return term.positions.some((p, k) => (term.sentences[k] as number) >= from && !term.purposes[k] && p > last);
  }

  /** The weight of what the last sentence names, as a paper asked (`Term.titled`, not a purpose), that no record has. */
  private paperAsked(list: readonly Term[], lastSentence: number): number {
    let asked = 0;
    for (const term of list) {
      if (
        term.titled &&
        !term.generic &&
        !this.postings.has(term.word.token) &&
        this.analyzer.concepts.has(term.word.token) &&
        term.sentences.some((s, k) => s === lastSentence && !term.purposes[k])
      )
        asked += term.weight;
    }
    return asked;
  }

  /** `fields`: the record's field weight of each term (undefined: the record lacks it, or it is unbound). */
  private coverageFrom(
    terms: readonly Term[],
    fields: readonly (number | undefined)[],
    /** How each term's typed accents fit the record (`fitOf` its spellings), where it has the term. */
    fits: readonly number[],
    from: number,
    named?: ReadonlySet<string>,
  ): { share: number; vetoed: boolean; paperVetoed: boolean } {
    let vetoed = false;
    let paperVetoed = false;
    const held: number[] = [];
    let have = 0;
    let asked = 0;
    for (let j = 0; j < terms.length; j++) {
      const field = fields[j];
      if (field === undefined) continue;
      const term = terms[j] as Term;
      const { positions, sentences } = term;
      let inside = false;
      for (let k = 0; k < positions.length; k++) {
        if ((sentences[k] as number) < from) continue;
        held.push(positions[k] as number);
        inside = true;
      }
      if (!inside) continue;
      have += term.weight * field * (fits[j] as number);
      asked += term.weight;
    }
    if (held.length === 0) return NOTHING_COVERED;
    // Sorted (when there are many), each word's distance to the nearest held word is found by bisection.
    const sorted = held.length > FEW_HELD ? Float64Array.from(held).sort() : undefined;
    const { reach, farFloor } = this.tuning;
    // Where the message says the record's name (its distinctive words): a named thing no record has that stands
    // apart from it is a detail of the case ("mở tiệm bán thú cưng, đăng ký hộ kinh doanh cần gì", "hàng xóm nuôi chó,
    // tranh chấp lối đi, hòa giải ở đâu"); a name said only right beside it takes it ("adopt a cat", "kết hôn tại đại
    // sứ quán"), and no name said ("register my dog": "đăng ký" is generic) leaves it what is asked: held back.
    const nameAt: number[] = [];
    if (named)
      for (const term of terms) {
        if (!named.has(term.word.token)) continue;
        for (let k = 0; k < term.positions.length; k++)
          if ((term.sentences[k] as number) >= from) nameAt.push(term.positions[k] as number);
      }
    for (let j = 0; j < terms.length; j++) {
      if (fields[j] !== undefined) continue;
      const term = terms[j] as Term;
      const { positions, sentences, purposes } = term;
      let nearest = Number.POSITIVE_INFINITY;
      // A named thing in a purpose clause ("… để vay ngân hàng, ngân hàng yêu cầu giấy …") is why, not what;
      // one named as a paper to bring ("có hộ chiếu") is a detail.
      let nearestAsked = Number.POSITIVE_INFINITY;
      for (let k = 0; k < positions.length; k++) {
        if ((sentences[k] as number) < from) continue;
        const p = positions[k] as number;
        let d = Number.POSITIVE_INFINITY;
        if (sorted) d = distanceTo(sorted, p);
        else for (let h = 0; h < held.length; h++) d = Math.min(d, Math.abs(p - (held[h] as number)));
        nearest = Math.min(nearest, d);
        if (!purposes[k]) nearestAsked = Math.min(nearestAsked, d);
      }
      if (nearest === Number.POSITIVE_INFINITY) continue;
      const near = nearest <= 1 ? 1 : Math.max(farFloor, Math.exp(-(nearest - 1) / reach));
      asked += term.weight * near * (term.generic ? this.tuning.generic : 1);
      // A paper no record has, named as the paper asked after every word of the record ("em mở quán bún, cần giấy
      // vệ sinh an toàn thực phẩm thì xin ở đâu"), is what the message asks however far the record's words stand.
      const last = term.titled && !this.postings.has(term.word.token) && this.asksLast(term, from, held);
      const nearAsked = last ? 1 : nearestAsked <= 1 ? 1 : Math.exp(-(nearestAsked - 1) / reach);
      // A named thing no record has (another agency's service), asked beside the record's words,
      // is what the message is about: "đăng ký kết hôn tại đại sứ quán", "phí công chứng ở văn phòng công chứng".
      if (
        !term.generic &&
        nearAsked >= this.tuning.vetoNear &&
        !this.postings.has(term.word.token) &&
        this.analyzer.concepts.has(term.word.token) &&
        (term.titled || !this.apartFromName(term, from, nameAt))
      ) {
        vetoed = true;
        if (term.titled) paperVetoed = true;
      }
    }
    const share = asked === 0 ? 0 : Math.min(1, have / asked);
    return { share: vetoed ? share * this.tuning.veto : share, vetoed, paperVetoed };
  }

  /** Share of the best title's word pairs the query says in order; a query without pairs falls back on `title`. */
  private pairCoverage(entry: Entry<P>, queryPairs: ReadonlySet<string>, title: number): number {
    if (queryPairs.size === 0) return title;
    // The query's pairs are marked by id once per query (`stampPairs`): a title's pair is then read by its id.
    if (queryPairs !== this.pairsStamped || queryPairs.size !== this.pairsStampedSize) this.stampPairs(queryPairs);
    const stamps = this.pairStamps;
    const stamp = this.pairStamp;
    let best = 0;
    for (const pairs of entry.titlePairIds) {
      if (pairs.length === 0) continue;
      let shared = 0;
      for (let k = 0; k < pairs.length; k++) if (stamps[pairs[k] as number] === stamp) shared++;
      best = Math.max(best, shared / Math.min(pairs.length, queryPairs.size));
    }
    return best;
  }

  /**
   * The `k` best records by accumulated score, without sorting them all; ties go to the
   * shorter name, so the plain procedure comes before its look-alike variants.
   */
  /** An id for each word pair of the records' titles (`Entry.titlePairIds`). */
  private readonly pairIds = new Map<string, number>();
  private pairId(pair: string): number {
    let id = this.pairIds.get(pair);
    if (id === undefined) {
      id = this.pairIds.size;
      this.pairIds.set(pair, id);
    }
    return id;
  }
  /** `pairStamp` at the id of each title pair the query's pairs last marked (`pairsStamped`, of its size) say. */
  private pairStamps = new Uint32Array(0);
  private pairStamp = 0;
  private pairsStamped: ReadonlySet<string> | undefined;
  private pairsStampedSize = 0;
  private stampPairs(pairs: ReadonlySet<string>): void {
    if (this.pairStamps.length !== this.pairIds.size) this.pairStamps = new Uint32Array(this.pairIds.size);
    this.unstampPairs();
    this.pairStamp++;
    if (this.pairStamp === 0xffffffff) {
      this.pairStamps.fill(0);
      this.pairStamp = 1;
    }
    for (const pair of pairs) {
      const id = this.pairIds.get(pair);
      if (id !== undefined) this.pairStamps[id] = this.pairStamp;
    }
    this.pairsStamped = pairs;
    this.pairsStampedSize = pairs.size;
  }
  private unstampPairs(): void {
    const pairs = this.pairsStamped;
    if (pairs === undefined) return;
    for (const pair of pairs) {
      const id = this.pairIds.get(pair);
      if (id !== undefined) this.pairStamps[id] = 0;
    }
    this.pairsStamped = undefined;
    this.pairsStampedSize = 0;
  }

  /** Scratch marks of the names `best`'s list holds, by name id. */
  private namesHeld = new Uint32Array(0);
  private namesMark = 0;
  private best(scores: Float64Array, touched: Int32Array, k: number): Array<[number, number]> {
    const rank = this.tieRank;
    const names = this.nameIds;
    const top: Array<[number, number]> = [];
    // Which names the list holds (`held[name] === mark`): most records' names are not in it, and need no search.
    if (this.namesHeld.length !== this.nameIds.length) this.namesHeld = new Uint32Array(this.nameIds.length);
    const held = this.namesHeld;
    const mark = ++this.namesMark;
    if (mark === 0xffffffff) {
      held.fill(0);
      this.namesMark = 1;
    }
    // The k-th's score and tie rank while the list is full (else none falls below it).
    let full = false;
    let lastScore = 0;
    let lastRank = 0;
    for (let t = 0; t < touched.length; t++) {
      const i = touched[t] as number;
      const score = scores[i] as number;
      // Most records fall below the k-th at once: no allocation for them.
      if (full && !(score > lastScore || (score === lastScore && (rank[i] as number) < lastRank))) continue;
      // One record per name: a national catalogue repeats a name for each agency and level,
      // and copies of one procedure would crowd the others out of the candidates.
      const name = names[i] as number;
      const same = held[name] === this.namesMark ? top.findIndex(([j]) => names[j] === name) : -1;
      if (same >= 0) {
        const [j, other] = top[same] as [number, number];
        if (!ahead(rank, i, score, j, other)) continue;
        top.splice(same, 1);
      }
      let at = top.length;
      while (at > 0) {
        const [j, other] = top[at - 1] as [number, number];
        if (ahead(rank, i, score, j, other)) at--;
        else break;
      }
      top.splice(at, 0, [i, score]);
      held[name] = this.namesMark;
      if (top.length > k) held[names[(top.pop() as [number, number])[0]] as number] = 0;
      full = top.length === k && k > 0;
      if (full) {
        const [j, other] = top[k - 1] as [number, number];
        lastScore = other;
        lastRank = rank[j] as number;
      }
    }
    return top;
  }

  private weightOf(token: string): number {
    // A denied word ("không phải con nuôi") no title denies is never a name, and weighs less than the word itself.
    if (token.startsWith(DENIED) && !this.idf.has(token))
      return this.weightOf(token.slice(DENIED.length)) * this.tuning.denied;
    return this.idf.get(token) ?? (this.analyzer.concepts.has(token) ? this.conceptIdf : this.unknownIdf);
  }

  /**
   * The distinctive words of the record's names the message says (a generic paperwork word such as "đăng ký" names
   * nothing by itself); undefined when it says none.
   */
  private nameSaid(said: readonly TitleSaid[] | undefined, terms: ReadonlyMap<string, Term>): Set<string> | undefined {
    const out = new Set<string>();
    for (const t of said ?? []) for (const token of t.tokens) if (!terms.get(token)?.generic) out.add(token);
    return out.size > 0 ? out : undefined;
  }

  /**
   * Whether the record's name said (`nameAt`: its words' positions from sentence `from` on) reaches beyond a named
   * thing no record has: some word of it stands at least `vetoApart` words from wherever the thing is said. A name
   * said only right beside the thing takes it as its object ("adopt a cat", "kết hôn tại đại sứ quán").
   */
  private apartFromName(term: Term, from: number, nameAt: readonly number[]): boolean {
    const at = term.positions.filter((_, k) => (term.sentences[k] as number) >= from);
    if (nameAt.length === 0 || at.length === 0) return false;
    return nameAt.some((h) => at.every((p) => Math.abs(p - h) >= this.tuning.vetoApart));
  }

  /** An id for each token of the records (`Entry.wordIds`; their titles' too, `Entry.titleWords`). */
  private readonly tokenIds = new Map<string, number>();
  private tokenId(token: string): number {
    let id = this.tokenIds.get(token);
    if (id === undefined) {
      id = this.tokenIds.size;
      this.tokenIds.set(token, id);
    }
    return id;
  }
  /** `stamp` at the id of each token the terms last marked (`stamped`, of `stampedSize` terms) say. */
  private saidStamps = new Uint32Array(0);
  /** The word of the term at each id stamped (read only where `saidStamps` holds `stamp`; emptied with the turn). */
  private saidWords: Array<Word | undefined> = [];
  /** The place of the term at each id stamped among the terms, in their order. */
  private saidPlaces = new Int32Array(0);
  /**
   * By the stamped terms' place × `markSets` id, worked out once per message: how the term's typed accents fit a
   * record's spellings (`fitOf`: 0 not yet, else 1 + whether it mismatches), and whether a set holds them (0 not yet,
   * 1 yes, 2 no). Emptied at each stamp: what they hold is the message's.
   */
  private fitMemo = new Int8Array(0);
  private holdMemo = new Int8Array(0);
  private fitsTyped(row: number, set: number, word: Word): number {
    let fit = this.fitMemo[row + set] as number;
    if (fit === 0) {
      fit = this.fitOf(set, word) === 1 ? 1 : 2;
      this.fitMemo[row + set] = fit;
    }
    return fit === 1 ? 1 : ACCENT_MISMATCH;
  }
  private holdsTyped(row: number, set: number, word: Word): boolean {
    let holds = this.holdMemo[row + set] as number;
    if (holds === 0) {
      holds = (this.markSets[set] as ReadonlySet<string>).has(word.marks) ? 1 : 2;
      this.holdMemo[row + set] = holds;
    }
    return holds === 1;
  }
  private stamp = 0;
  private stamped: ReadonlyMap<string, Term> | undefined;
  private stampedSize = 0;
  private stampTerms(terms: ReadonlyMap<string, Term>): void {
    if (this.saidStamps.length !== this.tokenIds.size) {
      this.saidStamps = new Uint32Array(this.tokenIds.size);
      this.saidWords = new Array<Word | undefined>(this.tokenIds.size).fill(undefined);
      this.saidPlaces = new Int32Array(this.tokenIds.size);
    }
    this.unstampTerms();
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.saidStamps.fill(0);
      this.stamp = 1;
    }
    let place = 0;
    for (const [token, term] of terms) {
      const id = this.tokenIds.get(token);
      if (id !== undefined) {
        this.saidStamps[id] = this.stamp;
        this.saidWords[id] = term.word;
        this.saidPlaces[id] = place;
      }
      place++;
    }
    const memo = terms.size * this.markSets.length;
    if (this.fitMemo.length < memo) {
      this.fitMemo = new Int8Array(memo);
      this.holdMemo = new Int8Array(memo);
    } else {
      this.fitMemo.fill(0, 0, memo);
      this.holdMemo.fill(0, 0, memo);
    }
    this.stamped = terms;
    this.stampedSize = terms.size;
  }
  /** The marks `stampTerms` left of the last message's words, taken away (its turn is over, or another comes). */
  private unstampTerms(): void {
    const terms = this.stamped;
    if (terms === undefined) return;
    for (const token of terms.keys()) {
      const id = this.tokenIds.get(token);
      if (id === undefined) continue;
      this.saidStamps[id] = 0;
      this.saidWords[id] = undefined;
      this.saidPlaces[id] = 0;
    }
    const memo = this.stampedSize * this.markSets.length;
    this.fitMemo.fill(0, 0, memo);
    this.holdMemo.fill(0, 0, memo);
    this.stamped = undefined;
    this.stampedSize = 0;
  }
  /**
   * Of each title of the record, the words the message says (any of its terms) with accents that fit, as `titleCoverage`
   * reads them against each window of the message: worked out once per candidate, not once per window. Undefined when
   * no title has a word of the message (every window's coverage is then 0).
   */
  private titlesSaid(entry: Entry<P>, terms: ReadonlyMap<string, Term>): TitleSaid[] | undefined {
    // A title none of whose words the message says covers 0 of any window: it is left out (the best starts at 0).
    // Whether the message says a title word is read from its id, marked for the message's terms (no lookup by text).
    if (terms !== this.stamped || terms.size !== this.stampedSize) this.stampTerms(terms);
    const said = this.saidStamps;
    const saidWords = this.saidWords;
    const places = this.saidPlaces;
    const sets = this.markSets.length;
    const stamp = this.stamp;
    const titleAccents = this.tuning.titleAccents !== 0;
    let out: TitleSaid[] | undefined;
    const { starts, totals, tokens, weights, codes } = entry.titleWords;
    for (let t = 0; t + 1 < starts.length; t++) {
      const total = totals[t] as number;
      if (total === 0) continue;
      let titleSaid: TitleSaid | undefined;
      for (let x = starts[t] as number; x < (starts[t + 1] as number); x++) {
        const id = codes[3 * x] as number;
        if (said[id] !== stamp) continue;
        // A word typed with accents says a title's word only as that title writes it: "sửa lại" is no "khai sinh con
        // lai" (one typed without any fits every spelling).
        const typed = saidWords[id] as Word;
        if (typed.marks !== "") {
          const row = (places[id] as number) * sets;
          const marks = codes[3 * x + 1] as number;
          if (marks >= 0 && this.fitsTyped(row, marks, typed) !== 1) continue;
          const spellings = codes[3 * x + 2] as number;
          if (titleAccents && spellings >= 0 && !this.holdsTyped(row, spellings, typed)) continue;
        }
        titleSaid ??= { tokens: [], weights: [], total };
        titleSaid.tokens.push(tokens[x] as string);
        titleSaid.weights.push(weights[x] as number);
      }
      if (titleSaid) {
        out ??= [];
        out.push(titleSaid);
      }
    }
    return out;
  }

  /**
   * What a search keeps of its message (`lastPlain`, the typos corrected) is personal data: forgotten when the running
   * task ends (a microtask), as normalize.ts forgets the message's words.
   */
  private forgetting = false;
  private forgetWhenTurnEnds(): void {
    if (this.forgetting) return;
    this.forgetting = true;
    queueMicrotask(() => {
      this.forgetting = false;
      this.lastPlain = undefined;
      this.corrections.clear();
      // The title words and word pairs the message said, as marked for its candidates (`stampTerms`, `stampPairs`).
      this.unstampTerms();
      this.unstampPairs();
      // The repeats a turn asks (the conversation reads the same message more than once) are served from `recent`;
      // across turns and citizens it would hold up to RECENT_QUERIES messages for the process's life.
      this.recent.clear();
    });
  }

  /** A word no record, synonym or cue has, corrected as a typo (spelling.ts TypoCorrector), remembered for the turn. */
  private correct(token: string): string | undefined {
    if (this.rawVocabulary.has(token) || token.length < 4 || /\d/.test(token)) return undefined;
    let fixed = this.corrections.get(token);
    if (fixed === undefined) {
      fixed = this.vocabulary.correct(token) ?? null;
      if (this.corrections.size > 10_000) this.corrections.clear();
      this.corrections.set(token, fixed);
    }
    return fixed ?? undefined;
  }

  private prepare(procedure: P): Entry<P> {
    const weights = new Map<string, number>();
    const spellings = new Map<string, Set<string>>();
    const add = (words: Word[], w: number) => {
      for (const { token, marks: m } of words) {
        if ((weights.get(token) ?? 0) < w) weights.set(token, w);
        const set = spellings.get(token) ?? new Set<string>();
        set.add(m);
        spellings.set(token, set);
      }
    };
    // Parentheses in official names hold qualifiers ("(áp dụng cho cả trường hợp…)"), not what citizens ask for.
    const qualifiers = procedure.name.match(/\([^)]*\)/g) ?? [];
    const name = this.analyzer.document(procedure.name.replace(/\([^)]*\)/g, " "));
    const aliases = procedure.aliases.map((a) => this.analyzer.document(a));
    for (const q of qualifiers) add(this.analyzer.document(q), FIELD_WEIGHT.qualifier);
    add(name, FIELD_WEIGHT.name);
    for (const a of aliases) add(a, FIELD_WEIGHT.alias);
    add(this.documentOnce(procedure.field), FIELD_WEIGHT.field);
    for (const text of [procedure.name, procedure.field, ...procedure.aliases]) {
      for (const t of this.analyzer.rawTokens(text)) this.rawVocabulary.add(t);
    }
    for (const text of [procedure.name, ...procedure.aliases]) {
      for (const part of text.split(/[,;()]/)) this.titleWords.push(words(part));
    }
    const titles = [name, ...aliases].map((words) => words.map((w) => w.token));
    // Titles are written with their accents (catalogue names and aliases are Vietnamese as spelled: "con lai").
    const titleMarks = [name, ...aliases].map((words) => {
      const marks = new Map<string, Set<string>>();
      for (const w of words) marks.set(w.token, (marks.get(w.token) ?? new Set<string>()).add(w.marks));
      return marks;
    });
    const local = /\b(xa|phuong)\b/.test(fold(procedure.level));
    const marks = new Map<string, number>();
    for (const [token, set] of spellings) marks.set(token, this.markSetId(set));
    return {
      procedure,
      weights,
      marks,
      titlePairs: titles.map((t) => new Set(pairsOf(t))),
      titlePairIds: [],
      titles,
      titleWords: {
        starts: new Int32Array(1),
        totals: new Float64Array(0),
        tokens: [],
        weights: new Float64Array(0),
        codes: new Int32Array(0),
      },
      titleMarks,
      wordIds: new Int32Array(0),
      wordWeights: new Float64Array(0),
      wordMarks: new Int32Array(0),
      local,
      rawTitles: ` ${[procedure.name, ...procedure.aliases].map((t) => this.analyzer.rawTokens(t).join(" ")).join(" | ")} `,
      evidence: this.evidenceOf(titles, [procedure.applicants ?? "", ...(procedure.conditions ?? [])]),
      parts: this.partsOf(procedure.name),
      named: [name, ...aliases].map((words) => this.distinctive(words)),
      situation: this.situationOf(procedure),
      forWhom: BENEFIT_FOR_WHOM.test(procedure.name.normalize("NFC").toLowerCase()),
    };
  }

  /** A title's words less generic paperwork words ("đăng ký", "cấp", "giấy"). */
  private distinctive(words: readonly Word[]): string[] {
    const mask = this.analyzer.genericMask(words);
    return [...new Set(words.filter((_, k) => !mask[k]).map((w) => w.token))];
  }

  /**
   * The procedures an official name lists after a colon ("Liên thông …: đăng ký khai tử, xóa đăng ký thường trú, …").
   * Not the two joined by "kết hợp": a message naming both may have done one already ("con đã có giấy khai sinh").
   */
  private partsOf(name: string): string[][] {
    const plain = name.replace(/\([^)]*\)/g, " ");
    const colon = plain.indexOf(":");
    if (colon < 0) return [];
    const texts = plain.slice(colon + 1).split(/[,;]/);
    if (texts.length < 2) return [];
    return texts.map((t) => this.distinctive(this.analyzer.document(t))).filter((t) => t.length > 0);
  }

  /** The concepts and adjacent word pairs (within a clause) of a record's names, aliases, applicants and conditions. */
  private evidenceOf(titles: readonly string[][], texts: readonly string[]): Set<string> {
    const out = new Set<string>();
    const add = (tokens: readonly string[]) =>
      tokens.forEach((t, k) => {
        if (this.analyzer.concepts.has(t)) out.add(t);
        if (k > 0) out.add(`${tokens[k - 1]} ${t}`);
      });
    for (const title of titles) add(title);
    for (const text of texts) {
      // Applicants and conditions repeat word for word across a national catalogue's copies: analysed once.
      let clauses = this.situationWords.get(text);
      if (!clauses) {
        clauses = text.split(/[,;:()/.]/).map((clause) => this.analyzer.document(clause).map((w) => w.token));
        this.situationWords.set(text, clauses);
      }
      for (const clause of clauses) add(clause);
    }
    return out;
  }

  /**
   * The words and word pairs of a record's names, aliases, applicants, conditions, result and what to check first
   * (less a sentence that names another record by its code: that one's situation), each once.
   */
  private situationOf(procedure: P): string[] {
    const notes = (procedure.checkFirst ?? "").split(/;|\.(?!\d)/).filter((s) => !/\b\d\.\d{6}\b/.test(s));
    const texts = [
      procedure.name,
      ...procedure.aliases,
      procedure.applicants ?? "",
      procedure.result ?? "",
      ...(procedure.conditions ?? []),
      ...notes,
    ];
    const out = new Set<string>();
    for (const text of texts) {
      let clauses = this.situationWords.get(text);
      if (!clauses) {
        clauses = text.split(/[,;:()/.]/).map((clause) => this.analyzer.document(clause).map((w) => w.token));
        this.situationWords.set(text, clauses);
      }
      for (const clause of clauses) {
        clause.forEach((t, k) => {
          out.add(t);
          if (k > 0) out.add(`${clause[k - 1]} ${t}`);
        });
      }
    }
    return [...out];
  }

  /** Applicants' and conditions' clauses as tokens, by text, while the index is built. */
  private readonly situationWords = new Map<string, string[][]>();

  /** Fields repeat across records: each is analysed once per index. */
  private readonly fieldWords = new Map<string, Word[]>();
  private documentOnce(text: string): Word[] {
    let words = this.fieldWords.get(text);
    if (!words) {
      words = this.analyzer.document(text);
      this.fieldWords.set(text, words);
    }
    return words;
  }

  private markSetId(set: ReadonlySet<string>): number {
    const key = [...set].sort().join("|");
    let id = this.markSetIds.get(key);
    if (id === undefined) {
      id = this.markSets.length;
      this.markSets.push(set);
      this.markSetIds.set(key, id);
    }
    return id;
  }

  /**
   * 1 when the word as typed fits a record's spellings of it (`markSets`' id: no accents typed, or the same accents),
   * else the mismatch weight; 1 where the record lacks the word.
   */
  private fitOf(markSet: number, word: Word): number {
    if (word.marks === "") return 1;
    const seen = this.markSets[markSet];
    return !seen || seen.has(word.marks) || seen.has("") ? 1 : ACCENT_MISMATCH;
  }
}

/**
 * Whether the message, from sentence `from` on, says a word of the record that is no generic paperwork word,
 * outside a purpose clause: "Nay cần giấy này để làm thủ tục thừa kế đất, hồ sơ gồm những gì?" says why, and
 * what it asks for is in the story. `fields`: the record's field weight of each term (undefined: it lacks it).
 */
function namesFrom(terms: readonly Term[], fields: readonly (number | undefined)[], from: number): boolean {
  for (let j = 0; j < terms.length; j++) {
    const term = terms[j] as Term;
    if (term.generic || fields[j] === undefined) continue;
    if (term.sentences.some((s, k) => s >= from && !term.why[k])) return true;
  }
  return false;
}

/** Whether the question (sentence `question`) says the word, not as a reason it gives (`titlesNamed`). */
function askedIn(terms: ReadonlyMap<string, Term>, token: string, question: number): boolean {
  const term = terms.get(token);
  return term !== undefined && !term.unbound && term.sentences.some((s, k) => s === question && !term.why[k]);
}

/** The places the runs from sentence `from` on cover, and the last sentence of the terms (-1: none). */
interface RunsRead {
  terms: ReadonlyMap<string, Term>;
  size: number;
  last: number;
  inRun: Map<number, ReadonlySet<number>>;
}
/** By the message's runs (one list per search): gone with them when the search is over. */
const RUNS_READ = new WeakMap<readonly OutsideRun[], RunsRead>();
function runsRead(
  runs: readonly OutsideRun[],
  terms: ReadonlyMap<string, Term>,
  from: number,
): { inRun: ReadonlySet<number>; last: number } {
  let read = RUNS_READ.get(runs);
  if (!read || read.terms !== terms || read.size !== terms.size) {
    let last = -1;
    for (const term of terms.values()) for (const t of term.sentences) last = Math.max(last, t);
    read = { terms, size: terms.size, last, inRun: new Map() };
    RUNS_READ.set(runs, read);
  }
  let inRun = read.inRun.get(from);
  if (!inRun) {
    const set = new Set<number>();
    for (const run of runs) if (run.sentence >= from) for (const p of run.positions) set.add(p);
    inRun = set;
    read.inRun.set(from, inRun);
  }
  return { inRun, last: read.last };
}

/** `coverageFrom`'s outcome when the record has no word of the message from that sentence on (never changed). */
const NOTHING_COVERED = Object.freeze({ share: 0, vetoed: false, paperVetoed: false });

/** Up to this many held places, the nearest is found by reading them all (sorting costs more). */
const FEW_HELD = 8;

/** The distance from `p` to the nearest of `sorted` (ascending, not empty): the same minimum as reading them all. */
function distanceTo(sorted: Float64Array, p: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < p) lo = mid + 1;
    else hi = mid;
  }
  let d = Number.POSITIVE_INFINITY;
  if (lo < sorted.length) d = Math.abs(p - (sorted[lo] as number));
  if (lo > 0) d = Math.min(d, Math.abs(p - (sorted[lo - 1] as number)));
  return d;
}

/** A situation item's records (ascending), its weight in each (its idf² over the record's norm), the largest, its idf². */
interface RecallList {
  ids: Int32Array;
  weights: Float32Array;
  max: number;
  lift: number;
}

/** Postings no longer than this are always read whole by `recallPruned` (a small catalogue has no long lists). */
const RECALL_SHORT = 32;
/** `recallPruned` is tried only when the long lists hold this many postings together. */
const RECALL_WORTH = 4_096;
/**
 * Relative room left for rounding when a bound decides that a record cannot rank (sums taken in another order, weights
 * stored as 32-bit floats, which round by up to 6e-8).
 */
const BOUND_SLACK = 1e-6;
/** How many records `recallPruned` scores one by one at most before it reads the lists whole instead. */
const RECALL_REACHABLE = 256;
/** How many of the records the short lists rank first `recallPruned` scores in full for its floor. */
const RECALL_FIRST = 16;

/** Whether record `i` of `score` goes before record `j` of `other` (`rank` breaks ties: lower first). */
function ahead(rank: Float64Array, i: number, score: number, j: number, other: number): boolean {
  return score > other || (score === other && (rank[i] as number) < (rank[j] as number));
}

/** Whether record `a` goes before `b` by their sums (higher first), then by index. */
function higherFirst(sums: Float64Array, a: number, b: number): boolean {
  return (sums[a] as number) > (sums[b] as number) || (sums[a] === sums[b] && a < b);
}

/** At most what the long lists can add to a record of situation norm `norm` (`recallPruned`), with room for rounding. */
function recallGain(rest: number, lift: number, norm: number): number {
  return Math.min(rest, lift / norm) * (1 + BOUND_SLACK) + BOUND_SLACK;
}

/** A record's full situation score: its weight in each list that holds it, summed in the lists' order. */
function recallExact(lists: readonly RecallList[], i: number): number {
  let score = 0;
  for (const list of lists) {
    const j = indexOf(list.ids, i);
    if (j >= 0) score += list.weights[j] as number;
  }
  return score;
}

/** Where `id` is in the ascending `ids`, or -1. */
function indexOf(ids: Int32Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = ids[mid] as number;
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A title's words the message says with fitting accents (in the title's order), their weights, and the title's total. */
interface TitleSaid {
  tokens: string[];
  weights: number[];
  total: number;
}

/**
 * Share of a title's words (idf-weighted) that a window of the query says, the best title's: prefers the plain
 * procedure over its variants. The sums run in the title's order, as they always did.
 */
function titleCoverage(titles: readonly TitleSaid[], window: ReadonlySet<string>): number {
  let best = 0;
  for (const { tokens, weights, total } of titles) {
    let hit = 0;
    for (let k = 0; k < tokens.length; k++) if (window.has(tokens[k] as string)) hit += weights[k] as number;
    best = Math.max(best, hit / total);
  }
  return best;
}

/**
 * The best `titleCoverage` of the titles over every window of the message, given which windows each word is in
 * (`windowsOf`; `hits` is scratch, one per window): each window's sum runs over the title's words in the title's
 * order, the sum `titleCoverage` takes, so the best is the same.
 */
function titleCoverageOf(
  titles: readonly TitleSaid[],
  windowsOf: ReadonlyMap<string, readonly number[]>,
  hits: Float64Array,
): number {
  let best = 0;
  for (const { tokens, weights, total } of titles) {
    hits.fill(0);
    for (let k = 0; k < tokens.length; k++) {
      const windows = windowsOf.get(tokens[k] as string);
      if (windows === undefined) continue;
      const weight = weights[k] as number;
      for (let j = 0; j < windows.length; j++) {
        const w = windows[j] as number;
        hits[w] = (hits[w] as number) + weight;
      }
    }
    for (let w = 0; w < hits.length; w++) best = Math.max(best, (hits[w] as number) / total);
  }
  return best;
}

/** The decision over ranked candidates; the learned re-ranker (examples.ts) takes it over the rules' whole ranking too. */
export function decide<P extends SearchableProcedure>(
  ranked: readonly Hit<P>[],
  limit: number,
  tuning: Tuning,
): { decision: Decision; hits: Hit<P>[]; sure: boolean } {
  const [top, second] = ranked;
  if (!top || top.score < tuning.choose) return { decision: "none", hits: [], sure: true };
  // The query says one procedure's whole title and little else: that one, even if a variant scores close.
  const exact = top.parts.title === 1 && top.parts.coverage >= 0.95 && (second?.parts.title ?? 0) < 1;
  const clear = exact || !second || top.score - second.score >= tuning.margin;
  // Held back (another agency's service or a named thing no record has, said beside its words: "khiếu nại
  // hóa đơn tiền nước"): never an answer on its name alone, at most one of a list.
  const held = !top.parts.free && tuning.heldBack;
  // A confident answer needs the record's name said, at least this much of it: "mưa" alone is no "mua bán".
  const said = top.parts.title >= tuning.answerTitle;
  if (top.score >= tuning.answer && clear && !held && said) {
    return { decision: "answer", hits: ranked.slice(0, limit), sure: true };
  }
  // The message says one record's name or an alias, all its distinctive words, and nothing held it back,
  // with other words around it ("đổi tên cho con học lớp 3", "tách hộ khi đã ly hôn"); no other record
  // comes close: that one, with a way out.
  const named =
    top.parts.free &&
    top.parts.title >= tuning.named &&
    top.score >= tuning.namedFloor &&
    (!second || top.score - second.score >= tuning.namedMargin);
  if (top.score < tuning.answer && named) return { decision: "answer", hits: ranked.slice(0, limit), sure: false };
  const close = ranked.filter((h) => h.score >= top.score - tuning.window && h.score >= tuning.choose);
  // A list of one is no choice: answer it, and say it is not sure so the reply offers a way out.
  // A lone weak candidate is no answer at all.
  if (close.length === 1) {
    return top.score >= tuning.single && !held && said
      ? { decision: "answer", hits: ranked.slice(0, limit), sure: false }
      : { decision: "none", hits: [], sure: true };
  }
  return { decision: "choose", hits: close.slice(0, limit), sure: true };
}

const DONE = words("đã")[0] as Word;
/** How many words before a paper "đã" may stand to say it is had or done ("đã được cấp căn cước"). */
const DONE_REACH = 3;

/** Whether "đã" (already) stands a few words before the typed word `k` in its clause: what it names is done, not asked. */
function doneBefore(typed: readonly TextWord[], k: number, clause: number): boolean {
  for (let j = k - 1; j >= 0 && j >= k - DONE_REACH; j--) {
    const t = typed[j] as TextWord;
    if (t.clause !== clause) return false;
    if (t.token === DONE.token && (t.marks === "" || t.marks === DONE.marks)) return true;
  }
  return false;
}

/**
 * Paperwork done ("đã đăng ký", "đã làm", "đã được cấp", "đã có giấy", "đã chứng thực", "đã khai tử"): the verbs
 * that, after "đã" (and "được"), make the rest of the clause a deed done. Not a paper handed in and waiting ("đã nộp
 * hồ sơ", "đã gửi đơn", "đã xin"), which is still the request; nor an event ("đã mất", "đã ly hôn", "đã sinh con"),
 * which is what a procedure is for.
 */
const DONE_VERBS = new Set(
  ["đăng", "làm", "cấp", "có", "nhận", "chứng", "khai", "báo", "tách", "nhập", "xóa", "cắt", "ký"].map(
    (w) => (words(w)[0] as Word).token,
  ),
);
const PASSIVE = (words("được")[0] as Word).token;
/**
 * A status held, said as background like paperwork done: "thuộc hộ nghèo", "đang hưởng trợ cấp xã hội", "đang nhận
 * trợ cấp hưu trí xã hội" (as written: "thuoc" may be "thuốc").
 */
const BELONGS = words("thuộc")[0] as Word;
const ONGOING = words("đang")[0] as Word;
/**
 * Words of the records' names that change or detail a paper of any kind ("thay đổi", "bổ sung", "cấp lại", "địa chỉ",
 * "nội dung", "thông tin"): said beside another agency's service, they name no ward procedure (`namedBefore`).
 */
const NAME_ACTIONS = new Set(
  [
    ..."đổi sửa cấp lại mới thêm tên làm xin nộp".split(" "),
    ..."thay đổi,bổ sung,điều chỉnh,cập nhật,địa chỉ,nội dung,thông tin".split(","),
  ].map((text) =>
    words(text)
      .map((w) => w.token)
      .join(" "),
  ),
);
const ONGOING_VERBS = new Set(["hưởng", "nhận"].map((w) => (words(w)[0] as Word).token));
/**
 * "đang đi <X>" says where someone is, away ("chồng em đang đi xuất khẩu lao động bên Nhật", "anh ấy đang đi làm việc
 * ở Đài Loan"): the story around a request, read like a reason ("để …"), so a record named by it does not take over
 * what is asked beside it ("… em đi làm khai sinh một mình được không"); not "đang đi làm giấy …" (paperwork asked).
 */
const AWAY = words("đi")[0] as Word;
const PAPERWORK_AFTER_AWAY = new Set(
  ["làm", "xin", "đăng", "nộp", "khai", "báo", "chứng", "lấy", "hỏi", "nhận", "cấp", "đổi", "hỗ"].map(
    (w) => (words(w)[0] as Word).token,
  ),
);
/** The work words after which "đang đi làm" is a job ("đi làm việc", "đi làm công nhân"), not paperwork. */
const WORK = new Set(["việc", "công", "thuê", "ăn"].map((w) => (words(w)[0] as Word).token));

/** Which content words stand in a "đang đi <X>" clause (from X to the clause's end): where someone is, the story. */
function awayWords(said: readonly TextWord[], content: readonly QueryWord[]): boolean[] {
  const at = new Set<number>();
  said.forEach((w, k) => {
    if (!isWord(w, ONGOING) || w.marks === "") return;
    const go = said[k + 1];
    const what = said[k + 2];
    if (!go || !what || go.clause !== w.clause || what.clause !== w.clause || !isWord(go, AWAY)) return;
    const job = said[k + 3];
    const working = job !== undefined && job.clause === w.clause && WORK.has(job.token);
    if (PAPERWORK_AFTER_AWAY.has(what.token) && !(what.token === "lam" && working)) return;
    for (let j = k + 1; j < said.length && (said[j] as TextWord).clause === w.clause; j++)
      at.add((said[j] as TextWord).at);
  });
  return content.map((w) => at.has(w.at));
}
/**
 * A debt told: "nợ" (as written, or unaccented before what is owed: "no thue"), or "chưa đóng / nộp / trả" (not yet
 * paid). What is owed ("thuế", "thuế khoán", "tiền điện") is the citizen's case, not the tax office's service asked.
 */
const OWE = words("nợ")[0] as Word;
const UNPAID_VERBS = ["đóng", "nộp", "trả"].map((w) => words(w)[0] as Word);
const OWED_UNACCENTED = new Set(["thue", "tien"]);
/** Words that end what is owed: the question goes on ("thì", "mà", "có … không", "muốn", "được"). */
const OWED_ENDS = new Set(
  [
    "thì",
    "mà",
    "có",
    "muốn",
    "được",
    "nên",
    "nhưng",
    "giờ",
    "cần",
    "phải",
    "làm",
    "xin",
    "để",
    "và",
    "không",
    "vẫn",
    "có thể",
  ].map((w) => (words(w)[0] as Word).token),
);
/** At most this many words are owed. */
const OWED_SPAN = 3;

/** Which content words say what is owed ("nợ thuế", "chưa đóng thuế khoán"): the story, like a reason. */
function owedWords(said: readonly TextWord[], content: readonly QueryWord[]): boolean[] {
  const at = new Set<number>();
  said.forEach((w, k) => {
    let from = -1;
    const next = said[k + 1];
    if (isWord(w, OWE) && (w.marks !== "" || OWED_UNACCENTED.has(next?.token ?? ""))) from = k + 1;
    else if (w.token === NOT_YET_ASKED && next && next.clause === w.clause && UNPAID_VERBS.some((v) => isWord(next, v)))
      from = k + 2;
    if (from < 0) return;
    for (let j = from; j < from + OWED_SPAN && said[j]?.clause === w.clause; j++) {
      const owed = said[j] as TextWord;
      if (OWED_ENDS.has(owed.token)) break;
      at.add(owed.at);
    }
  });
  return content.map((w) => at.has(w.at));
}

/**
 * Which content words name an agency that demands a paper ("ngân hàng yêu cầu giấy …", "bên thuế bảo phải có …"): the
 * words no record has in the few before a demand verb of their clause. Another agency's service asked is not there.
 */
function demanderWords(
  said: readonly TextWord[],
  content: readonly QueryWord[],
  known: (token: string) => boolean,
): boolean[] {
  const at = new Set<number>();
  said.forEach((w, k) => {
    if (!demandVerb(said, k)) return;
    for (let j = k - 1; j >= Math.max(0, k - 1 - DEMAND_REACH) && said[j]?.clause === w.clause; j--) {
      const agency = said[j] as TextWord;
      if (!known(agency.token)) at.add(agency.at);
    }
  });
  return content.map((w) => at.has(w.at));
}
const NOT_YET_ASKED = (words("chưa")[0] as Word).token;
/** How many words a deed done reaches at most. */
const DONE_SPAN = 8;

/** Whether a typed word is `word` as written (or typed without accents). */
function isWord(w: Word, word: Word): boolean {
  return w.token === word.token && (w.marks === "" || w.marks === word.marks);
}

/**
 * Which content words the message says as paperwork already done ("Tôi đã đăng ký tạm trú thời hạn 2 năm, …") or
 * as a status held ("thuộc hộ nghèo", "đang hưởng trợ cấp …"): from the verb to the end of its clause; not in a
 * clause that asks whether it is done ("đã … chưa").
 */
function doneWords(said: readonly TextWord[], content: readonly QueryWord[]): boolean[] {
  const at = new Set<number>();
  said.forEach((w, k) => {
    let v = k + 1;
    if (isWord(w, BELONGS) && w.marks !== "") {
      if (said[v]?.clause !== w.clause) return;
    } else if (isWord(w, ONGOING) && w.marks !== "") {
      if (said[v]?.clause !== w.clause || !ONGOING_VERBS.has(said[v]?.token ?? "")) return;
    } else {
      if (!isWord(w, DONE)) return;
      if (said[v]?.token === PASSIVE && said[v]?.clause === w.clause) v++;
      const verb = said[v];
      if (!verb || verb.clause !== w.clause || !DONE_VERBS.has(verb.token)) return;
    }
    const span: number[] = [];
    for (let j = v; j < said.length && j < v + DONE_SPAN; j++) {
      const t = said[j] as TextWord;
      if (t.clause !== w.clause) break;
      if (t.token === NOT_YET_ASKED) return;
      span.push(t.at);
    }
    for (const a of span) at.add(a);
  });
  return content.map((w) => at.has(w.at));
}

/** The words before a negator that make what it denies a paper's content ("xác nhận không …", "giấy chứng nhận không …"). */
const CONFIRMS = new Set(["nhận", "giấy", "minh"].map((w) => (words(w)[0] as Word).token));
const NEGATORS_AS_TYPED = words("không chưa chẳng");
/**
 * Whether the agency at `k` is where the citizen says they will not go ("làm hợp đồng … chứng thực tại xã cho tiện,
 * không ra văn phòng công chứng", "không cần lên chi cục thuế"): a negator, at most a modal, then one or two words of
 * going right before it in its clause. The ward's own procedure is then what is asked, the agency the one refused.
 * Not "chưa" (not yet gone there: the citizen may still mean to).
 */
const NOT_GOING = words("không chẳng");
const NOT_GOING_MODALS = new Set(["can", "phai", "muon"]);
function notGoingTo(said: readonly TextWord[], k: number): boolean {
  const clause = (said[k] as TextWord).clause;
  const inClause = (j: number) => j >= 0 && (said[j] as TextWord).clause === clause;
  let j = k - 1;
  while (inClause(j) && k - 1 - j < 2 && GOES_TO.some((g) => isWord(said[j] as TextWord, g))) j--;
  if (j === k - 1) return false;
  if (inClause(j) && NOT_GOING_MODALS.has((said[j] as TextWord).token)) j--;
  return inClause(j) && NOT_GOING.some((n) => isWord(said[j] as TextWord, n));
}

/** Whether a negator a few words before `k` in its clause follows a word of confirming: the denial is asked. */
function confirmsDenial(said: readonly TextWord[], k: number): boolean {
  const clause = (said[k] as TextWord).clause;
  for (let j = k - 1; j >= Math.max(1, k - 3) && (said[j] as TextWord).clause === clause; j--) {
    const w = said[j] as TextWord;
    if (NEGATORS_AS_TYPED.some((n) => isWord(w, n))) return CONFIRMS.has((said[j - 1] as TextWord).token);
  }
  return false;
}

/**
 * A benefit's name that, past the benefit word, says for whom ("Hỗ trợ người lao động …", "Hưởng trợ cấp khi người
 * có công …"), not what is given ("Hỗ trợ chi phí mai táng", "Hỗ trợ đào tạo nghề"): lowercased NFC.
 */
const BENEFIT_FOR_WHOM = /^(?:hỗ trợ|hưởng trợ cấp|trợ cấp)\s+(?:người|khi|đối tượng)(?:\s|$)/u;
/**
 * What asks for a benefit, word for word as written or typed without accents: "hỗ trợ", "trợ cấp", "tiền", "chi phí",
 * "vay vốn", "chế độ", "miễn phí", "được hưởng", "quyền lợi", "ưu đãi". Phrases, not single syllables: unaccented,
 * "dai" is "Đài Loan" as well as "ưu đãi".
 */
const BENEFIT_PHRASES = [
  "hỗ trợ",
  "trợ cấp",
  "trợ giúp",
  "tiền",
  "chi phí",
  "kinh phí",
  "vay",
  "vốn",
  "chế độ",
  "miễn phí",
  "được hưởng",
  "hưởng trợ",
  "quyền lợi",
  "ưu đãi",
  "các khoản",
].map((p) => words(p));
/** …and in English ("is there any support", "financial help", "a subsidy"). */
const BENEFIT_ENGLISH = new Set(
  "support supports help helps subsidy subsidies subsidised subsidized allowance allowances assistance aid fund funds funding money cost costs pay paid grant grants benefit benefits free".split(
    " ",
  ),
);
/** Whether the typed words ask for a benefit. */
function asksBenefit(said: readonly TextWord[]): boolean {
  return said.some(
    (w, k) =>
      (w.marks === "" && BENEFIT_ENGLISH.has(w.token)) ||
      BENEFIT_PHRASES.some((phrase) =>
        phrase.every((p, j) => {
          const t = said[k + j];
          return t !== undefined && t.clause === w.clause && isWord(t, p);
        }),
      ),
  );
}

/** Demonstratives after a noun that point back to it ("giấy đó", "phiếu này", "thủ tục ấy"), as written. */
const POINTERS: readonly Word[] = ["đó", "này", "ấy", "kia"].map((w) => words(w)[0] as Word);

/** A noun pointed back to with a demonstrative ("giấy đó"): where it stands, and the last earlier sentence saying the noun (-1: none). */
interface Pointer {
  sentence: number;
  at: number;
  referent: number;
}

function pointersIn(said: readonly TextWord[]): Pointer[] {
  const out: Pointer[] = [];
  said.forEach((w, k) => {
    if (k === 0) return;
    // A pointer typed without accents may be another word ("do" is also "đỏ", "because"): only as written.
    if (!POINTERS.some((p) => p.token === w.token && p.marks === w.marks && w.marks !== "")) return;
    const noun = said[k - 1] as TextWord;
    if (noun.sentence !== w.sentence) return;
    let referent = -1;
    for (const v of said)
      if (v.sentence < w.sentence && v.token === noun.token) referent = Math.max(referent, v.sentence);
    out.push({ sentence: w.sentence, at: noun.at, referent });
  });
  return out;
}

/**
 * A letter's question that points back with a demonstrative ("Xin hỏi tôi xin giấy đó ở đâu?") asks about what
 * the story named with that noun: an ending of the message that starts after the story's last sentence saying
 * the noun, and before the question, leaves the referent out. Returns that sentence (the last ending to keep
 * before the question itself); without a pointer, or when the noun is not in the story, `lastSentence`.
 */
function referredFrom(pointers: readonly Pointer[], lastSentence: number): number {
  let latest = lastSentence;
  for (const p of pointers) if (p.sentence === lastSentence && p.referent >= 0) latest = Math.min(latest, p.referent);
  return latest;
}

/** The concept synonyms.json maps foreigners and foreign countries to. */
const FOREIGN = "nuocngoai";
/** Words before a foreign country that make it a place someone is or goes to ("ở Nhật", "sang Hàn", "bên Úc"). */
const PLACE_BEFORE = new Set(["o", "tai", "ben", "sang", "qua", "di", "ve", "tu"]);
/**
 * Two words before a foreign country that make it where a Vietnamese works, studies or travels for a time, the
 * country said right after the stay ("đi lao động Nhật Bản", "du học Úc", "đi làm Đài Loan", "đi xuất khẩu Hàn"),
 * folded; or one ("đi xklđ Hàn").
 */
const STAY_BEFORE = new Set(
  ["lao động", "du học", "công tác", "làm việc", "đi làm", "đi học", "xuất khẩu", "tu nghiệp", "du lịch"].map((pair) =>
    words(pair)
      .map((w) => w.token)
      .join(" "),
  ),
);
const STAY_ONE = new Set(["xkld"]);
/** How many words before a foreign place may say that someone was born or settled there ("sinh con ở Nhật", "định cư tại Mỹ"). */
const EVENT_REACH = 3;

/**
 * Whether every foreigner the message says is a foreign place a Vietnamese is at, goes to, works or studies in
 * ("chồng em đi lao động Nhật Bản", "con đang du học Úc"), not a person nor what the law calls a foreign element:
 * the foreign-element records (Luật Hộ tịch; their applicants) are for a foreigner or a Vietnamese settled abroad as
 * a party, or an event abroad (a child born abroad), so "sinh ở Nhật" or "định cư tại Mỹ" is no mere place.
 */
function abroadOnly(said: readonly TextWord[], content: readonly QueryWord[]): boolean {
  const places = content.filter((w) => w.token === FOREIGN);
  return (
    places.length > 0 &&
    places.every((w) => {
      const k = said.findIndex((s) => s.at === w.at);
      if (k <= 0) return false;
      const clause = (said[k] as TextWord).clause;
      const one = tokenIn(said, k - 1, clause);
      const two = `${tokenIn(said, k - 2, clause)} ${one}`;
      if (!PLACE_BEFORE.has(one) && !STAY_ONE.has(one) && !STAY_BEFORE.has(two)) return false;
      // "khai tử người nước ngoài": folded, the "tử" of a death reads as the "từ" (from) of a place.
      if (two === "khai tu") return false;
      return !bornOrSettledBefore(said, k, clause);
    })
  );
}

/**
 * Whether a word of the `EVENT_REACH` before `k` (its clause) says a birth or a settling there: "sinh" (not "sinh
 * viên", "học sinh", "tu nghiệp sinh"), "đẻ", "định cư".
 */
function bornOrSettledBefore(said: readonly TextWord[], k: number, clause: number): boolean {
  for (let j = k - 1; j >= 0 && j >= k - EVENT_REACH; j--) {
    const t = tokenIn(said, j, clause);
    if (t === "") return false;
    const before = tokenIn(said, j - 1, clause);
    if (t === "sinh" && tokenIn(said, j + 1, clause) !== "vien" && before !== "hoc" && before !== "nghiep") return true;
    if (t === "de" && (said[j] as TextWord).marks !== "" && isWord(said[j] as TextWord, BIRTH_DE)) return true;
    if (t === "cu" && before === "dinh") return true;
  }
  return false;
}
const BIRTH_DE = words("đẻ")[0] as Word;

/** The concept synonyms.json maps certified copies to ("sao y", "photo công chứng", "chứng thực bản sao"). */
const COPY = "saoy";
/** How many words after it may name the paper to copy. */
const PAPER_REACH = 4;

/** Words between a paper's head and what it is of ("giấy chứng nhận cơ sở đủ điều kiện về …"), folded. */
const PAPER_LINKS = new Set(["co", "so", "du", "dieu", "kien", "ve", "cua"]);
/** The words of a paper's head and its links ("giấy chứng nhận cơ sở đủ điều kiện"): what any paper's name says. */
const PAPER_WORDS = new Set([...PAPER_LINKS, "giay", "chung", "nhan", "phep", "chi"]);

/**
 * Whether content word `w` names a paper: as typed (`said`, before cues take "cần giấy" away), right after "giấy",
 * "giấy phép", "(giấy) chứng nhận" or "chứng chỉ", with at most five linking words between ("giấy chứng nhận cơ sở
 * đủ điều kiện an toàn thực phẩm"), in one clause.
 */
function namesPaper(said: readonly TextWord[], w: QueryWord): boolean {
  const i = said.findIndex((x) => x.at === w.at);
  if (i < 0) return false;
  let j = i - 1;
  for (let skipped = 0; skipped < 5 && PAPER_LINKS.has(tokenIn(said, j, w.clause)); j--) skipped++;
  const head = tokenIn(said, j, w.clause);
  return (
    head === "giay" ||
    (head === "nhan" && tokenIn(said, j - 1, w.clause) === "chung") ||
    (head === "phep" && tokenIn(said, j - 1, w.clause) === "giay") ||
    (head === "chi" && tokenIn(said, j - 1, w.clause) === "chung")
  );
}

/** The token of said word `n` when it stands in `clause`, else "". */
function tokenIn(said: readonly TextWord[], n: number, clause: number): string {
  return n >= 0 && (said[n] as TextWord).clause === clause ? (said[n] as TextWord).token : "";
}

/**
 * The words that name the paper a certified copy is asked of ("photo công chứng giấy khai sinh", "sao y
 * bằng lái xe"): any paper may be copied, so they name the copy, not the paper's own procedure.
 */
function papersCopied(content: readonly QueryWord[]): boolean[] {
  const mask = content.map(() => false);
  content.forEach((w, k) => {
    if (w.token !== COPY) return;
    for (let j = k + 1; j < content.length && j <= k + PAPER_REACH; j++) {
      const next = content[j] as QueryWord;
      if (next.clause !== w.clause || next.token === COPY) break;
      mask[j] = true;
    }
  });
  return mask;
}

/** Verbs of going somewhere ("sang Việt Nam", "về quê", "lên phường", "ra Hà Nội"), as written. */
const MOVES = ["đi", "về", "sang", "lên", "ra", "đến", "tới", "qua", "vào"].map((w) => words(w)[0] as Word);
/** How many words after a journey's verb say where and when it goes. */
const JOURNEY_REACH = 4;

/** Which content words say a journey (its verb, where it goes, when, a number): they name no procedure. */
function journeyWords(said: readonly TextWord[], content: readonly QueryWord[]): boolean[] {
  const at = new Set<number>();
  said.forEach((w, k) => {
    if (w.marks === "" && w.token !== "sang") return;
    if (!isOneOf(w, MOVES)) return;
    at.add(w.at);
    for (let j = k + 1; j < said.length && j <= k + JOURNEY_REACH; j++) {
      const t = said[j] as TextWord;
      if (t.clause !== w.clause) break;
      at.add(t.at);
    }
  });
  return content.map((w) => at.has(w.at) || /^\d+$/.test(w.token));
}

/** The concepts synonyms.json maps residence to ("thường trú", "tạm trú", "thuê trọ", "cư trú"). */
const RESIDENCE = new Set(["thuongtru", "tamtru", "cutru"]);
/** Before a residence, words that make it a place or a status: "nơi tạm trú", "phường thường trú", "đang thuê trọ". */
const STATUS_BEFORE = ["nơi", "chỗ", "phường", "xã", "địa", "đang", "vẫn", "khẩu", "có", "cùng"].map(
  (w) => words(w)[0] as Word,
);
/** After a residence, words that make it where someone lives: "thường trú ở Long An", "tạm trú tại phường". */
const STATUS_AFTER = new Set(["ở", "tại", "bên", "cùng", "với", "từ"].map((w) => (words(w)[0] as Word).token));
/** A residence asked about where ("tạm trú ở đâu", "thường trú ở phường nào") is the request. */
const WHERE = new Set(["đâu", "nào"].map((w) => (words(w)[0] as Word).token));
/** Before a residence in its clause, a verb that makes it the paperwork asked: "đăng ký tạm trú", "xóa thường trú". */
const RESIDENCE_VERBS = "đăng ký khai báo xác nhận nhập xóa xoá cắt hạn hủy huỷ chuyển tách làm chỉnh"
  .split(" ")
  .map((w) => words(w)[0] as Word);
/** A word typed without accents may be any of its accented forms ("dang": "đang" or "đăng"). */
const isOneOf = (w: Word, list: readonly Word[]) =>
  list.some((l) => l.token === w.token && (w.marks === "" || w.marks === l.marks));

/**
 * Which content words say where someone lives, not a residence procedure: a residence concept after a place or a
 * state ("nơi tạm trú", "đang thuê trọ") or before a place ("thường trú ở Long An"), with no paperwork verb before it
 * in its clause ("đăng ký tạm trú tại phường" asks for it).
 */
function residences(said: readonly TextWord[], content: readonly QueryWord[]): boolean[] {
  const index = new Map(said.map((w, k) => [w.at, k]));
  return content.map((w, i) => {
    if (!RESIDENCE.has(w.token)) return false;
    const k = index.get(w.at);
    if (k === undefined) return false;
    const next = content[i + 1];
    // The said words of the concept run up to the next content word's place.
    let end = k;
    while (
      end + 1 < said.length &&
      (said[end + 1] as TextWord).at < (next?.at ?? Number.POSITIVE_INFINITY) &&
      (said[end + 1] as TextWord).clause === w.clause &&
      !STATUS_AFTER.has((said[end + 1] as TextWord).token)
    )
      end++;
    const after = said[end + 1];
    const before = said[k - 1];
    const placed =
      (after !== undefined &&
        after.clause === w.clause &&
        STATUS_AFTER.has(after.token) &&
        !WHERE.has(said[end + 2]?.token ?? "") &&
        !WHERE.has(said[end + 3]?.token ?? "")) ||
      (before !== undefined && before.clause === w.clause && before.marks !== "" && isOneOf(before, STATUS_BEFORE));
    if (!placed) return false;
    for (let j = k - 1; j >= 0 && j >= k - 3; j--) {
      const t = said[j] as TextWord;
      if (t.clause !== w.clause) break;
      if (isOneOf(t, RESIDENCE_VERBS)) return false;
    }
    return true;
  });
}

/** Adjacent word pairs, within a clause when the words say which clause they stand in. */
/** Whether `longer` says `name`'s words in order, with no word `name` lacks before its last one. */
function saysInOrder(longer: readonly string[], name: readonly string[]): boolean {
  let k = 0;
  for (const w of longer) {
    if (k === name.length) return true;
    if (w === name[k]) k++;
    else if (!name.includes(w)) return false;
  }
  return k === name.length;
}

function pairsOf(tokens: ReadonlyArray<string | (Word & { clause?: number })>): string[] {
  const out: string[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const [a, b] = [tokens[i - 1], tokens[i]];
    if (typeof a === "string" || typeof b === "string") out.push(`${a} ${b}`);
    else if (a && b && a.clause === b.clause) out.push(`${a.token} ${b.token}`);
  }
  return out;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

/**
 * How people mishear and mistype Vietnamese sounds: initials ch/tr, s/x, d/gi/r/v, l/n and
 * finals c/t/ch, n/ng/nh fall together; i/y too. Two words with one key may be a slip for each other.
 */
const SOUND_KEYS = new Map<string, string>();
function soundKey(token: string): string {
  let key = SOUND_KEYS.get(token);
  if (key === undefined) {
    key = soundKeyOf(token);
    if (SOUND_KEYS.size > 50_000) SOUND_KEYS.clear();
    SOUND_KEYS.set(token, key);
  }
  return key;
}

function soundKeyOf(token: string): string {
  return confusedSoundsOf(token).replace(/y/g, "i");
}

/**
 * A folded word with the initials and finals people confuse in writing put together (ch/tr, d/gi/r/v, s/x, l/n; final
 * c/t/ch, n/ng/nh), i/y kept apart: the search's slip key (`soundKeyOf`) adds i/y; the redirects' slip reading
 * (features/redirects.ts) does not ("thay" is no "thải", and "ký"/"kí" are one word already).
 */
export function confusedSoundsOf(token: string): string {
  return token
    .replace(/^(tr|ch)/, "C")
    .replace(/^(gi|d|r|v)/, "D")
    .replace(/^(x|s)/, "S")
    .replace(/^(l|n)(?!g|h)/, "L")
    .replace(/(ch|c|t)$/, "T")
    .replace(/(ng|nh|n)$/, "N");
}

/**
 * The closest word of `options` to `token` (one edit, or the same sound key), if any; between
 * equally close ones, the one whose phrase the catalogue writes more often, and none on a tie.
 */
function closest(
  typed: Word,
  options: ReadonlySet<string> | undefined,
  pairOf: (word: string) => string,
  counts: ReadonlyMap<string, number>,
  fits: (pair: string) => boolean,
): { word: string; distance: number } | undefined {
  const token = typed.token;
  if (!options || token.length < 2) return undefined;
  // The message's word is worked out anew, not kept (a name mistyped is personal data, normalize.ts); the catalogue's
  // words it is set against are kept by `soundKey`.
  const key = soundKeyOf(token);
  // A well-formed syllable is mistyped in place (a letter for another), not by a letter dropped or added:
  // "đều" is no slip for "để".
  const sameLength = isVietnameseSyllable(token);
  let best: { word: string; distance: number; count: number } | undefined;
  let tie = false;
  // The closest one is the single best, whatever the order the options are read in: only those that can be within one
  // slip are read, each once (those of the same sound key, then the others of the same first letter).
  const consider = (word: string, distance: number) => {
    if (distance > 1 || !fits(pairOf(word))) return;
    const count = counts.get(pairOf(word)) ?? 0;
    if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
      best = { word, distance, count };
      tie = false;
    } else if (distance === best.distance && count === best.count) tie = true;
  };
  const { bySound, byFirst } = optionsOf(options);
  // A slip of sound may change the first letters (ch/tr, d/gi); a slip of the keys rarely does.
  for (const word of bySound.get(key) ?? []) if (word !== token) consider(word, 0.5);
  if (token.length >= 3) {
    for (const word of byFirst.get(token[0] as string) ?? []) {
      if (word === token || soundKey(word) === key || (sameLength && word.length !== token.length)) continue;
      consider(word, editDistance(word, token));
    }
  }
  const found = best as { word: string; distance: number } | undefined;
  return tie || !found ? undefined : { word: found.word, distance: found.distance };
}

/** A set of the catalogue's words a slip may be of, by sound key and by first letter (no word with a digit). */
interface SlipOptions {
  bySound: Map<string, string[]>;
  byFirst: Map<string, string[]>;
}
const SLIP_OPTIONS = new WeakMap<ReadonlySet<string>, SlipOptions>();
/** `closest`'s options read by key, once per set (the catalogue's sets of words beside a word, never changed once built). */
function optionsOf(options: ReadonlySet<string>): SlipOptions {
  let found = SLIP_OPTIONS.get(options);
  if (!found) {
    found = { bySound: new Map(), byFirst: new Map() };
    for (const word of options) {
      if (/\d/.test(word)) continue;
      const sound = soundKey(word);
      const list = found.bySound.get(sound);
      if (list) list.push(word);
      else found.bySound.set(sound, [word]);
      const first = word[0];
      if (first === undefined) continue;
      const same = found.byFirst.get(first);
      if (same) same.push(word);
      else found.byFirst.set(first, [word]);
    }
    SLIP_OPTIONS.set(options, found);
  }
  return found;
}

/**
 * Whether the word a repair keeps beside the one it changes fits the phrase as written: typed with accents, only its own
 * spelling; typed without, any, except in a message typed with accents, where a word typed without any is meant as written ("mấy giờ thì tan tầm", "tan tầm": "tan" is no "tàn", so "tầm" is no slip of "tàn
 * tật"), as is one beside a word typed with accents.
 */
function keptFits(typed: string, written: string, accented: boolean): boolean {
  return typed === written || (typed === "" && !accented);
}

/** As `keptFits`, but only the letters' shapes must agree: a wrong tone is the commonest slip. */
function sameShape(typed: string, written: string, accented = false): boolean {
  return (typed === "" && !accented) || shapeOf(typed) === shapeOf(written);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * Whether a cue's words stand in a procedure's name (`intentFor`), each word typed with accents as the name writes it:
 * "ở đâu" is no "lần đầu" ("phát hiện trẻ bị đánh thì báo ở đâu" asks the place whatever record comes first), while a
 * cue typed without accents is read in any name whose words fold to it, as before.
 */
function inName(cue: Cue, named: readonly Word[], said: readonly Word[]): boolean {
  const n = cue.tokens.length;
  for (let s = 0; s + n <= named.length; s++) {
    const fits = cue.tokens.every((token, i) => {
      const word = named[s + i] as Word;
      if (word.token !== token) return false;
      const typed = cue.at === undefined ? undefined : said[cue.at + i];
      return !typed || typed.token !== token || typed.marks === "" || typed.marks === word.marks;
    });
    if (fits) return true;
  }
  return false;
}

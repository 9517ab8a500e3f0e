import trained from "../../data/scope.json" with { type: "json" };
import type { SearchOutcome } from "./index.js";
import { fitLogistic, type LogisticFit } from "./logistic.js";
import { cleanText, fold } from "./normalize.js";
import type { SearchableProcedure } from "./records.js";

/**
 * The scope gate: how likely a message asks for nothing the ward does (another agency's service — a bank loan, a
 * school place, a hospital, a court, tax, insurance — or nothing at all: cooking, comfort, chit-chat), learnt from the
 * câu mẫu (data/examples.json: the tuning messages, `none` or a procedure). Long letters full of ward words ("đã làm
 * khai sinh và nhập hộ khẩu cho cháu ở phường… xin hỏi lịch tiêm chủng") reach a ward record by their words; the
 * gate reads what the message, and its request (its last sentence and any sentence asking "?") above all, is like.
 *
 * Two logistic regressions, each over its own view of the message, trained offline by `npm run scope:train`
 * (src/cli/scope-train.ts) into data/scope.json, deterministic (full-batch, no sampling); the gate is as sure as the
 * surer of the two (`outOfScope`):
 * - `words` (`scopeFeatures`): the message's folded words and adjacent pairs, with the request's counted again apart;
 * - `request` (`requestFeatures`): the request's words and pairs, the story's apart (so that the ward words a story
 *   tells, "đã làm khai sinh ở phường", weigh as what they are in stories, not in requests), the letter trigrams of
 *   the longer words (a word the câu mẫu lack but whose stem or compound they hold: "trăng mật", "châm cứu", a
 *   misspelling), and what the request's words are by the câu mẫu (the view's `lexicon`): how many are the ward's,
 *   how many are other (said mostly in `none` câu mẫu) and how many no câu mẫu holds at all, beside how many ward
 *   words the whole message says: a request that names nothing of the ward after a story that does is the shape of
 *   an everyday question, whatever its words.
 * Reading a message is one pass over its words and a map look-up per feature and view.
 */
export interface ScopeModel {
  /** The feature sets' version: a model trained for other features is not read. */
  readonly features: string;
  readonly views: readonly ScopeView[];
  /** P(out of scope) from which a confident answer is vetoed (`scopeGate`). */
  readonly veto: number;
  /** What the trainer saw and how: counts, regularisation, iterations (for the record). */
  readonly trained?: Readonly<Record<string, number | string>>;
}

/** One logistic regression over one view of a message. */
export interface ScopeView {
  readonly view: "words" | "request";
  readonly bias: number;
  /** Weight by feature (features whose weight rounds to 0 are left out). */
  readonly weights: Readonly<Record<string, number>>;
  /** The câu mẫu's words by kind (the `request` view): what `rw:`, `ro:`, `ru:` count. */
  readonly lexicon?: Readonly<ScopeLexicon>;
}

/** The câu mẫu's words: the ward's, the other agencies' and everyday life's, and the rest seen (folded, space-separated). */
export interface ScopeLexicon {
  ward: string;
  other: string;
  known: string;
}

/** The features this code reads (`ScopeModel.features` must say the same). */
export const SCOPE_FEATURES = "max(words:fold-uni-bi+request-uni-bi/v1, request:request-story-uni-bi+char3+lexicon/v3)";

/** What a word is by the câu mẫu. */
export type WordKind = "ward" | "other" | "known" | "unknown";

/**
 * A word is the ward's when at least `WARD_MIN` in-scope câu mẫu say it and at most `WARD_SHARE` of those that say it
 * are `none`; other when at least `OTHER_MIN` `none` câu mẫu say it and they are at least half of those that do.
 * (`none` are 16% of the câu mẫu.) Chosen on the trainer's cross-validation with 0.02/0.1 and the defaults.
 */
const WARD_MIN = 3;
const WARD_SHARE = 0.05;
const OTHER_MIN = 2;
/**
 * The share of `none` câu mẫu from which a word is other. A word said as often in and out of scope («triệu», «vốn»:
 * a bank loan, a company's capital, and a household business's) tells neither: at 0.5 a grocery's capital raised
 * («tiệm tạp hóa … tăng vốn lên 300 triệu») counted two other words and was vetoed (P 0.981 → 0.913 at 0.6). Trainer's
 * 5-fold CV on the tuning part (7 December 2026), 0.5 → 0.6 at the veto 0.97: out-of-scope answers caught 308 → 311 of
 * 393, right answers lost 2 → 1 of 16,469; at the list veto 0.93 out-of-scope lists caught 197 → 199 of 244, right
 * lists lost 1 → 1 of 3,879.
 */
const OTHER_SHARE = 0.6;

/** The kind of a word said in `inScope` in-scope câu mẫu and `out` `none` ones. */
export function wordKind(inScope: number, out: number): WordKind {
  if (inScope + out <= 0) return "unknown";
  if (inScope >= WARD_MIN && out / (inScope + out) <= WARD_SHARE) return "ward";
  if (out >= OTHER_MIN && out / (inScope + out) >= OTHER_SHARE) return "other";
  return "known";
}

const SENTENCE = /[.!?;\n]+|\s-\s/;

/**
 * The units the lexicon sorts: a message's distinct words (numbers aside) and, joined by `_`, its adjacent pairs inside
 * a sentence. A pair is read for what it is only when it is the ward's or other ("sao_y", "ban_chinh", "gan_day"): the
 * ward's compounds are made of words everyday talk says too ("sao" of "làm sao", "y", "bản", "chính"), so a request
 * such as "sao y bản chính bằng đại học ở đâu nhanh nhất gần đây" named no ward word by single words.
 */
function unitsOf(sentences: readonly (readonly string[])[]): { words: Set<string>; pairs: Set<string> } {
  const words = new Set<string>();
  const pairs = new Set<string>();
  for (const said of sentences) {
    said.forEach((w, k) => {
      if (w !== "#") words.add(w);
      const prev = said[k - 1];
      if (prev !== undefined && prev !== "#" && w !== "#") pairs.add(`${prev}_${w}`);
    });
  }
  return { words, pairs };
}

/** A message's words, folded to lower-case ASCII; numbers read `#`. */
export function scopeWords(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => (/^\d+$/.test(w) ? "#" : w));
}

/**
 * The message's sentences that have words, each marked whether it is the request: the last one and every one that
 * asks ("?"). A message of one sentence is all request.
 */
function sentencesOf(text: string): Array<{ words: string[]; request: boolean }> {
  const parts: Array<{ words: string[]; asks: boolean }> = [];
  let at = 0;
  for (const match of text.matchAll(new RegExp(SENTENCE, "g"))) {
    const end = (match.index ?? 0) + match[0].length;
    parts.push({ words: scopeWords(text.slice(at, end)), asks: match[0].includes("?") });
    at = end;
  }
  parts.push({ words: scopeWords(text.slice(at)), asks: false });
  const said = parts.filter((p) => p.words.length > 0);
  const last = said[said.length - 1];
  return said.map((p) => ({ words: p.words, request: p.asks || p === last }));
}

/**
 * The request of a message of several sentences as typed, when a story stands apart from it: the sentences
 * `sentencesOf` marks request (the last one and every one that asks "?"), joined; undefined when the message is one
 * sentence or every sentence is request.
 */
export function requestText(input: string): string | undefined {
  const text = cleanText(input).slice(0, 1_500);
  const parts: Array<{ text: string; asks: boolean }> = [];
  let at = 0;
  for (const match of text.matchAll(new RegExp(SENTENCE, "g"))) {
    const end = (match.index ?? 0) + match[0].length;
    parts.push({ text: text.slice(at, end), asks: match[0].includes("?") });
    at = end;
  }
  parts.push({ text: text.slice(at), asks: false });
  const said = parts.filter((p) => scopeWords(p.text).length > 0);
  const last = said[said.length - 1];
  const request = said.filter((p) => p.asks || p === last);
  if (said.length < 2 || request.length === said.length) return undefined;
  return request.map((p) => p.text.trim()).join(" ");
}

/**
 * The question alone (the thirty-fifth session): a letter whose story tells ward papers ("đã làm khai sinh cho cháu ở
 * phường …") and whose question asks another thing ("trạm y tế tiêm chủng vào ngày nào"), which the search answers
 * by the story's words. When the gate leans to out of scope over the whole message (P ≥ `QUESTION_ALONE_DOUBT`, below
 * its veto) and the request searched alone finds no procedure while the gate reads it out of scope as well (P ≥
 * `QUESTION_ALONE_REQUEST`), the ward words were the story's only: no procedure is answered or offered. Not a veto on
 * the request alone: "Where do I apply?", "Việc này tốn bao nhiêu tiền?" after a story of the procedure read out of
 * scope alone too, but the whole of such a letter reads the ward's (P < 0.7 on the tuning part). Chosen on the even
 * half of the tuning part's letters under 5-fold cross-validation (the gate and câu mẫu without the fold): from 0.85
 * no right answer lost (0.75: 1, 0.7: 2); the odd half then 0 lost.
 */
export const QUESTION_ALONE_DOUBT = 0.85;
export const QUESTION_ALONE_REQUEST = 0.8;

/**
 * Whether the question alone takes the served outcome away (`QUESTION_ALONE_DOUBT`): an answer or list (not a câu mẫu
 * said word for word, not overwhelming support) to a message of several sentences the gate doubts, whose request
 * `alone` (searched by itself) reaches no procedure and the gate reads as out of scope.
 */
export function questionAloneVetoes<P extends SearchableProcedure>(
  text: string,
  outcome: SearchOutcome<P>,
  model: ScopeModel | null,
  doubt: () => number,
  alone: (request: string) => SearchOutcome<P>,
): boolean {
  if (!model || outcome.sectionOnly || outcome.decision === "none") return false;
  if ((outcome.hits[0]?.score ?? 0) >= OVERWHELMING || doubt() < QUESTION_ALONE_DOUBT) return false;
  const request = requestText(text);
  if (request === undefined) return false;
  return outOfScope(model, request) >= QUESTION_ALONE_REQUEST && alone(request).decision === "none";
}

/** The count `n` as a feature value, `max` and more alike. */
const bucket = (n: number, max: number) => String(Math.min(n, max));

/**
 * The message's request: its last sentence that has words, and every sentence that asks ("?"), for a message of
 * several sentences; empty for a message of one (its words are all request already).
 */
function requestOf(said: ReadonlyArray<{ words: string[]; request: boolean }>): string[][] {
  return said.length < 2 ? [] : said.filter((s) => s.request).map((s) => s.words);
}

/** A message as the gate's views read it: cleaned and cut as each view cuts it, and its sentences (`sentencesOf`). */
interface ScopeText {
  text: string;
  sentences: Array<{ words: string[]; request: boolean }>;
}

function scopeText(input: string): ScopeText {
  const text = cleanText(input).slice(0, 1_500);
  return { text, sentences: sentencesOf(text) };
}

/** The `words` view: the distinct words `w:` and adjacent pairs `p:` of a message, and its request's `r:`/`rp:` again. */
export function scopeFeatures(input: string): string[] {
  return scopeFeaturesOf(scopeText(input));
}

function scopeFeaturesOf({ text, sentences }: ScopeText): string[] {
  const out = new Set<string>();
  const add = (words: readonly string[], word: string, pair: string) => {
    words.forEach((w, k) => {
      out.add(`${word}${w}`);
      const prev = words[k - 1];
      if (prev !== undefined) out.add(`${pair}${prev} ${w}`);
    });
  };
  add(scopeWords(text), "w:", "p:");
  for (const words of requestOf(sentences)) add(words, "r:", "rp:");
  if (out.size === 0) out.add("empty");
  return [...out];
}

/**
 * The `request` view (see `ScopeModel`): request words `w:` and pairs `p:`, story words `s:` and pairs `sp:`, letter
 * trigrams `c:` of words of four letters and more, and, when `kindOf` says what words are, the counts `rw:`/`ro:`/`ru:`
 * of the request's ward, other and unseen words and `mw:…|rw:…` (a message of several sentences).
 */
export function requestFeatures(input: string, kindOf?: (word: string) => WordKind): string[] {
  return requestFeaturesOf(scopeText(input), kindOf);
}

function requestFeaturesOf({ sentences }: ScopeText, kindOf?: (word: string) => WordKind): string[] {
  const out = new Set<string>();
  for (const { words, request } of sentences) {
    const [word, pair] = request ? ["w:", "p:"] : ["s:", "sp:"];
    words.forEach((w, k) => {
      out.add(`${word}${w}`);
      const prev = words[k - 1];
      if (prev !== undefined) out.add(`${pair}${prev} ${w}`);
    });
  }
  const all = sentences.flatMap((s) => s.words);
  for (const w of all) {
    if (w.length < 4) continue;
    const padded = `<${w}>`;
    for (let k = 0; k + 3 <= padded.length; k++) out.add(`c:${padded.slice(k, k + 3)}`);
  }
  if (kindOf) {
    // words by their kind; pairs only when they are the ward's or other (a pair unseen or known says nothing more)
    const kinds = (said: readonly (readonly string[])[]) => {
      const { words, pairs } = unitsOf(said);
      const ofPairs = [...pairs].map(kindOf).filter((k) => k === "ward" || k === "other");
      return [...[...words].map(kindOf), ...ofPairs];
    };
    const request = kinds(sentences.filter((s) => s.request).map((s) => s.words));
    const count = (ks: WordKind[], kind: WordKind) => ks.filter((k) => k === kind).length;
    out.add(`rw:${bucket(count(request, "ward"), 3)}`);
    out.add(`ro:${bucket(count(request, "other"), 2)}`);
    out.add(`ru:${bucket(count(request, "unknown"), 2)}`);
    if (sentences.length > 1) {
      out.add(
        `mw:${bucket(count(kinds(sentences.map((s) => s.words)), "ward"), 4)}|rw:${bucket(count(request, "ward"), 2)}`,
      );
    }
  }
  if (out.size === 0) out.add("empty");
  return [...out];
}

/** What a word is by a model's lexicon. */
function lexiconKinds(lexicon: Readonly<ScopeLexicon> | undefined): ((word: string) => WordKind) | undefined {
  if (!lexicon) return undefined;
  const kinds = new Map<string, WordKind>();
  for (const [kind, words] of [
    ["known", lexicon.known],
    ["other", lexicon.other],
    ["ward", lexicon.ward],
  ] as const) {
    for (const w of words.split(" ")) if (w !== "") kinds.set(w, kind);
  }
  return (word) => kinds.get(word) ?? "unknown";
}

const KINDS = new WeakMap<ScopeView, ((word: string) => WordKind) | undefined>();

/** The word kinds of a view (read once per view). */
function kindsOf(view: ScopeView): ((word: string) => WordKind) | undefined {
  if (!KINDS.has(view)) KINDS.set(view, lexiconKinds(view.lexicon));
  return KINDS.get(view);
}

const WEIGHTS = new WeakMap<ScopeView, ReadonlyMap<string, number>>();

/**
 * A view's weights as a map (made once per view): a message's features are new strings, which a map finds by their
 * hash where the model's JSON object (thousands of keys, a dictionary) first looks each up in the string table.
 */
function weightsOf(view: ScopeView): ReadonlyMap<string, number> {
  let weights = WEIGHTS.get(view);
  if (!weights) {
    weights = new Map(Object.entries(view.weights));
    WEIGHTS.set(view, weights);
  }
  return weights;
}

/** P(out of scope) of a message under one view. */
export function viewOutOfScope(view: ScopeView, text: string): number {
  return viewOutOfScopeOf(view, scopeText(text));
}

function viewOutOfScopeOf(view: ScopeView, text: ScopeText): number {
  const features = view.view === "words" ? scopeFeaturesOf(text) : requestFeaturesOf(text, kindsOf(view));
  const weights = weightsOf(view);
  let z = view.bias;
  for (const f of features) z += weights.get(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** P(out of scope) of a message under `model`: the surer of its views. */
export function outOfScope(model: ScopeModel, text: string): number {
  // The message cleaned and cut into sentences once for both views.
  const read = scopeText(text);
  let p = 0;
  for (const view of model.views) p = Math.max(p, viewOutOfScopeOf(view, read));
  return p;
}

/** The trained model (data/scope.json), or null when it was trained for other features. */
export const SCOPE_MODEL: ScopeModel | null =
  (trained as { features: string }).features === SCOPE_FEATURES ? (trained as unknown as ScopeModel) : null;

/** Options of `trainScope`. */
export interface ScopeTraining {
  /** L2 penalty per example (the sum of squared weights times this, over the number of examples). */
  l2: number;
  /** Full-batch Adam steps. */
  steps: number;
  /** Adam's step size. */
  rate: number;
  /** A feature seen in fewer training messages than this is not learnt. */
  minCount: number;
  /** How much an out-of-scope message weighs against an in-scope one (1: as many as they are). */
  outWeight: number;
  veto: number;
}

export const DEFAULT_SCOPE_TRAINING: ScopeTraining = {
  l2: 0.1,
  steps: 300,
  rate: 0.05,
  minCount: 2,
  outWeight: 1,
  veto: 0.97,
};

/**
 * Trains the gate on labelled messages (`out`: true for a `none` câu mẫu): both views, each its own regression.
 * Deterministic: features are numbered in sorted order and every step reads every message (no shuffling), so the same
 * messages give the same model.
 */
export function trainScope(
  docs: ReadonlyArray<{ text: string; out: boolean }>,
  options: Partial<ScopeTraining> = {},
): ScopeModel {
  const o = { ...DEFAULT_SCOPE_TRAINING, ...options };
  // The lexicon: in how many in-scope and `none` câu mẫu each word is said. A training message's words are read as
  // if it were not among them (its own count taken off), as a new message's are read against all.
  const said = docs.map((d) => {
    const { words, pairs } = unitsOf(sentencesOf(cleanText(d.text).slice(0, 1_500)).map((s) => s.words));
    return new Set([...words, ...pairs]);
  });
  const inCount = new Map<string, number>();
  const outCount = new Map<string, number>();
  docs.forEach((d, i) => {
    const counts = d.out ? outCount : inCount;
    for (const w of said[i] as Set<string>) counts.set(w, (counts.get(w) ?? 0) + 1);
  });
  const byKind: Record<string, string[]> = { ward: [], other: [], known: [] };
  for (const w of [...new Set([...inCount.keys(), ...outCount.keys()])].sort()) {
    if (w === "#") continue;
    const kind = wordKind(inCount.get(w) ?? 0, outCount.get(w) ?? 0);
    // a pair is kept only as the ward's or other (`unitsOf`)
    if (kind !== "unknown" && (kind !== "known" || !w.includes("_"))) byKind[kind]?.push(w);
  }
  const lexicon: ScopeLexicon = {
    ward: (byKind.ward ?? []).join(" "),
    other: (byKind.other ?? []).join(" "),
    known: (byKind.known ?? []).join(" "),
  };
  const y: number[] = docs.map((d) => (d.out ? 1 : 0));
  const words = fitView(
    docs.map((d) => scopeFeatures(d.text)),
    docs,
    o,
  );
  const request = fitView(
    docs.map((d, i) => {
      const own = said[i] as Set<string>;
      return requestFeatures(d.text, (w) => {
        const [inScope, out] = [inCount.get(w) ?? 0, outCount.get(w) ?? 0];
        const mine = own.has(w) ? 1 : 0;
        return wordKind(d.out ? inScope : inScope - mine, d.out ? out - mine : out);
      });
    }),
    docs,
    o,
  );
  return {
    features: SCOPE_FEATURES,
    views: [
      { view: "words", bias: words.bias, weights: words.weights },
      { view: "request", bias: request.bias, weights: request.weights, lexicon },
    ],
    veto: o.veto,
    trained: {
      messages: docs.length,
      outOfScope: y.reduce((a, b) => a + b, 0),
      wordsFeatures: words.features,
      requestFeatures: request.features,
      l2: o.l2,
      steps: o.steps,
      rate: o.rate,
      minCount: o.minCount,
      outWeight: o.outWeight,
    },
  };
}

/** One view's logistic regression (`fitLogistic`): an out-of-scope message weighs `outWeight`, the rest 1. */
function fitView(featured: readonly string[][], docs: ReadonlyArray<{ out: boolean }>, o: ScopeTraining): LogisticFit {
  return fitLogistic(
    featured,
    docs.map((d) => d.out),
    docs.map((d) => (d.out ? o.outWeight : 1)),
    o,
  );
}

/**
 * Support the search's answer has beyond any doubt: a record whose whole name the message says and whose words
 * explain all of it scores 1 and more (`Hit.score`); the gate never takes such an answer away.
 */
export const OVERWHELMING = 1;

/**
 * Whether the gate takes the served search's outcome away: an answer or a "which one?" list (not a follow-up, not a
 * not-found) to a message the model is sure asks for nothing the ward does (P ≥ `model.veto`), whose first record's
 * support is not overwhelming. Cross-validated on the tuning part at 0.95 (`npm run scope:train -- --cv`, 4 December
 * 2026, 7,733 câu mẫu): of the 49 out-of-scope messages the served search answers (46 the gate reads) 25 are
 * caught (the `words` view alone 15), of the 38 it offers a list 27 (21); right answers lost 0 of the 3,546 the gate
 * reads, lists holding the right procedure 0/1,067; `none` tuning messages at P ≥ 0.95: 927/1,240 (740), in-scope
 * 1/6,493 (1).
 *
 * Session 18 (8,963 câu mẫu, `--cv --dump`): no guard by the search's own certainty (its first hit's score, the margin
 * over the second) is kept. At 0.95 no right answer is lost, and out-of-scope answers score as high and as far ahead as
 * in-scope ones (a life-insurance complaint 0.90 over 0.04, a divorce at the ward 0.88 over 0.10): sparing answers from
 * score 0.65 and a margin of 0.5 up gave back 14 of the 56 out-of-scope answers caught, from 0.8/0.4 4, and spared no
 * right answer. What the gate misread («cho em hỏi sao y bản chính bằng đại học ở đâu nhanh nhất gần đây», P 0.98:
 * no ward word by single words) is read by the lexicon's pairs (`unitsOf`, P 0.78): out-of-scope answers caught 56 →
 * 59 of 87, lists 45 → 45 of 65 at 0.93, right answers and lists lost 0 → 0. With T12 (9,249 câu mẫu, 3c4598d), words
 * alone → with pairs: at 0.95 out-of-scope answers caught 65 → 66 of 99, right answers lost 3 → 3 of 5,921 (two school
 * transfers after a move, an American's marital status for a bank); at 0.97 58 → 63, lost 1 → 0; lists at 0.93 51 → 51
 * of 68, right lists lost 0 → 0. The veto is 0.97 since: the gate loses no right answer there, and of the three
 * out-of-scope answers it lets through between 0.95 and 0.97 two get a pointer or small talk from the rules anyway (a
 * divorce, a pet name asked of the bot).
 */
export function scopeVetoes<P extends SearchableProcedure>(
  text: string,
  outcome: SearchOutcome<P>,
  model: ScopeModel | null = SCOPE_MODEL,
  /** The message's P(out of scope) under `model`, when the caller reads it once per search already (else worked out). */
  doubt?: () => number,
): boolean {
  if (!model || outcome.sectionOnly || outcome.decision === "none") return false;
  if ((outcome.hits[0]?.score ?? 0) >= OVERWHELMING) return false;
  const at = outcome.decision === "choose" ? Math.min(model.veto, LIST_VETO) : model.veto;
  return (doubt ? doubt() : outOfScope(model, text)) >= at;
}

/**
 * A "which one?" list is taken away from P ≥ 0.93: a list is no confident answer, and the search offers one when it
 * is unsure. Cross-validated on the tuning part (5 December 2026, 8,355 câu mẫu, `--cv --dump`): of the 48
 * out-of-scope messages the served search offers a list 35 are caught (33 at 0.95: «bán xe máy cũ Wave Alpha giá bao
 * nhiêu thì hợp lý» 0.942, the life-insurance claim letter 0.937), lists holding the right procedure lost 0 of 1,266;
 * no list of any kind to an in-scope message lies in [0.93, 0.95), the nearest right one at 0.892 (0.90, measured in
 * the sixteenth session, left too thin a margin).
 */
export const LIST_VETO = 0.93;

/**
 * The gate over the served search's outcome: an answer or list `scopeVetoes` takes away becomes "not found" (the reply
 * gives the office's contact and any other agency's pointer); everything else is left as it is.
 */
export function scopeGate<P extends SearchableProcedure>(
  text: string,
  outcome: SearchOutcome<P>,
  model: ScopeModel | null = SCOPE_MODEL,
  doubt?: () => number,
): SearchOutcome<P> {
  return scopeVetoes(text, outcome, model, doubt) ? { ...outcome, decision: "none", hits: [], sure: true } : outcome;
}

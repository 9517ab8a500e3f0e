import { createHash } from "node:crypto";
import { type AnalyzedQuery, Analyzer } from "./analyzer.js";
import type { LabelledQuery } from "./evaluate.js";
import { storedFeatures, storeFeatures, type TextFeature } from "./features-store.js";
import { DEFAULT_TUNING, decide, type Hit, ProcedureSearch, type SearchOutcome, type Tuning } from "./index.js";
import { INTENTS, type Intent } from "./intent.js";
import { fold, inCatalogueReading, readingCatalogue, type Word } from "./normalize.js";
import {
  candidateTuning,
  type GramModel,
  RANKER_K,
  RANKER_MODEL,
  RANKER_ON,
  type RankerModel,
  rerank,
  rescueVetoed,
  type SituationModel,
  withNearest,
} from "./ranker.js";
import { gramModelOf, situationModelOf } from "./ranker-cache.js";
import type { RedirectTerms, SearchableProcedure, SynonymsFile } from "./records.js";
import { outOfScope, questionAloneVetoes, SCOPE_MODEL, type ScopeModel, scopeGate } from "./scope.js";

/**
 * Labelled examples ("câu mẫu"): citizen phrasings labelled with the procedure that answers them, or
 * `none` for what no procedure of the ward answers (another agency's service, small talk). What serves: a
 * message labelled word for word (staff labelled an unanswered question in the console) is answered as
 * labelled, or held back when labelled `none`. The search could also learn from them the way chatbot
 * platforms use training phrases (a message close to examples of one procedure is that procedure; one close
 * to `none` examples gets no confident answer): those nearest-example rules are here, measured by
 * cross-validation in bench:search, and off, since they did not beat the rules (see DEFAULT_EXAMPLE_TUNING).
 *
 * The shape the search reads (data/examples.json holds more: source, added date).
 */
export interface LabelledExample {
  readonly text: string;
  /** A catalogue code, or `none`. */
  readonly code: string;
  readonly intent?: string;
  /**
   * Staff's word on this very message (a label from the console): it replaces what examples from elsewhere say of
   * the same words, which staff cannot edit ("gia hạn thẻ bảo hiểm y tế" labelled `none` by the eval set is a
   * procedure where a ward's overlay adds one), instead of disagreeing with them and leaving the message to the rules.
   */
  readonly overrides?: boolean;
}

/** The code of an example that no procedure of the ward answers. */
export const NONE = "none";

/**
 * How examples change the rules' outcome beyond a message labelled word for word. Similarities are cosines in
 * 0..1; a threshold above 1 switches its rule off. Chosen by 5-fold cross-validation on eval/tuning.tsv
 * (bench/search.ts prints it, with `NEAREST_EXAMPLE_TUNING` beside). On 2 December 2026 no rule gained: with the
 * examples alone, promote at 0.6–0.8 settled 13–8 lists, half of them wrongly (top-1 95.1 → 94.6–94.9%), switch
 * at 0.8–0.95 gave 94.7–94.9%, hold at 0.5–0.6 94.9% (no out-of-scope answer caught), add at 0.5 95.2% but
 * out-of-scope answered 0.9 → 1.3%, re-ordering a list by similarity 94.9% and less. With the records' titles
 * among the examples (the nearest examples then place 85.8% of messages right alone, the rules 95.5%), promote
 * at 0.8 settles 7 lists (6 right, 1 wrong) and switch at 0.9 fixes one message: top-1 95.5 → 95.7%, two
 * messages of 829; on the messages no example was taken from (test/search/generalisation.tsv, the fixtures)
 * the same settings lose one message each (84.2 → 83.6%, 100 → 98.3%). Short examples taken as extra aliases of
 * their record in the rules' index lost too (CV top-1 95.7 → 94.0–94.8%, as the raw message 94.2%). The rules
 * were tuned on the tuning messages, which favours them under this cross-validation; still, no real gain shows,
 * so the rules stay off.
 */
export const DEFAULT_EXAMPLE_TUNING = {
  /** A "which one?" list becomes an answer when its procedure's nearest example is this close… */
  promote: 2,
  /** …and nearer by this much than any other listed procedure's and any `none` example. */
  promoteMargin: 0.1,
  /** When the rules find nothing, a procedure whose nearest example is this close is answered (not sure)… */
  add: 2,
  /** …when no other procedure's or `none` example comes within this much. */
  addMargin: 0.15,
  /** A confident answer is held back when a `none` example is this close… */
  hold: 2,
  /** …and closer by this much than the nearest example of the answered procedure. */
  holdMargin: 0.1,
  /** The rules' answer gives way to another procedure whose nearest example is this close… */
  switch: 2,
  /** …and closer by this much than the nearest example of the answered one. */
  switchMargin: 0.3,
  /** How much of a code's score its second-nearest example adds (0: nearest only). */
  second: 0,
  /** A "which one?" list is re-ordered by the rules' score plus this much of each one's nearest example (0: not). */
  rerank: 0,
};
export type ExampleTuning = typeof DEFAULT_EXAMPLE_TUNING;

/** The nearest-example rules on, at the least harmful settings cross-validation found (for the bench's comparison). */
export const NEAREST_EXAMPLE_TUNING: ExampleTuning = {
  ...DEFAULT_EXAMPLE_TUNING,
  promote: 0.8,
  add: 0.7,
  hold: 0.7,
  switch: 0.9,
};

/** The codes nearest a message, by their nearest examples. */
export interface Nearest {
  /** Best first; `none` is not among them. `next`: the similarity of the code's second-nearest example. */
  codes: Array<{ code: string; score: number; next?: number }>;
  /** The nearest `none` example's similarity (0 when none shares a word). */
  none: number;
  /**
   * The code of an example that is this very message (the same words with the same accents, whatever the case,
   * spacing or punctuation), when its examples agree on one: staff labelled the question, so that is its answer.
   */
  exact?: string;
  /** The section those examples say the message asks, when they say one and agree ("bao nhiêu tiền" → fee). */
  exactIntent?: Intent;
}

/** What examples of one message say: its code and, when they agree on it, its section. */
interface Label {
  code: string;
  intent: Intent | undefined;
}

/**
 * A feature's examples and its weight in each one's unit vector (parallel arrays, in the order the examples come), and
 * the accents each wrote it with, by id (`ExampleIndex.markIds`; -1 when typed without any).
 */
interface Postings {
  examples: Int32Array;
  weights: Float64Array;
  marks: Int32Array;
}

/** A feature of a text and the accents it was typed with (features-store.ts keeps them between starts). */
type Feature = TextFeature;

const BIGRAM = "\u0001";

/**
 * A text's features depend on the text and the synonyms alone (the analyzer is made from them), so an index made again
 * (a catalogue reloaded for a câu mẫu staff added, a file touched, a ward's view, each fold of a cross-validation)
 * reads each of the thousands of examples it had once already, not again: analysing them was most of its build. Kept
 * by the synonyms' content, the last `KEPT_SYNONYMS` versions of it; at most `KNOWN_FEATURES` texts each (then
 * started afresh). Only texts read while the catalogue is (normalize.ts `readingCatalogue`): never a message.
 * A process's first index with these synonyms starts from what an earlier start kept on disk (features-store.ts).
 */
const KEPT_SYNONYMS = 2;
const KNOWN_FEATURES = 50_000;
const featuresBySynonyms = new Map<string, Map<string, Feature[]>>();
/**
 * An index that had to read at least this many of its texts afresh keeps all its texts' features on disk for the
 * next start: a whole catalogue read for the first time, not a câu mẫu staff added (the next start reads that one).
 */
const STORE_AFTER = 1000;

function knownFeatures(synonyms: SynonymsFile): { synonymsKey: string; known: Map<string, Feature[]> } {
  const synonymsKey = createHash("sha256").update(JSON.stringify(synonyms)).digest("base64");
  let known = featuresBySynonyms.get(synonymsKey);
  if (known) {
    featuresBySynonyms.delete(synonymsKey);
  } else {
    known = storedFeatures(synonymsKey) ?? new Map();
    if (featuresBySynonyms.size >= KEPT_SYNONYMS)
      featuresBySynonyms.delete(featuresBySynonyms.keys().next().value as string);
  }
  featuresBySynonyms.set(synonymsKey, known);
  return { synonymsKey, known };
}

/**
 * Nearest labelled examples by TF-IDF cosine over the words the search reads (folded, chat spellings and
 * synonyms mapped, places, section cues and filler removed: "làm giấy khai sinh cho con hết bao nhiêu" and
 * "đăng ký khai sinh cho bé ở đâu" meet on the procedure, not on the section asked) and their adjacent pairs.
 */
export class ExampleIndex {
  private readonly analyzer: Analyzer;
  /** The features of texts read before with the same synonyms (shared by every index made with them). */
  private readonly known: Map<string, Feature[]>;
  private readAfresh = 0;
  private readonly postings = new Map<string, Postings>();
  /** The accents features were written with, by id (what `Postings.marks` holds). */
  private readonly markIds = new Map<string, number>();
  private readonly idf = new Map<string, number>();
  private readonly codes: string[] = [];
  /** Each example's code by id (`codeNames`), and per code id the nearest and second-nearest similarity (scratch). */
  private codeOf = new Int32Array(0);
  private readonly codeNames: string[] = [];
  private codeFirst = new Float64Array(0);
  private codeNext = new Float64Array(0);
  /** Each example's label by its exact words; null where examples of the same words disagree on the code. */
  private readonly exact = new Map<string, Label | null>();
  /**
   * The same by the words folded (no accents), for a message typed without any: "giay cho be tiem chung" is the
   * example "giấy cho bé tiêm chủng"; null where examples folding alike disagree ("khai sinh lại"/"con lai").
   */
  private readonly folded = new Map<string, Label | null>();
  /** Examples left out: their code is in no record of the catalogue (a procedure removed since they were labelled). */
  readonly ignored: LabelledExample[] = [];
  private readonly scratch: Float64Array;
  /** The examples `nearest` touched (scratch, as long as `scratch`). */
  private readonly touched: Int32Array;
  /** What a feature no example has weighs in a message's length (as the rarest one). */
  private readonly unseen: number;
  /** Whether the nearest examples are looked for (else only a message's exact words). */
  readonly nearestOn: boolean;
  private readonly key: (text: string) => string;

  /**
   * `nearest: false` keeps only the exact words of each example (what serves while the nearest-example rules are
   * off): reading a thousand examples as queries takes a few hundred milliseconds, which a reload need not spend.
   * `titles` (a record's name and aliases, by code) join the examples of each labelled procedure as examples of
   * it: a handful of citizens' phrasings alone leave most of what a procedure is called unsaid (cross-validation:
   * the nearest examples place 79.7% of tuning messages right alone, 87.7% with the titles). Only labelled
   * procedures' titles: what no example labels is the rules' alone, and a 10,000-record index stays as fast.
   * `key` is what makes a message the same as an example (default `exactKey`).
   */
  constructor(
    examples: readonly LabelledExample[],
    synonyms: SynonymsFile,
    known: ReadonlySet<string>,
    options: {
      nearest?: boolean;
      titles?: ReadonlyMap<string, readonly string[]>;
      key?: (text: string) => string;
    } = {},
  ) {
    // The câu mẫu and titles are the catalogue's texts (normalize.ts `readingCatalogue`).
    const done = readingCatalogue();
    this.analyzer = new Analyzer(synonyms);
    const { synonymsKey, known: knownTexts } = knownFeatures(synonyms);
    this.known = knownTexts;
    this.nearestOn = options.nearest ?? true;
    this.key = options.key ?? exactKey;
    const vectors: Feature[][] = [];
    const labelled = new Set<string>();
    const read = new Map<string, Feature[]>();
    const add = (text: string, code: string) => {
      const features = this.features(text);
      read.set(text, features);
      if (features.length === 0) return;
      vectors.push(features);
      this.codes.push(code);
    };
    // Staff's labels are gathered apart, then laid over the others' (among themselves they must agree too).
    const staffExact = new Map<string, Label | null>();
    const staffFolded = new Map<string, Label | null>();
    for (const example of examples) {
      if (example.code !== NONE && !known.has(example.code)) {
        this.ignored.push(example);
        continue;
      }
      const key = this.key(example.text);
      const label = { code: example.code, intent: INTENTS.find((i) => i === example.intent) };
      agree(example.overrides ? staffExact : this.exact, key, label);
      agree(example.overrides ? staffFolded : this.folded, fold(key), label);
      if (!this.nearestOn) continue;
      labelled.add(example.code);
      add(example.text, example.code);
    }
    for (const [key, label] of staffExact) this.exact.set(key, label);
    for (const [key, label] of staffFolded) this.folded.set(key, label);
    for (const code of labelled) for (const title of options.titles?.get(code) ?? []) add(title, code);
    const df = new Map<string, number>();
    for (const features of vectors) for (const f of features) df.set(f.key, (df.get(f.key) ?? 0) + 1);
    const n = vectors.length;
    for (const [f, count] of df) this.idf.set(f, Math.log(1 + n / count));
    this.unseen = Math.log(1 + n);
    const lists = new Map<string, { examples: number[]; weights: number[]; marks: number[] }>();
    vectors.forEach((features, example) => {
      const weights = features.map((f) => this.idf.get(f.key) ?? 0);
      const norm = Math.hypot(...weights) || 1;
      features.forEach((f, k) => {
        let list = lists.get(f.key);
        if (!list) {
          list = { examples: [], weights: [], marks: [] };
          lists.set(f.key, list);
        }
        list.examples.push(example);
        list.weights.push((weights[k] as number) / norm);
        list.marks.push(this.markId(f.marks));
      });
    });
    for (const [key, list] of lists) {
      this.postings.set(key, {
        examples: Int32Array.from(list.examples),
        weights: Float64Array.from(list.weights),
        marks: Int32Array.from(list.marks),
      });
    }
    const codeIds = new Map<string, number>();
    this.codeOf = Int32Array.from(this.codes, (code) => {
      let id = codeIds.get(code);
      if (id === undefined) {
        id = codeIds.size;
        codeIds.set(code, id);
        this.codeNames.push(code);
      }
      return id;
    });
    this.codeFirst = new Float64Array(codeIds.size);
    this.codeNext = new Float64Array(codeIds.size);
    this.scratch = new Float64Array(vectors.length);
    this.touched = new Int32Array(vectors.length);
    if (this.readAfresh >= STORE_AFTER) storeFeatures(synonymsKey, read);
    done();
  }

  /** How many of its texts this index's build read afresh: known neither in memory nor from disk (features-store.ts). */
  get textsReadAfresh(): number {
    return this.readAfresh;
  }

  /** The id of the accents a feature was written with (-1: none); made while the index is built. */
  private markId(marks: string | undefined): number {
    if (marks === undefined) return -1;
    let id = this.markIds.get(marks);
    if (id === undefined) {
      id = this.markIds.size;
      this.markIds.set(marks, id);
    }
    return id;
  }

  /** How many distinct texts serve as examples. */
  get size(): number {
    return this.exact.size;
  }

  /**
   * Distinct features of a text: its content words and their adjacent pairs within a clause, with the accents
   * typed ("khai sinh lại" is no "khai sinh cho con lai" when both are typed with accents).
   */
  features(text: string, analysed?: AnalyzedQuery): Feature[] {
    if (analysed) return this.featuresOf(analysed);
    const known = this.known.get(text);
    if (known) return known;
    // Only the words are read: the sections need not be read in context (analyzer.ts `query`).
    const made = this.featuresOf(this.analyzer.query(text, {}, { inContext: false }));
    // Only the catalogue's texts (câu mẫu, titles) are kept: a citizen's message is personal data (normalize.ts).
    if (!inCatalogueReading()) return made;
    this.readAfresh++;
    if (this.known.size >= KNOWN_FEATURES) this.known.clear();
    this.known.set(text, made);
    return made;
  }

  private featuresOf(query: AnalyzedQuery): Feature[] {
    const accented = query.said.some((w) => w.marks !== "");
    const content = query.words.filter((w) => !/^\d+$/.test(w.token));
    const marks = (w: Word) => (!accented || this.analyzer.concepts.has(w.token) ? undefined : w.marks);
    const out = new Map<string, Feature>();
    content.forEach((w, k) => {
      if (!out.has(w.token)) out.set(w.token, { key: w.token, marks: marks(w) });
      const prev = content[k - 1];
      if (!prev || prev.clause !== w.clause || prev.token === w.token) return;
      const key = `${prev.token}${BIGRAM}${w.token}`;
      const [a, b] = [marks(prev), marks(w)];
      if (!out.has(key)) out.set(key, { key, marks: a === undefined || b === undefined ? undefined : `${a}|${b}` });
    });
    return [...out.values()];
  }

  /** The label of the examples of this very message, if they agree on a code. */
  exactly(text: string): Partial<Nearest> {
    const key = this.key(text);
    // Typed without accents: any example that folds alike. Told by the message as typed, not by its key, whose
    // scrubbed numbers read "[số]" with an accent ("nam 2025" is typed without any).
    const found = this.exact.get(key) ?? (typedWithoutAccents(text) ? this.folded.get(fold(key)) : undefined);
    if (!found) return {};
    return { exact: found.code, ...(found.intent ? { exactIntent: found.intent } : {}) };
  }

  /**
   * `exact`: what `exactly(text)` gave, when the caller asked it already. `analysed`: the text's analysis without
   * spelling fixes (`Analyzer.query(text)` over the same synonyms), when the caller has it already.
   */
  nearest(text: string, second = 0, exact: Partial<Nearest> = this.exactly(text), analysed?: AnalyzedQuery): Nearest {
    // A word no example has still counts in the message's length: "trích lụt khai sinh" is not all "khai sinh".
    if (!this.nearestOn) return { codes: [], none: 0, ...exact };
    const all = this.features(text, analysed);
    const weights = all.map((f) => this.idf.get(f.key) ?? this.unseen);
    const norm = Math.hypot(...weights) || 1;
    const features = all.filter((f) => this.idf.has(f.key));
    const result: Nearest = { codes: [], none: 0, ...exact };
    if (features.length === 0) return result;
    const sims = this.scratch;
    // The examples touched, in the order first touched (a scratch as long as the examples: each is listed once).
    const touched = this.touched;
    let count = 0;
    for (const f of features) {
      const q = (this.idf.get(f.key) as number) / norm;
      const { examples, weights, marks } = this.postings.get(f.key) as Postings;
      // Typed with accents on both sides, the same letters with other accents are another word (-2: accents no
      // example wrote the feature with, so every example that wrote it with some differs).
      const typed = f.marks === undefined ? -1 : (this.markIds.get(f.marks) ?? -2);
      const n = examples.length;
      if (typed === -1) {
        // (Typed without accents, or a concept: every example that has the feature; the marks need not be read.)
        for (let j = 0; j < n; j++) {
          const example = examples[j] as number;
          const sim = sims[example] as number;
          if (sim === 0) touched[count++] = example;
          sims[example] = sim + q * (weights[j] as number);
        }
        continue;
      }
      for (let j = 0; j < n; j++) {
        const written = marks[j] as number;
        if (written !== -1 && typed !== written) continue;
        const example = examples[j] as number;
        const sim = sims[example] as number;
        if (sim === 0) touched[count++] = example;
        sims[example] = sim + q * (weights[j] as number);
      }
    }
    // Per code: its nearest example, plus a share of its second-nearest (several examples agreeing); the codes in the
    // order their first example was touched.
    const first = this.codeFirst;
    const next = this.codeNext;
    const met: number[] = [];
    for (let t = 0; t < count; t++) {
      const example = touched[t] as number;
      const sim = sims[example] as number;
      sims[example] = 0;
      const code = this.codeOf[example] as number;
      const best = first[code] as number;
      if (best === 0) met.push(code);
      if (sim > best) {
        next[code] = best;
        first[code] = sim;
      } else if (sim > (next[code] as number)) next[code] = sim;
    }
    for (const id of met) {
      const code = this.codeNames[id] as string;
      const nearestSim = first[id] as number;
      const runnerUp = next[id] as number;
      first[id] = 0;
      next[id] = 0;
      const score = Math.min(1, nearestSim + second * runnerUp);
      if (code === NONE) result.none = score;
      else result.codes.push({ code, score, next: runnerUp });
    }
    result.codes.sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
    return result;
  }
}

/**
 * The rules' outcome, changed where the examples say clearly more:
 * - a message labelled word for word (staff labelled this question) is answered as labelled, `none` by nothing;
 * - a "which one?" list whose procedure the examples single out becomes that answer;
 * - nothing found, but examples of one procedure are very close: that procedure, not sure (with a way out);
 * - an answer whose message sits by `none` examples (another agency's service, chit-chat) is held back;
 * - an answer the examples clearly place under another procedure gives way to it.
 * A section asked alone (a follow-up) is the conversation's, never changed.
 */
export function withExamples<P extends SearchableProcedure>(
  outcome: SearchOutcome<P>,
  near: Nearest,
  byCode: ReadonlyMap<string, P>,
  tuning: ExampleTuning = DEFAULT_EXAMPLE_TUNING,
): SearchOutcome<P> {
  if (outcome.sectionOnly) return outcome;
  if (near.exact === NONE) return { ...outcome, decision: "none", hits: [], sure: true };
  const labelled = near.exact === undefined ? undefined : byCode.get(near.exact);
  if (labelled) {
    // Staff said which procedure this message is: as sure as a message that says the record's whole name.
    const [own, ...rest] = lead(outcome.hits, labelled, 1);
    const named = { ...(own as Hit<P>), parts: { coverage: 1, pairs: 1, title: 1, free: true } };
    return {
      ...outcome,
      decision: "answer",
      hits: [named, ...rest],
      sure: true,
      intent: near.exactIntent ?? outcome.intent,
    };
  }
  const [top, next] = near.codes;
  if (!top) return outcome;
  const support = (code: string | undefined) => near.codes.find((c) => c.code === code)?.score ?? 0;
  const hits =
    tuning.rerank > 0 && outcome.decision === "choose"
      ? outcome.hits
          .map((h) => ({ h, s: h.score + tuning.rerank * support(h.procedure.code) }))
          .sort((a, b) => b.s - a.s)
          .map((x) => x.h)
      : outcome.hits;
  if (hits[0] !== outcome.hits[0]) outcome = { ...outcome, hits, sure: false };
  if (outcome.decision === "answer") {
    const answered = hits[0]?.procedure.code;
    const own = support(answered);
    if (near.none >= tuning.hold && near.none - own >= tuning.holdMargin) {
      return { ...outcome, decision: "none", hits: [], sure: true };
    }
    if (top.code !== answered && top.score >= tuning.switch && top.score - own >= tuning.switchMargin) {
      const procedure = byCode.get(top.code);
      if (!procedure) return outcome;
      return { ...outcome, hits: lead(hits, procedure, top.score), sure: false };
    }
    return outcome;
  }
  if (outcome.decision === "choose") {
    const listed = hits.map((h) => h.procedure.code);
    if (!listed.includes(top.code) || top.score < tuning.promote) return outcome;
    const rival = Math.max(
      near.none,
      ...near.codes.filter((c) => c !== top && listed.includes(c.code)).map((c) => c.score),
    );
    if (top.score - rival < tuning.promoteMargin) return outcome;
    const procedure = byCode.get(top.code) as P;
    return { ...outcome, decision: "answer", hits: lead(hits, procedure, top.score), sure: false };
  }
  // Nothing found by the rules.
  const rival = Math.max(near.none, next?.score ?? 0);
  const procedure = byCode.get(top.code);
  if (!procedure || top.score < tuning.add || top.score - rival < tuning.addMargin) return outcome;
  return { ...outcome, decision: "answer", hits: lead([], procedure, top.score), sure: false };
}

/** Each record's name and aliases, by code: examples of the procedures the examples label. */
export function titlesOf(procedures: readonly SearchableProcedure[]): Map<string, string[]> {
  const titles = new Map<string, string[]>();
  for (const p of procedures) titles.set(p.code, [...(titles.get(p.code) ?? []), p.name, ...p.aliases]);
  return titles;
}

/**
 * Records `label` under `key`: null when another code is there already, no section when another section is
 * ("" is no key).
 */
function agree(map: Map<string, Label | null>, key: string, label: Label): void {
  if (key === "") return;
  const before = map.get(key);
  if (before === undefined) map.set(key, label);
  else if (before !== null && before.code !== label.code) map.set(key, null);
  else if (before !== null && before.intent !== label.intent) map.set(key, { code: before.code, intent: undefined });
}

/** Whether a message has no Vietnamese marks (nor đ): its words may then be any of the words that fold alike. */
function typedWithoutAccents(text: string): boolean {
  return fold(text) === text.normalize("NFC").toLowerCase();
}

/** A message's exact words: case, spacing and punctuation aside, accents kept (NFC). */
export function exactKey(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w !== "")
    .join(" ");
}

/** The hits with `procedure` first (its own hit when listed, else one made from the examples' similarity). */
function lead<P extends SearchableProcedure>(hits: readonly Hit<P>[], procedure: P, similarity: number): Hit<P>[] {
  const own = hits.find((h) => h.procedure.code === procedure.code);
  const first: Hit<P> = own ?? {
    procedure,
    score: similarity,
    // Found by the examples, not by the record's words: none of its title was said as far as the rules know.
    parts: { coverage: 0, pairs: 0, title: 0, free: true },
  };
  return [first, ...hits.filter((h) => h !== own)];
}

/**
 * How many of the re-ranker's candidates the records whose situations the message tells best may take when the rules
 * rank them lower (`Tuning.recall`): "muốn ra ở riêng một hộ", "đi làm xa cả năm", "cán bộ xuống nhà" name no record,
 * but a record's applicants and conditions say them. 2 of 8: right outside the candidates on the tuning part 40 → 33
 * (rules' top 6 kept: 3 and 4 slots bring no more).
 */
const RECALL = 2;

/**
 * The search with labelled examples over the rule-based ranker: the same interface, so every consumer
 * (the answer feature, ward views, the search CLI) uses it unchanged. With a ranker model (`RANKER_ON`, or
 * `options.ranker`), the rules' candidates are re-ranked by it (src/search/ranker.ts): the rules then keep their
 * whole ranking (`candidateTuning`) and their decision is taken over it as theirs (`decide`).
 */
export class ExampleSearch<P extends SearchableProcedure = SearchableProcedure> extends ProcedureSearch<P> {
  readonly examples: ExampleIndex;
  private readonly byCode: ReadonlyMap<string, P>;
  private readonly exampleTuning: ExampleTuning;
  /** The rules' own tuning (the index is built with every candidate kept when a ranker re-ranks). */
  private readonly rulesTuning: Tuning;
  readonly ranker: RankerModel | null;
  /** What the examples and the records' titles look like by grams (built only with a ranker). */
  readonly grams: GramModel | null;
  /** What each record says of the situations it is for (built only with a ranker). */
  readonly situations: SituationModel | null;
  /** The scope gate: a confident answer to a message it is sure asks another agency or nothing is held back. */
  readonly scope: ScopeModel | null;

  constructor(
    procedures: readonly P[],
    synonyms: SynonymsFile,
    examples: readonly LabelledExample[],
    redirects: readonly RedirectTerms[] = [],
    options: {
      tuning?: Tuning;
      examples?: ExampleTuning;
      /**
       * What makes a message the same as an example (default `exactKey`): the catalogue's wiring compares
       * questions as staff see them, numbers scrubbed ("năm [số]"), since that is how staff label them.
       */
      key?: (text: string) => string;
      /** The re-ranker's model; null: none (default: the trained one when `RANKER_ON` and no `examples` tuning is given). */
      ranker?: RankerModel | null;
      /** The scope gate's model (src/search/scope.ts); null: none (default: the trained one, data/scope.json). */
      scope?: ScopeModel | null;
    } = {},
  ) {
    const rulesTuning = options.tuning ?? DEFAULT_TUNING;
    // The nearest-example rules asked for (options.examples) are what a caller measures: no ranker then by default.
    const ranker =
      options.ranker === undefined ? (RANKER_ON && !options.examples ? RANKER_MODEL : null) : options.ranker;
    super(procedures, synonyms, ranker ? { ...candidateTuning(rulesTuning), recall: RECALL } : rulesTuning, redirects);
    this.rulesTuning = rulesTuning;
    this.ranker = ranker;
    this.scope = options.scope === undefined ? SCOPE_MODEL : options.scope;
    const exampleTuning = options.examples ?? DEFAULT_EXAMPLE_TUNING;
    this.exampleTuning = exampleTuning;
    const byCode = new Map<string, P>();
    for (const p of procedures) if (!byCode.has(p.code)) byCode.set(p.code, p);
    this.byCode = byCode;
    const nearestOn =
      ranker !== null ||
      exampleTuning.rerank > 0 ||
      [exampleTuning.promote, exampleTuning.add, exampleTuning.hold, exampleTuning.switch].some((t) => t <= 1);
    const titles = titlesOf(procedures);
    this.examples = new ExampleIndex(examples, synonyms, new Set(byCode.keys()), {
      nearest: nearestOn,
      titles,
      ...(options.key ? { key: options.key } : {}),
    });
    this.grams = ranker ? gramModelOf(rankerDocuments(examples, titles, new Set(byCode.keys()))) : null;
    this.situations = ranker ? situationModelOf(procedures, synonyms, conceptsOf(this.analyzer)) : null;
  }

  /**
   * The rules' candidates (their whole ranking, at most `RANKER_K`, with a ranker; else their hits) and their own
   * outcome, which no example changes.
   */
  candidates(text: string, limit = 5): { rules: SearchOutcome<P>; ranked: Hit<P>[] } {
    if (!this.ranker) {
      const rules = super.searchUncached(text, limit);
      return { rules, ranked: rules.hits };
    }
    const all = super.searchUncached(text, Math.max(limit, RANKER_K));
    if (all.sectionOnly || all.decision === "none") return { rules: all, ranked: all.hits };
    // The rules decide over their own candidates: one the situations alone brought in is the re-ranker's only.
    const own = all.hits.filter((h) => !h.recalled);
    return { rules: { ...all, ...decide(own, limit, this.rulesTuning) }, ranked: all.hits };
  }

  /** The rules' outcome alone (the examples' layer bypassed). */
  rulesUncached(text: string, limit = 5): SearchOutcome<P> {
    return this.candidates(text, limit).rules;
  }

  override searchUncached(text: string, limit = 5): SearchOutcome<P> {
    // Whether a câu mẫu is said word for word is read once for the whole search.
    let exact: Partial<Nearest> | undefined;
    const exactly = () => {
      exact ??= this.examples.exactly(text);
      return exact;
    };
    // The gate's P(out of scope), read at most once: the rescue and the list judge weigh it, and the veto reads it.
    let doubt: number | undefined;
    const gate = () => {
      doubt ??= this.scope ? outOfScope(this.scope, text) : 0;
      return doubt;
    };
    const outcome = this.servedUncached(text, limit, exactly, gate);
    // A câu mẫu said word for word is answered as labelled: the gate reads only what no example labels.
    if (!this.scope || outcome.decision === "none" || exactly().exact !== undefined) return outcome;
    // A list the rules found nothing for is the model's guess: the gate takes it away when it doubts the message is a
    // ward request as much as the guess is sure of its list (`rescueVetoed`).
    if (rescueVetoed(outcome, gate)) {
      const { rescued: _, ...rules } = outcome;
      return { ...rules, decision: "none", hits: [], sure: true };
    }
    // The question alone (scope.ts `questionAloneVetoes`): a story's ward words under a question of another thing.
    // (The request is searched by itself with this rule off, so that it never reads its own request again.)
    if (
      !this.requestOnly &&
      questionAloneVetoes(text, outcome, this.scope, gate, (request) => this.searchRequest(request, limit))
    ) {
      const { rescued: _, ...rules } = outcome;
      return { ...rules, decision: "none", hits: [], sure: true };
    }
    // The gate's P read once: a list's judge (`rerank`) or a rescue may have read it already.
    return scopeGate(text, outcome, this.scope, gate);
  }

  /** Set while a message's request is searched by itself (`questionAloneVetoes`). */
  private requestOnly = false;

  /** A message's request searched by itself, the question-alone rule off. */
  private searchRequest(request: string, limit: number): SearchOutcome<P> {
    this.requestOnly = true;
    try {
      return this.searchUncached(request, limit);
    } finally {
      this.requestOnly = false;
    }
  }

  /** The served outcome before the scope gate. */
  private servedUncached(
    text: string,
    limit: number,
    exactly: () => Partial<Nearest> = () => this.examples.exactly(text),
    gate: () => number,
  ): SearchOutcome<P> {
    const { rules: outcome, ranked } = this.candidates(text, limit);
    if (outcome.sectionOnly || this.examples.size === 0) return outcome;
    if (this.ranker && this.grams) {
      // The nearest examples are read (the message analysed once more) only where the model re-ranks: not for a
      // câu mẫu said word for word, nor where the rules found a single candidate (rerank keeps those).
      const exact = exactly();
      if (exact.exact === undefined) {
        // Where the rules found nothing, only a model that may offer its first candidates (`rescue`) reads on.
        // …and only over two candidates of the rules' own or more (one the situations alone brought makes no choice).
        if (ranked.filter((h) => !h.recalled).length < 2 || (outcome.decision === "none" && !this.ranker.rescue))
          return outcome;
        // The rules' analysis of the message serves when no spelling fix changed it (the same synonyms read it).
        const plain = this.lastPlain?.text === text ? this.lastPlain.query : undefined;
        const near = this.examples.nearest(text, this.exampleTuning.second, exact, plain);
        return this.reranked(text, outcome, ranked, near, limit, gate);
      }
      if (exact.exact === NONE || this.byCode.has(exact.exact)) {
        // withExamples reads only the exact label then.
        return withExamples(outcome, { codes: [], none: 0, ...exact }, this.byCode, this.exampleTuning);
      }
    }
    const near = this.examples.nearest(text, this.exampleTuning.second, exactly());
    if (this.ranker && this.grams && near.exact === undefined) {
      return this.reranked(text, outcome, ranked, near, limit, gate);
    }
    return withExamples(outcome, near, this.byCode, this.exampleTuning);
  }

  /** The rules' outcome re-ranked by the model (`rerank`), the gate's doubt read for a rescue (`gate`). */
  private reranked(
    text: string,
    outcome: SearchOutcome<P>,
    ranked: readonly Hit<P>[],
    near: Nearest,
    limit: number,
    gate: () => number,
  ): SearchOutcome<P> {
    const model = this.ranker as RankerModel;
    const grams = this.grams as GramModel;
    return rerank(text, outcome, this.recall(ranked, near), near, grams, model, limit, this.situations, gate);
  }

  /** The re-ranker's candidates: the rules' first ones and those the nearest câu mẫu bring (`withNearest`). */
  private recall(ranked: readonly Hit<P>[], near: Nearest): Hit<P>[] {
    return withNearest(ranked, near, (code) => this.byCode.get(code));
  }
}

/** The synonym concepts (named things) a text says, as the analyzer maps it: what `SituationModel` reads beside its words. */
export function conceptsOf(analyzer: Analyzer): (text: string) => string[] {
  return (text) => analyzer.document(text).flatMap((w) => (analyzer.concepts.has(w.token) ? [w.token] : []));
}

/**
 * What the gram model learns from: the examples whose code the catalogue has (or `none`), and the names and
 * aliases of each labelled procedure (as `ExampleIndex` takes them).
 */
export function rankerDocuments(
  examples: readonly LabelledExample[],
  titles: ReadonlyMap<string, readonly string[]>,
  known: ReadonlySet<string>,
): Array<{ text: string; code: string }> {
  const docs = examples
    .filter((e) => e.code === NONE || known.has(e.code))
    .map((e) => ({ text: e.text, code: e.code }));
  const labelled = new Set(docs.map((d) => d.code));
  for (const code of labelled) for (const title of titles.get(code) ?? []) docs.push({ text: title, code });
  return docs;
}

/** A labelled message as an example: its first code (the plain procedure before its liên thông bundle), or none. */
export const asExample = (q: LabelledQuery): LabelledExample => ({ text: q.query, code: q.expected[0] ?? NONE });

/** The fold (0 … folds-1) of each of `count` items: a seeded shuffle (mulberry32) dealt round, so folds differ by one at most. */
export function foldsOf(count: number, folds: number, seed: number): Int32Array {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const fold = new Int32Array(count);
  order.forEach((item, k) => {
    fold[item] = k % folds;
  });
  return fold;
}

/**
 * Each message's outcome under k-fold cross-validation: the rules' outcome (which no example changes), then
 * changed by the examples of the other folds and `extra` (staff's) only, never by the message's own label.
 */
export function crossValidate<P extends SearchableProcedure>(options: {
  index: ExampleSearch<P>;
  records: readonly P[];
  synonyms: SynonymsFile;
  queries: readonly LabelledQuery[];
  tuning?: ExampleTuning;
  extra?: readonly LabelledExample[];
  folds?: number;
  seed?: number;
  /** What makes a message the same as an example, as the served search has it. */
  key?: (text: string) => string;
}): Map<string, SearchOutcome<P>> {
  const { index, records, synonyms, queries, extra = [], folds = 5, seed = 20261202, key } = options;
  const tuning = options.tuning ?? DEFAULT_EXAMPLE_TUNING;
  const fold = foldsOf(queries.length, folds, seed);
  const codes = new Set(records.map((p) => p.code));
  const titles = titlesOf(records);
  const byCode = new Map(records.map((p) => [p.code, p]));
  const outcomes = new Map<string, SearchOutcome<P>>();
  for (let f = 0; f < folds; f++) {
    const taught = [...queries.filter((_, i) => fold[i] !== f).map(asExample), ...extra];
    const near = new ExampleIndex(taught, synonyms, codes, { titles, ...(key ? { key } : {}) });
    queries.forEach((q, i) => {
      if (fold[i] !== f) return;
      const rules = index.rulesUncached(q.query);
      outcomes.set(
        q.query,
        rules.sectionOnly ? rules : withExamples(rules, near.nearest(q.query, tuning.second), byCode, tuning),
      );
    });
  }
  return outcomes;
}

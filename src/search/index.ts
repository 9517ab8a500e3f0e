import Fuse from "fuse.js";
import type { Procedure, SynonymsFile } from "../catalogue/schema.js";
import { Analyzer } from "./analyzer.js";
import type { Intent } from "./intent.js";
import type { Word } from "./normalize.js";

export type Decision = "answer" | "choose" | "none";

export interface Hit {
  procedure: Procedure;
  score: number;
  /** The score's parts, for tuning and diagnosis. */
  parts: { coverage: number; pairs: number; title: number };
}

export interface SearchOutcome {
  decision: Decision;
  intent: Intent;
  /** Best first, at most `limit`. Empty when the decision is `none`. */
  hits: Hit[];
}

// How much a word counts by where it stands: the official name above what citizens call it above the field.
const FIELD_WEIGHT = { name: 1, alias: 0.9, field: 0.5, qualifier: 0.4 } as const;
const CANDIDATES = 30;
const RECENT_QUERIES = 1_000;
/** A typed accent that contradicts the record's ("mồ côi" vs "mở") leaves this much of the match. */
const ACCENT_MISMATCH = 0.3;

/**
 * Ranking weights and decision thresholds, tuned on the dev set and checked on a held-out set
 * (scripts/bench-search.ts prints both). Scores are in 0..1.
 */
export const DEFAULT_TUNING = {
  /** Share of the query's words (idf-weighted) the record contains. */
  coverage: 0.6,
  /** Share of the query's adjacent word pairs found in the record's titles. */
  pairs: 0.2,
  /** Share of the best title's words the query says (penalises variants the query didn't ask for). */
  title: 0.2,
  /** A word that no record has weighs this fraction of the rarest known word. */
  unknownIdf: 0.5,
  titlePower: 2,
  answer: 0.62,
  margin: 0.08,
  choose: 0.42,
  window: 0.2,
};
export type Tuning = typeof DEFAULT_TUNING;

interface Entry {
  procedure: Procedure;
  /** Best field weight of each token. */
  weights: Map<string, number>;
  /** Accent signatures each token has in this record's text. */
  marks: Map<string, Set<string>>;
  /** Adjacent word pairs of the name and aliases. */
  pairs: Set<string>;
  /** Token lists of the name and each alias. */
  titles: string[][];
}

/**
 * The search index: an inverted index over folded, synonym-mapped tokens finds
 * candidates and scores their coverage of the query in one pass over the postings;
 * fuse.js only corrects typos against the vocabulary, which is small.
 */
export class ProcedureSearch {
  private readonly analyzer: Analyzer;
  private readonly entries: Entry[];
  /** For each token, the records holding it and its field weight in each (parallel arrays). */
  private readonly postings = new Map<string, { ids: number[]; weights: number[] }>();
  /** Scratch accumulator, one slot per record, cleared after each query. */
  private readonly scores: Float64Array;
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;
  private readonly vocabulary: Fuse<string>;
  private readonly corrections = new Map<string, string | null>();
  private readonly recent = new Map<string, SearchOutcome>();
  /** Every raw word of the catalogue and of the analyzer's own lists, before synonym mapping. */
  private readonly rawVocabulary: Set<string>;

  constructor(
    procedures: readonly Procedure[],
    synonyms: SynonymsFile,
    private readonly tuning: Tuning = DEFAULT_TUNING,
  ) {
    this.analyzer = new Analyzer(synonyms);
    this.rawVocabulary = new Set(this.analyzer.vocabulary);
    this.entries = procedures.map((p) => this.prepare(p));
    this.entries.forEach((entry, i) => {
      for (const [token, weight] of entry.weights) {
        const list = this.postings.get(token) ?? { ids: [], weights: [] };
        list.ids.push(i);
        list.weights.push(weight);
        this.postings.set(token, list);
      }
    });
    this.scores = new Float64Array(this.entries.length);
    const n = Math.max(1, this.entries.length);
    for (const [token, list] of this.postings) this.idf.set(token, Math.log(1 + n / list.ids.length));
    this.unknownIdf = Math.log(1 + n) * tuning.unknownIdf;
    // Typos are corrected toward words of the catalogue as written, before synonyms map them.
    this.vocabulary = new Fuse(
      [...this.rawVocabulary].filter((t) => t.length >= 3),
      {
        includeScore: true,
        threshold: 0.3,
        ignoreLocation: true,
      },
    );
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Citizens ask the same few questions over and over; a small cache of recent outcomes
   * (dropped with the index on every catalogue reload) spares the event loop the repeats.
   */
  search(text: string, limit = 5): SearchOutcome {
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
  searchUncached(text: string, limit = 5): SearchOutcome {
    const query = this.analyzer.query(text, (token) => this.correct(token));
    // Each distinct word once, with its largest weight. Numbers ("1 trang") are details, not procedure names.
    const terms = new Map<string, { word: Word; weight: number }>();
    query.words.forEach((word, k) => {
      if (/^\d+$/.test(word.token)) return;
      const weight = query.weights[k] ?? 1;
      if ((terms.get(word.token)?.weight ?? 0) < weight) terms.set(word.token, { word, weight });
    });
    let total = 0;
    for (const { word, weight } of terms.values()) total += this.weightOf(word.token) * weight;
    if (total === 0) return { decision: "none", intent: query.intent, hits: [] };

    // Coverage by accumulation over postings: Σ idf · query weight · field weight, for every record with a query word.
    const scores = this.scores;
    const touched: number[] = [];
    for (const { word, weight } of terms.values()) {
      const list = this.postings.get(word.token);
      if (!list) continue;
      const idf = this.weightOf(word.token) * weight;
      const typedAccents = word.marks !== "";
      for (let k = 0; k < list.ids.length; k++) {
        const i = list.ids[k] as number;
        const fit = typedAccents ? accentFit(this.entries[i] as Entry, word) : 1;
        // Every contribution is positive (idf > 0, field weights > 0), so 0 means "not touched yet".
        const sofar = scores[i] as number;
        if (sofar === 0) touched.push(i);
        scores[i] = sofar + idf * (list.weights[k] as number) * fit;
      }
    }
    const candidates = this.best(touched, CANDIDATES);
    for (const i of touched) scores[i] = 0;

    const queryPairs = pairsOf(query.words.map((w) => w.token));
    const { coverage: wc, pairs: wp, title: wt } = this.tuning;
    const ranked = candidates
      .map(([i, sum]): Hit => {
        const entry = this.entries[i] as Entry;
        const coverage = Math.min(1, sum / total);
        const said = new Set(
          [...terms.values()].filter((t) => accentFit(entry, t.word) === 1).map((t) => t.word.token),
        );
        const title = Math.max(...entry.titles.map((t) => this.titleCoverage(t, said)));
        // A one-word query has no pairs: then how much of a title it says stands in for them.
        const pairs =
          queryPairs.length === 0 ? title : queryPairs.filter((p) => entry.pairs.has(p)).length / queryPairs.length;
        return {
          procedure: entry.procedure,
          score: wc * coverage + wp * pairs + wt * title,
          parts: { coverage, pairs, title },
        };
      })
      .sort((a, b) => b.score - a.score || a.procedure.name.length - b.procedure.name.length);

    return { intent: query.intent, ...decide(ranked, limit, this.tuning) };
  }

  /**
   * The `k` best records by accumulated score, without sorting them all; ties go to the
   * shorter name, so the plain procedure comes before its look-alike variants.
   */
  private best(touched: readonly number[], k: number): Array<[number, number]> {
    const top: Array<[number, number]> = [];
    const nameLength = (i: number) => (this.entries[i] as Entry).procedure.name.length;
    const before = (a: [number, number], b: [number, number]) =>
      a[1] > b[1] || (a[1] === b[1] && nameLength(a[0]) < nameLength(b[0]));
    for (const i of touched) {
      const item: [number, number] = [i, this.scores[i] as number];
      const last = top[top.length - 1];
      if (top.length === k && last && !before(item, last)) continue;
      let at = top.length;
      while (at > 0 && before(item, top[at - 1] as [number, number])) at--;
      top.splice(at, 0, item);
      if (top.length > k) top.pop();
    }
    return top;
  }

  private weightOf(token: string): number {
    return this.idf.get(token) ?? this.unknownIdf;
  }

  /** Share of a title's words (idf-weighted) that the query says: prefers the plain procedure over its variants. */
  private titleCoverage(title: string[], query: Set<string>): number {
    let all = 0;
    let hit = 0;
    for (const t of new Set(title)) {
      const w = this.weightOf(t) ** this.tuning.titlePower;
      all += w;
      if (query.has(t)) hit += w;
    }
    return all === 0 ? 0 : hit / all;
  }

  /**
   * A word no record, synonym or cue has, long enough to be a typo, is replaced by a
   * vocabulary word fuse.js finds that starts with the same letter (typos rarely hit
   * the first one) and is one edit away (two for long words).
   */
  private correct(token: string): string | undefined {
    if (this.rawVocabulary.has(token) || token.length < 4 || /\d/.test(token)) return undefined;
    let fixed = this.corrections.get(token);
    if (fixed === undefined) {
      const allowed = token.length <= 5 ? 1 : 2;
      fixed =
        this.vocabulary
          .search(token, { limit: 8 })
          .map((r) => r.item)
          .find((word) => word[0] === token[0] && editDistance(word, token) <= allowed) ?? null;
      if (this.corrections.size > 10_000) this.corrections.clear();
      this.corrections.set(token, fixed);
    }
    return fixed ?? undefined;
  }

  private prepare(procedure: Procedure): Entry {
    const weights = new Map<string, number>();
    const marks = new Map<string, Set<string>>();
    const add = (words: Word[], w: number) => {
      for (const { token, marks: m } of words) {
        if ((weights.get(token) ?? 0) < w) weights.set(token, w);
        const set = marks.get(token) ?? new Set<string>();
        set.add(m);
        marks.set(token, set);
      }
    };
    // Parentheses in official names hold qualifiers ("(áp dụng cho cả trường hợp…)"), not what citizens ask for.
    const qualifiers = procedure.name.match(/\([^)]*\)/g) ?? [];
    const name = this.analyzer.document(procedure.name.replace(/\([^)]*\)/g, " "));
    const aliases = procedure.aliases.map((a) => this.analyzer.document(a));
    for (const q of qualifiers) add(this.analyzer.document(q), FIELD_WEIGHT.qualifier);
    add(name, FIELD_WEIGHT.name);
    for (const a of aliases) add(a, FIELD_WEIGHT.alias);
    add(this.analyzer.document(procedure.field), FIELD_WEIGHT.field);
    for (const text of [procedure.name, procedure.field, ...procedure.aliases]) {
      for (const t of this.analyzer.rawTokens(text)) this.rawVocabulary.add(t);
    }
    const titles = [name, ...aliases].map((words) => words.map((w) => w.token));
    return { procedure, weights, marks, pairs: new Set(titles.flatMap(pairsOf)), titles };
  }
}

/** 1 when the word as typed fits the record (no accents typed, or the same accents), else the mismatch weight. */
function accentFit(entry: Entry, word: Word): number {
  if (word.marks === "") return 1;
  const seen = entry.marks.get(word.token);
  return !seen || seen.has(word.marks) || seen.has("") ? 1 : ACCENT_MISMATCH;
}

function decide(ranked: Hit[], limit: number, tuning: Tuning): { decision: Decision; hits: Hit[] } {
  const [top, second] = ranked;
  if (!top || top.score < tuning.choose) return { decision: "none", hits: [] };
  // The query says one procedure's whole title and little else: that one, even if a variant scores close.
  const exact = top.parts.title === 1 && top.parts.coverage >= 0.95 && (second?.parts.title ?? 0) < 1;
  const clear = exact || !second || top.score - second.score >= tuning.margin;
  if (top.score >= tuning.answer && clear) return { decision: "answer", hits: ranked.slice(0, limit) };
  const close = ranked.filter((h) => h.score >= top.score - tuning.window && h.score >= tuning.choose);
  return { decision: "choose", hits: close.slice(0, limit) };
}

function pairsOf(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < tokens.length; i++) out.push(`${tokens[i - 1]} ${tokens[i]}`);
  return out;
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

import Fuse from "fuse.js";
import type { Procedure, SynonymsFile } from "../catalogue/schema.js";
import { Analyzer } from "./analyzer.js";
import type { Intent } from "./intent.js";

export type Decision = "answer" | "choose" | "none";

export interface Hit {
  procedure: Procedure;
  score: number;
}

export interface SearchOutcome {
  decision: Decision;
  intent: Intent;
  /** Best first, at most `limit`. Empty when the decision is `none`. */
  hits: Hit[];
}

// How much a word counts by where it stands: the official name above what citizens call it above the field.
const FIELD_WEIGHT = { name: 1, alias: 0.9, field: 0.5, body: 0.3 } as const;
const CANDIDATES = 30;
const FUZZY_PENALTY = 0.75;

// Decision thresholds, tuned on the dev set (see scripts/bench-search.ts).
const ANSWER_SCORE = 0.62;
const ANSWER_MARGIN = 0.08;
const CHOOSE_SCORE = 0.42;
const CHOOSE_WINDOW = 0.2;

interface Entry {
  procedure: Procedure;
  /** Best field weight of each token. */
  weights: Map<string, number>;
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
  private readonly postings = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;
  private readonly vocabulary: Fuse<string>;
  private readonly corrections = new Map<string, string | null>();

  constructor(procedures: readonly Procedure[], synonyms: SynonymsFile) {
    this.analyzer = new Analyzer(synonyms);
    this.entries = procedures.map((p) => this.prepare(p));
    this.entries.forEach((entry, i) => {
      for (const token of entry.weights.keys()) {
        const list = this.postings.get(token);
        if (list) list.push(i);
        else this.postings.set(token, [i]);
      }
    });
    const n = Math.max(1, this.entries.length);
    for (const [token, list] of this.postings) this.idf.set(token, Math.log(1 + n / list.length));
    this.unknownIdf = Math.log(1 + n);
    this.vocabulary = new Fuse(
      [...this.postings.keys()].filter((t) => t.length >= 3),
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

  search(text: string, limit = 5): SearchOutcome {
    const { intent, tokens: raw } = this.analyzer.query(text);
    const tokens = raw.map((t) => this.correct(t));
    const unique = uniqueBy(tokens, (t) => t.token);
    const total = unique.reduce((sum, t) => sum + this.weightOf(t.token), 0);
    if (total === 0) return { decision: "none", intent, hits: [] };

    // Coverage by accumulation over postings: Σ idf · field weight, for every record that has a query word.
    const covered = new Map<number, number>();
    for (const { token, fuzzy } of unique) {
      const idf = this.weightOf(token);
      for (const i of this.postings.get(token) ?? []) {
        const w = (this.entries[i] as Entry).weights.get(token) ?? 0;
        covered.set(i, (covered.get(i) ?? 0) + idf * w * (fuzzy ? FUZZY_PENALTY : 1));
      }
    }
    const candidates = [...covered.entries()].sort((a, b) => b[1] - a[1]).slice(0, CANDIDATES);

    const queryPairs = pairsOf(tokens.map((t) => t.token));
    const querySet = new Set(unique.map((t) => t.token));
    const ranked = candidates
      .map(([i, sum]) => {
        const entry = this.entries[i] as Entry;
        const coverage = sum / total;
        const pairs =
          queryPairs.length === 0 ? coverage : queryPairs.filter((p) => entry.pairs.has(p)).length / queryPairs.length;
        const title = Math.max(...entry.titles.map((t) => this.titleCoverage(t, querySet)));
        return { procedure: entry.procedure, score: 0.6 * coverage + 0.2 * pairs + 0.2 * title };
      })
      .sort((a, b) => b.score - a.score || a.procedure.name.length - b.procedure.name.length);

    return { intent, ...decide(ranked, limit) };
  }

  private weightOf(token: string): number {
    return this.idf.get(token) ?? this.unknownIdf;
  }

  /** Share of a title's words (idf-weighted) that the query says: prefers the plain procedure over its variants. */
  private titleCoverage(title: string[], query: Set<string>): number {
    let all = 0;
    let hit = 0;
    for (const t of new Set(title)) {
      const w = this.weightOf(t);
      all += w;
      if (query.has(t)) hit += w;
    }
    return all === 0 ? 0 : hit / all;
  }

  /** A word we don't know, long enough to be a typo of one we do, is replaced by its nearest neighbour. */
  private correct(token: string): { token: string; fuzzy: boolean } {
    if (this.idf.has(token) || token.length < 4 || /\d/.test(token)) return { token, fuzzy: false };
    let fixed = this.corrections.get(token);
    if (fixed === undefined) {
      fixed = this.vocabulary.search(token, { limit: 1 })[0]?.item ?? null;
      if (this.corrections.size > 10_000) this.corrections.clear();
      this.corrections.set(token, fixed);
    }
    return fixed ? { token: fixed, fuzzy: true } : { token, fuzzy: false };
  }

  private prepare(procedure: Procedure): Entry {
    const weights = new Map<string, number>();
    const add = (tokens: string[], w: number) => {
      for (const t of tokens) if ((weights.get(t) ?? 0) < w) weights.set(t, w);
    };
    const name = this.analyzer.document(procedure.name);
    const aliases = procedure.aliases.map((a) => this.analyzer.document(a));
    add(name, FIELD_WEIGHT.name);
    for (const a of aliases) add(a, FIELD_WEIGHT.alias);
    add(this.analyzer.document(procedure.field), FIELD_WEIGHT.field);
    add(this.analyzer.document(procedure.result), FIELD_WEIGHT.body);
    const titles = [name, ...aliases];
    return { procedure, weights, pairs: new Set(titles.flatMap(pairsOf)), titles };
  }
}

function decide(ranked: Hit[], limit: number): { decision: Decision; hits: Hit[] } {
  const [top, second] = ranked;
  if (!top || top.score < CHOOSE_SCORE) return { decision: "none", hits: [] };
  const clear = !second || top.score - second.score >= ANSWER_MARGIN;
  if (top.score >= ANSWER_SCORE && clear) return { decision: "answer", hits: ranked.slice(0, limit) };
  const close = ranked.filter((h) => h.score >= top.score - CHOOSE_WINDOW && h.score >= CHOOSE_SCORE);
  if (close.length === 1)
    return { decision: top.score >= ANSWER_SCORE ? "answer" : "choose", hits: ranked.slice(0, limit) };
  return { decision: "choose", hits: close.slice(0, limit) };
}

function pairsOf(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < tokens.length; i++) out.push(`${tokens[i - 1]} ${tokens[i]}`);
  return out;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

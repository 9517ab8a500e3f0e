import type { SearchOutcome } from "./index.js";

/**
 * One labelled message: the acceptable codes (empty = nothing in the catalogue answers it)
 * and the acceptable sections (usually one; "documents|place" when the message asks two).
 */
export interface LabelledQuery {
  query: string;
  expected: string[];
  intents: string[];
  /** How it is written (plain, letter, chat …) when the set says so. */
  style?: string;
  /** For out-of-scope messages: smalltalk, redirect or other. */
  oos?: string;
}

/**
 * Reads a labelled TSV with a header line. Two layouts: the eval/ set (named columns id,
 * query, expected, intent, style, length, oos, topic; `none` for no code) and the older
 * test/fixtures sets (query, expected, intent; `-` for no code).
 */
export function parseLabelledQueries(tsv: string): LabelledQuery[] {
  const lines = tsv.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = (lines[0] ?? "").split("\t");
  const column = (name: string, fallback: number) => {
    const at = header.indexOf(name);
    return at < 0 ? fallback : at;
  };
  const [q, e, i, s, o] = [
    column("query", 0),
    column("expected", 1),
    column("intent", 2),
    column("style", -1),
    column("oos", -1),
  ];
  return lines.slice(1).map((line) => {
    const cells = line.split("\t");
    const expected = cells[e] ?? "-";
    const oos = o < 0 ? undefined : cells[o];
    return {
      query: cells[q] ?? "",
      expected: expected === "-" || expected === "none" ? [] : expected.split("|"),
      intents: (cells[i] || "general").split("|"),
      ...(s < 0 ? {} : { style: cells[s] }),
      ...(oos && oos !== "-" ? { oos } : {}),
    };
  });
}

/** What is measured on a set of messages; rates are shares of the messages they are about. */
export interface Accuracy {
  /** In-scope messages whose codes are all in the catalogue (the others are skipped). */
  inScope: number;
  skipped: number;
  top1: number;
  top3: number;
  /** Section right, over in-scope messages. */
  intent: number;
  /** Top-1 over in-scope messages of 150 characters and more, and over the rest. */
  long: { count: number; top1: number };
  rest: { count: number; top1: number };
  outOfScope: number;
  /** Share of out-of-scope messages given an answer (any answer is wrong there). */
  confidentWrong: number;
  /** Share of out-of-scope messages given a "which one?" list. */
  offers: number;
  /** Share of no-match messages answered `none` (the older fixtures' figure). */
  noneCorrect: number;
  misses: Array<{ query: string; expected: string; got: string }>;
}

export interface Searcher {
  search(text: string): SearchOutcome;
}

const LONG = 150;

/** Top-k counts over in-scope messages; a `none` decision counts as a miss there. */
export function measureAccuracy(
  search: Searcher,
  queries: readonly LabelledQuery[],
  known?: ReadonlySet<string>,
): Accuracy {
  let top1 = 0;
  let top3 = 0;
  let intent = 0;
  let skipped = 0;
  let answered = 0;
  let offered = 0;
  const long = { count: 0, top1: 0 };
  const rest = { count: 0, top1: 0 };
  const misses: Accuracy["misses"] = [];
  let inScope = 0;
  let outOfScope = 0;
  for (const q of queries) {
    if (known && q.expected.some((c) => !known.has(c))) {
      skipped++;
      continue;
    }
    const outcome = search.search(q.query);
    const codes = outcome.decision === "none" ? [] : outcome.hits.map((h) => h.procedure.code);
    const got = `${outcome.decision}/${outcome.intent} ${codes.slice(0, 3).join(",")}`;
    if (q.expected.length === 0) {
      outOfScope++;
      if (outcome.decision === "answer") answered++;
      if (outcome.decision === "choose") offered++;
      if (outcome.decision !== "none") misses.push({ query: q.query, expected: "none", got });
      continue;
    }
    inScope++;
    const intentRight = q.intents.includes(outcome.intent);
    if (intentRight) intent++;
    const first = codes[0];
    const right = first !== undefined && q.expected.includes(first);
    const bucket = [...q.query].length >= LONG ? long : rest;
    bucket.count++;
    if (right) {
      top1++;
      bucket.top1++;
    }
    if (codes.slice(0, 3).some((c) => q.expected.includes(c))) top3++;
    if (!right || !intentRight) {
      misses.push({ query: q.query, expected: `${q.expected.join("|")}/${q.intents.join("|")}`, got });
    }
  }
  const share = (n: number, of: number) => (of === 0 ? 1 : n / of);
  return {
    inScope,
    skipped,
    top1: share(top1, inScope),
    top3: share(top3, inScope),
    intent: share(intent, inScope),
    long: { count: long.count, top1: share(long.top1, long.count) },
    rest: { count: rest.count, top1: share(rest.top1, rest.count) },
    outOfScope,
    confidentWrong: share(answered, outOfScope) * (outOfScope === 0 ? 0 : 1),
    offers: share(offered, outOfScope) * (outOfScope === 0 ? 0 : 1),
    noneCorrect: share(outOfScope - answered - offered, outOfScope),
    misses,
  };
}

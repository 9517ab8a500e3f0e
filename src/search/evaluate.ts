import type { ProcedureSearch } from "./index.js";

/** One labelled query: the acceptable codes (empty = nothing should match) and the intent. */
export interface LabelledQuery {
  query: string;
  expected: string[];
  intent: string;
}

export function parseLabelledQueries(tsv: string): LabelledQuery[] {
  return tsv
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [query = "", expected = "-", intent = "general"] = line.split("\t");
      return { query, expected: expected === "-" ? [] : expected.split("|"), intent };
    });
}

export interface Accuracy {
  top1: number;
  top3: number;
  /** Share of no-match queries answered `none`. */
  noneCorrect: number;
  intent: number;
  misses: Array<{ query: string; expected: string; got: string }>;
}

/** Top-k counts over queries that have an expected code; a `none` decision counts as a miss. */
export function measureAccuracy(search: ProcedureSearch, queries: readonly LabelledQuery[]): Accuracy {
  let top1 = 0;
  let top3 = 0;
  let intent = 0;
  let none = 0;
  const misses: Accuracy["misses"] = [];
  const positives = queries.filter((q) => q.expected.length > 0);
  for (const q of queries) {
    const outcome = search.search(q.query);
    if (outcome.intent === q.intent) intent++;
    const codes = outcome.decision === "none" ? [] : outcome.hits.map((h) => h.procedure.code);
    if (q.expected.length === 0) {
      if (outcome.decision === "none") none++;
      else misses.push({ query: q.query, expected: "-", got: `${outcome.decision} ${codes.slice(0, 3).join(",")}` });
      continue;
    }
    const first = codes[0];
    if (first && q.expected.includes(first)) top1++;
    else
      misses.push({
        query: q.query,
        expected: q.expected.join("|"),
        got: `${outcome.decision} ${codes.slice(0, 3).join(",")}`,
      });
    if (codes.slice(0, 3).some((c) => q.expected.includes(c))) top3++;
  }
  const negatives = queries.length - positives.length;
  return {
    top1: top1 / Math.max(1, positives.length),
    top3: top3 / Math.max(1, positives.length),
    noneCorrect: negatives === 0 ? 1 : none / negatives,
    intent: intent / Math.max(1, queries.length),
    misses,
  };
}

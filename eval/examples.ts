// npx tsx eval/examples.ts — rebuilds the eval-derived labelled examples ("câu mẫu") of data/examples.json
// from eval/tuning.tsv ONLY (never the held-out part: it measures whether the examples generalise).
// Entries from any other source (staff labelling unanswered questions in the console) are kept as they are.
//
//   npx tsx eval/examples.ts            rewrite data/examples.json
//   npx tsx eval/examples.ts --check    exit 1 if the file is not what a rebuild would write
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "../src/catalogue/load.js";
import type { LabelledQuery } from "../src/search/evaluate.js";
import {
  DEFAULT_EXAMPLE_TUNING,
  ExampleIndex,
  type ExampleSearch,
  type ExampleTuning,
  type LabelledExample,
  NONE,
  titlesOf,
  withExamples,
} from "../src/search/examples.js";
import { ProcedureSearch, type SearchOutcome } from "../src/search/index.js";
import type { SearchableProcedure, SynonymsFile } from "../src/search/records.js";

/** One entry of data/examples.json (the catalogue's loader checks the file; this writes it). */
export interface ExampleEntry {
  text: string;
  /** A catalogue code, or "none". */
  code: string;
  intent?: string;
  /** Where the phrasing comes from: "eval/tuning.tsv m0001", or the staff console's. */
  source: string;
  added?: string;
}

export interface ExamplesFile {
  examples: ExampleEntry[];
}

export const TUNING = "eval/tuning.tsv";

/**
 * The examples of a tuning TSV (columns id, query, expected, intent, …). A message two records answer
 * (`1.001193|3.000722`: a procedure and its liên thông bundle) is an example of the first, the plain
 * procedure the catalogue writes first; its second code answers it too, but one message voting for two
 * codes would only blur both. Its first section likewise. Messages whose code is not in `codes` are skipped.
 */
export function examplesFromTuning(
  tsv: string,
  source: string,
  codes: ReadonlySet<string>,
): { entries: ExampleEntry[]; skipped: number } {
  const lines = tsv.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = (lines[0] ?? "").split("\t");
  const at = (name: string) => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`${source}: no "${name}" column`);
    return k;
  };
  const [id, query, expected, intent] = [at("id"), at("query"), at("expected"), at("intent")];
  const entries: ExampleEntry[] = [];
  let skipped = 0;
  for (const line of lines.slice(1)) {
    const cells = line.split("\t");
    const code = (cells[expected] ?? "").split("|")[0] ?? "";
    if (code !== "none" && !codes.has(code)) {
      skipped++;
      continue;
    }
    const section = (cells[intent] ?? "").split("|")[0];
    entries.push({
      text: (cells[query] ?? "").normalize("NFC"),
      code,
      ...(code !== "none" && section ? { intent: section } : {}),
      source: `${source} ${cells[id]}`,
    });
  }
  return { entries, skipped };
}

/** The rebuilt eval entries first, then every entry from another source as it was. */
export function mergeExamples(existing: readonly ExampleEntry[], derived: readonly ExampleEntry[], source: string) {
  const others = existing.filter((e) => !(e.source === source || e.source.startsWith(`${source} `)));
  return [...derived, ...others];
}

/** Rewrites `file` from `tuningFile` (codes checked against `codes`); returns what it wrote. */
export function rebuildExamples(options: {
  file: string;
  tuningFile: string;
  codes: ReadonlySet<string>;
  source?: string;
}): { file: ExamplesFile; text: string; derived: number; kept: number; skipped: number } {
  const source = options.source ?? TUNING;
  let existing: ExampleEntry[] = [];
  try {
    const parsed = JSON.parse(readFileSync(options.file, "utf8")) as Partial<ExamplesFile>;
    existing = Array.isArray(parsed.examples) ? parsed.examples : [];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const { entries, skipped } = examplesFromTuning(readFileSync(options.tuningFile, "utf8"), source, options.codes);
  const file = { examples: mergeExamples(existing, entries, source) };
  const text = `${JSON.stringify(file, null, 2)}\n`;
  return { file, text, derived: entries.length, kept: file.examples.length - entries.length, skipped };
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
}): Map<string, SearchOutcome<P>> {
  const { index, records, synonyms, queries, extra = [], folds = 5, seed = 20261202 } = options;
  const tuning = options.tuning ?? DEFAULT_EXAMPLE_TUNING;
  const fold = foldsOf(queries.length, folds, seed);
  const codes = new Set(records.map((p) => p.code));
  const titles = titlesOf(records);
  const byCode = new Map(records.map((p) => [p.code, p]));
  const outcomes = new Map<string, SearchOutcome<P>>();
  for (let f = 0; f < folds; f++) {
    const taught = [...queries.filter((_, i) => fold[i] !== f).map(asExample), ...extra];
    const near = new ExampleIndex(taught, synonyms, codes, { titles });
    queries.forEach((q, i) => {
      if (fold[i] !== f) return;
      const rules = ProcedureSearch.prototype.searchUncached.call(index, q.query) as SearchOutcome<P>;
      outcomes.set(
        q.query,
        rules.sectionOnly ? rules : withExamples(rules, near.nearest(q.query, tuning.second), byCode, tuning),
      );
    });
  }
  return outcomes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const file = path.join(root, "data/examples.json");
  const loaded = await loadCatalogue(path.join(root, "data"));
  if (!loaded.ok) throw new Error("the bundled catalogue is invalid: run npm run catalogue:check first");
  const codes = new Set(loaded.catalogue.procedures.map((p) => p.code));
  const built = rebuildExamples({ file, tuningFile: path.join(root, TUNING), codes });
  if (process.argv.includes("--check")) {
    let same = false;
    try {
      same = readFileSync(file, "utf8") === built.text;
    } catch {}
    console.log(same ? "data/examples.json is up to date" : "data/examples.json differs from a rebuild");
    process.exit(same ? 0 : 1);
  }
  writeFileSync(file, built.text);
  console.log(
    `data/examples.json: ${built.derived} examples from ${TUNING}, ${built.kept} from other sources kept; ` +
      `${built.skipped} tuning messages skipped (code not in the catalogue)`,
  );
}

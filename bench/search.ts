// npm run bench:search — accuracy and per-query latency of our search beside plain fuse.js
// (default options, over the same records), at the bundled catalogue and at 10,000 procedures,
// on the labelled set in eval/: the tuning part and the held-out part reported apart; then the
// eval conversations played against the real assistant on the bundled catalogue (follow-up turns).
//
// The search learns from labelled examples (data/examples.json, rebuilt from eval/tuning.tsv by
// eval/examples.ts). Scoring the tuning part with its own messages as examples would be meaningless,
// so the tuning part is scored by 5-fold cross-validation: each fifth (a seeded shuffle) is answered
// with the examples of the other four (and staff's). The held-out part and the other sets are answered
// with all examples, as the bot serves. "rules only" rows are the same index without the examples.
// The learned re-ranker (src/search/ranker.ts, RANKER_ON) is scored on the tuning part by nested
// cross-validation: each fifth is re-ranked by a model trained on the other four only, whose features were
// read against examples that exclude the fifth too; a row beside shows the search without it (or with it, off).
//
//   npm run bench:search               both parts, both sizes, both methods
//   npm run bench:search -- --tune     tuning part and test/fixtures only, with every miss listed
//                                      (what to look at while tuning: it never reads the held-out part)
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Fuse from "fuse.js";
import { LiveCatalogue, labelKey, servedExamples } from "../src/catalogue/live.js";
import { loadCatalogue } from "../src/catalogue/load.js";
import type { Procedure } from "../src/catalogue/schema.js";
import { type Accuracy, type LabelledQuery, measureAccuracy, parseLabelledQueries } from "../src/search/evaluate.js";
import {
  crossValidate,
  DEFAULT_EXAMPLE_TUNING,
  ExampleIndex,
  ExampleSearch,
  type ExampleTuning,
  NEAREST_EXAMPLE_TUNING,
  titlesOf,
  withExamples,
} from "../src/search/examples.js";
import type { Hit, SearchOutcome } from "../src/search/index.js";
import { RANKER_MODEL, RANKER_ON } from "../src/search/ranker.js";
import { crossValidateRanker } from "../src/search/ranker-train.js";
import { conversations, playConversations } from "../test/harness/eval-conversations.js";
import { seededRandom } from "../test/harness/reliability-generator.js";
import { syntheticCatalogue } from "../test/harness/synthetic-catalogue.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TUNE = process.argv.includes("--tune");
/** With --tune: only the bundled catalogue (a quick look). */
const SMALL = process.argv.includes("--small");
const readQueries = (file: string) => parseLabelledQueries(readFileSync(path.join(ROOT, file), "utf8"));

const sets: Array<{ name: string; queries: LabelledQuery[] }> = [
  { name: "eval tuning", queries: readQueries("eval/tuning.tsv") },
];
// The held-out part is read only for the report, never in tuning mode.
if (!TUNE && existsSync(path.join(ROOT, "eval/heldout.tsv"))) {
  sets.push({ name: "eval held-out", queries: readQueries("eval/heldout.tsv") });
}
sets.push(
  // Messages the search helper wrote in many styles, apart from eval/: a check that tuning generalises.
  { name: "own generalisation", queries: readQueries("test/search/generalisation.tsv") },
  { name: "fixtures dev", queries: readQueries("test/fixtures/dev-queries.tsv") },
  { name: "fixtures holdout", queries: readQueries("test/fixtures/holdout-queries.tsv") },
);

const loaded = await loadCatalogue(path.join(ROOT, "data"));
if (!loaded.ok) throw new Error("bundled catalogue is invalid: run npm run catalogue:check");
const { procedures: bundled, synonyms, redirects } = loaded.catalogue;
// As the live catalogue serves them (staff's labels override).
const examples = servedExamples(loaded.catalogue.examples);
const known = new Set(bundled.map((p) => p.code));
/** Examples from elsewhere than the tuning part (staff's): they serve every fold. */
const TUNING_SOURCE = "eval/tuning.tsv";
const otherExamples = servedExamples(loaded.catalogue.examples.filter((e) => !e.source.startsWith(TUNING_SOURCE)));
const FOLDS = 5;
const FOLD_SEED = 20261202;

/** Plain fuse.js takes most of a second per query at 10,000 records: there it runs on a seeded sample. */
const FUSE_SAMPLE_AT_LARGE = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function timed(search: (q: string) => unknown, queries: readonly LabelledQuery[], rounds: number): [number, number] {
  for (const q of queries.slice(0, 5)) search(q.query); // warm up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const start = performance.now();
      search(q.query);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return [percentile(times, 0.5), percentile(times, 0.95)];
}

function sample<T>(items: readonly T[], n: number): T[] {
  const random = seededRandom(20261201);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

/** Plain fuse.js with its defaults over name, aliases and field: the top hit is the answer, no gate, no intent. */
function fuseSearcher(records: Procedure[]) {
  const fuse = new Fuse(records, { keys: ["name", "aliases", "field"] });
  return {
    search(text: string): SearchOutcome<Procedure> {
      const hits = fuse.search(text, { limit: 5 }).map((r) => ({ procedure: r.item }) as Hit<Procedure>);
      return { decision: hits.length > 0 ? "answer" : "none", intent: "general", hits, sectionOnly: false, sure: true };
    },
  };
}

/**
 * The tuning part scored by cross-validation (eval/examples.ts): no message is answered with its own label. With
 * `"ranker"`, nested: the re-ranker of each fold is trained on the other folds only (src/search/ranker-train.ts).
 */
function crossValidated(
  index: ExampleSearch<Procedure>,
  records: readonly Procedure[],
  queries: readonly LabelledQuery[],
  tuning: ExampleTuning | "ranker",
): { search(text: string): SearchOutcome<Procedure> } {
  if (tuning === "ranker") {
    const outcomes = crossValidateRanker({
      index,
      records,
      synonyms,
      queries,
      extra: otherExamples,
      folds: FOLDS,
      seed: FOLD_SEED,
      key: labelKey,
    });
    return { search: (text) => outcomes.get(text) ?? index.search(text) };
  }
  const outcomes = crossValidate({
    index,
    records,
    synonyms,
    queries,
    tuning,
    extra: otherExamples,
    folds: FOLDS,
    seed: FOLD_SEED,
    key: labelKey,
  });
  return { search: (text) => outcomes.get(text) ?? index.search(text) };
}

/** The index's rules with all examples and the nearest-example rules on (`NEAREST_EXAMPLE_TUNING`). */
function nearestOn(index: ExampleSearch<Procedure>, records: readonly Procedure[]) {
  const near = new ExampleIndex(examples, synonyms, new Set(records.map((p) => p.code)), {
    titles: titlesOf(records),
    key: labelKey,
  });
  const byCode = new Map(records.map((p) => [p.code, p]));
  return {
    search(text: string): SearchOutcome<Procedure> {
      const rules = index.rulesUncached(text);
      if (rules.sectionOnly) return rules;
      return withExamples(rules, near.nearest(text, NEAREST_EXAMPLE_TUNING.second), byCode, NEAREST_EXAMPLE_TUNING);
    },
  };
}

/** The index's rules alone (the examples' layer bypassed). */
const rulesOnly = (index: ExampleSearch<Procedure>) => ({
  search: (text: string) => index.rulesUncached(text),
});

/** The served search without the re-ranker: the rules, then the examples (a message labelled word for word). */
function withoutRanker(index: ExampleSearch<Procedure>, records: readonly Procedure[]) {
  const byCode = new Map(records.map((p) => [p.code, p]));
  return {
    search(text: string): SearchOutcome<Procedure> {
      const rules = index.rulesUncached(text);
      if (rules.sectionOnly || index.examples.size === 0) return rules;
      return withExamples(rules, index.examples.nearest(text), byCode);
    },
  };
}

interface Row {
  set: string;
  method: string;
  records: number;
  accuracy: Accuracy;
  queries: number;
  medianMs: number;
  p95Ms: number;
}

const rows: Row[] = [];
/** One line per measured row on stderr as it completes: a long run shows where it is. */
function progress(r: Row): void {
  const a = r.accuracy;
  console.error(
    `${r.set} · ${r.method} @${r.records}: top-1 ${(a.top1 * 100).toFixed(1)}% top-3 ${(a.top3 * 100).toFixed(1)}% ` +
      `intent ${(a.intent * 100).toFixed(1)}% long ${(a.long.top1 * 100).toFixed(1)}% (${a.long.count}) rest ${(a.rest.top1 * 100).toFixed(1)}% ` +
      `oos answered ${(a.confidentWrong * 100).toFixed(1)}% offers ${(a.offers * 100).toFixed(1)}% ` +
      `median ${r.medianMs.toFixed(3)} ms p95 ${r.p95Ms.toFixed(3)} ms`,
  );
}
const large = SMALL ? bundled : syntheticCatalogue(bundled, 10_000);
const sizes: Array<[Procedure[], number]> = SMALL
  ? [[bundled, 1]]
  : [
      [bundled, 5],
      [large, 2],
    ];
for (const [records, rounds] of sizes) {
  const started = performance.now();
  // As the live catalogue builds it (indexCatalogue), over these records.
  const ours = new ExampleSearch(records, synonyms, examples, redirects, { key: labelKey });
  const buildMs = performance.now() - started;
  console.error(
    `index of ${records.length} records and ${ours.examples.size} examples built in ${buildMs.toFixed(0)} ms`,
  );
  /** With the re-ranker off: an index with it, for its row. */
  let rankedIndex: ExampleSearch<Procedure> | undefined;
  for (const { name, queries } of sets) {
    const [medianMs, p95Ms] = timed((q) => ours.searchUncached(q), queries, rounds);
    const tuningPart = name === "eval tuning";
    const accuracy = measureAccuracy(
      tuningPart
        ? crossValidated(ours, records, queries, RANKER_ON && ours.ranker ? "ranker" : DEFAULT_EXAMPLE_TUNING)
        : ours,
      queries,
      known,
    );
    const measured = (method: string, accuracy: Accuracy): Row => ({
      set: name,
      method,
      records: records.length,
      accuracy,
      queries: queries.length,
      medianMs,
      p95Ms,
    });
    const nested = RANKER_ON && ours.ranker ? ", nested" : "";
    rows.push(measured(tuningPart ? `motcua (${FOLDS}-fold CV${nested})` : "motcua", accuracy));
    progress(rows[rows.length - 1] as Row);
    // The rules alone, and (on the tuning part) the nearest-example rules cross-validation turned down.
    const beside: Row[] = [measured("rules only", measureAccuracy(rulesOnly(ours), queries, known))];
    // The learned re-ranker (src/search/ranker.ts) beside what serves: without it when it is on, with it when off.
    const cv = tuningPart ? ` (${FOLDS}-fold CV${RANKER_ON ? "" : ", nested"})` : "";
    if (RANKER_ON && ours.ranker) {
      const without = tuningPart
        ? crossValidated(ours, records, queries, DEFAULT_EXAMPLE_TUNING)
        : withoutRanker(ours, records);
      beside.push(measured(`without re-ranker${cv}`, measureAccuracy(without, queries, known)));
    } else if (TUNE || records === bundled) {
      rankedIndex ??= new ExampleSearch(records, synonyms, examples, redirects, {
        key: labelKey,
        ranker: RANKER_MODEL,
      });
      const ranked = rankedIndex;
      const withRanker = tuningPart ? crossValidated(ranked, records, queries, "ranker") : ranked;
      beside.push(measured(`re-ranker on${cv}`, measureAccuracy(withRanker, queries, known)));
    }
    // The re-ranker's row is timed too (the search with it and all examples), off or on.
    const rankerRow = !RANKER_ON && rankedIndex ? beside[beside.length - 1] : undefined;
    if (TUNE || records === bundled) {
      const nearest = tuningPart
        ? crossValidated(ours, records, queries, NEAREST_EXAMPLE_TUNING)
        : nearestOn(ours, records);
      beside.push(
        measured(
          `nearest examples on${tuningPart ? ` (${FOLDS}-fold CV)` : ""}`,
          measureAccuracy(nearest, queries, known),
        ),
      );
    }
    for (const row of beside) {
      const ranked = row === rankerRow ? rankedIndex : undefined;
      [row.medianMs, row.p95Ms] = ranked
        ? timed((q) => ranked.searchUncached(q), queries, rounds)
        : [Number.NaN, Number.NaN];
      rows.push(row);
      progress(row);
    }
    if (TUNE && (tuningPart || name === "own generalisation")) {
      console.log(`\n# misses on ${name} @${records.length}${tuningPart ? " (cross-validated)" : ""}`);
      for (const m of accuracy.misses) console.log(`${m.expected}\t${m.got}\t${m.query}`);
    }
  }
  if (TUNE) continue;
  const fuse = fuseSearcher([...records]);
  for (const { name, queries } of sets) {
    const used = records === bundled ? queries : sample(queries, FUSE_SAMPLE_AT_LARGE);
    const [medianMs, p95Ms] = timed((q) => fuse.search(q), used, 1);
    const accuracy = measureAccuracy(fuse, used, known);
    const row = {
      set: name,
      method: "plain fuse.js",
      records: records.length,
      accuracy,
      queries: used.length,
      medianMs,
      p95Ms,
    };
    progress(row);
    rows.push(row);
  }
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
for (const { name } of sets) {
  const part = rows.filter((r) => r.set === name);
  const first = part[0];
  if (!first) continue;
  console.log(
    `\n## ${name}: ${first.queries} messages, ${first.accuracy.inScope} in scope (${first.accuracy.skipped} skipped: ` +
      `code not in the catalogue yet), ${first.accuracy.outOfScope} out of scope`,
  );
  console.table(
    part.map((r) => ({
      method: r.method,
      records: r.records,
      messages: r.queries,
      "top-1": pct(r.accuracy.top1),
      "top-3": pct(r.accuracy.top3),
      intent: pct(r.accuracy.intent),
      "top-1 ≥150 ch": `${pct(r.accuracy.long.top1)} (${r.accuracy.long.count})`,
      "top-1 <150 ch": `${pct(r.accuracy.rest.top1)} (${r.accuracy.rest.count})`,
      "oos answered": pct(r.accuracy.confidentWrong),
      "oos offers": pct(r.accuracy.offers),
      "median ms": Number.isNaN(r.medianMs) ? "-" : r.medianMs.toFixed(3),
      "p95 ms": Number.isNaN(r.p95Ms) ? "-" : r.p95Ms.toFixed(3),
    })),
  );
}
console.log(
  `\nmachine: ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (latency is wall-clock time per query, so a busy machine inflates it)`,
);
console.log(
  `plain fuse.js at ${large.length} records runs on a seeded sample of ${FUSE_SAMPLE_AT_LARGE} messages per set;` +
    ` its intent is always "general" (it has none). "oos answered" is the share of out-of-scope messages given an answer.`,
);
console.log(
  `the tuning part is scored by ${FOLDS}-fold cross-validation (seed ${FOLD_SEED}): each fifth answered with the examples of` +
    ` the other four and staff's (${otherExamples.length}), never its own; the other sets with all ${examples.length} examples` +
    ` of data/examples.json. Latency is the search with all examples; "rules only" rows are timed in the row above.`,
);

// The conversations (issue 11's follow-up target): the whole assistant, not the search alone, on the
// bundled catalogue; the held-out part only when the held-out messages are read (never with --tune).
const conversationFiles = ["conversations-tuning.jsonl", ...(TUNE ? [] : ["conversations-heldout.jsonl"])];
const live = await LiveCatalogue.open(path.join(ROOT, "data"));
console.log("\n## eval conversations (the assistant, bundled catalogue)");
console.table(
  await Promise.all(
    conversationFiles.map(async (file) => {
      const score = await playConversations(conversations(file), live);
      const rate = (right: number, all: number) => `${right}/${all} = ${pct(right / Math.max(1, all))}`;
      return {
        part: file.includes("tuning") ? "tuning" : "held-out",
        conversations: score.conversations,
        "follow-up turns right": rate(score.followUpsRight, score.followUps),
        "after a right turn": rate(score.afterRightRight, score.afterRight),
        "no-procedure turns right": rate(score.noneRight, score.noneTurns),
        // Turns meaning one procedure answered with its section beside other listed ones': not counted right.
        "side by side": score.sideBySide,
      };
    }),
  ),
);
await live.close();

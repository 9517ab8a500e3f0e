// npx tsx bench/search-latency.ts [--size N] [--rounds R] [--limit M] [--only said|unsaid] [--dump FILE | --against FILE]
//   [--first]
//
// The served search's cost alone, without the accuracy rows of bench/search.ts: how long the index takes to build
// (as the live catalogue builds it: an ExampleSearch with the câu mẫu and the re-ranker) and each message's time
// (searchUncached) over eval/tuning.tsv, at the bundled catalogue or a synthetic one of N procedures
// (test/harness/synthetic-catalogue.ts, as bench/search.ts makes it), and how long building it again takes (a
// reload). Every tuning message is a câu mẫu said word for word, so that path never reaches the re-ranker, the list
// judge nor the scope gate's doubt: the messages no câu mẫu says are timed apart ("unsaid":
// test/search/generalisation.tsv, the lookalike probes, and each tuning message with one word dropped or two letters of a word swapped by a seeded
// rule, those that became no câu mẫu; `--only` times one kind). Also printed: how long the modules took to import
// (the models' JSON), the catalogue to load and the first index to build. Small enough to run under a profiler
// (node --cpu-prof, valgrind --tool=callgrind) or side by side with a worktree of an earlier commit.
//
// A change made for speed alone must leave every outcome as it was: `--dump FILE` writes, instead of timing, the served
// search's outcome (decision, intent, section-only, sure, every hit's code and score, then the rules' whole ranking that
// the re-ranker reads, then the list judge's lead and the rescue's mark) for each message of eval/tuning.tsv and of
// every test/search/*.tsv, and each tuning message altered as the "unsaid" timing alters it, at the catalogue of
// `--size`, by the index built again (`--first`: the first one); `--against FILE` reads such a dump (made by an export
// of the earlier commit) and prints every message whose outcome differs (scores compared to 1e-9), exiting 1 when any
// does.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { labelKey, servedExamples } from "../src/catalogue/live.js";
import { loadCatalogue } from "../src/catalogue/load.js";
import { parseLabelledQueries } from "../src/search/evaluate.js";
import { ExampleSearch } from "../src/search/examples.js";
import { seededRandom } from "../test/harness/reliability-generator.js";
import { syntheticCatalogue } from "../test/harness/synthetic-catalogue.js";

const importedMs = performance.now();

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const size = option("--size", 0);
const rounds = option("--rounds", 1);
const limit = option("--limit", Number.POSITIVE_INFINITY);
const text = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const dumpTo = text("--dump");
const against = text("--against");

const loading = performance.now();
const loaded = await loadCatalogue(path.join(ROOT, "data"));
const loadMs = performance.now() - loading;
if (!loaded.ok) throw new Error("bundled catalogue is invalid: run npm run catalogue:check");
const { procedures, synonyms, redirects, examples } = loaded.catalogue;
const records = size > procedures.length ? syntheticCatalogue(procedures, size) : procedures;
const queries = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8"))
  .map((q) => q.query)
  .slice(0, limit);

const started = performance.now();
const index = new ExampleSearch(records, synonyms, servedExamples(examples), redirects, { key: labelKey });
const buildMs = performance.now() - started;
// A reload builds the index again from the same records and câu mẫu (plus a change): what that costs.
const again = performance.now();
const rebuilt = new ExampleSearch(records, synonyms, servedExamples(examples), redirects, { key: labelKey });
const rebuildMs = performance.now() - again;

/** A message's query column of a TSV (lines of "#" are notes). */
function queryColumn(file: string): string[] {
  const lines = readFileSync(path.join(ROOT, file), "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "" && !line.startsWith("#"));
  const column = (lines[0] ?? "").split("\t").indexOf("query");
  return lines.slice(1).map((line) => line.split("\t")[Math.max(column, 0)] ?? "");
}

/** A tuning message as a citizen might type it otherwise: one word dropped, or two letters of a word swapped. */
function altered(message: string, random: () => number): string {
  const words = message.split(/\s+/).filter((w) => w !== "");
  if (words.length >= 3 && random() < 0.5) {
    words.splice(Math.floor(random() * words.length), 1);
    return words.join(" ");
  }
  const long = words.map((w, k) => [w, k] as const).filter(([w]) => [...w].length >= 4);
  if (long.length === 0) return `${message} ạ`;
  const [word, k] = long[Math.floor(random() * long.length)] as readonly [string, number];
  const letters = [...word];
  const at = 1 + Math.floor(random() * (letters.length - 2));
  [letters[at - 1], letters[at]] = [letters[at] as string, letters[at - 1] as string];
  words[k] = letters.join("");
  return words.join(" ");
}

if (dumpTo !== undefined || against !== undefined) {
  // Every message of the tuning part and of the search tests' TSVs (the query column; lines of "#" are notes).
  const files = [
    "eval/tuning.tsv",
    ...readdirSync(path.join(ROOT, "test/search"))
      .filter((f) => f.endsWith(".tsv"))
      .sort()
      .map((f) => `test/search/${f}`),
  ];
  // …and each tuning message altered as the "unsaid" timing alters it (its seeded rule, from the first message).
  const alter = seededRandom(20261207);
  const messages = [...files.flatMap(queryColumn), ...queries.map((q) => altered(q, alter))];
  // The index built again (what a reload serves, reusing what the first build kept), or with --first the first one.
  const served = process.argv.includes("--first") ? index : rebuilt;
  const outcomes = messages.map((m) => {
    const o = served.searchUncached(m);
    // …and the rules' whole ranking the re-ranker reads (codes and scores), which the served top five may hide.
    const all = served.candidates(m).ranked.map((h) => [h.procedure.code, h.score] as const);
    return [
      m,
      o.decision,
      o.intent,
      o.sectionOnly,
      o.sure,
      [...o.hits.map((h) => [h.procedure.code, h.score] as const), ...all],
      // …and what the list judge and the rescue made of it.
      `${o.leads ?? ""}|${o.rescued ?? ""}`,
    ] as const;
  });
  if (dumpTo !== undefined) {
    writeFileSync(dumpTo, `${outcomes.map((o) => JSON.stringify(o)).join("\n")}\n`);
    console.log(`${records.length} records: ${outcomes.length} outcomes of ${files.length} files written to ${dumpTo}`);
  } else {
    const before = readFileSync(against as string, "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as (typeof outcomes)[number]);
    let differ = 0;
    outcomes.forEach((now, k) => {
      const was = before[k];
      const [, , , , , hits] = now;
      const same =
        was !== undefined &&
        now.slice(0, 5).every((v, j) => v === was[j]) &&
        now[6] === was[6] &&
        hits.length === was[5].length &&
        hits.every(([code, score], j) => {
          const [c, s] = was[5][j] as readonly [string, number];
          return code === c && Math.abs(score - s) <= 1e-9;
        });
      if (same) return;
      differ++;
      if (differ <= 20) console.log(`differs: ${JSON.stringify(was)}\n     now: ${JSON.stringify(now)}`);
    });
    if (before.length !== outcomes.length) differ++;
    console.log(
      `${records.length} records: ${outcomes.length} outcomes (earlier ${before.length}) of ${files.length} files: ${differ} differ`,
    );
    if (differ > 0) process.exitCode = 1;
  }
  process.exit();
}

const random = seededRandom(20261207);
const unsaid = [
  ...queryColumn("test/search/generalisation.tsv"),
  ...readdirSync(path.join(ROOT, "test/search"))
    .filter((f) => f.startsWith("lookalike-probe") && f.endsWith(".tsv"))
    .sort()
    .flatMap((f) => queryColumn(`test/search/${f}`)),
  ...queries.map((q) => altered(q, random)),
]
  .filter((m) => index.examples.exactly(m).exact === undefined)
  .slice(0, limit);
const only = text("--only");

/** Wall and CPU times of each search of `messages` (`rounds` times). */
function timeAll(label: string, messages: readonly string[]): void {
  for (const q of messages.slice(0, 20)) index.searchUncached(q);
  // Wall time, and the process's CPU time (user + system, microseconds): on a machine other processes load, the CPU
  // time is what the search itself spent (waiting for a core is left out), so two trees compare better by it.
  const times: number[] = [];
  const cpu: number[] = [];
  const all = performance.now();
  const cpuAll = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const q of messages) {
      const c = process.cpuUsage();
      const t = performance.now();
      index.searchUncached(q);
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  const totalMs = performance.now() - all;
  const used = process.cpuUsage(cpuAll);
  const cpuMs = (used.user + used.system) / 1000;
  const at = (list: number[], p: number) => {
    const sorted = [...list].sort((a, b) => a - b);
    return (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number).toFixed(3);
  };
  console.log(
    `${label}: ${times.length} searches in ${totalMs.toFixed(0)} ms: ` +
      `median ${at(times, 0.5)} ms, p95 ${at(times, 0.95)} ms, p99 ${at(times, 0.99)} ms, ` +
      `mean ${(totalMs / times.length).toFixed(3)} ms; CPU ${cpuMs.toFixed(0)} ms: median ${at(cpu, 0.5)} ms, ` +
      `p95 ${at(cpu, 0.95)} ms, mean ${(cpuMs / times.length).toFixed(3)} ms (load ${loadavg()[0]?.toFixed(1)})`,
  );
}

console.log(
  `${records.length} records: imports ${importedMs.toFixed(0)} ms, catalogue loaded in ${loadMs.toFixed(0)} ms, ` +
    `index built in ${buildMs.toFixed(0)} ms, again ${rebuildMs.toFixed(0)} ms (load ${loadavg()[0]?.toFixed(1)})`,
);
if (only !== "unsaid") timeAll(`said (câu mẫu, ${queries.length})`, queries);
if (only !== "said") timeAll(`unsaid (${unsaid.length})`, unsaid);

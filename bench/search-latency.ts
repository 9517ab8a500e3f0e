// npx tsx bench/search-latency.ts [--size N] [--rounds R] [--limit M] [--dump FILE | --against FILE] [--first]
//
// The served search's cost alone, without the accuracy rows of bench/search.ts: how long the index takes to build
// (as the live catalogue builds it: an ExampleSearch with the câu mẫu and the re-ranker) and each message's time
// (searchUncached) over eval/tuning.tsv, at the bundled catalogue or a synthetic one of N procedures
// (test/harness/synthetic-catalogue.ts, as bench/search.ts makes it), and how long building it again takes (a
// reload). Small enough to run under a profiler
// (node --cpu-prof, valgrind --tool=callgrind) or side by side with a worktree of an earlier commit.
//
// A change made for speed alone must leave every outcome as it was: `--dump FILE` writes, instead of timing, the served
// search's outcome (decision, intent, section-only, sure, every hit's code and score, then the rules' whole ranking that
// the re-ranker reads) for each message of eval/tuning.tsv and of every test/search/*.tsv, at the catalogue of
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
import { syntheticCatalogue } from "../test/harness/synthetic-catalogue.js";

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

const loaded = await loadCatalogue(path.join(ROOT, "data"));
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

if (dumpTo !== undefined || against !== undefined) {
  // Every message of the tuning part and of the search tests' TSVs (the query column; lines of "#" are notes).
  const files = [
    "eval/tuning.tsv",
    ...readdirSync(path.join(ROOT, "test/search"))
      .filter((f) => f.endsWith(".tsv"))
      .sort()
      .map((f) => `test/search/${f}`),
  ];
  const messages: string[] = [];
  for (const file of files) {
    const lines = readFileSync(path.join(ROOT, file), "utf8")
      .split(/\r?\n/)
      .filter((line) => line.trim() !== "" && !line.startsWith("#"));
    const column = (lines[0] ?? "").split("\t").indexOf("query");
    for (const line of lines.slice(1)) messages.push(line.split("\t")[Math.max(column, 0)] ?? "");
  }
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

for (const q of queries.slice(0, 20)) index.searchUncached(q);
// Wall time, and the process's CPU time (user + system, microseconds): on a machine other processes load, the CPU
// time is what the search itself spent (waiting for a core is left out), so two trees compare better by it.
const times: number[] = [];
const cpu: number[] = [];
const all = performance.now();
const cpuAll = process.cpuUsage();
for (let r = 0; r < rounds; r++) {
  for (const q of queries) {
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
  `${records.length} records: build ${buildMs.toFixed(0)} ms, again ${rebuildMs.toFixed(0)} ms; ${times.length} searches in ${totalMs.toFixed(0)} ms: ` +
    `median ${at(times, 0.5)} ms, p95 ${at(times, 0.95)} ms, p99 ${at(times, 0.99)} ms, ` +
    `mean ${(totalMs / times.length).toFixed(3)} ms; CPU ${cpuMs.toFixed(0)} ms: median ${at(cpu, 0.5)} ms, ` +
    `p95 ${at(cpu, 0.95)} ms, mean ${(cpuMs / times.length).toFixed(3)} ms (load ${loadavg()[0]?.toFixed(1)})`,
);

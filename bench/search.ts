// npm run bench:search — accuracy and per-query latency of our search beside plain fuse.js
// (default options, over the same records), at the bundled catalogue and at 10,000 procedures.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Fuse from "fuse.js";
import { loadCatalogue } from "../src/catalogue/load.js";
import type { Procedure } from "../src/catalogue/schema.js";
import { type LabelledQuery, measureAccuracy, parseLabelledQueries } from "../src/search/evaluate.js";
import { ProcedureSearch } from "../src/search/index.js";
import { syntheticCatalogue } from "../test/harness/synthetic-catalogue.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const readQueries = (file: string) => parseLabelledQueries(readFileSync(path.join(ROOT, file), "utf8"));
const dev = readQueries("test/fixtures/dev-queries.tsv");
const holdout = readQueries("test/fixtures/holdout-queries.tsv");

const loaded = await loadCatalogue(path.join(ROOT, "data"));
if (!loaded.ok) throw new Error("bundled catalogue is invalid: run npm run catalogue:check");
const { procedures: bundled, synonyms } = loaded.catalogue;

interface Row {
  method: string;
  records: number;
  top1: number;
  top3: number;
  none: number;
  holdoutTop1: number;
  medianMs: number;
  p95Ms: number;
  buildMs: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function latency(run: (q: string) => unknown, queries: readonly LabelledQuery[], rounds: number): [number, number] {
  for (const q of queries.slice(0, 5)) run(q.query); // warm up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const start = performance.now();
      run(q.query);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return [percentile(times, 0.5), percentile(times, 0.95)];
}

function benchOurs(records: Procedure[], rounds: number): Row {
  const start = performance.now();
  const search = new ProcedureSearch(records, synonyms);
  const buildMs = performance.now() - start;
  const acc = measureAccuracy(search, dev);
  const held = measureAccuracy(search, holdout);
  const [medianMs, p95Ms] = latency((q) => search.searchUncached(q), [...dev, ...holdout], rounds);
  return {
    method: "motcua search",
    records: records.length,
    top1: acc.top1,
    top3: acc.top3,
    none: acc.noneCorrect,
    holdoutTop1: held.top1,
    medianMs,
    p95Ms,
    buildMs,
  };
}

/**
 * Plain fuse.js with its defaults over name, aliases and field: the top hit is the answer.
 * At 10,000 records a query takes most of a second, so latency is timed on the accuracy pass itself.
 */
function benchFuse(records: Procedure[]): Row {
  const start = performance.now();
  const fuse = new Fuse(records, { keys: ["name", "aliases", "field"] });
  const buildMs = performance.now() - start;
  const times: number[] = [];
  const score = (queries: readonly LabelledQuery[]) => {
    let top1 = 0;
    let top3 = 0;
    let none = 0;
    const positives = queries.filter((q) => q.expected.length > 0);
    for (const q of queries) {
      const t0 = performance.now();
      const codes = fuse.search(q.query, { limit: 5 }).map((r) => r.item.code);
      times.push(performance.now() - t0);
      if (q.expected.length === 0) none += codes.length === 0 ? 1 : 0;
      if (codes[0] && q.expected.includes(codes[0])) top1++;
      if (codes.slice(0, 3).some((c) => q.expected.includes(c))) top3++;
    }
    const negatives = queries.length - positives.length;
    return { top1: top1 / positives.length, top3: top3 / positives.length, none: negatives ? none / negatives : 1 };
  };
  const acc = score(dev);
  const held = score(holdout);
  times.sort((a, b) => a - b);
  const [medianMs, p95Ms] = [percentile(times, 0.5), percentile(times, 0.95)];
  return { method: "plain fuse.js", records: records.length, ...acc, holdoutTop1: held.top1, medianMs, p95Ms, buildMs };
}

const large = syntheticCatalogue(bundled, 10_000);
const rows = [benchOurs(bundled, 50), benchFuse(bundled), benchOurs(large, 5), benchFuse(large)];

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const ms = (n: number) => n.toFixed(3);
console.log(
  `dev set: ${dev.length} queries (${dev.filter((q) => q.expected.length === 0).length} no-match); held-out: ${holdout.length}`,
);
console.table(
  rows.map((r) => ({
    method: r.method,
    records: r.records,
    "top-1": pct(r.top1),
    "top-3": pct(r.top3),
    "none ok": pct(r.none),
    "held-out top-1": pct(r.holdoutTop1),
    "median ms": ms(r.medianMs),
    "p95 ms": ms(r.p95Ms),
    "index build ms": r.buildMs.toFixed(0),
  })),
);
for (const size of [bundled.length, large.length]) {
  const [ours, fuse] = rows.filter((r) => r.records === size);
  if (ours && fuse) {
    console.log(
      `@${size} records: our median is ${(fuse.medianMs / ours.medianMs).toFixed(1)}× faster than plain fuse.js ` +
        `(p95 ${(fuse.p95Ms / ours.p95Ms).toFixed(1)}×); top-1 ${pct(ours.top1)} vs ${pct(fuse.top1)}`,
    );
  }
}
const intent = measureAccuracy(new ProcedureSearch(bundled, synonyms), dev).intent;
console.log(`intent accuracy (dev, bundled): ${pct(intent)}`);

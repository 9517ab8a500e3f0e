// npx tsx test/search/lookalike-measure.ts [--cv] [--misses] [FILE.tsv …]
// The search helper's quick measure (session 8): the tuning part by nested 5-fold cross-validation, as the bench's
// motcua row (each fold answered with the other folds' câu mẫu and a re-ranker trained on the other folds only), by
// style, with the procedure misses (not the section misses) listed; and the served search on each labelled TSV given
// (own probe sets). Nothing here reads the held-out part.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { indexCatalogue, labelKey, servedExamples } from "../../src/catalogue/live.js";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { type LabelledQuery, measureAccuracy, parseLabelledQueries } from "../../src/search/evaluate.js";
import { ExampleSearch } from "../../src/search/examples.js";
import type { SearchOutcome } from "../../src/search/index.js";
import { crossValidateRanker } from "../../src/search/ranker-train.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const args = process.argv.slice(2);
const CV = args.includes("--cv");
const MISSES = args.includes("--misses");
const files = args.filter((a) => !a.startsWith("--"));

const loaded = await loadCatalogue(path.join(ROOT, "data"));
if (!loaded.ok) throw new Error("bundled catalogue is invalid");
const { procedures, synonyms, redirects } = loaded.catalogue;
const known = new Set(procedures.map((p) => p.code));
const pct = (x: number) => (x * 100).toFixed(1);

interface Searcher {
  search(text: string): SearchOutcome;
}

function report(name: string, search: Searcher, queries: readonly LabelledQuery[]): void {
  const a = measureAccuracy(search, queries, known);
  const styles = new Map<string, LabelledQuery[]>();
  for (const q of queries)
    if (q.expected.length > 0) styles.set(q.style ?? "-", [...(styles.get(q.style ?? "-") ?? []), q]);
  const byStyle = [...styles]
    .map(([s, list]) => {
      const b = measureAccuracy(search, list, known);
      return `${s} ${pct(b.top1)}/${pct(b.top3)} (${b.inScope})`;
    })
    .join(", ");
  console.log(
    `## ${name}: in scope ${a.inScope}, top-1 ${pct(a.top1)} top-3 ${pct(a.top3)} long ${pct(a.long.top1)} (${a.long.count}) ` +
      `oos ${a.outOfScope}: answered ${pct(a.confidentWrong)} offers ${pct(a.offers)}\n   ${byStyle}`,
  );
  if (!MISSES) return;
  for (const q of queries) {
    const o = search.search(q.query);
    const codes = o.decision === "none" ? [] : o.hits.map((h) => h.procedure.code);
    const wrong = q.expected.length === 0 ? o.decision !== "none" : !q.expected.includes(codes[0] ?? "");
    if (!wrong) continue;
    const in3 = codes.slice(0, 3).some((c) => q.expected.includes(c));
    console.log(
      `MISS${in3 ? "  " : "3 "}${q.expected.join("|") || "none"}\t${o.decision} ${codes.slice(0, 3).join(",")}\t${q.query}`,
    );
  }
}

if (CV) {
  const queries = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8"));
  const extra = servedExamples(loaded.catalogue.examples.filter((e) => !e.source.startsWith("eval/tuning.tsv")));
  const index = new ExampleSearch(procedures, synonyms, [], redirects, {
    key: labelKey,
    ranker: { features: [], weights: [], codes: {} },
  });
  const started = performance.now();
  const outcomes = crossValidateRanker({ index, records: procedures, synonyms, queries, extra, key: labelKey });
  console.log(`cross-validated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  report("tuning (nested 5-fold CV)", { search: (t) => outcomes.get(t) ?? index.search(t) }, queries);
}

if (files.length > 0) {
  const served = indexCatalogue(loaded.catalogue);
  for (const file of files) report(file, served, parseLabelledQueries(readFileSync(file, "utf8")));
}

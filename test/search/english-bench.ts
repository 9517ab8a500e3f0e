// npx tsx test/search/english-bench.ts [--misses] — English understanding, measured the way the bot serves:
// test/search/english.tsv (written for this, never tuned into data/examples.json) against the served search, and
// test/search/english-fresh.tsv (written later, its misses never looked at)
// (indexCatalogue: rules, redirects and câu mẫu); the English rows of the eval tuning part scored by the
// bench's 5-fold cross-validation (each fold answered with the other folds' examples); the whole tuning part and
// test/search/generalisation.tsv beside them, so a change that helps English and hurts the rest shows.
import { readFileSync } from "node:fs";
import path from "node:path";
import { indexCatalogue, labelKey, servedExamples } from "../../src/catalogue/live.js";
import { loadCatalogue } from "../../src/catalogue/load.js";
import type { Procedure } from "../../src/catalogue/schema.js";
import { type Accuracy, type LabelledQuery, measureAccuracy, parseLabelledQueries } from "../../src/search/evaluate.js";
import { crossValidate, DEFAULT_EXAMPLE_TUNING, type ExampleSearch } from "../../src/search/examples.js";
import type { SearchOutcome } from "../../src/search/index.js";
import { BUNDLED_DATA, ROOT } from "../harness/common.js";

const MISSES = process.argv.includes("--misses");
const read = (file: string) => parseLabelledQueries(readFileSync(path.join(ROOT, file), "utf8"));

const loaded = await loadCatalogue(BUNDLED_DATA);
if (!loaded.ok) throw new Error("bundled catalogue is invalid");
const { catalogue } = loaded;
const known = new Set(catalogue.procedures.map((p) => p.code));
const served = indexCatalogue(catalogue) as ExampleSearch<Procedure>;

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
function report(name: string, a: Accuracy): void {
  console.log(
    `${name}: top-1 ${pct(a.top1)} (${Math.round(a.top1 * a.inScope)}/${a.inScope}) top-3 ${pct(a.top3)} ` +
      `intent ${pct(a.intent)} | oos ${a.outOfScope}: answered ${pct(a.confidentWrong)} offers ${pct(a.offers)}`,
  );
  if (MISSES) for (const m of a.misses) console.log(`  ${m.expected}\t${m.got}\t${m.query}`);
}

report("english.tsv (served)", measureAccuracy(served, read("test/search/english.tsv"), known));
// Written after the first vocabulary pass and never tuned on: its figure only, never its misses.
const fresh = measureAccuracy(served, read("test/search/english-fresh.tsv"), known);
console.log(
  `english-fresh.tsv (served): top-1 ${pct(fresh.top1)} (${Math.round(fresh.top1 * fresh.inScope)}/${fresh.inScope}) ` +
    `top-3 ${pct(fresh.top3)} | oos ${fresh.outOfScope}: answered ${pct(fresh.confidentWrong)} offers ${pct(fresh.offers)}`,
);

// The tuning part as bench/search.ts scores it: 5-fold cross-validation, staff's examples in every fold.
const tuning = read("eval/tuning.tsv");
const otherExamples = servedExamples(catalogue.examples.filter((e) => !e.source.startsWith("eval/tuning.tsv")));
const outcomes = crossValidate({
  index: served,
  records: catalogue.procedures,
  synonyms: catalogue.synonyms,
  queries: tuning,
  tuning: DEFAULT_EXAMPLE_TUNING,
  extra: otherExamples,
  folds: 5,
  seed: 20261202,
  key: labelKey,
});
const cv = { search: (text: string): SearchOutcome<Procedure> => outcomes.get(text) ?? served.search(text) };
const english = (q: LabelledQuery) => q.style === "english";
report("tuning english rows (5-fold CV)", measureAccuracy(cv, tuning.filter(english), known));
const all = measureAccuracy(cv, tuning, known);
console.log(
  `tuning all (5-fold CV): top-1 ${pct(all.top1)} top-3 ${pct(all.top3)} long ${pct(all.long.top1)} ` +
    `oos answered ${pct(all.confidentWrong)} offers ${pct(all.offers)}`,
);
const own = measureAccuracy(served, read("test/search/generalisation.tsv"), known);
console.log(
  `generalisation.tsv: top-1 ${pct(own.top1)} top-3 ${pct(own.top3)} oos answered ${pct(own.confidentWrong)} offers ${pct(own.offers)}`,
);

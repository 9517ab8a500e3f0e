// npm run ranker:train — trains the learned re-ranker (src/search/ranker.ts) on eval/tuning.tsv with the bundled
// catalogue and writes data/ranker.json. A command of its own, not part of src/search: it reads the catalogue, and
// the search must not import the catalogue (the folders' arrows point one way).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { labelKey, servedExamples } from "../catalogue/live.js";
import { loadCatalogue } from "../catalogue/load.js";
import { parseLabelledQueries } from "../search/evaluate.js";
import { ExampleSearch } from "../search/examples.js";
import type { RankerModel } from "../search/ranker.js";
import { trainOn } from "../search/ranker-train.js";

/** Trains on eval/tuning.tsv of the checkout at `root` with its bundled catalogue (and staff's câu mẫu as extra examples). */
export async function trainBundled(root: string): Promise<RankerModel> {
  const loaded = await loadCatalogue(path.join(root, "data"));
  if (!loaded.ok) throw new Error("bundled catalogue is invalid: run npm run catalogue:check");
  const { procedures, synonyms, redirects } = loaded.catalogue;
  const extra = servedExamples(loaded.catalogue.examples.filter((e) => !e.source.startsWith("eval/tuning.tsv")));
  const empty: RankerModel = { features: [], weights: [], codes: {} };
  const index = new ExampleSearch(procedures, synonyms, [], redirects, { key: labelKey, ranker: empty });
  const queries = parseLabelledQueries(readFileSync(path.join(root, "eval/tuning.tsv"), "utf8"));
  return trainOn({ index, records: procedures, synonyms, queries, extra, key: labelKey });
}

export const RANKER_FILE = "data/ranker.json";

export function formatModel(model: RankerModel): string {
  return `${JSON.stringify(model, null, 1)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const started = performance.now();
  const model = await trainBundled(root);
  writeFileSync(path.join(root, RANKER_FILE), formatModel(model));
  console.log(
    `${RANKER_FILE}: ${model.weights.length} feature weights, ${Object.keys(model.codes).length} procedure priors, ` +
      `trained in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

// npm run ranker:train — trains the learned re-ranker (src/search/ranker.ts) on eval/tuning.tsv with the bundled
// catalogue and writes data/ranker.json, with what it was trained from (`trained`: hashes of the data read and of the
// code run, src/cli/fingerprint.ts). A command of its own, not part of src/search: it reads the catalogue, and the
// search must not import the catalogue (the folders' arrows point one way).
//
// npm run ranker:check — after a change to the code the trainer runs (the search's rules, the features) or to the data
// it reads, when test/search/ranker.test.ts says data/ranker.json was trained from another checkout: retrains, and when
// the model it makes is near enough to the stored one (`drift` finds nothing) records today's hashes in the stored file
// without touching a weight (answers stay put); otherwise lists what moved and exits 1: run npm run ranker:train.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { labelKey, servedExamples } from "../catalogue/live.js";
import { loadCatalogue } from "../catalogue/load.js";
import type { Procedure } from "../catalogue/schema.js";
import { parseLabelledQueries } from "../search/evaluate.js";
import { ExampleSearch } from "../search/examples.js";
import type { RankerModel } from "../search/ranker.js";
import { type RankerData, trainOn } from "../search/ranker-train.js";
import { filesUnder, hashFiles, sourceFiles } from "./fingerprint.js";

/**
 * Trains on eval/tuning.tsv of the checkout at `root` with its bundled catalogue (and staff's câu mẫu as extra examples);
 * with `half`, on the messages whose number is even (odd) only: a model to score the other half with, never served.
 */
export async function trainBundled(
  root: string,
  onLead?: RankerData<Procedure>["onLead"],
  half?: "even" | "odd",
): Promise<RankerModel> {
  const loaded = await loadCatalogue(path.join(root, "data"));
  if (!loaded.ok) throw new Error("bundled catalogue is invalid: run npm run catalogue:check");
  const { procedures, synonyms, redirects } = loaded.catalogue;
  const extra = servedExamples(loaded.catalogue.examples.filter((e) => !e.source.startsWith("eval/tuning.tsv")));
  const empty: RankerModel = { features: [], weights: [], codes: {} };
  const index = new ExampleSearch(procedures, synonyms, [], redirects, { key: labelKey, ranker: empty });
  const tsv = readFileSync(path.join(root, "eval/tuning.tsv"), "utf8");
  const ids = tsv
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .slice(1)
    .map((line) => Number.parseInt((line.split("\t")[0] ?? "").slice(1), 10));
  const all = parseLabelledQueries(tsv);
  const queries = half === undefined ? all : all.filter((_, i) => (ids[i] as number) % 2 === (half === "even" ? 0 : 1));
  return trainOn({
    index,
    records: procedures,
    synonyms,
    queries,
    extra,
    key: labelKey,
    ...(onLead ? { onLead } : {}),
  });
}

export const RANKER_FILE = "data/ranker.json";

/** Files under data/ the trainer never reads: its own output, and the follow-up judge's model (src/features alone loads it). */
export const NOT_RANKER_INPUTS: readonly string[] = [RANKER_FILE, "data/case-question.json"];

/**
 * What the trainer of the checkout at `root` reads and runs, hashed: eval/tuning.tsv and every file under data/ but
 * `NOT_RANKER_INPUTS` (the catalogue, the câu mẫu, and the scope gate the search loads); this file's static imports
 * followed through src, and package-lock.json (the libraries they load).
 */
export function rankerInputs(root: string): { data: string; code: string } {
  const data = ["eval/tuning.tsv", ...filesUnder(root, "data").filter((f) => !NOT_RANKER_INPUTS.includes(f))];
  const code = [...sourceFiles(root, "src/cli/ranker-train.ts"), "package-lock.json"];
  return { data: hashFiles(root, data), code: hashFiles(root, code) };
}

/**
 * How far `retrained` lies from `stored`, beyond what a commit of the search may move without a retrain (the rules change
 * a little with every commit: a weight or a procedure's prior may move by less than 0.25, the rescue's threshold by less
 * than 0.1); one line for each thing that moved further, none when near enough.
 */
export function drift(stored: RankerModel, retrained: RankerModel): string[] {
  const out: string[] = [];
  const far = (what: string, a: number, b: number, limit: number) => {
    if (!(Math.abs(a - b) < limit)) out.push(`${what}: ${a} stored, ${b} retrained`);
  };
  if (JSON.stringify(stored.features) !== JSON.stringify(retrained.features)) out.push("features differ");
  for (const [i, w] of stored.weights.entries()) {
    far(`weight ${stored.features[i]}`, w, retrained.weights[i] as number, 0.25);
  }
  if (stored.weights.length !== retrained.weights.length) out.push("the number of weights differs");
  // One the training never met as a candidate is 0, and not written.
  for (const code of new Set([...Object.keys(stored.codes), ...Object.keys(retrained.codes)])) {
    far(`prior of ${code}`, stored.codes[code] ?? 0, retrained.codes[code] ?? 0, 0.25);
  }
  if (JSON.stringify(stored.rescue?.features) !== JSON.stringify(retrained.rescue?.features)) {
    out.push("rescue features differ");
  }
  for (const [i, w] of (stored.rescue?.weights ?? []).entries()) {
    far(`rescue weight ${i}`, w, retrained.rescue?.weights[i] as number, 0.25);
  }
  far("rescue threshold", stored.rescue?.threshold ?? 0, retrained.rescue?.threshold ?? 0, 0.1);
  // The list judge likewise, and its threshold.
  if (JSON.stringify(stored.lead?.features) !== JSON.stringify(retrained.lead?.features)) {
    out.push("list judge features differ");
  }
  for (const [i, w] of (stored.lead?.weights ?? []).entries()) {
    far(`list judge weight ${i}`, w, retrained.lead?.weights[i] as number, 0.25);
  }
  far("list judge threshold", stored.lead?.threshold ?? 0, retrained.lead?.threshold ?? 0, 0.1);
  return out;
}

export function formatModel(model: RankerModel): string {
  return `${JSON.stringify(model, null, 1)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const file = path.join(root, RANKER_FILE);
  const started = performance.now();
  const trained = rankerInputs(root);
  // `-- --lead-samples FILE`: also writes the list judge's cross-validated samples (for diagnosis).
  const at = process.argv.indexOf("--lead-samples");
  const dump = at >= 0 ? process.argv[at + 1] : undefined;
  // `-- --half even|odd --out FILE`: trained on that half of the tuning part only, written to FILE (never the served
  // model): the other half is then scored by a model that never saw it (bench/letters-halves.ts does both at once).
  const halfAt = process.argv.indexOf("--half");
  const half = halfAt >= 0 ? (process.argv[halfAt + 1] as "even" | "odd") : undefined;
  const outAt = process.argv.indexOf("--out");
  const out = outAt >= 0 ? process.argv[outAt + 1] : undefined;
  if (half !== undefined && (!["even", "odd"].includes(half) || !out || path.resolve(out) === file)) {
    console.error("--half even|odd needs --out FILE (not data/ranker.json: a half's model is never served)");
    process.exit(2);
  }
  const model = await trainBundled(
    root,
    dump ? (samples) => writeFileSync(dump, JSON.stringify(samples)) : undefined,
    half,
  );
  if (half !== undefined && out) {
    writeFileSync(out, formatModel(model));
    console.log(`${out}: trained on the ${half} half of eval/tuning.tsv`);
    process.exit(0);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (process.argv.includes("--check")) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as RankerModel;
    const moved = drift(stored, model);
    if (moved.length > 0) {
      console.error(`${RANKER_FILE} is not near enough to what today's data and code make (${seconds} s):`);
      for (const line of moved) console.error(`  ${line}`);
      console.error("run npm run ranker:train and commit data/ranker.json");
      process.exit(1);
    }
    writeFileSync(file, formatModel({ ...stored, trained }));
    console.log(
      `${RANKER_FILE}: near enough to a retrain (${seconds} s); today's data and code recorded, weights kept`,
    );
  } else {
    writeFileSync(file, formatModel({ ...model, trained }));
    console.log(
      `${RANKER_FILE}: ${model.weights.length} feature weights, ${Object.keys(model.codes).length} procedure priors, ` +
        `list judge from ${model.lead?.threshold}, trained in ${seconds} s`,
    );
  }
}

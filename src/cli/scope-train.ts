// npx tsx src/cli/scope-train.ts — trains the scope gate (src/search/scope.ts) on the câu mẫu (data/examples.json: `none` against
// every procedure's) and writes data/scope.json. Deterministic: the same examples give the same file.
// `--cv`: 5-fold cross-validation on the tuning messages (eval/tuning.tsv, the câu mẫu's source) through the served
// search built without the fold's câu mẫu — prints, at several thresholds, the in-scope answers and lists the gate
// would take away beside the out-of-scope messages the served search answers or offers a list that it catches, and how
// many of all `none` and in-scope tuning messages reach each P. Heavy (minutes): run it under the lock.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { labelKey } from "../catalogue/live.js";
import { loadCatalogue } from "../catalogue/load.js";
import { parseLabelledQueries } from "../search/evaluate.js";
import { asExample, ExampleSearch, foldsOf, NONE } from "../search/examples.js";
import { outOfScope, type ScopeModel, scopeVetoes, trainScope } from "../search/scope.js";

export const SCOPE_FILE = "data/scope.json";

/** The gate trained on the câu mẫu of the checkout at `root`. */
export function trainBundled(root: string): ScopeModel {
  const file = JSON.parse(readFileSync(path.join(root, "data/examples.json"), "utf8")) as {
    examples: Array<{ text: string; code: string }>;
  };
  return trainScope(file.examples.map((e) => ({ text: e.text, out: e.code === NONE })));
}

/** The model as data/scope.json holds it: one weight a line, so that a retrained file's diff reads. */
export function formatScope(model: ScopeModel): string {
  const { views, ...rest } = model;
  const head = JSON.stringify(rest, null, 1).replace(/\n}$/, "");
  const viewText = views.map((view) => {
    const { weights, ...meta } = view;
    const lines = Object.entries(weights).map(([f, w]) => `    ${JSON.stringify(f)}: ${w}`);
    const metaText = Object.entries(meta)
      .map(([k, v]) => `   ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(",\n");
    return `  {\n${metaText},\n   "weights": {\n${lines.join(",\n")}\n   }\n  }`;
  });
  return `${head},\n "views": [\n${viewText.join(",\n")}\n ]\n}\n`;
}

/** One tuning message under cross-validation: what the served search without its fold answered, and the gate's P. */
export interface ScopeCase {
  text: string;
  out: boolean;
  decision: string;
  right: boolean;
  /** Some hit (of an answer or a list) is right. */
  listed: boolean;
  p: number;
  vetoed: boolean;
  /** The first hit's score and the second's (0 when none): how sure the search is. */
  score: number;
  second: number;
}

/** 5-fold cross-validation of the gate with the served search (see the header). */
export async function crossValidateScope(root: string, folds = 5, seed = 20261202): Promise<ScopeCase[]> {
  const loaded = await loadCatalogue(path.join(root, "data"));
  if (!loaded.ok) throw new Error("bundled catalogue is invalid: run npm run catalogue:check");
  const { procedures, synonyms, redirects } = loaded.catalogue;
  const queries = parseLabelledQueries(readFileSync(path.join(root, "eval/tuning.tsv"), "utf8"));
  const fold = foldsOf(queries.length, folds, seed);
  const cases: ScopeCase[] = [];
  for (let f = 0; f < folds; f++) {
    const taught = queries.filter((_, i) => fold[i] !== f).map(asExample);
    const model = trainScope(taught.map((e) => ({ text: e.text, out: e.code === NONE })));
    // The served gate (data/scope.json, trained on every fold) is off: the fold's own model is what is measured.
    const search = new ExampleSearch(procedures, synonyms, taught, redirects, { key: labelKey, scope: null });
    queries.forEach((q, i) => {
      if (fold[i] !== f) return;
      const outcome = search.searchUncached(q.query);
      const top = outcome.hits[0]?.procedure.code;
      cases.push({
        text: q.query,
        out: q.expected.length === 0,
        decision: outcome.decision,
        right: top !== undefined && q.expected.includes(top),
        listed: outcome.hits.some((h) => q.expected.includes(h.procedure.code)),
        p: outOfScope(model, q.query),
        // Whether the gate would read it at all (an answer or a list, support not overwhelming); `p` decides.
        vetoed: scopeVetoes(q.query, outcome, { ...model, veto: 0 }),
        score: outcome.hits[0]?.score ?? 0,
        second: outcome.hits[1]?.score ?? 0,
      });
    });
  }
  return cases;
}

/** The table `--cv` prints: per threshold, in-scope answers and lists taken away vs out-of-scope ones caught. */
export function cvTable(cases: readonly ScopeCase[], thresholds: readonly number[]): string {
  const answered = cases.filter((c) => c.decision === "answer");
  const listed = cases.filter((c) => c.decision === "choose");
  const oos = answered.filter((c) => c.out);
  const right = answered.filter((c) => !c.out && c.right);
  const wrong = answered.filter((c) => !c.out && !c.right);
  const oosLists = listed.filter((c) => c.out);
  const rightLists = listed.filter((c) => !c.out && c.listed);
  const lines = [
    `tuning messages ${cases.length} (out of scope ${cases.filter((c) => c.out).length}); the served search under ` +
      `CV answers out of scope ${oos.length}, in scope right ${right.length}, wrong ${wrong.length}; offers a list ` +
      `to out of scope ${oosLists.length}, to in scope holding the right one ${rightLists.length}`,
    "P ≥	none at P	in scope at P	out-of-scope answers caught	right answers lost	wrong answers vetoed	" +
      "out-of-scope lists caught	right lists lost",
  ];
  const none = cases.filter((c) => c.out);
  const inScope = cases.filter((c) => !c.out);
  for (const t of thresholds) {
    const n = (xs: readonly ScopeCase[]) => `${xs.filter((c) => c.vetoed && c.p >= t).length}/${xs.length}`;
    const at = (xs: readonly ScopeCase[]) => `${xs.filter((c) => c.p >= t).length}/${xs.length}`;
    lines.push([t, at(none), at(inScope), n(oos), n(right), n(wrong), n(oosLists), n(rightLists)].join("\t"));
  }
  return lines.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const started = performance.now();
  if (process.argv.includes("--cv")) {
    const cases = await crossValidateScope(root);
    console.log(cvTable(cases, [0.5, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99]));
    // `--dump FILE`: every case as JSON, to read which messages sit near a threshold.
    const dump = process.argv[process.argv.indexOf("--dump") + 1];
    if (process.argv.includes("--dump") && dump) writeFileSync(dump, JSON.stringify(cases));
  } else {
    const model = trainBundled(root);
    writeFileSync(path.join(root, SCOPE_FILE), formatScope(model));
    console.log(
      `${SCOPE_FILE}: ${model.views.map((v) => `${v.view} ${Object.keys(v.weights).length}`).join(", ")} weights ` +
        `(veto at P ≥ ${model.veto}), trained in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}

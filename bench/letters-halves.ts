// npx tsx bench/letters-halves.ts [--out FILE] — the tuning part scored half by half, neither half seen by what answers
// it: a re-ranker trained (`trainOn`, as npm run ranker:train) on the odd-numbered messages answers the even ones with the
// odd ones as câu mẫu (and staff's), and the reverse. The served model (data/ranker.json, trained on both halves)
// flatters the tuning figures; this is how a change of the search or of the re-ranker's features is judged on the
// tuning part (the letters helper, session 35): top-1 and top-3 of long letters (≥150 characters, in scope) and of the
// rest, per half. `--out FILE`: one line per in-scope message (id, half, long, rank of the right procedure among the
// served hits or -1, among the candidates the model weighed or -1, the decision, the first three codes, the right codes,
// the code a list is answered with or -, whether the first hit is held back by the rules or free), to compare two
// checkouts message by message. Heavy (two trainings): run it through the machine's heavy slot.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { labelKey, servedExamples } from "../src/catalogue/live.js";
import { loadCatalogue } from "../src/catalogue/load.js";
import { parseLabelledQueries } from "../src/search/evaluate.js";
import { asExample, ExampleSearch } from "../src/search/examples.js";
import type { RankerModel } from "../src/search/ranker.js";
import { scoreUnseen, trainOn } from "../src/search/ranker-train.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const at = process.argv.indexOf("--out");
const outFile = at >= 0 ? process.argv[at + 1] : undefined;
// `--save DIR` writes each half's model there (even.json: the model that scored the even half); `--load DIR` reads them
// instead of training: a change that moves no feature (an order rule after the model) is scored in a minute.
const saveAt = process.argv.indexOf("--save");
const saveDir = saveAt >= 0 ? process.argv[saveAt + 1] : undefined;
const loadAt = process.argv.indexOf("--load");
const loadDir = loadAt >= 0 ? process.argv[loadAt + 1] : undefined;
if (saveDir) mkdirSync(saveDir, { recursive: true });
const loaded = await loadCatalogue(path.join(ROOT, "data"));
if (!loaded.ok) throw new Error("bundled catalogue is invalid: run npm run catalogue:check");
const { procedures, synonyms, redirects } = loaded.catalogue;
const extra = servedExamples(loaded.catalogue.examples.filter((e) => !e.source.startsWith("eval/tuning.tsv")));
const empty: RankerModel = { features: [], weights: [], codes: {} };
const index = new ExampleSearch(procedures, synonyms, [], redirects, { key: labelKey, ranker: empty });
const tsv = readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8");
const queries = parseLabelledQueries(tsv);
const ids = tsv
  .split(/\r?\n/)
  .filter((l) => l.trim() !== "")
  .slice(1)
  .map((l) => l.split("\t")[0] as string);
const known = new Set(procedures.map((p) => p.code));
const half = (i: number) => (Number.parseInt((ids[i] as string).slice(1), 10) % 2 === 0 ? "even" : "odd");
const base = { index, records: procedures, synonyms, extra, key: labelKey };
const lines: string[] = [];
const started = performance.now();
for (const h of ["even", "odd"] as const) {
  const other = queries.map((_, i) => i).filter((i) => half(i) !== h);
  const mine = queries.map((_, i) => i).filter((i) => half(i) === h);
  const model = loadDir
    ? (JSON.parse(readFileSync(path.join(loadDir, `${h}.json`), "utf8")) as RankerModel)
    : trainOn({ ...base, queries: other.map((i) => queries[i]) as typeof queries });
  if (saveDir) writeFileSync(path.join(saveDir, `${h}.json`), JSON.stringify(model));
  const taught = [...other.map((i) => asExample(queries[i] as (typeof queries)[number])), ...extra];
  const scored = scoreUnseen({ ...base, queries }, model, taught, mine);
  const tally = { long: [0, 0, 0, 0, 0], rest: [0, 0, 0, 0, 0] }; // count, top1, top3, 4th or lower, not recalled
  for (const i of mine) {
    const q = queries[i] as (typeof queries)[number];
    if (q.expected.length === 0 || q.expected.some((c) => !known.has(c))) continue;
    const r = scored.get(i);
    if (!r) continue;
    const codes = r.outcome.decision === "none" ? [] : r.outcome.hits.map((x) => x.procedure.code);
    const rank = codes.findIndex((c) => q.expected.includes(c));
    const long = [...q.query].length >= 150;
    const t = long ? tally.long : tally.rest;
    const add = (k: number) => {
      t[k] = (t[k] as number) + 1;
    };
    add(0);
    if (rank === 0) add(1);
    if (rank >= 0 && rank < 3) add(2);
    else if (r.recalled < 0) add(4);
    else add(3);
    lines.push(
      [
        ids[i],
        h,
        long ? "long" : "-",
        rank,
        r.recalled,
        r.outcome.decision,
        codes.slice(0, 3).join(","),
        q.expected.join("|"),
        r.outcome.leads ?? "-",
        r.outcome.hits[0]?.parts.free === false ? "held" : "free",
      ].join("\t"),
    );
  }
  const f = (t: number[]) =>
    `${t[0]}: top-1 ${t[1]} (${((t[1] as number) / (t[0] as number)).toFixed(4)}) top-3 ${t[2]} (${((t[2] as number) / (t[0] as number)).toFixed(4)}); out of top 3: order ${t[3]}, recall ${t[4]}`;
  console.log(`${h} (model and câu mẫu of the other half): letters ≥150 ${f(tally.long)}`);
  console.log(`${h}   the rest ${f(tally.rest)}`);
}
console.error(`${((performance.now() - started) / 1000).toFixed(0)} s`);
if (outFile) writeFileSync(outFile, `${lines.join("\n")}\n`);

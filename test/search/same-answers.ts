// npx tsx test/search/same-answers.ts OUT-PREFIX [--small] [--compare BEFORE-PREFIX]
//
// What the served search answers, message by message, for a change that must not change any answer (a speed-up):
// run it on the tree before the change and on the tree after, and compare. Two catalogues: the bundled one as the
// bot serves it (LiveCatalogue.open(data) → current().search), and the synthetic 10,000-procedure one built as
// bench/search.ts builds it (an ExampleSearch over syntheticCatalogue). Messages: eval/tuning.tsv,
// test/fixtures/*-queries.tsv and test/search/*.tsv. Per message: decision, intent, sure, sectionOnly, and the
// first five hits' codes with their scores rounded to 1e-9. Writes OUT-PREFIX-127.json and OUT-PREFIX-10000.json;
// with --compare, reads BEFORE-PREFIX-*.json and prints how many messages differ (exit 1 when any does), compared
// on the messages both runs read (other helpers may add a probe file between the two runs).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LiveCatalogue, labelKey, servedExamples } from "../../src/catalogue/live.js";
import { loadCatalogue } from "../../src/catalogue/load.js";
import type { Procedure } from "../../src/catalogue/schema.js";
import { parseLabelledQueries } from "../../src/search/evaluate.js";
import { ExampleSearch } from "../../src/search/examples.js";
import type { SearchOutcome } from "../../src/search/index.js";
import { syntheticCatalogue } from "../harness/synthetic-catalogue.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const args = process.argv.slice(2);
const compareAt = args.indexOf("--compare");
const before = compareAt >= 0 ? args[compareAt + 1] : undefined;
const out = args.find((a, i) => !a.startsWith("--") && (compareAt < 0 || i !== compareAt + 1));
const SMALL = args.includes("--small");
if (!out) {
  console.error("usage: npx tsx test/search/same-answers.ts OUT-PREFIX [--small] [--compare BEFORE-PREFIX]");
  process.exit(2);
}

/** The message files, in a fixed order. */
export function messageFiles(root: string): string[] {
  const tsvs = (dir: string, keep: (f: string) => boolean) =>
    readdirSync(path.join(root, dir))
      .filter((f) => f.endsWith(".tsv") && keep(f))
      .sort()
      .map((f) => `${dir}/${f}`);
  return [
    "eval/tuning.tsv",
    ...tsvs("test/fixtures", (f) => f.endsWith("-queries.tsv")),
    ...tsvs("test/search", () => true),
  ];
}

const messages = [
  ...new Set(
    messageFiles(ROOT).flatMap((file) =>
      parseLabelledQueries(readFileSync(path.join(ROOT, file), "utf8"))
        .map((q) => q.query)
        .filter((q) => q.trim() !== ""),
    ),
  ),
];

type Answer = string;
const round = (x: number) => (Math.round(x * 1e9) / 1e9).toFixed(9);
function answerOf(o: SearchOutcome<Procedure>): Answer {
  const hits = o.hits.slice(0, 5).map((h) => `${h.procedure.code}:${round(h.score)}`);
  return `${o.decision} ${o.intent} sure=${o.sure} section=${o.sectionOnly} ${hits.join(" ")}`;
}

function dump(search: (text: string) => SearchOutcome<Procedure>): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const m of messages) answers[m] = answerOf(search(m));
  return answers;
}

const runs: Array<[string, () => Promise<Record<string, Answer>>]> = [
  [
    "127",
    async () => {
      const live = await LiveCatalogue.open(path.join(ROOT, "data"));
      const { search } = live.current();
      const answers = dump((text) => search.search(text));
      await live.close();
      return answers;
    },
  ],
];
if (!SMALL) {
  runs.push([
    "10000",
    async () => {
      const loaded = await loadCatalogue(path.join(ROOT, "data"));
      if (!loaded.ok) throw new Error("bundled catalogue is invalid");
      const { procedures, synonyms, redirects, examples } = loaded.catalogue;
      const records = syntheticCatalogue(procedures, 10_000);
      const index = new ExampleSearch(records, synonyms, servedExamples(examples), redirects, { key: labelKey });
      return dump((text) => index.searchUncached(text));
    },
  ]);
}

let differing = 0;
for (const [name, run] of runs) {
  const started = performance.now();
  const answers = await run();
  const file = `${out}-${name}.json`;
  writeFileSync(file, `${JSON.stringify(answers, null, 1)}\n`);
  console.log(
    `${name}: ${Object.keys(answers).length} messages → ${file} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (!before) continue;
  const earlier = `${before}-${name}.json`;
  if (!existsSync(earlier)) {
    console.log(`  no ${earlier} to compare with`);
    continue;
  }
  const old = JSON.parse(readFileSync(earlier, "utf8")) as Record<string, Answer>;
  let common = 0;
  let diff = 0;
  for (const [m, a] of Object.entries(answers)) {
    const b = old[m];
    if (b === undefined) continue;
    common++;
    if (a !== b) {
      diff++;
      if (diff <= 10) console.log(`  DIFF ${JSON.stringify(m)}\n    before ${b}\n    after  ${a}`);
    }
  }
  console.log(`  compared with ${earlier}: ${common} messages in both, ${diff} differ`);
  differing += diff;
}
if (before) process.exit(differing > 0 ? 1 : 0);

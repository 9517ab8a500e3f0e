/**
 * The section asked, scored two ways on labelled files (`npx tsx test/search/s11-intent-score.ts [--served]
 * [--from m7272] [--quiet] FILE…`): the rules alone (extractIntent over the words as typed) and, with `--served`, the
 * served search (which also reads a cue that is part of the found procedure's name). Prints each section read wrong
 * (expected ← got: message) and the share read right. `--from` keeps the lines whose id is that one or later (the
 * tuning part's newest lines). Only in-scope lines count, as in eval (src/search/evaluate.ts).
 */
import { readFileSync } from "node:fs";
import { extractIntent } from "../../src/search/intent.js";
import { textWords } from "../../src/search/normalize.js";
import { bundledCatalogue } from "../harness/common.js";

const args = process.argv.slice(2);
const served = args.includes("--served");
const quiet = args.includes("--quiet");
const fromAt = args.indexOf("--from");
const from = fromAt >= 0 ? args[fromAt + 1] : undefined;
const files = args.filter((a, k) => !a.startsWith("--") && !(fromAt >= 0 && k === fromAt + 1));

interface Line {
  id?: string;
  query: string;
  intents: string[];
}
function read(file: string): Line[] {
  const [head, ...rows] = readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  const header = (head ?? "").split("\t");
  const col = (name: string) => header.indexOf(name);
  const [id, query, intent, expected] = [col("id"), col("query"), col("intent"), col("expected")];
  return rows
    .map((row) => row.split("\t"))
    .filter((cells) => !["none", "-"].includes(cells[expected >= 0 ? expected : 1] ?? "-"))
    .map((cells) => ({
      ...(id >= 0 ? { id: cells[id] } : {}),
      query: cells[Math.max(query, 0)] ?? "",
      intents: (cells[intent >= 0 ? intent : 2] || "general").split("|"),
    }))
    .filter((l) => from === undefined || l.id === undefined || l.id >= from);
}

const search = served ? (await bundledCatalogue()).current().search : undefined;
for (const file of files) {
  const lines = read(file);
  let rules = 0;
  let servedRight = 0;
  for (const l of lines) {
    const byRules = extractIntent(textWords(l.query)).intent;
    const bySearch = search?.search(l.query).intent;
    if (l.intents.includes(byRules)) rules++;
    else if (!quiet) console.log(`rules  ${l.id ?? ""} ${l.intents.join("|")} ← ${byRules}: ${l.query}`);
    if (bySearch === undefined) continue;
    if (l.intents.includes(bySearch)) servedRight++;
    else if (!quiet) console.log(`served ${l.id ?? ""} ${l.intents.join("|")} ← ${bySearch}: ${l.query}`);
  }
  const share = (n: number) => `${n}/${lines.length} = ${(n / lines.length).toFixed(3)}`;
  console.log(`${file}: rules ${share(rules)}${served ? `, served ${share(servedRight)}` : ""}`);
}

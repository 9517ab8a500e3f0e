/**
 * The section asked, read by the rules alone (extractIntent: no câu mẫu, no search; a few seconds), over the tuning
 * part's in-scope lines, per half (even/odd message number) and per age (the newest sets, ids ≥ m41839, against the
 * older ones), with confusion tables (labelled → read) with --table:
 * `npx tsx bench/intent-halves.ts [--table] [--misses FILE] [--since 41839]`. A line labelled with two sections is right
 * when either is read; in a table it counts under the section read when right, else under its first label.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { extractIntent } from "../src/search/intent.js";
import { textWords } from "../src/search/normalize.js";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const since = Number(option("--since") ?? 41839);
const missFile = option("--misses");
const SECTIONS = ["documents", "fee", "time", "place", "steps", "online", "conditions", "general"];

interface Group {
  right: number;
  lines: number;
  table: Map<string, Map<string, number>>;
}
const groups = new Map<string, Group>();
const misses: string[] = [];
const [head = "", ...rows] = readFileSync("eval/tuning.tsv", "utf8")
  .split(/\r?\n/)
  .filter((l) => l.trim() !== "");
const header = head.split("\t");
const col = (name: string) => header.indexOf(name);
for (const row of rows) {
  const cells = row.split("\t");
  if (cells[col("expected")] === "none") continue;
  const id = cells[col("id")] ?? "";
  const number = Number(id.slice(1));
  const half = number % 2 === 0 ? "even" : "odd";
  const age = number >= since ? "new" : "old";
  const want = (cells[col("intent")] || "general").split("|");
  const text = cells[col("query")] ?? "";
  const got = extractIntent(textWords(text)).intent;
  const right = want.includes(got);
  if (!right) misses.push([id, half, age, want.join("|"), got, text].join("\t"));
  for (const key of [`${half}/${age}`, `${half}/all`, `all/${age}`, "all/all"]) {
    const group = groups.get(key) ?? { right: 0, lines: 0, table: new Map() };
    group.lines++;
    if (right) group.right++;
    const labelled = right ? got : (want[0] ?? "general");
    const counts = group.table.get(labelled) ?? new Map<string, number>();
    counts.set(got, (counts.get(got) ?? 0) + 1);
    group.table.set(labelled, counts);
    groups.set(key, group);
  }
}
for (const [key, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${key}\t${g.right}/${g.lines}\t${(g.right / g.lines).toFixed(4)}`);
}
if (args.includes("--table")) {
  for (const key of ["even/all", "odd/all", "all/new", "all/old"]) {
    const g = groups.get(key);
    console.log(`\n${key}\n${"want\\got".padEnd(11)}${SECTIONS.map((s) => s.slice(0, 9).padStart(10)).join("")}`);
    for (const s of SECTIONS) {
      console.log(`${s.padEnd(11)}${SECTIONS.map((x) => String(g?.table.get(s)?.get(x) ?? 0).padStart(10)).join("")}`);
    }
  }
}
if (missFile) writeFileSync(missFile, `${misses.join("\n")}\n`);

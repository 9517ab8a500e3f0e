/**
 * The section asked, read by the rules alone (extractIntent over the words as typed: no câu mẫu, no search), over
 * labelled files' in-scope lines, with a confusion table (`npx tsx test/search/s17-intent-score.ts [--misses FILE]
 * [--table] FILE…`). A line labelled with two sections is right when either is read; in the table it counts under
 * the first label it was read as, or under its first label when missed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { extractIntent } from "../../src/search/intent.js";
import { textWords } from "../../src/search/normalize.js";

const args = process.argv.slice(2);
const missAt = args.indexOf("--misses");
const missFile = missAt >= 0 ? args[missAt + 1] : undefined;
const table = args.includes("--table");
const files = args.filter((a, k) => !a.startsWith("--") && !(missAt >= 0 && k === missAt + 1));
const SECTIONS = ["documents", "fee", "time", "place", "steps", "online", "conditions", "general"];

const misses: string[] = [];
for (const file of files) {
  const [head, ...rows] = readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  const header = (head ?? "").split("\t");
  const col = (name: string) => header.indexOf(name);
  const [id, query, intent, expected] = [col("id"), col("query"), col("intent"), col("expected")];
  const lines = rows.map((row) => row.split("\t")).filter((c) => !["none", "-"].includes(c[expected] ?? "-"));
  const confusion = new Map<string, Map<string, number>>();
  let right = 0;
  for (const c of lines) {
    const want = (c[intent] || "general").split("|");
    const text = c[query] ?? "";
    const got = extractIntent(textWords(text)).intent;
    const ok = want.includes(got);
    if (ok) right++;
    else misses.push(`${id >= 0 ? c[id] : ""}\t${want.join("|")}\t${got}\t${text}`);
    const row = ok ? got : (want[0] ?? "general");
    const m = confusion.get(row) ?? new Map<string, number>();
    m.set(got, (m.get(got) ?? 0) + 1);
    confusion.set(row, m);
  }
  console.log(`${file}: rules ${right}/${lines.length} = ${(right / lines.length).toFixed(4)}`);
  if (table) {
    const w = 11;
    console.log(`${"want\\got".padEnd(w)}${SECTIONS.map((s) => s.slice(0, 9).padStart(w)).join("")}`);
    for (const s of SECTIONS) {
      const m = confusion.get(s);
      console.log(`${s.padEnd(w)}${SECTIONS.map((g) => String(m?.get(g) ?? 0).padStart(w)).join("")}`);
    }
  }
}
if (missFile) writeFileSync(missFile, `${misses.join("\n")}\n`);

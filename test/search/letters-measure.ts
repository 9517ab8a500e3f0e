// npx tsx test/search/letters-measure.ts [--misses] [files…]: the search as the bot serves it (indexCatalogue: all
// labelled examples, redirects) on the long letters of test/search/letters.tsv, written by the letters
// helper from the records alone. Prints top-1, top-3, intent, out-of-scope answered/offers and, with --misses,
// every miss.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { indexCatalogue } from "../../src/catalogue/live.js";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { measureAccuracy, parseLabelledQueries } from "../../src/search/evaluate.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const loaded = await loadCatalogue(path.join(ROOT, "data"));
if (!loaded.ok) throw new Error("bundled catalogue is invalid");
const { procedures } = loaded.catalogue;
// As the live catalogue serves it (rules, redirects, câu mẫu).
const search = indexCatalogue(loaded.catalogue);
const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
for (const file of files.length > 0 ? files : ["test/search/letters.tsv"]) {
  const queries = parseLabelledQueries(readFileSync(path.join(ROOT, file), "utf8"));
  const known = new Set(procedures.map((p) => p.code));
  const a = measureAccuracy(search, queries, known);
  console.log(
    `${file}: ${a.inScope} in scope, ${a.outOfScope} out: top-1 ${pct(a.top1)} top-3 ${pct(a.top3)} intent ${pct(a.intent)} ` +
      `oos answered ${pct(a.confidentWrong)} offers ${pct(a.offers)}`,
  );
  if (process.argv.includes("--misses")) {
    for (const m of a.misses) {
      const first = m.got.split(" ")[1]?.split(",")[0] ?? "";
      const right = m.expected !== "none" && (m.expected.split("/")[0] ?? "").split("|").includes(first);
      console.log(`${right ? "  (intent)" : "MISS"}\t${m.expected}\t${m.got}\t${m.query}`);
    }
  }
}

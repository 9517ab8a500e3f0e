// npm run -s search -- --jsonl: one query per stdin line → one JSON line per query.
// Without --jsonl, the queries given as arguments are printed readably.
import { createInterface } from "node:readline";
import { indexCatalogue } from "../catalogue/live.js";
import { loadCatalogue } from "../catalogue/load.js";
import { formatReport } from "../catalogue/problems.js";
import type { SearchOutcome } from "../search/index.js";
import { cliArgs } from "./args.js";
import { loadCliConfig } from "./config.js";

const HELP = `Cách dùng | Usage: npm run -s search -- "câu hỏi" ["câu hỏi"…]
                     npm run -s search -- --jsonl < cau-hoi.txt

Cho biết bot tìm thấy thủ tục nào cho mỗi câu hỏi (quyết định, ý định, điểm), trên danh mục CATALOGUE_DIR
trong .env. Shows what the search finds for each query, on the configured catalogue.
  --jsonl        mỗi dòng vào là một câu hỏi, mỗi dòng ra là một JSON | one query per stdin line, one JSON line out
  -h, --help     hướng dẫn này | this help
`;
const { values, positionals } = cliArgs(HELP, {
  allowPositionals: true,
  options: { jsonl: { type: "boolean" }, help: { type: "boolean", short: "h" } },
});
if (!values.jsonl && positionals.length === 0) {
  process.stderr.write(HELP);
  process.exit(2);
}

const result = await loadCatalogue(loadCliConfig().catalogueDir);
if (!result.ok) {
  process.stderr.write(`${formatReport(result.problems)}\n`);
  process.exit(1);
}
const search = indexCatalogue(result.catalogue);

function toJson(query: string, outcome: SearchOutcome) {
  return {
    query,
    decision: outcome.decision,
    intent: outcome.intent,
    results: outcome.hits.map((h) => ({ code: h.procedure.code, name: h.procedure.name, score: round(h.score) })),
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

if (values.jsonl) {
  for await (const line of createInterface({ input: process.stdin })) {
    process.stdout.write(`${JSON.stringify(toJson(line, search.search(line)))}\n`);
  }
} else {
  for (const query of positionals)
    process.stdout.write(`${JSON.stringify(toJson(query, search.search(query)), null, 2)}\n`);
}

// npm run -s search -- --jsonl: one query per stdin line → one JSON line per query.
// Without --jsonl, the queries given as arguments are printed readably.
import { createInterface } from "node:readline";
import { loadCatalogue } from "../catalogue/load.js";
import { formatReport } from "../catalogue/problems.js";
import { loadConfig } from "../config.js";
import { ProcedureSearch, type SearchOutcome } from "../search/index.js";

const result = await loadCatalogue(loadConfig().catalogueDir);
if (!result.ok) {
  process.stderr.write(`${formatReport(result.problems)}\n`);
  process.exit(1);
}
const search = new ProcedureSearch(result.catalogue.procedures, result.catalogue.synonyms);

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

const args = process.argv.slice(2);
if (args.includes("--jsonl")) {
  for await (const line of createInterface({ input: process.stdin })) {
    process.stdout.write(`${JSON.stringify(toJson(line, search.search(line)))}\n`);
  }
} else {
  for (const query of args) process.stdout.write(`${JSON.stringify(toJson(query, search.search(query)), null, 2)}\n`);
}

/** The search as the bot serves it (rules, redirects, câu mẫu, re-ranker) over the bundled catalogue, scored on a labelled file. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll } from "vitest";
import { type Accuracy, measureAccuracy, parseLabelledQueries } from "../../src/search/evaluate.js";
import type { ProcedureSearch } from "../../src/search/index.js";
import { bundledCatalogue, ROOT } from "./common.js";

export interface ServedSearch {
  search: ProcedureSearch;
  /** Scores a labelled TSV (a path from the checkout's root) over the codes the catalogue has. */
  measure(file: string): Accuracy;
}

/**
 * The served search over the bundled catalogue, built once per worker and shared by the files it runs (vitest.config.ts:
 * the unit group's files share a worker's modules). Building it indexes every câu mẫu (seconds alone, far longer on two
 * busy cores) and 27 files open it; sharing changes no answer: the search keeps nothing of a message past its turn
 * (test/search/s22-perf-privacy-search.test.ts) and no test changes it (a test that needs another search builds its own).
 * It is the search of the worker's bundled catalogue (common.ts `bundledCatalogue`), which the assistant's files open:
 * the index the live catalogue builds is `indexCatalogue` of the same records and câu mẫu, so a worker builds one, not
 * two (what other files ask of that catalogue changes no reply: test/eval/s20-determinism.test.ts).
 */
let shared: Promise<ServedSearch> | undefined;
export function servedSearch(): Promise<ServedSearch> {
  shared ??= openServedSearch();
  return shared;
}

async function openServedSearch(): Promise<ServedSearch> {
  const { catalogue, search } = (await bundledCatalogue()).current();
  const known = new Set(catalogue.procedures.map((p) => p.code));
  return {
    search,
    measure: (file) =>
      measureAccuracy(search, parseLabelledQueries(readFileSync(path.join(ROOT, file), "utf8")), known),
  };
}

/** The code the search puts first, or "none" when it declines (what most floors of single messages assert). */
export function firstCode(search: ProcedureSearch, query: string): string | undefined {
  const outcome = search.search(query);
  return outcome.decision === "none" ? "none" : outcome.hits[0]?.procedure.code;
}

/** The first three codes the search gives, or none when it declines (the lists the story floors assert). */
export function topCodes(search: ProcedureSearch, query: string): string[] {
  const outcome = search.search(query);
  return outcome.decision === "none" ? [] : outcome.hits.slice(0, 3).map((h) => h.procedure.code);
}

/**
 * The served search of one test file, opened in the file's beforeAll: the sessions' story files each repeated these
 * lines. Call it at the file's top level; read `served()` or `search()` inside tests, once the hook has run.
 */
export function servedSearchOfFile(): { served: () => ServedSearch; search: () => ProcedureSearch } {
  let opened: ServedSearch | undefined;
  // A hang guard, not a budget: building the served index takes seconds on a calm machine, minutes on a loaded one.
  beforeAll(async () => {
    opened = await servedSearch();
  }, 400_000);
  const served = (): ServedSearch => {
    if (opened === undefined) throw new Error("the served search opens in the file's beforeAll");
    return opened;
  };
  return { served, search: () => served().search };
}

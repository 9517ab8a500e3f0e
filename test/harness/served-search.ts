/** The search as the bot serves it (rules, redirects, câu mẫu, re-ranker) over the bundled catalogue, scored on a labelled file. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { indexCatalogue } from "../../src/catalogue/live.js";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { type Accuracy, measureAccuracy, parseLabelledQueries } from "../../src/search/evaluate.js";
import type { ProcedureSearch } from "../../src/search/index.js";
import { BUNDLED_DATA, ROOT } from "./common.js";

export interface ServedSearch {
  search: ProcedureSearch;
  /** Scores a labelled TSV (a path from the checkout's root) over the codes the catalogue has. */
  measure(file: string): Accuracy;
}

export async function servedSearch(): Promise<ServedSearch> {
  const result = await loadCatalogue(BUNDLED_DATA);
  if (!result.ok) throw new Error("bundled catalogue is invalid");
  const search = indexCatalogue(result.catalogue);
  const known = new Set(result.catalogue.procedures.map((p) => p.code));
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

// The situation recall's shortcut (src/search/index.ts recallPruned) must pick exactly the records that reading every
// posting list whole picks: it skips the long lists of common words only when a bound says they cannot change the
// best few. Checked against a plain sum over all lists, on a synthetic catalogue large enough to have long lists.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Catalogue, loadCatalogue } from "../../src/catalogue/load.js";
import { parseLabelledQueries } from "../../src/search/evaluate.js";
import { DEFAULT_TUNING, ProcedureSearch } from "../../src/search/index.js";
import { syntheticCatalogue } from "../harness/synthetic-catalogue.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface RecallList {
  ids: Int32Array;
  weights: Float32Array;
}
/** The private shortcut, reached only here: it is what this file checks. */
interface WithShortcut {
  recallPruned(lists: readonly RecallList[], k: number): number[] | undefined;
}

/** The best `k` records by the plain sum over every list (in the lists' order), best score first, then lower index. */
function plainBest(lists: readonly RecallList[], k: number): number[] {
  const scores = new Map<number, number>();
  for (const list of lists) {
    list.ids.forEach((i, j) => {
      scores.set(i, (scores.get(i) ?? 0) + (list.weights[j] as number));
    });
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, k)
    .map(([i]) => i);
}

let catalogue: Catalogue;
beforeAll(async () => {
  const loaded = await loadCatalogue(path.join(ROOT, "data"));
  if (!loaded.ok) throw new Error("bundled catalogue is invalid");
  catalogue = loaded.catalogue;
});

describe("situation recall at a large catalogue", () => {
  it("takes the shortcut for many messages and always picks what reading every list picks", () => {
    const records = syntheticCatalogue(catalogue.procedures, 2_500);
    const index = new ProcedureSearch(records, catalogue.synonyms, { ...DEFAULT_TUNING, recall: 2 });
    const shortcut = index as unknown as WithShortcut;
    const own = shortcut.recallPruned.bind(index);
    let taken = 0;
    const wrong: string[] = [];
    let message = "";
    shortcut.recallPruned = (lists, k) => {
      const picked = own(lists, k);
      if (picked) {
        taken++;
        const plain = plainBest(lists, k);
        if (JSON.stringify(picked) !== JSON.stringify(plain)) wrong.push(`${message}: ${picked} ≠ ${plain}`);
      }
      return picked;
    };
    const messages = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8"))
      .map((q) => q.query)
      .filter((_, k) => k % 12 === 0);
    for (const m of messages) {
      message = m;
      index.searchUncached(m);
    }
    expect(wrong).toEqual([]);
    // The shortcut is what is checked: it must have served a share of the messages (64 of 364 on 3 December).
    expect(taken).toBeGreaterThan(messages.length / 10);
  }, 180_000);
});

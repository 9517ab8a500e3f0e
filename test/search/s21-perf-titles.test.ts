// What the index reads for every candidate of every message must be what the plain reading finds (issue 11's latency
// target made them faster): which title words of a record a message says, in the titles' order (titlesSaid marks the
// message's words by id once per message instead of looking each title word up by text), the share of a title's word
// pairs said (pairCoverage, by id too), and the best candidates by accumulated score (best, which searches its list
// for a record's name only when it holds that name). Checked against the plain readings as the search first wrote
// them, on a synthetic catalogue over tuning messages.
import { beforeAll, describe, expect, it } from "vitest";
import type { Catalogue } from "../../src/catalogue/load.js";
import { DEFAULT_TUNING, ProcedureSearch } from "../../src/search/index.js";
import type { Word } from "../../src/search/normalize.js";
import { bundledDataAndTuning } from "../harness/common.js";
import { syntheticCatalogue } from "../harness/synthetic-catalogue.js";

let catalogue: Catalogue;
let messages: string[];
beforeAll(async () => {
  ({ catalogue, messages } = await bundledDataAndTuning());
});

describe("title words said", () => {
  it("the title words a message says are those reading every title word finds, in the titles' order", () => {
    // (Session 23: the index keeps a record's title words flat and reads accents by id, so the plain reading is made
    // here from what they are made of: each title's distinct words, weighted idf^titlePower, and the record's and the
    // title's spellings of each word, looked up by text.)
    interface Entry {
      titles: string[][];
      titleMarks: Array<Map<string, Set<string>>>;
      marks: Map<string, number>;
    }
    type Said = Array<{ tokens: string[]; weights: number[]; total: number }> | undefined;
    interface WithTitles {
      titlesSaid(entry: Entry, terms: ReadonlyMap<string, { word: Word }>): Said;
      idf: Map<string, number>;
      markSets: Array<ReadonlySet<string>>;
    }
    const index = new ProcedureSearch(syntheticCatalogue(catalogue.procedures, 1_500), catalogue.synonyms, {
      ...DEFAULT_TUNING,
      recall: 2,
    });
    const titles = index as unknown as WithTitles;
    /** Whether the word as typed fits the record's spellings of it (the accent fit is 1). */
    const accentFits = (entry: Entry, typed: Word) => {
      const id = entry.marks.get(typed.token);
      const seen = id === undefined ? undefined : titles.markSets[id];
      return typed.marks === "" || !seen || seen.has(typed.marks) || seen.has("");
    };
    /** Every title word of every title, in order, with the accents' fit as the search first wrote it. */
    const plainSaid = (entry: Entry, terms: ReadonlyMap<string, { word: Word }>): Said => {
      const fits = (token: string, spellings: ReadonlySet<string> | undefined) => {
        const typed = (terms.get(token) as { word: Word }).word;
        if (!accentFits(entry, typed)) return false;
        return DEFAULT_TUNING.titleAccents === 0 || typed.marks === "" || !spellings || spellings.has(typed.marks);
      };
      let out: Said;
      entry.titles.forEach((title, t) => {
        const tokens = [...new Set(title)];
        const weights = Float64Array.from(tokens, (w) => (titles.idf.get(w) ?? 0) ** DEFAULT_TUNING.titlePower);
        const total = weights.reduce((a, b) => a + b, 0);
        if (total === 0) return;
        let said: { tokens: string[]; weights: number[]; total: number } | undefined;
        tokens.forEach((token, k) => {
          if (terms.has(token) && fits(token, entry.titleMarks[t]?.get(token))) {
            said ??= { tokens: [], weights: [], total };
            said.tokens.push(token);
            said.weights.push(weights[k] as number);
          }
        });
        if (said) {
          out ??= [];
          out.push(said);
        }
      });
      return out;
    };
    const own = titles.titlesSaid.bind(index);
    let checked = 0;
    let said = 0;
    let accented = 0;
    const wrong: string[] = [];
    titles.titlesSaid = (entry, terms) => {
      const fast = own(entry, terms);
      const reference = plainSaid(entry, terms);
      checked++;
      if (fast) said++;
      if ([...terms.values()].some((t) => t.word.marks !== "")) accented++;
      if (JSON.stringify(fast) !== JSON.stringify(reference)) wrong.push(JSON.stringify([fast, reference]));
      return fast;
    };
    // …and, on the same searches, the share of title pairs said (pairCoverage, pairs marked by id) and the best
    // candidates by accumulated score (best, which skips the search for a name its list does not hold).
    interface WithPairs {
      pairCoverage(entry: { titlePairs: Array<Set<string>> }, queryPairs: ReadonlySet<string>, title: number): number;
      best(scores: Float64Array, touched: Int32Array, k: number): Array<[number, number]>;
      tieRank: Float64Array;
      nameIds: Int32Array;
    }
    const inner = index as unknown as WithPairs;
    const ownPairs = inner.pairCoverage.bind(index);
    let pairsChecked = 0;
    inner.pairCoverage = (entry, queryPairs, title) => {
      const fast = ownPairs(entry, queryPairs, title);
      let reference = title;
      if (queryPairs.size > 0) {
        reference = 0;
        for (const pairs of entry.titlePairs) {
          if (pairs.size === 0) continue;
          let shared = 0;
          for (const p of pairs) if (queryPairs.has(p)) shared++;
          reference = Math.max(reference, shared / Math.min(pairs.size, queryPairs.size));
        }
      }
      pairsChecked++;
      if (fast !== reference) wrong.push(`pairs ${fast} ≠ ${reference}`);
      return fast;
    };
    const ownBest = inner.best.bind(index);
    let bestChecked = 0;
    // (Session 23: `best` ranks the sums it is given: the candidates' and the question's own, `accumulate`.)
    inner.best = (scores, touched, k) => {
      const { tieRank: rank, nameIds: names } = inner;
      const ahead = (i: number, score: number, j: number, other: number) =>
        score > other || (score === other && (rank[i] as number) < (rank[j] as number));
      const reference: Array<[number, number]> = [];
      for (const i of touched) {
        const score = scores[i] as number;
        const last = reference[reference.length - 1];
        if (last && reference.length === k && !ahead(i, score, last[0], last[1])) continue;
        const same = reference.findIndex(([j]) => names[j] === names[i]);
        if (same >= 0) {
          const [j, other] = reference[same] as [number, number];
          if (!ahead(i, score, j, other)) continue;
          reference.splice(same, 1);
        }
        let at = reference.length;
        while (at > 0 && ahead(i, score, ...(reference[at - 1] as [number, number]))) at--;
        reference.splice(at, 0, [i, score]);
        if (reference.length > k) reference.pop();
      }
      const fast = ownBest(scores, touched, k);
      bestChecked++;
      if (JSON.stringify(fast) !== JSON.stringify(reference)) wrong.push(`best ${JSON.stringify([fast, reference])}`);
      return fast;
    };
    for (const m of messages.filter((_, k) => k % 10 === 0)) index.searchUncached(m);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(pairsChecked).toBeGreaterThan(10_000);
    expect(bestChecked).toBeGreaterThan(messages.length / 20);
    expect(checked).toBeGreaterThan(10_000);
    expect(said).toBeGreaterThan(checked / 4);
    expect(accented).toBeGreaterThan(checked / 4);
  }, 180_000);
});

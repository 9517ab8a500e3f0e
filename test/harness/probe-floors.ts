/**
 * The sessions' probe batches held at their floors, one scaffold for all of them: conversation batches played through
 * the real assistant (test/core/sNN-follow.test.ts) and labelled messages through the served search
 * (test/search/sNN-search-story.test.ts). Each logs its figures in one format, and a batch below its floor fails with
 * them and its wrong turns in the message, so a floor that moves only in CI's full run shows what moved.
 */
import { expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { conversations, playConversations } from "./eval-conversations.js";
import type { ServedSearch } from "./served-search.js";

/**
 * A conversation batch at its floors: plays `file` through the real assistant (a fresh one) and expects the follow-up
 * turns right at or above `floor` (a rate) and the no-procedure turns right at or above `noneFloor` (a count).
 * SHOW_WRONG=1 logs the wrong turns even when the floors hold.
 */
export async function expectProbeFloors(
  file: string,
  catalogue: LiveCatalogue,
  floor: number,
  noneFloor: number,
): Promise<void> {
  const score = await playConversations(conversations(file), catalogue);
  const rate = score.followUpsRight / Math.max(1, score.followUps);
  const figures = `${file}: follow-up turns right ${score.followUpsRight}/${score.followUps} = ${rate.toFixed(3)}, no-procedure turns right ${score.noneRight}/${score.noneTurns}`;
  console.log(figures);
  if (process.env.SHOW_WRONG) console.log(score.wrong.join("\n"));
  const wrong = `${figures}\nwrong:\n${score.wrong.join("\n")}`;
  expect(rate, wrong).toBeGreaterThanOrEqual(floor);
  expect(score.noneRight, wrong).toBeGreaterThanOrEqual(noneFloor);
}

/** A conversation batch: its file, the floor of its follow-up turns (a rate), of its no-procedure turns (a count). */
export type ProbeBatch = readonly [file: string, floor: number, noneFloor: number];

/**
 * One test per batch, named as the sessions' files name them: "<file>: follow-up turns refer to the right procedure".
 * `catalogue` is read when the test runs (the file's beforeAll opens it).
 */
export function probeBatches(catalogue: () => LiveCatalogue, batches: readonly ProbeBatch[]): void {
  it.each(batches)("%s: follow-up turns refer to the right procedure", async (file, floor, noneFloor) => {
    await expectProbeFloors(file, catalogue(), floor, noneFloor);
  });
}

/** A search batch's floors, as counts: top-1 and top-3 at least; out-of-scope lines answered and offered a list at most. */
export interface SearchFloors {
  top1: number;
  top3: number;
  answered: number;
  offered: number;
}

/** A search batch's figures as counts (measureAccuracy gives shares). */
export interface SearchCounts extends SearchFloors {
  inScope: number;
  outOfScope: number;
}

/**
 * A labelled TSV through the served search at its floors: logs "<name>: top-1 a/n top-3 b/n oos answered c offered d
 * of m" and expects each count at its floor. Returns the counts.
 */
export function expectSearchFloors(served: ServedSearch, file: string, floors: SearchFloors): SearchCounts {
  const a = served.measure(file);
  const n = (share: number, of: number) => Math.round(share * of);
  const counts: SearchCounts = {
    top1: n(a.top1, a.inScope),
    top3: n(a.top3, a.inScope),
    answered: n(a.confidentWrong, a.outOfScope),
    offered: n(a.offers, a.outOfScope),
    inScope: a.inScope,
    outOfScope: a.outOfScope,
  };
  const name = file.replace(/^.*\//, "").replace(/\.tsv$/, "");
  const figures =
    `${name}: top-1 ${counts.top1}/${a.inScope} top-3 ${counts.top3}/${a.inScope} ` +
    `oos answered ${counts.answered} offered ${counts.offered} of ${a.outOfScope}`;
  console.log(figures);
  expect(counts.top1, figures).toBeGreaterThanOrEqual(floors.top1);
  expect(counts.top3, figures).toBeGreaterThanOrEqual(floors.top3);
  expect(counts.answered, figures).toBeLessThanOrEqual(floors.answered);
  expect(counts.offered, figures).toBeLessThanOrEqual(floors.offered);
  return counts;
}

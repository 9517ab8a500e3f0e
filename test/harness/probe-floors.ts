/**
 * The sessions' probe batches held at their floors, one scaffold for all of them: conversation batches played through
 * the real assistant (test/core/sNN-follow.test.ts) and labelled messages through the served search
 * (test/search/sNN-search-story.test.ts). Each logs its figures in one format, and a batch below its floor fails with
 * them and its wrong turns in the message, so a floor that moves only in CI's full run shows what moved.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { matchRedirect, type RedirectMatch } from "../../src/features/redirects.js";
import { bundledCatalogue, ROOT } from "./common.js";
import { conversations, playConversations } from "./eval-conversations.js";
import { type Figures, type Outcome, ownSet, type Row } from "./oos-harness.js";
import { playTurns, type TurnFigures } from "./oos-run.js";
import type { ServedSearch } from "./served-search.js";

/**
 * The bundled catalogue of one test file, opened in the file's beforeAll: the sessions' probe files each repeated these
 * lines. Call it at the file's top level; read `catalogue()` inside tests, once the hook has run. `timeout` is a hang
 * guard, not a budget: loading the catalogue takes seconds calm and far longer on the shared machine under load.
 */
export function bundledCatalogueOfFile(timeout: number): () => LiveCatalogue {
  let opened: LiveCatalogue | undefined;
  beforeAll(async () => {
    opened = await bundledCatalogue();
  }, timeout);
  return () => {
    if (opened === undefined) throw new Error("the catalogue opens in the file's beforeAll");
    return opened;
  };
}

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

/**
 * A follow-up file's batches as the sessions' files hold them: `probeBatches` inside `describe("the probe batches")`,
 * so each test is named "the probe batches > <file>: follow-up turns refer to the right procedure". E.g.
 *   const catalogue = bundledCatalogueOfFile(180_000);
 *   describeProbeBatches(catalogue, [["test/core/s24-follow-probe1.jsonl", 0.8, 3]]);
 */
export function describeProbeBatches(catalogue: () => LiveCatalogue, batches: readonly ProbeBatch[]): void {
  describe("the probe batches", () => probeBatches(catalogue, batches));
}

/** A look-alike conversation batch: its file and the floor of its follow-up turns right (a count). */
export type CountBatch = readonly [file: string, rightAtLeast: number];

/**
 * The look-alike files' batches (test/core/sNN-lookalike.test.ts) in describe("the probe batches"): one test per file,
 * "<file>: follow-up turns refer to the right procedure", played through the real assistant, its follow-up turns right
 * at least the count; logs "<file>: follow-up turns right a/n" (SHOW_WRONG=1: the wrong turns too).
 */
export function describeFollowUpCounts(catalogue: () => LiveCatalogue, batches: readonly CountBatch[]): void {
  describe("the probe batches", () => {
    it.each(batches)(
      "%s: follow-up turns refer to the right procedure",
      async (file, floor) => {
        const score = await playConversations(conversations(file), catalogue());
        console.log(`${file}: follow-up turns right ${score.followUpsRight}/${score.followUps}`);
        if (process.env.SHOW_WRONG) console.log(score.wrong.join("\n"));
        expect(score.followUpsRight, score.wrong.join("\n")).toBeGreaterThanOrEqual(floor);
      },
      300_000,
    );
  });
}

/** An out-of-scope batch's floors, as counts: out-of-scope lines answered and offered a list at most, in scope right at least. */
export interface OosFloors {
  answered: number;
  listed: number;
  inRight: number;
}

/**
 * A labelled TSV sent line by line, each as the first message of a new chat, through the whole assistant
 * (test/harness/oos-harness.ts ownSet), at its floors; its misses in each failure. Returns what ownSet gives, for a
 * file's own further checks.
 */
export async function expectOosFloors(
  catalogue: LiveCatalogue,
  file: string,
  floors: OosFloors,
): Promise<{ rows: Row[]; figures: Figures; outcomes: Outcome[] }> {
  const set = await ownSet(catalogue, file);
  const { figures } = set;
  const misses = figures.misses.join("\n");
  expect(figures.oosAnswered, misses).toBeLessThanOrEqual(floors.answered);
  expect(figures.oosListed, misses).toBeLessThanOrEqual(floors.listed);
  expect(figures.inRight, misses).toBeGreaterThanOrEqual(floors.inRight);
  return set;
}

/**
 * A conversation file through the whole assistant, every turn's reply sorted (test/harness/oos-run.ts playTurns),
 * at its floors: off-topic turns answered and offered a list at most, in-scope turns right at least; its misses in each
 * failure.
 */
export async function expectOosTurnFloors(
  catalogue: LiveCatalogue,
  file: string,
  floors: OosFloors,
): Promise<TurnFigures> {
  const f = await playTurns(catalogue, file);
  const misses = f.misses.join("\n");
  expect(f.noneAnswered, misses).toBeLessThanOrEqual(floors.answered);
  expect(f.noneListed, misses).toBeLessThanOrEqual(floors.listed);
  expect(f.inRight, misses).toBeGreaterThanOrEqual(floors.inRight);
  return f;
}

/** An out-of-scope probe batch: its file (.tsv first messages, or .jsonl conversations) and its floors. */
export type OosBatch = readonly [file: string, floors: OosFloors];

/**
 * The OOS files' probe batches in describe(`title`): one test per file, a .tsv sent line by line as first messages
 * (`expectOosFloors`), a .jsonl played turn by turn (`expectOosTurnFloors`), each at its floors.
 */
export function describeOosBatches(catalogue: () => LiveCatalogue, title: string, batches: readonly OosBatch[]): void {
  describe(title, () => {
    it.each(batches)(
      "%s: off-topic lines at most the floor answered and listed; in-scope lines at least the floor right",
      async (file, floors) => {
        if (file.endsWith(".jsonl")) await expectOosTurnFloors(catalogue(), file, floors);
        else await expectOosFloors(catalogue(), file, floors);
      },
      300_000,
    );
  });
}

/**
 * The rows of a tab-separated probe fixture (a path from the checkout's root): blank lines and "#" comments left out,
 * each line split at its tabs. For tables of single readings kept beside the test that reads them.
 */
export function probeRows(file: string): string[][] {
  return readFileSync(path.join(ROOT, file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => line.split("\t"));
}

/**
 * A session's readers table (`file`: reader, text, yes|no per line) held as one test per line: `read` names each reader
 * the session changed, a predicate of the text; the line says whether the reader must take the text. A line naming a
 * reader `read` does not know, or neither yes nor no, fails rather than being skipped.
 */
export function describeReaders(file: string, read: Readonly<Record<string, (text: string) => boolean>>): void {
  const cases = probeRows(file)
    .filter(([reader]) => reader !== "reader") // a header line
    .map(([reader = "", text = "", taken = ""]) => ({ reader, text, taken }));
  describe(`the readers the session changed (${file})`, () => {
    it.each(cases)("$reader: «$text» → $taken", ({ reader, text, taken }) => {
      const reads = read[reader];
      expect(reads, `no reader "${reader}"`).toBeDefined();
      expect(["yes", "no"], `taken must be yes or no, not "${taken}"`).toContain(taken);
      expect(reads?.(text)).toBe(taken === "yes");
    });
  });
}

/**
 * A reader of another agency's redirect for `describeReaders`: the redirect the text matches in the catalogue's
 * redirects as they are now, read by `read`; a text matching none is not taken. The OOS files' readers were each this
 * match and check, written again:
 *   describeReaders(file, { "service asked": readsRedirect(catalogue, asksAgencyService) });
 */
export function readsRedirect(
  catalogue: () => LiveCatalogue,
  read: (text: string, said: RedirectMatch) => boolean,
): (text: string) => boolean {
  return (text) => {
    const said = matchRedirect(catalogue().current().catalogue.redirects, text);
    return said !== undefined && read(text, said);
  };
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

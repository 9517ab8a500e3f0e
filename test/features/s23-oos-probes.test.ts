import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { asksEnglishTrivia, smallTalkReply } from "../../src/features/small-talk.js";
import { words } from "../../src/search/normalize.js";
import { bundledCatalogue } from "../harness/common.js";
import { ownSet } from "../search/oos-harness.js";

let catalogue: LiveCatalogue;
// building the index takes some 30 s on a loaded machine: a hang guard, not a time budget
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 180_000);

/**
 * Session 23 (OOS): probe batch 1 (test/features/s23-oos-probe1.tsv, written by OOS before any change of the session
 * and never tuned on; md5 157bcd7d) through the whole assistant. At e4243d3 (the session's start): out of scope 4 of 20
 * answered, 0 listed; in scope 7 of 8 right (one offered a list holding it). Floors: out of scope answered at most
 * OOS_ANSWERED (what the landed changes reach), none listed; in scope at least 7 right.
 */
const OOS_ANSWERED = 3;
describe("probe batch 1 (test/features/s23-oos-probe1.tsv)", () => {
  it("out of scope: at most the floor answered, none listed; in scope at least 7 of 8 right", async () => {
    const { figures } = await ownSet(catalogue, "test/features/s23-oos-probe1.tsv");
    const misses = figures.misses.join("\n");
    expect(figures.oosAnswered, misses).toBeLessThanOrEqual(OOS_ANSWERED);
    expect(figures.oosListed, misses).toBe(0);
    expect(figures.inRight, misses).toBeGreaterThanOrEqual(7);
  }, 300_000);
});

/**
 * The readers the session changed, each on messages it must take and must leave (test/features/s23-oos-readers.tsv:
 * reader, text, yes|no).
 */
const READERS = new Map<string, (text: string) => boolean>([
  ["English trivia", (text) => asksEnglishTrivia(words(text))],
  // small talk takes the message (any reply of its own: off topic, identity …), the question sentence deciding
  ["off topic", (text) => smallTalkReply(text) !== undefined],
]);
const READER_CASES = readFileSync("test/features/s23-oos-readers.tsv", "utf8")
  .split("\n")
  .map((line) => line.split("\t"))
  .filter(([reader, text, taken]) => READERS.has(reader ?? "") && text && (taken === "yes" || taken === "no"));

describe("the readers the session changed (test/features/s23-oos-readers.tsv)", () => {
  for (const [reader, text, taken] of READER_CASES) {
    it(`${reader}: «${text}» → ${taken}`, () => {
      expect(READERS.get(reader as string)?.(text as string)).toBe(taken === "yes");
    });
  }
});

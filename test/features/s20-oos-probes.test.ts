import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { bundledCatalogue } from "../harness/common.js";
import { ownSet } from "../search/oos-harness.js";
import { playTurns } from "./s17-oos-run.js";

let catalogue: LiveCatalogue;
// building the index takes some 30 s on a loaded machine: a hang guard, not a time budget
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 180_000);

/**
 * Session 20 (OOS): the probe batches through the whole assistant (test/features/s20-oos-probe*: batch 1 written from
 * the records before the changes and tuned on, batch 2 written after them and never tuned on). Figures at 4a4916e's data
 * (67844a3, before c930578) and with c930578.
 */
describe("probe batches (test/features/s20-oos-probe*)", () => {
  it("batch 1 first messages: at most 4 out-of-scope answered and 1 listed; in scope 40/41 right", async () => {
    const { figures } = await ownSet(catalogue, "test/features/s20-oos-probe1.tsv");
    expect(figures.oosAnswered, figures.misses.join("\n")).toBeLessThanOrEqual(4);
    expect(figures.oosListed, figures.misses.join("\n")).toBeLessThanOrEqual(1);
    expect(figures.inRight, figures.misses.join("\n")).toBeGreaterThanOrEqual(40);
  }, 300_000);

  it("batch 1 off-topic turns after an answer: at most 1 answered, none listed; in-scope turns 20/20", async () => {
    const f = await playTurns(catalogue, "test/features/s20-oos-probe1.jsonl");
    expect(f.noneAnswered, f.misses.join("\n")).toBeLessThanOrEqual(1);
    expect(f.noneListed, f.misses.join("\n")).toBe(0);
    expect(f.inRight, f.misses.join("\n")).toBeGreaterThanOrEqual(20);
  }, 300_000);

  it("batch 2 first messages (never tuned on): at most 3 out-of-scope answered and 2 listed; in scope 16/18", async () => {
    const { figures } = await ownSet(catalogue, "test/features/s20-oos-probe2.tsv");
    expect(figures.oosAnswered, figures.misses.join("\n")).toBeLessThanOrEqual(3);
    expect(figures.oosListed, figures.misses.join("\n")).toBeLessThanOrEqual(2);
    expect(figures.inRight, figures.misses.join("\n")).toBeGreaterThanOrEqual(16);
  }, 300_000);

  it("batch 2 off-topic turns: at most 1 answered, none listed; in-scope turns 12/12", async () => {
    const f = await playTurns(catalogue, "test/features/s20-oos-probe2.jsonl");
    expect(f.noneAnswered, f.misses.join("\n")).toBeLessThanOrEqual(1);
    expect(f.noneListed, f.misses.join("\n")).toBe(0);
    expect(f.inRight, f.misses.join("\n")).toBeGreaterThanOrEqual(12);
  }, 300_000);
});

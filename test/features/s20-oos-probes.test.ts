import { describe, it } from "vitest";
import { bundledCatalogueOfFile, expectOosFloors, expectOosTurnFloors } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 20 (OOS): the probe batches through the whole assistant (test/features/s20-oos-probe*: batch 1 written from
 * the records before the changes and tuned on, batch 2 written after them and never tuned on). Figures at 4a4916e's data
 * (67844a3, before c930578) and with c930578.
 */
describe("probe batches (test/features/s20-oos-probe*)", () => {
  it("batch 1 first messages: at most 4 out-of-scope answered and 1 listed; in scope 40/41 right", async () => {
    await expectOosFloors(catalogue(), "test/features/s20-oos-probe1.tsv", { answered: 4, listed: 1, inRight: 40 });
  }, 300_000);

  it("batch 1 off-topic turns after an answer: at most 1 answered, none listed; in-scope turns 20/20", async () => {
    await expectOosTurnFloors(catalogue(), "test/features/s20-oos-probe1.jsonl", {
      answered: 1,
      listed: 0,
      inRight: 20,
    });
  }, 300_000);

  it("batch 2 first messages (never tuned on): at most 3 out-of-scope answered and 2 listed; in scope 16/18", async () => {
    await expectOosFloors(catalogue(), "test/features/s20-oos-probe2.tsv", { answered: 3, listed: 2, inRight: 16 });
  }, 300_000);

  it("batch 2 off-topic turns: at most 1 answered, none listed; in-scope turns 12/12", async () => {
    await expectOosTurnFloors(catalogue(), "test/features/s20-oos-probe2.jsonl", {
      answered: 1,
      listed: 0,
      inRight: 12,
    });
  }, 300_000);
});

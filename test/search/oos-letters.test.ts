import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { bundledCatalogue } from "../harness/common.js";
import { line, ownSet } from "./oos-harness.js";

/**
 * test/search/oos-letters.tsv through the whole assistant, each message a new chat (oos-harness.ts): another agency's
 * service or chit-chat must not get a ward procedure, and the in-scope look-alikes beside them must stay answered.
 * Floors as measured on 2 December 2026 (unchanged code: 19 answered, 6 listed of 133; 50 of 64 answered right).
 */
let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

describe("out-of-scope letters and their in-scope look-alikes (oos-letters.tsv)", () => {
  it("keep to the floors", async () => {
    const { figures } = await ownSet(catalogue);
    const report = `${line("oos-letters.tsv", figures)}\n${figures.misses.join("\n")}`;
    expect(figures.oos, report).toBeGreaterThanOrEqual(130);
    expect(figures.oosAnswered, report).toBeLessThanOrEqual(7);
    expect(figures.oosAnswered + figures.oosListed, report).toBeLessThanOrEqual(9);
    expect(figures.inRight, report).toBeGreaterThanOrEqual(49);
    expect(figures.inRight + figures.inListedRight, report).toBeGreaterThanOrEqual(54);
  });
});

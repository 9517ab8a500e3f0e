import { describe, expect, it } from "vitest";
import { RANKER_MODEL, type RankerModel, RESCUE, rescueRow } from "../../src/search/ranker.js";
import { expectSearchFloors } from "../harness/probe-floors.js";
import { firstCode, servedSearchOfFile } from "../harness/served-search.js";

// Session 26 (SEARCH). Probe batches written before any change was measured on them (test/search/s26-search-probe*.tsv),
// not from eval/.
const { served, search } = servedSearchOfFile();

describe("the rescue weighs the scope gate's doubt of the message (tuning's largest class of top-3 misses)", () => {
  it("reads the gate's P(out of scope) as a feature, and the committed model leans away from a list as it grows", () => {
    const candidates = [
      [0.3, 0.5, 0.5, 0, 1, 0.6, -3, 0.4, 0.2],
      [0.2, 0.4, 0.4, 0, 1, 0.3, -4, 0.2, 0.1],
    ];
    const message = (scope: number) => [0.2, -5, 0.1, 0.3, 1, 0, scope];
    const { row } = rescueRow({ candidates, message: message(0.7) }, [1, 0]);
    expect(row[RESCUE.indexOf("scope")]).toBe(0.7);
    const rescue = (RANKER_MODEL as RankerModel).rescue;
    expect(rescue?.features).toEqual([...RESCUE]);
    expect(rescue?.weights[RESCUE.indexOf("scope")]).toBeLessThan(0);
  });

  it("batch 1 (situations told without the procedure's name; look-alikes out of scope) holds", () => {
    // test/search/s26-search-probe1.tsv: 12 in scope, 6 out. Main 34fbcc9: top-1 8, top-3 8 of 12, out of scope
    // answered 1, offered 1 (both by the rules, not the rescue); with the gate's doubt read, the same: the four in-scope
    // lines the rules refuse stay refused (the rescue is not sure enough of any of them), no out-of-scope line gains a list.
    expectSearchFloors(served(), "test/search/s26-search-probe1.tsv", { top1: 8, top3: 8, answered: 1, offered: 1 });
  });
});

describe("English «card» is read as «thẻ»: a health insurance card is the one the liên thông bundle issues", () => {
  it("batch 2 (the bundle asked in English; cards of other agencies and shops) holds", () => {
    // test/search/s26-search-probe2.tsv: 6 in scope, 8 out. Main 7339a37: top-3 0 of 6 (the redirect's «health
    // insurance card» held back the bundle, whose name says «cấp thẻ bảo hiểm y tế»), out of scope 0; with «card» and
    // «health insurance card» read (data/synonyms.json): top-1 6, top-3 6, out of scope answered 0, offered 0.
    expectSearchFloors(served(), "test/search/s26-search-probe2.tsv", { top1: 6, top3: 6, answered: 0, offered: 0 });
  });

  it("leaves a card asked alone to whoever issues it", () => {
    for (const q of [
      "my ATM card got swallowed by the machine",
      "how do I get a health insurance card for my son at 18?",
    ])
      expect(firstCode(search(), q), q).toBe("none");
  });
});

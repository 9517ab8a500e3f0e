import { describe, expect, it } from "vitest";
import { RANKER_MODEL, type RankerModel, RESCUE, rescueRow } from "../../src/search/ranker.js";
import { expectSearchFloors } from "../harness/probe-floors.js";
import { servedSearchOfFile } from "../harness/served-search.js";

// Session 26 (SEARCH). Probe batches written before any change was measured on them (test/search/s26-search-probe*.tsv),
// not from eval/.
const { served } = servedSearchOfFile();

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

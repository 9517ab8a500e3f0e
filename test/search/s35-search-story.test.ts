import { describe, it } from "vitest";
import { expectSearchFloors } from "../harness/probe-floors.js";
import { servedSearchOfFile } from "../harness/served-search.js";

// Session 35 (letters helper). A probe batch written before the change was measured on it (test/search/s35-search-probe1.tsv),
// not from eval/: long letters that tell a foreigner in their story (the other parent, a spouse) and ask for the
// foreign-element record of a family (ranker.ts `foreignFirst`), and one that tells a family all Vietnamese.
const { served } = servedSearchOfFile();

describe("session 35's probe batch holds", () => {
  it("letters telling a foreigner in their story (6 in scope)", () => {
    // With foreignFirst: top-1 4, top-3 6 (the old grandmother's death goes to the mobile death registration first, the
    // foreign father's recognition to the foreign birth registration first; both second).
    expectSearchFloors(served(), "test/search/s35-search-probe1.tsv", { top1: 4, top3: 6, answered: 0, offered: 0 });
  });
});

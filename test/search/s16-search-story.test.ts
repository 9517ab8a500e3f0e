import { describe, expect, it } from "vitest";
import { readsEnglish } from "../../src/search/ranker.js";
import { expectSearchFloors } from "../harness/probe-floors.js";
import { firstCode, servedSearchOfFile } from "../harness/served-search.js";

// Session 16 (SEARCH): the rescue's threshold weighs out-of-scope lists against in-scope ones (one stray out-of-scope
// message no longer sets it), the re-ranker reads English apart ("english" context) and the nearest câu mẫu bring a
// candidate the rules' first eight lack.
const { served, search } = servedSearchOfFile();

describe("the rescue offers its list again where one stray out-of-scope message had silenced it", () => {
  it("an English tạm trú letter the rules find nothing for is offered a list led by the registration", () => {
    const outcome = search().search(
      "I'm a factory worker renting a room near the industrial park, how do I register temporary residence at the ward police",
    );
    expect(outcome.decision).toBe("choose");
    expect(outcome.hits[0]?.procedure.code).toBe("1.004194");
  });
});

describe("English is read apart: its grams do not make a Vietnamese family's case a foreign-element one", () => {
  it("a birth told in English with nothing foreign said is the plain registration", () => {
    expect(
      firstCode(
        search(),
        "my wife gave birth at the hospital last week and we have the birth notice, how do I register the baby's birth at the ward",
      ),
    ).toBe("1.001193");
  });

  it("while a foreign father said in English still makes it the foreign-element one", () => {
    expect(
      firstCode(
        search(),
        "My husband is American and our baby was born in Hanoi. How do we register the birth at the ward?",
      ),
    ).toBe("2.000528");
  });

  it("tells English from Vietnamese typed without accents (no word folds alike: 'Mỹ' is no 'my')", () => {
    expect(readsEnglish("how do I register my baby's birth")).toBe(true);
    expect(readsEnglish("chong toi nguoi My, lam khai sinh cho con the nao")).toBe(false);
    expect(readsEnglish("Tôi là Việt kiều Mỹ, về thăm nhà, cần bản sao hộ chiếu Mỹ")).toBe(false);
    expect(readsEnglish("co the dang ky tam tru online khong")).toBe(false);
  });
});

describe("own probe batches (served search: rules, câu mẫu, re-ranker, scope gate)", () => {
  // test/search/s16-search-probe1.tsv, written before measuring (85 in scope, 19 letters ≥150 characters, 10 out of
  // scope; tuned on): at b6afc0f top-1 75, top-3 77, answered 1, offered 0; after this session's re-ranker the same.
  it("batch 1 (tuned on) holds", () => {
    expectSearchFloors(served(), "test/search/s16-search-probe1.tsv", { top1: 75, top3: 77, answered: 1, offered: 0 });
  });

  // test/search/s16-search-probe2.tsv, written before the session's model was trained and never tuned on: 49 in scope,
  // 10 out. At b6afc0f top-1 48, top-3 48, answered 2, offered 0; after, the same. The twenty-sixth session's split
  // (F20, T25 and TC25 into the parts, câu mẫu rebuilt and the re-ranker retrained, no code changed) cost two first
  // places, both still in the top 3: the new câu mẫu put "the monthly allowance for a severely disabled person" (in
  // English) on its look-alike 1.001731, and the retrained re-ranker put the bare name «đăng ký nuôi con nuôi» on the
  // re-registration 2.001255 (the new câu mẫu of re-registration say «đăng ký … nuôi con nuôi» too). Top-1 46 until
  // a mechanism wins them back. Twenty-seventh session: 48 again (main f9d1588 after its retrain, and with the
  // re-ranker's twin features, whose weights keep the plain record first when a twin's detail is not said).
  it("batch 2 (never tuned on) holds", () => {
    expectSearchFloors(served(), "test/search/s16-search-probe2.tsv", { top1: 48, top3: 48, answered: 2, offered: 0 });
  });
});

import { describe, expect, it } from "vitest";
import { expectSearchFloors } from "../harness/probe-floors.js";
import { firstCode, servedSearchOfFile } from "../harness/served-search.js";

// Session 17 (SEARCH): everyday ways of saying "no pension" and "the elderly" are the hưu trí record's own words.
const { served, search } = servedSearchOfFile();

describe("an old person without a pension who wants a monthly allowance is the social pension (hưu trí xã hội)", () => {
  it.each([
    "mẹ tôi 78 tuổi, không có lương hưu, sống một mình, muốn xin trợ cấp hằng tháng thì làm hồ sơ gì",
    "ong noi 77 tuoi ko co luong huu, xin tro cap hang thang o dau",
  ])("%s", (q) => {
    expect(firstCode(search(), q)).toBe("1.014027");
  });

  it("while an artisan who asks the same is the artisans' allowance", () => {
    expect(
      firstCode(search(), "bố tôi là nghệ nhân ưu tú nghề gốm, muốn xin tiền hỗ trợ hằng tháng thì làm hồ sơ gì"),
    ).toBe("1.014310");
  });
});

describe("own probe batches (served search: rules, câu mẫu, re-ranker, scope gate)", () => {
  // test/search/s17-search-probe1.tsv, written before measuring (74 in scope, 5 letters ≥150 characters, 9 out of scope,
  // 6 of them bare statements; tuned on): 4b2f87d top-1 63, top-3 63, offered 2; 7da5f74 64, 64, 2; at e574fce (T11 and
  // the lead's retrain) 63, 63, 2 (the two offered: 'nhà tôi ở phường Tân Định' by the rules, 'con em học lớp 3' by the
  // rescue; a gate for statements that ask nothing is left for the next session: /work/coord/s17/search-rescue-gate.patch).
  it("batch 1 (tuned on) holds", () => {
    expectSearchFloors(served(), "test/search/s17-search-probe1.tsv", { top1: 63, top3: 63, answered: 0, offered: 2 });
  });

  // test/search/s17-search-probe2.tsv, written after the changes from the records alone and never tuned on (51 in scope,
  // 3 letters, 9 out of scope, 4 of them bare statements): 4b2f87d top-1 45, top-3 46, none answered or offered; the same
  // at 7da5f74 and at e574fce.
  it("batch 2 (never tuned on) holds", () => {
    expectSearchFloors(served(), "test/search/s17-search-probe2.tsv", { top1: 45, top3: 46, answered: 0, offered: 0 });
  });
});

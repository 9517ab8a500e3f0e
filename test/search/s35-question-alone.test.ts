import { describe, expect, it } from "vitest";
import type { SearchOutcome } from "../../src/search/index.js";
import type { ScopeModel } from "../../src/search/scope.js";
import { QUESTION_ALONE_DOUBT, questionAloneVetoes, requestText } from "../../src/search/scope.js";

/**
 * Session 35 (OOS): the question alone (scope.ts `questionAloneVetoes`): a letter the gate leans to out of scope whose
 * request, searched by itself, reaches no procedure and reads out of scope too gets no procedure. The rule's parts,
 * with a gate that reads every text alike (its P is the test's to set).
 */
const gate = (p: number): ScopeModel => ({
  features: "test",
  veto: 0.97,
  views: [{ view: "words", bias: Math.log(p / (1 - p)), weights: {} }],
});
const answered = {
  decision: "answer",
  intent: "general",
  hits: [{ procedure: { code: "1.001193" }, score: 0.7, parts: { coverage: 1, pairs: 0, title: 0 } }],
  sectionOnly: false,
  sure: true,
} as unknown as SearchOutcome;
const nothing = { ...answered, decision: "none", hits: [] } as SearchOutcome;
const LETTER = "Cháu tôi đã làm khai sinh ở phường rồi. Giờ trạm y tế tiêm vắc xin sởi vào thứ mấy?";

describe("the request of a letter (requestText)", () => {
  it("is its last sentence and the ones that ask, as typed", () => {
    expect(requestText(LETTER)).toBe("Giờ trạm y tế tiêm vắc xin sởi vào thứ mấy?");
    expect(requestText("Nhà tôi ở Huế? Tôi hỏi cái này. Xong rồi.")).toBe("Nhà tôi ở Huế? Xong rồi.");
  });
  it("is none for a message of one sentence or all request", () => {
    expect(requestText("làm khai sinh cho con ở đâu")).toBeUndefined();
    expect(requestText("Ở đâu? Bao lâu?")).toBeUndefined();
  });
});

describe("the question alone (questionAloneVetoes)", () => {
  it("takes an answer away when the gate leans out, and the request alone finds nothing and reads out", () => {
    expect(
      questionAloneVetoes(
        LETTER,
        answered,
        gate(0.9),
        () => 0.9,
        () => nothing,
      ),
    ).toBe(true);
  });
  it("keeps it when the whole letter reads the ward's enough", () => {
    const below = QUESTION_ALONE_DOUBT - 0.05;
    expect(
      questionAloneVetoes(
        LETTER,
        answered,
        gate(0.9),
        () => below,
        () => nothing,
      ),
    ).toBe(false);
  });
  it("keeps it when the request alone reaches a procedure, or reads the ward's", () => {
    expect(
      questionAloneVetoes(
        LETTER,
        answered,
        gate(0.9),
        () => 0.9,
        () => answered,
      ),
    ).toBe(false);
    expect(
      questionAloneVetoes(
        LETTER,
        answered,
        gate(0.5),
        () => 0.9,
        () => nothing,
      ),
    ).toBe(false);
  });
  it("reads nothing of a one-sentence message, a not-found or overwhelming support", () => {
    const one = "trạm y tế tiêm vắc xin sởi vào thứ mấy, có cần giấy khai sinh không";
    expect(
      questionAloneVetoes(
        one,
        answered,
        gate(0.9),
        () => 0.9,
        () => nothing,
      ),
    ).toBe(false);
    expect(
      questionAloneVetoes(
        LETTER,
        nothing,
        gate(0.9),
        () => 0.9,
        () => nothing,
      ),
    ).toBe(false);
    const sure = { ...answered, hits: [{ ...answered.hits[0], score: 1.2 }] } as SearchOutcome;
    expect(
      questionAloneVetoes(
        LETTER,
        sure,
        gate(0.9),
        () => 0.9,
        () => nothing,
      ),
    ).toBe(false);
  });
});

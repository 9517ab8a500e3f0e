import { describe, expect, it } from "vitest";
import type { SearchOutcome } from "../../src/search/index.js";
import { LIST_VETO, outOfScope, SCOPE_MODEL, scopeVetoes } from "../../src/search/scope.js";

// Session 17 (OOS, SCOPE's files): a "which one?" list is taken away from P ≥ LIST_VETO (0.93), an answer only from
// the model's veto (0.95). Checked on the served model with its veto moved out of reach, so the test reads the rule,
// not where one message's P happens to fall.
const outcome = (decision: "answer" | "choose"): SearchOutcome =>
  ({
    decision,
    intent: "general",
    hits: [{ score: 0.5 }, { score: 0.4 }],
    sectionOnly: false,
  }) as unknown as SearchOutcome;

describe("lists are vetoed from a lower P than answers", () => {
  it("a list to a message P ≥ 0.93 is taken away while an answer is left for the model's veto", () => {
    expect(SCOPE_MODEL).not.toBeNull();
    const model = { ...(SCOPE_MODEL as NonNullable<typeof SCOPE_MODEL>), veto: 1.01 };
    const text = "giá vàng SJC hôm nay bao nhiêu một chỉ";
    expect(outOfScope(model, text)).toBeGreaterThanOrEqual(LIST_VETO);
    expect(scopeVetoes(text, outcome("choose"), model)).toBe(true);
    expect(scopeVetoes(text, outcome("answer"), model)).toBe(false);
  });

  it("the list threshold never lies above the model's veto", () => {
    const model = { ...(SCOPE_MODEL as NonNullable<typeof SCOPE_MODEL>), veto: 0.5 };
    const text = "giá vàng SJC hôm nay bao nhiêu một chỉ";
    expect(scopeVetoes(text, outcome("choose"), model)).toBe(outOfScope(model, text) >= 0.5);
    expect(LIST_VETO).toBeLessThanOrEqual(0.95);
  });
});

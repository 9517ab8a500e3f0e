/**
 * Session 27 (FOLLOW): the stay-or-switch judge (case-question.ts StaySwitchModel, answer.ts stayOnCase). After an
 * answer, a follow-up the rules moved to search's first hit is answered with the procedure at hand where the judge,
 * trained on the tuning conversations' turns of that kind, reads it as still asking of the case: another procedure's
 * thing named only as a paper or a state of the case. A move to another procedure asked for stays a move.
 * Probe batch 1 (18 conversations, own phrasings, written before the change was first played, frozen md5 d33bf62b):
 * stays where another procedure is named only as a paper or a state («bên vợ sắp cưới đã đăng ký tạm trú ở đây 2 năm,
 * vậy nộp hồ sơ ở phường này được không» after a marriage), and moves asked for («à còn gia hạn tạm trú thì cần giấy tờ
 * gì» after a temporary residence). On f9d1588 15/18; with the judge 17/18. The thirtieth session's split (F24,
 * T29, TC29; the judge retrained on them) moved one English case question after a temporary residence («… landlord …
 * permanent residence …, does he have to come with me?») to the residence declaration of people who qualify for
 * neither: 16/18. The thirty-fourth session's split (F28, T33, TC33; the judge retrained on them, no code changed)
 * moved a case question after a permanent residence that tells the house's building permit granted last year as the
 * proof of lawful residence to the building permit: 15/18 (floor).
 */
import { describe, expect, it } from "vitest";
import { STAY_SWITCH_MODEL } from "../../src/features/case-question.js";
import { bundledCatalogueOfFile, describeProbeBatches } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

describe("the stay-or-switch judge", () => {
  it("is trained for today's features", () => {
    expect(STAY_SWITCH_MODEL).not.toBeNull();
  });
});

describeProbeBatches(catalogue, [["test/core/s27-follow-probe1.jsonl", 15 / 18, 0]]);

/**
 * Session 24 (FOLLOW): the case-question judge (src/features/case-question.ts, data/case-question.json), a logistic
 * regression learnt from the tuning conversations' turns after an answer, read where no reading took a follow-up and
 * the scope gate alone was too strict.
 * - English said after an answer ("how many days until I hear back?", "can he put his fingerprint instead?"), which the
 *   English câu mẫu weigh too thinly: the procedure at hand when the judge is sure and the gate is not sure of another
 *   matter. Off-topic English after an answer ("how long does shipping take", s10) stays no procedure.
 * The probe batch (20 conversations written before the change was played on them, frozen md5 ed861c93) plays through
 * the real assistant.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { CASE_QUESTION_MODEL } from "../../src/features/case-question.js";
import { bundledCatalogue } from "../harness/common.js";
import { probeBatches } from "../harness/probe-floors.js";

let catalogue: LiveCatalogue;
// A hang guard, not a budget: loading the catalogue takes seconds calm and far longer on the shared machine under load.
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 180_000);

describe("the case-question judge", () => {
  it("the committed model is read (trained for the features this code computes)", () => {
    expect(CASE_QUESTION_MODEL).not.toBeNull();
    expect(Object.keys(CASE_QUESTION_MODEL?.weights ?? {}).length).toBeGreaterThan(100);
  });
});

describe("the probe batches", () => {
  // Batch 1 (20 conversations, 28 follow-up turns, 8 off-topic turns after an answer): 20/28 follow-ups on the session's start code and with this reading (its English follow-ups the judge does not reach: the gate reads them
  // at 0.75 and more); its 8 off-topic turns after an answer all stay no procedure.
  probeBatches(() => catalogue, [["test/core/s24-follow-probe1.jsonl", 0.7, 8]]);
});

/**
 * Session 23 (FOLLOW): follow-up turns read right, by class (the tuning conversations' even half looked at, the odd half
 * only counted).
 * - A question asked of the case in its own words after an answer, which search finds no procedure for (or meets
 *   another by a word of the case, unsure, its name not said whole) and no reading explains word by word, but the scope
 *   gate reads as the ward's: the procedure at hand, the section asked (its conditions when none is). Off-topic talk
 *   after an answer stays no procedure.
 * The probe batch plays conversations written for this test through the real assistant.
 */
import { bundledCatalogueOfFile, describeProbeBatches } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

// Batch 1 (21 conversations, written before the change was played on them): 10/21 follow-ups on the session's start
// code and 10/21 with this reading (a broader reading, scope gate under 0.5 with no word test, made 12/21 but
// answered off-topic questions the s10/s12/s13/s20 floors hold). Its 5 no-procedure turns all right.
// Batch 2 (8 conversations, written for the reading as landed, frozen before it was first played, md5 f14b3ff3): a
// question of the case in the record's own words, with two off-topic questions after an answer.
describeProbeBatches(catalogue, [
  ["test/core/s23-follow-probe1.jsonl", 0.45, 5],
  ["test/core/s23-follow-probe2.jsonl", 0.5, 2],
]);

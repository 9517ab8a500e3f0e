import { bundledCatalogueOfFile, describeOosBatches } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 35 (OOS): the question alone (src/search/scope.ts `questionAloneVetoes`, read by examples.ts): a letter the gate
 * leans to out of scope (P ≥ 0.85, below its veto) whose request searched alone reaches no procedure and reads out of
 * scope too is answered no procedure: the ward papers were the story's. And a Vietnamese abroad who does not mean to come
 * home («không định về nước», «chưa có ý định về nước», «chưa tính về nước»: foreign.ts NOT_BACK) is pointed to the
 * consulate for a child's birth there. Tuning part, 5-fold through the whole assistant (bench/oos-assistant.ts
 * --served-ranker): out of scope answered or listed even 11 → 9, odd 12 → 10 (mended 2 / 2: two consulate letters, a
 * vaccination day and a history question after ward papers); broken 0 / 0; in-scope first messages unchanged (right
 * 8,637 / 8,607, no in-scope outcome moved). Probe batch (own, written after the change, tuned on): before it, the two
 * consulate letters were answered (a birth registration); the seven letters of another thing were small talk already
 * (small-talk.ts's readers), so the batch holds the question-alone rule's in-scope look-alikes at 4 of 4.
 */
describeOosBatches(catalogue, "probe batch (test/features/s35-oos-probe1.tsv)", [
  ["test/features/s35-oos-probe1.tsv", { answered: 0, listed: 0, inRight: 4 }],
]);

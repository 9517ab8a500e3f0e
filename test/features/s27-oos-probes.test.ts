import { matchRedirect } from "../../src/features/redirects.js";
import { bundledCatalogueOfFile, describeOosBatches, describeReaders } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 27 (OOS): probe batches written by OOS before any change was measured on them, never tuned on, through the
 * whole assistant.
 * - batch 1 (s27-oos-probe1.tsv, md5 f6bcbf1e): letters that tell a ward procedure done, then ask how another agency's
 *   act is done on its own term («…, gia hạn visa làm thế nào?»: the pointer, 12) beside letters whose question after
 *   the same kind of story asks a ward procedure by name (4). Main f9d1588: out of scope answered 5 of 12, in scope 4/4;
 *   with the letter's question read after its story (redirects.ts byLettersQuestion, small-talk.ts clausesAfterStory):
 *   answered 0, in scope 4/4.
 * Floors: what the landed changes reach.
 */
describeOosBatches(catalogue, "probe batches (test/features/s27-oos-probe*)", [
  ["test/features/s27-oos-probe1.tsv", { answered: 0, listed: 0, inRight: 4 }],
]);

/**
 * The readers the session changed, on messages written by OOS (test/features/s27-oos-readers.tsv: reader, text,
 * yes|no): a letter's question after its story read as all the other agency's (strength 1).
 */
describeReaders("test/features/s27-oos-readers.tsv", {
  "letter's question": (text) => matchRedirect(catalogue().current().catalogue.redirects, text)?.strength === 1,
});

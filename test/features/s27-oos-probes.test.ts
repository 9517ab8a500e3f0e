import { asksAgencyService } from "../../src/features/redirects.js";
import { bundledCatalogueOfFile, describeOosBatches, describeReaders, readsRedirect } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 27 (OOS): probe batches written by OOS before any change was measured on them, never tuned on, through the
 * whole assistant.
 * - batch 1 (s27-oos-probe1.tsv, md5 f6bcbf1e): letters that tell a ward procedure done, then ask how another agency's
 *   act is done on its own term («…, gia hạn visa làm thế nào?»: the pointer, 12) beside letters whose question after
 *   the same kind of story asks a ward procedure by name (4). Main f9d1588: out of scope answered 5 of 12, in scope 4/4;
 *   with the letter's question read after its story (redirects.ts byLettersQuestion, small-talk.ts clausesAfterStory):
 *   answered 0, in scope 4/4.
 * - batch 2 (s27-oos-probe2.jsonl, md5 02f14ea3): after an answer, someone's need of another agency's service said by
 *   its act and asked where («em trai tôi muốn xin lý lịch tư pháp … thì nộp chỗ nào», «bạn tôi người Hàn muốn gia hạn
 *   thị thực thì xin ở đâu»; o01–o12: no procedure) and the case's own paper or act asked (o13–o15). Main f9d1588: 4 of
 *   12 off-topic turns answered with a procedure, in-scope turns 18/18; with the service asked read before the follow-up
 *   readings (redirects.ts asksAgencyService, answer.ts): 0 of 12, 18/18.
 * Floors: what the landed changes reach.
 */
describeOosBatches(catalogue, "probe batches (test/features/s27-oos-probe*)", [
  ["test/features/s27-oos-probe1.tsv", { answered: 0, listed: 0, inRight: 4 }],
  ["test/features/s27-oos-probe2.jsonl", { answered: 0, listed: 0, inRight: 18 }],
  // Written for a mechanism OOS dropped (it lost an in-scope message on the odd half); held where main stands: no
  // out-of-scope letter answered or listed, 2 of the 4 in-scope letters right.
  ["test/features/s27-oos-probe3.tsv", { answered: 0, listed: 0, inRight: 2 }],
]);

/**
 * The readers the session changed, on messages written by OOS (test/features/s27-oos-readers.tsv: reader, text,
 * yes|no): a letter's question after its story read as all the other agency's (strength 1); another agency's own
 * service asked for by its act, and where.
 */
describeReaders("test/features/s27-oos-readers.tsv", {
  "letter's question": readsRedirect(catalogue, (_, said) => said.strength === 1),
  "service asked": readsRedirect(catalogue, asksAgencyService),
});

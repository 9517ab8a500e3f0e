import { asksAgencyService } from "../../src/features/redirects.js";
import { smallTalkReply } from "../../src/features/small-talk.js";
import { bundledCatalogueOfFile, describeOosBatches, describeReaders, readsRedirect } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 28 (OOS): a probe batch of conversations written by OOS before any change was measured on it, never tuned on,
 * played through the whole assistant (every turn's reply sorted).
 * - batch 1 (s28-oos-probe1.jsonl, md5 ae916dac): after an answer, a ward paper asked for a purpose that names another
 *   agency's service, said with «nhằm», «với mục đích», «mục đích là», «phục vụ việc», «dùng cho việc» (q01–q06: the
 *   ward paper's procedure) and the same words with no ward paper, an errand (q07–q10: no procedure); another agency's
 *   service asked with its act said after its term («… thì gia hạn ở đâu», «thuế … thì nộp ở đâu»; q11–q15: no
 *   procedure) and a paper of the case brought or submitted (q16–q17: the case's). Main fcf3cbc: in-scope turns 19 of
 *   25 (q01–q06 got the pointer), off-topic turns answered 1 of 9 (q11); with the purpose words (purposeBefore) and
 *   the act after the term (actedAfter): 25 of 25, 0 of 9.
 * - batch 2 (s28-oos-probe2.jsonl, md5 2a6426f5): after an answer, thanks and a well-wish closing the chat (w01–w10: no
 *   procedure) and a will, a congratulation before a question (w11–w13: the case's). Main fcf3cbc already answers none
 *   of the 10 closings with a procedure (16 of 16 in scope); with the closing wish (small-talk.ts closesWithWish) the same:
 *   the reader gives them the thanks or goodbye reply (the readers below), the whole assistant's counts do not move.
 * Floors: what the landed changes reach.
 */
describeOosBatches(catalogue, "probe batches (test/features/s28-oos-probe*.jsonl)", [
  ["test/features/s28-oos-probe1.jsonl", { answered: 0, listed: 0, inRight: 25 }],
  ["test/features/s28-oos-probe2.jsonl", { answered: 0, listed: 0, inRight: 16 }],
]);

/**
 * The readers the session changed, on messages written by OOS before any change was measured on them
 * (test/features/s28-oos-readers.tsv: reader, text, yes|no). Service asked (redirects.ts asksAgencyService): another
 * agency's service said as what a ward paper asked is for, by a purpose word other than «để», is no request for that
 * service; with no ward paper before the words, an errand, it is (fcf3cbc: 5 of 12 lines right; with purposeBefore 12
 * of 12). The agency's act said after its term, right before the place asked, asks for its service; a paper brought
 * for the case, submitted or copied, does not (fcf3cbc: 4 of 10 right, the 6 «yes» lines missed; with actedAfter 10 of
 * 10). Closing wish (small-talk.ts closesWithWish): a well-wish closing the chat, alone or with thanks, is thanked back or
 * said goodbye to; a will («di chúc», «chúc thư»), a congratulation before a question, «chức» (a post) are not
 * (fcf3cbc: the 4 «no» lines right, the 8 «yes» lines read as nothing; now 12 of 12).
 */
describeReaders("test/features/s28-oos-readers.tsv", {
  "service asked": readsRedirect(catalogue, asksAgencyService),
  "closing wish": (text) => ["small-talk-bye", "small-talk-thanks"].includes(smallTalkReply(text) ?? ""),
});

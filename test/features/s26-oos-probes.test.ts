import { describe, expect, it } from "vitest";
import type { Redirect } from "../../src/catalogue/schema.js";
import { namesPaperToBring } from "../../src/features/redirects.js";
import { smallTalkReply } from "../../src/features/small-talk.js";
import { tokenize } from "../../src/search/normalize.js";
import { bundledCatalogueOfFile, describeOosBatches, describeReaders, readsRedirect } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 26 (OOS): probe batches of conversations written by OOS before any change was measured on them, never tuned
 * on, played through the whole assistant (every turn's reply sorted).
 * - batch 1 (s26-oos-probe1.jsonl, md5 ef259723): after an answer, another agency's paper asked as needed for the case
 *   (p01–p08: the case's papers) or asked where it is got (p09–p12: the agency's pointer); a fee or a time asked in
 *   everyday words of the case (p13–p17) and prices and times of other things (p18–p22: no procedure); whether a paper
 *   must be translated, closed by a particle (p23–p24). Main 34fbcc9: in-scope turns right 31 of 39, off-topic turns
 *   answered 0 of 9, listed 0; with the session's readers 37 of 39 (p01, p02, p06, p07, p08 get the case's papers
 *   instead of the pointer, p23 no «Tôi không dịch văn bản»), off topic 0 and 0. Left: p14, p16 (search follows a word
 *   of the story to a look-alike: the time is asked of it).
 * - batch 3 (s26-oos-probe3.jsonl, md5 4002f233): after an answer, a fee or a time asked with words of buying, hiring,
 *   booking, finding (r01–r09: the case's) and the same words pricing other things (r10–r15: no procedure). 23 of 24
 *   in-scope turns right on main and with the readers alike (the request-frame reader rarely fires on these), off topic
 *   0 and 0 both: the fee/time reader moves none of them and loses none.
 * - batch 4 (s26-oos-probe4.jsonl, md5 c787959a, written after the landing): after an answer, someone's need of another
 *   agency's service said by its act and asked where («vợ tôi người Hàn cần gia hạn thẻ tạm trú thì làm ở đâu», «ông nội
 *   cần rút bảo hiểm xã hội một lần thì nộp ở đâu»; t01–t05, t08–t10: no procedure) and a procedure's need of a paper
 *   (t06–t07: the case's). On main 81dd43a 4 of 8 off-topic turns are answered with a procedure (t01, t04, t05, t10):
 *   a class left for the next session (a reader that made such a need "asked, not held" in redirects.ts moved 2 even
 *   tuning turns, no odd one and none of these, and was not landed). Floors hold it where it stands.
 * Floors: what the session's readers reach.
 */
describeOosBatches(catalogue, "probe batches (test/features/s26-oos-probe*.jsonl)", [
  ["test/features/s26-oos-probe1.jsonl", { answered: 0, listed: 0, inRight: 37 }],
  ["test/features/s26-oos-probe3.jsonl", { answered: 0, listed: 0, inRight: 23 }],
  // probe4: answered 4 -> 0 with OOS s27's service asked (redirects.ts asksAgencyService read before the follow-ups)
  ["test/features/s26-oos-probe4.jsonl", { answered: 0, listed: 0, inRight: 12 }],
]);

/**
 * The readers the session changed, on messages written by OOS (test/features/s26-oos-readers.tsv: reader, text,
 * yes|no): a translation asked of the bot vs whether one is needed; another agency's paper asked as needed (the case's
 * papers) vs its service asked. (The session's third reader — after an answer, a fee or a time asked in a request
 * frame's words left to the answer, 090848c — was reverted: narrow, even +3 and odd 0, and it let «thuê thợ xây nhà 3
 * tầng hết bao nhiêu» after a building permit be answered with the permit's fee, REVIEW's probe pO.)
 */
describeReaders("test/features/s26-oos-readers.tsv", {
  translate: (text) => smallTalkReply(text) === "small-talk-translate",
  "paper needed": readsRedirect(catalogue, (text, said) => namesPaperToBring(text, said.term, said.redirect)),
});

// REVIEW s26: the paper-needed reader read the agencies' terms from the bundled file at load, so a term staff add to
// data/redirects.json (which reloads) was no paper's name until a rebuild; it reads the redirect matched now.
describe("a paper asked as needed is read from the redirects as they are now", () => {
  const agency = (id: string, terms: string[]): Redirect => ({
    id,
    topic: "Cơ quan thử",
    terms,
    answer: "Việc này do cơ quan khác giải quyết.",
    sources: [{ title: "Văn bản thử", kind: "primary", url: "https://example.org/luat" }],
    lastChecked: "2026-12-01",
  });
  it("a term added to an agency that issues a paper counts at once; the same term of an agency of no paper does not", () => {
    const text = "có phải nộp giấy xác nhận nhân thân mới không";
    const term = tokenize("giấy xác nhận nhân thân mới");
    expect(namesPaperToBring(text, term, agency("ly-lich-tu-phap", ["giấy xác nhận nhân thân mới"]))).toBe(true);
    expect(namesPaperToBring(text, term, agency("thue", ["giấy xác nhận nhân thân mới"]))).toBe(false);
    expect(namesPaperToBring(text, term)).toBe(false);
  });
});

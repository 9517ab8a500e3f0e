import { describe, expect, it } from "vitest";
import { smallTalkReply } from "../../src/features/small-talk.js";
import { bundledCatalogueOfFile, expectOosFloors, probeRows } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 25 (OOS): probe batch 1 (test/features/s25-oos-probe1.tsv, md5 4ae11294) through the whole assistant, written
 * by OOS before any change was measured on it and never tuned on: the citizen goes to, or asks, another agency named as
 * where or whom («lên công an quận», «ra ngân hàng», «go to the tax office»), with the ward's asking words; in-scope
 * look-alikes whose destination is the ward. On main 8880e2f: out of scope answered 0 of 18, listed 0 (each got the
 * agency's pointer, small talk or not found); in scope 5 of 6 right — «lên ủy ban xã xin xác nhận tình trạng hôn nhân
 * để ra ngân hàng vay vốn thì cần gì» gets the bank's pointer (the ward is where the paper is asked, the bank only
 * what it is for). Floors: what main reaches.
 */
describe("probe batch 1 (test/features/s25-oos-probe1.tsv)", () => {
  it("out of scope: none answered, none listed; in scope: at least 5 of 6 right", async () => {
    await expectOosFloors(catalogue(), "test/features/s25-oos-probe1.tsv", { answered: 0, listed: 0, inRight: 5 });
  }, 300_000);
});

// The small-talk reader the session changed (test/features/s25-oos-readers.tsv: reader, text, yes|no): whether a paper
// must be translated («… có phải dịch ra tiếng Việt không») is asked of the procedure at hand, not of the bot (FOLLOW's
// s25 interceptions after an answer); a request to translate still gets «Tôi không dịch văn bản».
describe("a translation asked of the bot, not whether one is needed (test/features/s25-oos-readers.tsv)", () => {
  it.each(probeRows("test/features/s25-oos-readers.tsv"))("%s: «%s» → %s", (_reader, text, taken) => {
    expect(smallTalkReply(text as string) === "small-talk-translate").toBe(taken === "yes");
  });
});

/**
 * Follow-up turns in phrasings the conversation logic was not written for (issue 11: 0.96 on the tuning
 * conversations, 0.82 on a fresh set): conversations the follow-up helper wrote from the records in data/procedures,
 * not from eval/, played against the real assistant as eval's are (test/harness/eval-conversations.ts).
 * - followups-probe.jsonl: section-only follow-ups in many spellings (no accents, chat, English, one word), after a
 *   long letter, a list, a not-found reply, small talk and another agency's pointer; switches, clarifications,
 *   corrections, and a section asked with another procedure at once. Written and measured before the changes it
 *   led to, then tuned on.
 * - followups-probe-oos.jsonl: a question with a section cue about something no procedure is (the price of gold, a
 *   taxi to the airport) asked on a procedure: never that procedure's section.
 * - followups-fresh.jsonl: a second batch written after the changes and never tuned on (the check that they
 *   generalise): measured, with a floor under today's figure.
 * - followups-s9-probe.jsonl and followups-s9-check.jsonl: the same pair for the ninth session's variants (a thing
 *   first issued and its changes), written before its changes; the check batch was never tuned on.
 * - s11-follow-probe.jsonl and s11-follow-check.jsonl: the eleventh session's pair, all seven kinds of conversation.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { bundledCatalogue } from "../harness/common.js";
import { conversations, playConversations } from "../harness/eval-conversations.js";

let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

describe("follow-ups in new phrasings", () => {
  it.each([
    // 108/121 = 0.893 at 3727f06 (before), 120/121 = 0.992 after; none turns 13/13 both.
    ["test/core/followups-probe.jsonl", 0.97, 1],
    // 10/10 and none 10/10 at 3727f06; a section of the procedure at hand read too widely answered five of these.
    ["test/core/followups-probe-oos.jsonl", 1, 1],
    // Never tuned on: 40/52 = 0.769 at 3727f06, 43/52 = 0.827 after.
    ["test/core/followups-fresh.jsonl", 0.8, 1],
    // Ninth session: corrections and details that move to another variant of the thing (re-issue, extension, foreign
    // element), picks of a variant from the related list under an answer, switches by an everyday name and section
    // questions with extra words. 78/89 = 0.876 at 347116e (before), 88/89 = 0.989 after; tuned on.
    ["test/core/followups-s9-probe.jsonl", 0.95, 1],
    // Never tuned on: 32/43 = 0.744 at 347116e, 38/43 = 0.884 after.
    ["test/core/followups-s9-check.jsonl", 0.85, 1],
    // Eleventh session: sections asked as sentences that tell the case, what-ifs, English, switches by everyday names,
    // corrections, returns, off-topic turns between (must stay none). 52/60 = 0.867 at d007921 (before), 56/60 = 0.933
    // at 4dfa785, 55/60 = 0.917 at 44d4be1 (a câu mẫu allowance that let off-topic questions through went); tuned on.
    ["test/core/s11-follow-probe.jsonl", 0.91, 1],
    // Never tuned on, written after the session's changes: 49/58 = 0.845 with d007921's conversation files, 50/58 =
    // 0.862 at 4dfa785, 49/58 = 0.845 at 44d4be1.
    ["test/core/s11-follow-check.jsonl", 0.84, 1],
    // Twelfth session: sections asked past the list a story got, sections carrying details of the case, look-alike
    // details, prices of other things after an answer (must stay none). 26/51 = 0.510 at d990fa2 (before, no-procedure
    // turns 4/7), 35/51 = 0.686 at 6e88647 (5/7); tuned on.
    ["test/core/s12-follow-probe.jsonl", 0.66, 0.7],
    // Never tuned on, written after 6e88647: 31/44 = 0.705 at 5d792ca's code (before, no-procedure turns 5/6), 40/44 =
    // 0.909 at 6e88647 (5/6).
    ["test/core/s12-follow-check.jsonl", 0.86, 0.8],
  ])("%s: follow-up turns refer to the right procedure", async (file, floor, noneFloor) => {
    const score = await playConversations(conversations(file), catalogue);
    const rate = score.followUpsRight / Math.max(1, score.followUps);
    const none = score.noneRight / Math.max(1, score.noneTurns);
    console.log(
      `${file}: ${score.conversations} conversations, follow-up turns right ${score.followUpsRight}/${score.followUps} = ` +
        `${rate.toFixed(3)}, after a right turn ${score.afterRightRight}/${score.afterRight}, ` +
        `no-procedure turns right ${score.noneRight}/${score.noneTurns}`,
    );
    if (process.env.SHOW_WRONG) console.log(score.wrong.join("\n"));
    expect(score.skipped).toBe(0);
    expect(rate).toBeGreaterThanOrEqual(floor);
    expect(none).toBeGreaterThanOrEqual(noneFloor);
  });
});

/**
 * eval/'s multi-turn conversations of one part held at their floors (issue 11 item 6), played against the real assistant
 * (eval-conversations.ts): one case of test/core/conversations.test.ts or of a file of its own. The tuning part is
 * the longest case of the suite (578 s of a CI run under load) and has its own file (test/core/s38-conversations-tuning
 * .test.ts), so that vitest runs it beside other files rather than before the next case of the same file.
 */
import { expect } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { conversations, playConversations } from "./eval-conversations.js";

/**
 * Plays the conversations of `file` (every `every`-th, by id order) and holds the follow-up turns after a right turn at
 * `logicFloor` and the no-procedure turns at `noneFloor`. The held-out part is measured, never tuned on: its case prints
 * nothing and fails with no figure; another part logs its figures.
 */
export async function holdConversationFloors(
  catalogue: LiveCatalogue,
  part: string,
  file: string,
  logicFloor: number,
  noneFloor: number,
  every = 1,
): Promise<void> {
  const score = await playConversations(
    conversations(file).filter((_, i) => i % every === 0),
    catalogue,
  );
  const logic = score.afterRightRight / Math.max(1, score.afterRight);
  const none = score.noneRight / Math.max(1, score.noneTurns);
  if (part !== "held-out") {
    const rate = score.followUpsRight / Math.max(1, score.followUps);
    console.log(
      `${file}: ${score.conversations} conversations (${score.skipped} skipped: code not in the catalogue), ` +
        `follow-up turns right ${score.followUpsRight}/${score.followUps} = ${rate.toFixed(3)}, ` +
        `section right ${score.sectionsRight}/${score.followUps}, no-procedure turns right ${score.noneRight}/${score.noneTurns}; ` +
        `after a right turn ${score.afterRightRight}/${score.afterRight} = ${logic.toFixed(3)}; ` +
        `one procedure's section shown beside others' (not counted right) ${score.sideBySide}`,
    );
    if (process.env.SHOW_WRONG) console.log(score.wrong.join("\n"));
  }
  expect(score.conversations).toBeGreaterThan(10);
  // Whether the first turn is found is the search's part (bench:search); this holds the conversation's part.
  // A plain boolean so a failing held-out case shows no figure either.
  expect(logic >= logicFloor, "follow-up turns after a right turn at or above the floor").toBe(true);
  expect(none >= noneFloor, "no-procedure turns at or above the floor").toBe(true);
}

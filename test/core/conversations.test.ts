/** The multi-turn conversations of eval/ (issue 11 item 6), played against the real assistant (test/harness/eval-conversations.ts). */
import { beforeAll, describe, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { bundledCatalogue } from "../harness/common.js";
import { holdConversationFloors } from "../harness/eval-conversation-floors.js";

let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

describe("eval conversations", () => {
  // Floors, not targets (issue 11 asks 0.95 of follow-up turns): what the conversation logic holds today,
  // so a regression fails. The held-out part is measured, never tuned on: its case asserts the floors and
  // prints nothing (no figure, no miss); bench:search is where held-out figures are reported.
  // The tuning part's case is a file of its own (test/core/s38-conversations-tuning.test.ts), so that it runs beside
  // this one.
  it.each([
    // Conversations the conversation helper wrote for this test, apart from eval/: a check that a change generalises.
    // 0.93 → 0.96 with the same readings (holds 104/105 = 0.990).
    ["own", "test/core/conversations-own.jsonl", 0.96, 1],
    // A smoke check only (its floors are far below what it holds): bench:search plays the whole held-out part and
    // reports it. Every third conversation, by id order, keeps the check's kinds and sessions while this file, the
    // longest of the suite (264 s of a 994 s CI run at 1,342 held-out conversations), stops growing with each split.
    ["held-out", "conversations-heldout.jsonl", 0.6, 0.9, 3],
  ])(
    "%s: follow-up turns refer to the right procedure",
    (part, file, logicFloor, noneFloor, every = 1) =>
      holdConversationFloors(catalogue, part, file, logicFloor, noneFloor, every),
    // A hang guard, not a budget (the tuning part's file tells its history): a busy machine plays these slowly.
    900_000,
  );
});

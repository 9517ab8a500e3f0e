/**
 * eval/'s tuning conversations (issue 11 item 6) held at their floors, played against the real assistant: the tuning
 * case of test/core/conversations.test.ts in a file of its own (session 38), the longest case of the suite (578 s of a
 * CI run under load), so that vitest runs it beside the other files instead of before the next case of that file.
 */
import { beforeAll, describe, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { bundledCatalogue } from "../harness/common.js";
import { holdConversationFloors } from "../harness/eval-conversation-floors.js";

let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await bundledCatalogue();
});

describe("eval conversations", () => {
  // Floors, not targets (issue 11 asks 0.95 of follow-up turns): what the conversation logic holds today, so a
  // regression fails.
  it.each([
    // 0.97 → 0.96 when the part grew by 28 fresh conversations (c0169–c0219), never tuned on before (holds 0.970);
    // 0.96 → 0.95 and no-procedure turns 1 → 0.98 when it grew by 35 more (c0220–c0274, the seventh session's
    // fresh set), never tuned on before (holds 288/300 = 0.960 and 70/71); 0.95 → 0.92 when it grew by 41 of the
    // eighth session's TC conversations (c0275–c0344, mostly outside civil status, follow-ups typed as on phones),
    // never tuned on before (holds 346/372 = 0.930 and 82/83); 0.92 → 0.94 when the follow-up readings of the
    // eighth session raised it (holds 355/375 = 0.947 and 82/83); 0.94 → 0.92 when it grew by 42 of the ninth
    // session's TC2 conversations (c0345–c0414: corrections, moves within a permit's family, returns), never tuned on
    // before (holds 427/461 = 0.926 and 93/94); 0.92 → 0.94 when the ninth session's variant, return and
    // foreign-element readings raised it (holds 444/469 = 0.947 and 93/94); 0.94 → 0.92 when it grew by 37 of F4's
    // conversations and 41 of the tenth session's training set TC3 (c0475–c0544), never tuned on before (holds
    // 585/631 = 0.927 and 120/121); 0.92 → 0.90 when it grew by 35 of F5's conversations and 42 of TC4's (the
    // eleventh session; TC4 scored 0.641 after a right turn on the session's start code), never tuned on before
    // (holds 712/781 = 0.912 and 147/149); 0.90 → 0.88 when it grew by 39 of F6's conversations and 42 of the twelfth
    // session's TC5 (c0735–c0804: stories that end in a list and are then settled or not, section questions that
    // carry the case's details, what-ifs that move to a look-alike, off-topic questions in everyday words; TC5 scored
    // 0.672 after a right turn on the session's start code), never tuned on before (holds 818/922 = 0.887 and
    // 172/175); 0.88 → 0.91 when the twelfth session's follow-up readings raised it (sections asked past a story's
    // list, sections that carry the case's details; holds 899/968 = 0.929 and 173/175). No-procedure turns 0.98 → 0.97
    // when it grew by 37 of F8's conversations and 41 of the fourteenth session's TC7 (c0995–c1064: off-topic
    // questions after an answer in everyday words, what-ifs, office days, corrections to look-alikes; TC7 scored
    // 0.771 after a right turn and 23/26 no-procedure on the session's start code), never tuned on before (holds
    // 1172/1269 = 0.924 and 242/249 = 0.972). No-procedure turns 0.97 → 0.96 when the twenty-seventh session split in
    // F21's and TC26's conversations (35 more no-procedure turns, never tuned on: 32 right), with no code changed:
    // 680/702 = 0.969 (3363/3827 follow-up turns right; after a right turn 3157/3374 = 0.936).
    ["tuning", "conversations-tuning.jsonl", 0.91, 0.96],
  ])(
    "%s: follow-up turns refer to the right procedure",
    (part, file, logicFloor, noneFloor) => holdConversationFloors(catalogue, part, file, logicFloor, noneFloor),
    // A hang guard, not a budget: 561 tuning conversations play in 22 s on a quiet machine, 31 s under load; 952
    // with several helpers' runs on two cores took over 200 s, hence 400 s; 1,107 in CI beside the lead's measuring
    // run took 435 s (its figures above the floors: 2237/2364, 463/472), hence 900 s.
    900_000,
  );
});

/**
 * Session 28 (FOLLOW): probes for the stay-or-switch judge (case-question.ts StaySwitchModel, answer.ts stayOnCase),
 * written before any change was played. A short question naming another procedure whole after an answer («làm khai tử
 * cho bố thì mang giấy gì» after a temporary residence) moves to it; a paper asked whether it needs translating
 * («hợp đồng thuê nhà viết bằng tiếng Anh có cần dịch không ạ») stays on the case at hand.
 * Probe batch 1 (15 conversations, own phrasings, frozen md5 b3be1b97): on 954d762 13/15 (floor). The judge taught
 * synthetic switches with its two guards dropped (branch h/follow-item1, not landed) read 12/15: it lost the tenancy
 * contract's translation and gained neither «how long does marriage registration take» nor «bảng điểm … có cần dịch».
 */
import { bundledCatalogueOfFile, describeProbeBatches } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

// 13/15 → 12/15 when the thirty-second session's split retrained the follow-up judge on F26 and T31 (no code
// changed): the tenancy contract's translation is lost again, as on the branch above. 12/15 → 15/15 in the
// thirty-fourth session (answer.ts stayOnCase): a paper of the case asked whether it (or translating it) is needed,
// saying none of the other procedure's act, stays (the tenancy contract, the transcript); an English question that
// names another procedure whole through the glossary («how long does marriage registration take») moves to it.
describeProbeBatches(catalogue, [["test/core/s28-follow-probe1.jsonl", 15 / 15, 0]]);

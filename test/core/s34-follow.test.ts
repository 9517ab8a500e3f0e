/**
 * Session 34 (FOLLOW): probes of the three readings this session added to answer.ts, own phrasings (no tuning line),
 * written after the readings were designed on the tuning conversations' even half:
 * - an English question naming another procedure whole, which search reads through the glossary (01–03), moves to it;
 * - a paper of the case asked whether it, or translating it, is needed (04–06), stays on the case;
 * - a move on to another matter over a list search leads with another procedure (07, 08) is not settled back on the
 *   procedure at hand, and a purpose closed by "thì" before another procedure's name (09, 10) is no purpose of it.
 * Batch 1 (10 conversations): 6/10 on the session's start (31952a9), 9/10 with the readings. Open: 08 (search is sure
 * of the removal of the permanent residence, named whole, but the chat answers the removal of the temporary residence:
 * «xóa» read as a change of the family at hand). After the thirty-fifth session's split (F29, T34, TC34; the judge
 * retrained, no code changed) 8/10: 10 (a purpose closed by «thì» before the permanent residence's name, after the
 * birth registration) stays on the birth registration again.
 */
import { bundledCatalogueOfFile, describeProbeBatches } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

describeProbeBatches(catalogue, [["test/core/s34-follow-probe1.jsonl", 8 / 10, 0]]);

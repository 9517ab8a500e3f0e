import { beforeAll, describe, expect, it } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { bundledCatalogue } from "../harness/common.js";
import { line, ownSet } from "../harness/oos-harness.js";

/**
 * Out-of-scope sets written for this (test/search/oos-*.tsv) through the whole assistant, each message a new chat
 * (oos-harness.ts): another agency's service or chit-chat must not get a ward procedure, and the in-scope look-alikes
 * beside them must stay answered. Floors as measured on 2 December 2026, one short of the figures; the code of the
 * session's start had oos-letters 19 answered / 6 listed of 133, oos-fresh 5 / 2 of 49, oos-probe 2 / 3 of 30,
 * oos-probe2 3 / 1 of 32, oos-probe3 1 / 1 of 25 (the fresh and probe sets were each measured once before the changes they led to).
 */
let catalogue: LiveCatalogue;
// building the index takes some 30 s on a loaded machine: a hang guard, not a time budget
beforeAll(async () => {
  catalogue = await bundledCatalogue();
}, 180_000);

const FLOORS = [
  // file, out-of-scope messages, most answered, most answered or listed, fewest in scope answered right (and with a list)
  { file: "test/search/oos-letters.tsv", oos: 133, answered: 4, offered: 5, right: 49, reached: 54 },
  { file: "test/search/oos-fresh.tsv", oos: 49, answered: 1, offered: 1, right: 11, reached: 12 },
  { file: "test/search/oos-probe.tsv", oos: 30, answered: 1, offered: 1, right: 4, reached: 4 },
  { file: "test/search/oos-probe2.tsv", oos: 32, answered: 1, offered: 2, right: 2, reached: 2 },
  { file: "test/search/oos-probe3.tsv", oos: 25, answered: 1, offered: 1, right: 3, reached: 3 },
  // the session-8 probe (written before the change it led to): 18 answered, 4 listed of 104 at its start; now 3, 0
  { file: "test/search/oos-probe4.tsv", oos: 104, answered: 4, offered: 5, right: 42, reached: 47 },
  // its second batch, never tuned on: 12 answered, 4 listed of 44 at the session's start; now 8, 3
  { file: "test/search/oos-probe5.tsv", oos: 44, answered: 9, offered: 12, right: 13, reached: 14 },
  // a third batch, written after the first change and measured before the second it led to: 6, 1 of 23; now 3, 1
  { file: "test/search/oos-probe6.tsv", oos: 23, answered: 4, offered: 5, right: 4, reached: 4 },
  // the session-9 probe (written before any change): 9 answered, 3 listed of 105 at its start; now 2, 0
  { file: "test/search/oos-probe7.tsv", oos: 105, answered: 3, offered: 3, right: 55, reached: 59 },
  // its second batch, never tuned on: 4 answered, 1 listed of 35 at the session's start; now 1, 0
  { file: "test/search/oos-probe8.tsv", oos: 35, answered: 2, offered: 2, right: 12, reached: 13 },
  // the session-10 probe (written before any change): 9 answered, 0 listed of 47, 13 in scope right at its start; now 3, 0, 15
  { file: "test/search/oos-probe9.tsv", oos: 47, answered: 4, offered: 4, right: 14, reached: 15 },
  // its second batch, first measured after the changes (3, 0 of 40, as before them); one miss fixed after: now 2, 0
  { file: "test/search/oos-probe10.tsv", oos: 40, answered: 3, offered: 3, right: 5, reached: 8 },
  // a third batch, written after the last change and measured once: 3, 0 of 30 before the session's changes; now 2, 0
  { file: "test/search/oos-probe11.tsv", oos: 30, answered: 3, offered: 3, right: 5, reached: 7 },
  // the session-11 probe (written before any change): 4 answered, 0 listed of 40, 9 in scope right at its start; now 1, 0, 11
  { file: "test/search/oos-probe12.tsv", oos: 40, answered: 2, offered: 2, right: 10, reached: 10 },
  // its second batch, written after the changes and measured once, never tuned on: 4, 0, 8 before them; now 3, 0, 8
  { file: "test/search/oos-probe13.tsv", oos: 40, answered: 4, offered: 4, right: 7, reached: 7 },
  // the session-12 probe (written before any change): 4 answered, 2 listed of 43, 15 in scope right at its start; now 1, 1, 15
  { file: "test/features/s12-oos-probe1.tsv", oos: 43, answered: 2, offered: 3, right: 14, reached: 14 },
  // its second batch, written after the changes and measured once, never tuned on: 4, 3, 12 (+1 listed) at HEAD 6bd95a6;
  // now 2, 3, 12 (+1 listed)
  { file: "test/features/s12-oos-probe2.tsv", oos: 32, answered: 3, offered: 6, right: 11, reached: 12 },
  // the session-13 probe (written before any change): 3 answered, 1 listed of 37, 8 in scope right at its start; now 1, 0, 11
  { file: "test/features/s13-oos-probe1.tsv", oos: 37, answered: 2, offered: 2, right: 10, reached: 10 },
  // its second batch, written after the first change and never tuned on: 4, 0, 8 at its start (a986604); now 2, 0, 9
  { file: "test/features/s13-oos-probe2.tsv", oos: 30, answered: 3, offered: 3, right: 8, reached: 8 },
  // the session-14 probe (written before any change): 4 answered, 1 listed of 33, 5 in scope right at its start; now
  // 0, 1, 5 (an elderly social pension asked "không hưởng lương hưu" lost its social-insurance pointer but search finds
  // nothing: asked of SEARCH)
  { file: "test/features/s14-oos-probe1.tsv", oos: 33, answered: 0, offered: 1, right: 5, reached: 5 },
  // its second batch, written after c0f3498 and never tuned on: 1 answered ('ly hon voi nguoi nuoc ngoai het bao nhieu
  // tien': a divorce's fee, no wish said), 0 listed of 22; 4 in scope right, 1 more in a list, no pointer took one
  // At 83c0287 (others' commits since 356f8cd) the health letter's 'giấy khám sức khỏe để đi xuất khẩu lao động' is
  // 2.002820 and the pension line 'không hưởng chế độ bảo hiểm xã hội nào' lost 1.014027: now 2, 0, 3 (+1 listed); the
  // pension line's pointer is gone (a denial reaching a term's first word), search finds nothing for it (asked of SEARCH)
  { file: "test/features/s14-oos-probe2.tsv", oos: 22, answered: 2, offered: 2, right: 3, reached: 4 },
  // the session-15 probe (written before any change): 29 answered, 11 listed of 80 (47 of them letters full of ward
  // words asking everyday life), 29 of 34 in scope right at its start; 5, 1, 31 at 9aca3a7; 7, 2, 31 once review s15 H1
  // narrowed the everyday words ('nhà hàng' of 'nhà hàng xóm', 'sốt' of 'sốt ruột', a primary school is a transfer)
  { file: "test/features/s15-oos-probe1.tsv", oos: 80, answered: 7, offered: 9, right: 30, reached: 31 },
  // its second batch, written after 9aca3a7 and never tuned on: 14 answered, 5 listed of 36, 8 in scope right (+3 listed)
  // at the session's start (b4ffecf, clean export); 9, 2, 8 (+3) at 9aca3a7. Left: everyday questions its lexicon lacks
  // (swimming lessons, wedding photos, a bus route, paint, a CV, a vet, tyres) after a story of ward papers
  // (11, 2, 8 once H1 narrowed the everyday words)
  // (3, 1, 8 (+3) once src/features/everyday.ts reads what a question asks for: a shop, a craftsman, a price, advice;
  // 4, 1 once "sân thượng" is no establishment: "… trồng rau sạch trên sân thượng thì làm thế nào" had been caught as one)
  { file: "test/features/s15-oos-probe2.tsv", oos: 36, answered: 4, offered: 5, right: 7, reached: 10 },
  // the session-16 probe (written before any change): everyday requests in many topics, many in a ward record's own
  // words, and ward requests in everyday words: 1 answered, 4 listed of 62, 26 of 37 in scope right (+7 listed) at its
  // start (b6afc0f, clean export); 0, 1, 26 (+7) once everyday.ts's request frames give the off-topic reply. The 4 in
  // scope not found are the search's (no out-of-scope rule takes them)
  { file: "test/features/s16-oos-probe1.tsv", oos: 62, answered: 0, offered: 1, right: 26, reached: 33 },
  // its second batch (new topics: glasses, yoga, a plumber, a locksmith, a maid, stocks, a tailor, flowers …), written
  // after the request frames were tuned on batch 1 and never tuned on: 6 answered, 1 listed of 36, 15/15 in scope right
  // at the session's start (b6afc0f, clean export); 2, 0, 15/15 with the frames
  { file: "test/features/s16-oos-probe2.tsv", oos: 36, answered: 2, offered: 2, right: 15, reached: 15 },
];

describe("out-of-scope letters and their in-scope look-alikes through the whole assistant", () => {
  it.each(FLOORS)(
    "$file keeps to its floors",
    async (floor) => {
      const { figures } = await ownSet(catalogue, floor.file);
      const report = `${line(floor.file, figures)}\n${figures.misses.join("\n")}`;
      expect(figures.oos, report).toBe(floor.oos);
      expect(figures.oosAnswered, report).toBeLessThanOrEqual(floor.answered);
      expect(figures.oosAnswered + figures.oosListed, report).toBeLessThanOrEqual(floor.offered);
      expect(figures.inRight, report).toBeGreaterThanOrEqual(floor.right);
      expect(figures.inRight + figures.inListedRight, report).toBeGreaterThanOrEqual(floor.reached);
      // a few hundred messages through the assistant: a hang guard for a loaded machine, not a time budget
    },
    300_000,
  );
});

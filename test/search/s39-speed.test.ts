/**
 * Session 39 (speed helper): the readings of a household business's pause and change (span.ts `pausedStops`,
 * `changedTrades`, `tradeChanges`), which run at every word of every message, compare a word only with the phrases
 * that start with it (`phraseRuns`, `firstRunAt`), not with every phrase of each list. For speed alone: these tests hold
 * the index to the plain reading (every phrase of the list tried in its order, a word typed without accents fitting
 * every spelling) on seeded messages made of the phrases' own words, and the readings to what they told before.
 * Messages written for this file, not from eval/.
 */
import { describe, expect, it } from "vitest";
import { type TextWord, textWords, type Word, words } from "../../src/search/normalize.js";
import { changedTrades, firstRunAt, pausedStops, phraseRuns, tradeChanges } from "../../src/search/span.js";
import { seededRandom } from "../harness/reliability-generator.js";

/** Phrases sharing first words (thay / thay đổi, chỗ / chỗ bán), accents that differ by a tone, English ones. */
const PHRASES = [
  ...["đổi", "thay đổi", "thay", "tăng", "giảm", "thêm", "bổ sung", "bớt", "chuyển", "chuyển khẩu"],
  ...["quán", "tiệm", "cửa hàng", "cửa hiệu", "chỗ", "chỗ bán", "chỗ kinh doanh", "hộ kinh doanh", "hộ kd", "hkd"],
  ...["tạm", "tám", "tâm", "close", "close down", "for good", "một thời gian", "một", "thời gian ngắn"],
];

/** The plain reading: the first phrase of the list (in its order) whose words fit the message's from `k`. */
function plainFirst(runs: readonly Word[][], said: readonly Word[], k: number): readonly Word[] | undefined {
  return runs.find((run) =>
    run.every((p, j) => {
      const w = said[k + j];
      return w !== undefined && w.token === p.token && (w.marks === "" || w.marks === p.marks);
    }),
  );
}

/** A seeded message of the phrases' words (and a few others), each typed with its accents, without, or with others. */
function messageOf(random: () => number): Word[] {
  const vocabulary = [...PHRASES.flatMap((p) => words(p)), ...words("bán vốn lên qua sang nhà tôi em a b")];
  const length = 1 + Math.floor(random() * 12);
  return Array.from({ length }, () => {
    const w = vocabulary[Math.floor(random() * vocabulary.length)] as Word;
    const r = random();
    return r < 0.3 ? { ...w, marks: "" } : r < 0.4 ? { ...w, marks: "\u0301" } : w;
  });
}

describe("the phrase runs' index reads as the plain list", () => {
  it("finds at every word the first phrase the plain reading finds (seeded messages)", () => {
    const runs = PHRASES.map((p) => words(p));
    const index = phraseRuns(PHRASES);
    const random = seededRandom(20261208);
    let found = 0;
    for (let m = 0; m < 2_000; m++) {
      const said = messageOf(random);
      for (let k = -1; k <= said.length; k++) {
        const plain = plainFirst(runs, said, k);
        expect(firstRunAt(index, said, k), `${said.map((w) => w.token).join(" ")} @${k}`).toEqual(plain);
        if (plain) found++;
      }
    }
    // The messages do say the phrases (the comparison is not all "none").
    expect(found).toBeGreaterThan(2_000);
  });
});

describe("a household business's pause and change are read as before", () => {
  const at = (said: readonly TextWord[], positions: ReadonlySet<number>) =>
    said.filter((w) => positions.has(w.at)).map((w) => w.token);

  it("reads the pause of a trade stopped for a span, and not a closing for good nor a job left", () => {
    const paused = textWords("quán bún bò nhà em nghỉ tết 2 tháng");
    expect(at(paused, pausedStops(paused))).toEqual(["nghi"]);
    expect(pausedStops(textWords("tiệm tạp hóa đóng cửa luôn, dẹp hẳn")).size).toBe(0);
    expect(pausedStops(textWords("em nghỉ việc 7 năm ở nhà bán hàng online")).size).toBe(0);
    const english = textWords("I want to close my shop for two months");
    expect(at(english, pausedStops(english))).toEqual(["close"]);
  });

  it("reads a shop moved, a line changed and capital raised as the registration's change; a firm's as none", () => {
    const moved = textWords("quán nhậu nhà tui dời qua đường bên kia");
    expect(at(moved, changedTrades(moved))).toEqual(["doi"]);
    const line = textWords("tiệm em muốn đổi từ bán cà phê qua bán cơm");
    expect(at(line, changedTrades(line))).toEqual(["doi"]);
    const capital = textWords("tiệm tạp hóa muốn tăng vốn lên 300 triệu");
    expect(
      tradeChanges(capital)
        .map((w) => w.token)
        .join(" "),
    ).toBe("tiem tap hoa muon thay doi noi dung ho kinh doanh tang von len 300 trieu");
    expect(changedTrades(textWords("công ty em muốn tăng vốn điều lệ")).size).toBe(0);
    expect(changedTrades(textWords("em muốn chuyển địa điểm thường trú")).size).toBe(0);
  });
});

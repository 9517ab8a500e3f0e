/**
 * The typo corrector (src/search/spelling.ts TypoCorrector): it corrects what fuse.js with the edit-distance
 * filter corrected, and a long unknown word (a URL, base64, "aaaa…", a sentence run together) costs no more than
 * an ordinary typo. Cost is counted, not timed: the edit-distance cells computed and letters compared, plus, for
 * each fuse.js search, the vocabulary it scans (fuse.js compares the word with every vocabulary word; the corrector
 * asks it only of words over 32 letters, which no vocabulary word is near).
 */
import Fuse from "fuse.js";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { editDistance } from "../../src/search/index.js";
import { tokenize } from "../../src/search/normalize.js";
import { TypoCorrector, withinEdits } from "../../src/search/spelling.js";
import { BUNDLED_DATA } from "../harness/common.js";

let vocabulary: string[];
beforeAll(async () => {
  const result = await loadCatalogue(BUNDLED_DATA);
  if (!result.ok) throw new Error("bundled catalogue is invalid");
  const { procedures, synonyms } = result.catalogue;
  const texts = procedures.flatMap((p) => [p.name, ...p.aliases, p.field]);
  const phrases = JSON.stringify(synonyms).split(/[",:[\]{}]+/);
  vocabulary = [...new Set([...texts, ...phrases].flatMap((t) => tokenize(t)))];
});

/** The corrector as it was: fuse.js over the whole vocabulary for every unknown word, then the filter. */
function fuseOnly(words: readonly string[]) {
  const fuse = new Fuse(
    words.filter((t) => t.length >= 3),
    { includeScore: true, threshold: 0.3, ignoreLocation: true },
  );
  return (token: string): string | undefined => {
    if (token.length < 4 || /\d/.test(token)) return undefined;
    const allowed = token.length <= 5 ? 1 : 2;
    return (
      fuse
        .search(token, { limit: 8 })
        .map((r) => r.item)
        .find((word) => word[0] === token[0] && editDistance(word, token) <= allowed) ?? undefined
    );
  };
}

/** Typos of a word: a letter dropped, doubled, replaced, two swapped, one added at the end. */
function typosOf(word: string): string[] {
  const at = Math.floor(word.length / 2);
  return [
    word.slice(0, at) + word.slice(at + 1),
    word.slice(0, at) + word[at] + word.slice(at),
    `${word.slice(0, at)}x${word.slice(at + 1)}`,
    word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1),
    `${word}h`,
    `${word}${word.slice(0, 3)}`,
  ];
}

const LONG_UNKNOWN = [
  "a".repeat(40),
  "a".repeat(200),
  "x".repeat(2_000),
  "httpsexamplecompathtosomeresourcequeryabcdefghijklmnop",
  "dangkykhaisinhchoconcuatoitaiphuongbennghe",
  "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
  "UUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5eg".toLowerCase(),
];

describe("the typo corrector", () => {
  it("corrects every word as fuse.js with the edit-distance filter did", () => {
    const before = fuseOnly(vocabulary);
    const now = new TypoCorrector(vocabulary);
    const known = new Set(vocabulary);
    const tokens = [
      ...new Set([
        ...vocabulary
          .filter((w) => w.length >= 4)
          .filter((_, k) => k % 10 === 0)
          .flatMap(typosOf),
        ...LONG_UNKNOWN.filter((t) => t.length < 300),
        "sinhh",
        "chucc",
        "khaii",
        "dnag",
        "hochieu",
        "cancuoc",
      ]),
    ].filter((t) => !known.has(t));
    expect(tokens.length).toBeGreaterThan(300);
    let corrected = 0;
    for (const token of tokens) {
      const expected = before(token);
      expect(now.correct(token), token).toBe(expected);
      if (expected) corrected++;
    }
    // Most typos of a catalogue word are corrected: the comparison is no vacuous "nothing either way".
    expect(corrected).toBeGreaterThan(tokens.length / 2);
    // fuse.js's ranking is reproduced, not asked: not one scan of the vocabulary by fuse.js.
    expect(now.work.fuseSearches).toBe(0);
    expect(now.correct("sinhh")).toBe("sinh");
    // A hang guard, not a budget: fuse.js over the whole vocabulary took 31 s under load.
  }, 120_000);

  it("spends on a long unknown word no more than on an ordinary typo, whatever its length", () => {
    const corrector = new TypoCorrector(vocabulary);
    const cost = (token: string) => {
      const { cells, fuseWords } = corrector.work;
      corrector.correct(token);
      return corrector.work.cells - cells + (corrector.work.fuseWords - fuseWords);
    };
    const ordinary = cost("sinhh");
    expect(ordinary).toBeGreaterThan(0);
    const long = LONG_UNKNOWN.map(cost);
    for (const [k, c] of long.entries()) expect(c / ordinary, LONG_UNKNOWN[k]).toBeLessThanOrEqual(1);
    // 40 letters or 2,000: the same (nothing: no vocabulary word is that long).
    expect(cost("b".repeat(2_000))).toBe(cost("b".repeat(40)));
    // A word within the vocabulary's lengths but near no word stops at the edit-distance check, before fuse.js.
    const searches = corrector.work.fuseSearches;
    expect(corrector.correct("zzqqzzqq")).toBeUndefined();
    expect(corrector.work.fuseSearches).toBe(searches);
  });

  it("costs a fraction of what fuse.js alone spent on long words (its scan grows with the word's length)", () => {
    const corrector = new TypoCorrector(vocabulary);
    // fuse.js alone: one scan of the vocabulary per word, each comparison as long as the word.
    const scan = vocabulary.filter((t) => t.length >= 3).length;
    const fuseAlone = LONG_UNKNOWN.reduce((sum, t) => sum + scan * t.length, 0);
    const before = corrector.work.cells + corrector.work.fuseWords;
    for (const t of LONG_UNKNOWN) corrector.correct(t);
    const now = corrector.work.cells + corrector.work.fuseWords - before;
    expect(now / fuseAlone).toBeLessThan(0.001);
  });

  it("bounds the edit distance as the full one decides", () => {
    const words = ["khai", "khia", "kahi", "khaii", "sinh", "sihn", "đăng", "dang", "a", "", "abcdef", "badcfe"];
    for (const a of words)
      for (const b of words)
        for (const max of [0, 1, 2]) expect(withinEdits(a, b, max), `${a}/${b}/${max}`).toBe(editDistance(a, b) <= max);
  });
});

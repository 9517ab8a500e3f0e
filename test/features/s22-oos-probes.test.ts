import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { asksEnglishTrivia, judgesPrice } from "../../src/features/small-talk.js";
import { words } from "../../src/search/normalize.js";
import { bundledCatalogueOfFile, expectOosFloors } from "../harness/probe-floors.js";

const catalogue = bundledCatalogueOfFile(180_000);

/**
 * Session 22 (OOS): the probe batches through the whole assistant (test/features/s22-oos-probe*: batch 1 written from
 * the records before the changes and tuned on; batch 2 written with it, frozen before any fix — md5 dc4f2078 — and never
 * tuned on). Each: no out-of-scope line answered with a procedure or offered a list; in-scope lines right at least
 * their floor (batch 1 13/14, batch 2 7/8, as before the changes); utilities' lines (power, water, internet, garbage)
 * given their utility's pointer at least their floor (before the changes: 1 of 13 and 1 of 8).
 */
const BATCHES = [
  ["test/features/s22-oos-probe1.tsv", 13, 11],
  ["test/features/s22-oos-probe2.tsv", 7, 6],
] as const;

describe("probe batches (test/features/s22-oos-probe*)", () => {
  it.each(BATCHES)(
    "%s: out of scope neither answered nor listed; in scope ≥ %i right; utilities ≥ %i pointed",
    async (file, inFloor, pointed) => {
      const { rows, outcomes } = await expectOosFloors(catalogue(), file, { answered: 0, listed: 0, inRight: inFloor });
      const kinds = rows.flatMap((row, i) => (row.topic === "utilities" ? [outcomes[i]?.kind ?? "-"] : []));
      expect(kinds.filter((k) => k === "redirect").length, kinds.join(", ")).toBeGreaterThanOrEqual(pointed);
    },
    300_000,
  );
});

/** The readers the changes added, each on messages it must take and must leave. */
const READERS: Record<string, (text: string) => boolean> = {
  "English trivia": (text) => asksEnglishTrivia(words(text)),
  "a quoted price judged": judgesPrice,
};
const CASES = readFileSync("test/features/s22-oos-readers.tsv", "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("#") && !line.startsWith("reader\t"))
  .map((line) => line.split("\t") as [string, string, string]);

describe("the session's readers", () => {
  it.each(CASES)("%s: «%s» → %s", (reader, text, taken) => {
    expect(READERS[reader]?.(text)).toBe(taken === "yes");
  });
});

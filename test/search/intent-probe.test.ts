import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLabelledQueries } from "../../src/search/evaluate.js";
import { extractIntent } from "../../src/search/intent.js";
import { textWords } from "../../src/search/normalize.js";
import { bundledCatalogue } from "../harness/common.js";

/**
 * test/search/intent-probe.tsv: 255 messages over 90 procedures, every section and style (English, letters whose
 * story names another section, VNeID as data, deadlines, thresholds), written from the records for issue 11's
 * section goal. The served search read 0.922 of their sections before the cues read in context
 * (src/search/intent-context.ts), 0.992 after.
 */
const probe = parseLabelledQueries(readFileSync(new URL("./intent-probe.tsv", import.meta.url), "utf8"));
/**
 * test/search/intent-probe3.tsv: 207 messages of session 9 over 95 procedures, written from the records before the
 * change they measure: yes/no questions, chat spellings of sections, English, letters whose story names other
 * sections, two sections asked. The served search read 201 of them right before it, 205 after.
 */
const probe3 = parseLabelledQueries(readFileSync(new URL("./intent-probe3.tsv", import.meta.url), "utf8"));

/**
 * Session 12: test/search/s12-intent-probe1.tsv (51 messages written from the records before any change of the
 * session: two sections at once, deadlines, place or online, English, letters whose question is at the end; 49 read
 * right before and after) and s12-intent-probe1b.tsv (40 harder ones written after the first change and tuned on:
 * 36 → 39 at the session's end).
 */
const s12probe1 = parseLabelledQueries(readFileSync(new URL("./s12-intent-probe1.tsv", import.meta.url), "utf8"));
const s12probe1b = parseLabelledQueries(readFileSync(new URL("./s12-intent-probe1b.tsv", import.meta.url), "utf8"));
/**
 * test/search/s12-intent-check.tsv: session 12's second batch (45 messages over 44 procedures), written after the
 * session's changes and never tuned on: 42 read right at the session's start and at its end.
 */
const s12check = parseLabelledQueries(readFileSync(new URL("./s12-intent-check.tsv", import.meta.url), "utf8"));
/**
 * test/search/s13-intent-probe1.tsv: session 13's first batch (40 messages: review s12's open items, chat spellings,
 * no accents, English, regional words, two sections), written before the session's changes: 33 read right by the
 * rules before, 40 after (tuned on).
 */
const s13probe1 = parseLabelledQueries(readFileSync(new URL("./s13-intent-probe1.tsv", import.meta.url), "utf8"));
/**
 * test/search/s13-intent-probe2.tsv: session 13's check batch (40 messages over 39 procedures), written after the
 * session's changes and never tuned on: 33 read right by the rules at the session's start, 38 at its end.
 */
const s13check = parseLabelledQueries(readFileSync(new URL("./s13-intent-probe2.tsv", import.meta.url), "utf8"));

/** The messages whose section the served search reads wrong, each as "expected ← got: message". */
async function misread(queries: ReturnType<typeof parseLabelledQueries>): Promise<string[]> {
  const { search } = (await bundledCatalogue()).current();
  return queries
    .map((q) => ({ q, got: search.search(q.query).intent }))
    .filter(({ q, got }) => !q.intents.includes(got))
    .map(({ q, got }) => `${q.intents.join("|")} ← ${got}: ${q.query}`);
}

describe("the section asked, on the intent probe set", () => {
  it.each([
    ["the intent probe set", probe, 250, 0.03],
    ["the session 9 probes (yes/no, chat, English, letters, two sections)", probe3, 200, 0.02],
    ["session 12's first batch", s12probe1, 50, 0.04],
    ["session 12's exploratory batch", s12probe1b, 40, 0.03],
    ["session 12's check batch (never tuned on)", s12check, 45, 0.07],
    ["session 13's first batch", s13probe1, 40, 0.03],
    ["session 13's check batch (never tuned on)", s13check, 40, 0.05],
  ] as const)(
    "is read right in %s but for its share of misses",
    async (_name, queries, size, misses) => {
      const wrong = await misread(queries);
      expect(queries.length).toBeGreaterThanOrEqual(size);
      expect(wrong.length / queries.length, wrong.join("\n")).toBeLessThanOrEqual(misses);
    },
    180_000,
  );

  it("cues read in context cut no word: what the search matches stays as it was", () => {
    const tuning = parseLabelledQueries(readFileSync(new URL("../../eval/tuning.tsv", import.meta.url), "utf8"));
    let changed = 0;
    for (const q of [...probe, ...probe3, ...tuning]) {
      const words = textWords(q.query);
      const read = extractIntent(words);
      const plain = extractIntent(words, { inContext: false });
      // the same words left for the search, by place in the text, and the same section-only flag
      expect(
        read.rest.map((w) => `${w.at}:${w.token}`),
        q.query,
      ).toEqual(plain.rest.map((w) => `${w.at}:${w.token}`));
      expect(read.cued, q.query).toBe(plain.cued);
      if (read.intent !== plain.intent) changed++;
    }
    // and the context does change sections
    expect(changed).toBeGreaterThan(50);
  });
});

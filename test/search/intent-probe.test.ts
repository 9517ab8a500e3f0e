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

describe("the section asked, on the intent probe set", () => {
  it("is read right in at least 97% of the messages", async () => {
    const { search } = (await bundledCatalogue()).current();
    const wrong = probe
      .map((q) => ({ q, got: search.search(q.query).intent }))
      .filter(({ q, got }) => !q.intents.includes(got))
      .map(({ q, got }) => `${q.intents.join("|")} ← ${got}: ${q.query}`);
    expect(probe.length).toBeGreaterThan(250);
    expect(wrong.length / probe.length, wrong.join("\n")).toBeLessThanOrEqual(0.03);
  }, 180_000);

  it("is read right in at least 98% of the session 9 probes (yes/no, chat, English, letters, two sections)", async () => {
    const { search } = (await bundledCatalogue()).current();
    const wrong = probe3
      .map((q) => ({ q, got: search.search(q.query).intent }))
      .filter(({ q, got }) => !q.intents.includes(got))
      .map(({ q, got }) => `${q.intents.join("|")} ← ${got}: ${q.query}`);
    expect(probe3.length).toBeGreaterThan(200);
    expect(wrong.length / probe3.length, wrong.join("\n")).toBeLessThanOrEqual(0.02);
  }, 180_000);

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

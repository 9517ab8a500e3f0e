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

  it("cues read in context cut no word: what the search matches stays as it was", () => {
    let kept = 0;
    for (const q of probe) {
      const { rest, cues } = extractIntent(textWords(q.query));
      const said = rest.map((w) => w.token);
      for (const cue of cues.filter((c) => c.kept)) {
        kept++;
        // read where no cue phrase of intent.ts stood, and left there: its first word is still in the query
        expect(said, q.query).toContain(cue.tokens[0]);
      }
    }
    expect(kept).toBeGreaterThan(10);
  });
});

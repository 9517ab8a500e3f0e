/**
 * Scores an intent probe file with the served search: `npx tsx test/search/s10-intent-score.ts FILE…`.
 * Prints each wrong section (expected ← got: message) and the share read right.
 */
import { readFileSync } from "node:fs";
import { parseLabelledQueries } from "../../src/search/evaluate.js";
import { bundledCatalogue } from "../harness/common.js";

const { search } = (await bundledCatalogue()).current();
for (const file of process.argv.slice(2)) {
  const probe = parseLabelledQueries(readFileSync(file, "utf8"));
  let right = 0;
  for (const q of probe) {
    const got = search.search(q.query).intent;
    if (q.intents.includes(got)) right++;
    else console.log(`${q.intents.join("|")} ← ${got}: ${q.query}`);
  }
  console.log(`${file}: ${right}/${probe.length} = ${(right / probe.length).toFixed(3)}`);
}

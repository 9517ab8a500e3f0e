/**
 * The section of each follow-up turn (after the first, expecting a procedure) of conversation files, read by the rules
 * alone (extractIntent, no search, no assistant): `npx tsx test/search/s17-intent-turns.ts FILE.jsonl…`. Prints each
 * turn read wrong (id#turn, labels, read, text) and the count right.
 */
import { readFileSync } from "node:fs";
import { extractIntent } from "../../src/search/intent.js";
import { textWords } from "../../src/search/normalize.js";

interface Turn {
  text?: string;
  expected: string;
  intent: string;
}
let turns = 0;
let right = 0;
for (const file of process.argv.slice(2)) {
  for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
    const conversation = JSON.parse(line) as { id: string; turns: Turn[] };
    conversation.turns.forEach((t, i) => {
      if (!t.text || t.expected === "none" || i === 0) return;
      turns++;
      const got = extractIntent(textWords(t.text)).intent;
      if (t.intent.split("|").includes(got)) right++;
      else console.log(`${conversation.id}#${i + 1}\t${t.intent}\t${got}\t${t.text}`);
    });
  }
}
console.log(`rules on follow-up turns ${right}/${turns}`);

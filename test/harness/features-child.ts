/**
 * A child process for test/search/features-store.test.ts: indexes the first COUNT câu mẫu of the bundled catalogue
 * with its synonyms plus one concept named by MARKER (a word no text has: the features are the same, the synonyms'
 * hash, hence the stored file, is the test's own) and prints how many texts it read afresh.
 *
 *   node --import tsx test/harness/features-child.ts MARKER COUNT
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ExampleIndex, type LabelledExample } from "../../src/search/examples.js";
import type { SynonymsFile } from "../../src/search/records.js";
import { BUNDLED_DATA } from "./common.js";

const [marker = "", count = "0"] = process.argv.slice(2);
const synonyms = JSON.parse(readFileSync(path.join(BUNDLED_DATA, "synonyms.json"), "utf8")) as SynonymsFile;
const { examples } = JSON.parse(readFileSync(path.join(BUNDLED_DATA, "examples.json"), "utf8")) as {
  examples: LabelledExample[];
};
const some = examples.slice(0, Number(count));
const index = new ExampleIndex(
  some,
  { ...synonyms, groups: [...synonyms.groups, { concept: `kiểm thử ${marker}`, terms: [`zq${marker}`] }] },
  new Set(some.map((e) => e.code)),
);
console.log(JSON.stringify({ readAfresh: index.textsReadAfresh, size: index.size }));

/**
 * Session 22 (OOS): the four English detectors side by side over the tuning part's lines and the session's probes:
 * - search/ranker.ts `readsEnglish` (the re-ranker's "english" context),
 * - search/analyzer.ts `inEnglish` (function words dropped, synonyms read again; not exported: its rule is restated
 *   here with its word list, ENGLISH_DISTINCTIVE, copied as it stands at 29d6f45),
 * - catalogue/readings.ts `glossWith` (English terms put in Vietnamese: two of ENGLISH_WORDS, ASCII only),
 * - features/answer.ts `englishUses` (English câu mẫu: three distinct of its own list, no accents; list copied).
 * Prints how often each says English and every pair's disagreements, with examples. Measuring only: nothing served
 * reads this file.
 *
 *   npx tsx test/features/s22-oos-english.ts
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ENGLISH_WORDS } from "../../src/catalogue/readings.js";
import { words } from "../../src/search/normalize.js";
import { readsEnglish } from "../../src/search/ranker.js";
import { parseRows } from "../harness/oos-harness.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const ANALYZER_DISTINCTIVE = new Set(
  "i is are was were how what where when which who whose does did please and you your our their his her we get want need have has with for from would should could".split(
    " ",
  ),
);
const ANSWER_WORDS = new Set(
  "the my is are does of for how what we our you your have has need with this and i it can".split(" "),
);

export const DETECTORS: Record<string, (text: string) => boolean> = {
  ranker: (text) => readsEnglish(text),
  analyzer: (text) => {
    const said = words(text);
    return said.every((w) => w.marks === "") && said.some((w) => ANALYZER_DISTINCTIVE.has(w.token));
  },
  gloss: (text) => {
    // as glossWith reads it: plain ASCII (typographic quotes and dashes aside), "n't" read as "not", two listed words
    const plain = text.normalize("NFC");
    if (/[^\x00-\x7f’‘“”–—]/u.test(plain)) return false;
    const read = plain
      .toLowerCase()
      .replace(/n['’]t(?![a-z])/gu, " not")
      .split(/[^a-z0-9]+/u);
    return read.filter((w) => ENGLISH_WORDS.has(w)).length >= 2;
  },
  answer: (text) => {
    const said = words(text);
    return (
      said.every((w) => w.marks === "") &&
      new Set(said.filter((w) => ANSWER_WORDS.has(w.token)).map((w) => w.token)).size >= 3
    );
  },
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = ["eval/tuning.tsv", "test/features/s22-oos-probe1.tsv", "test/features/s22-oos-probe2.tsv"];
  const rows = files.flatMap((f) => parseRows(readFileSync(path.join(ROOT, f), "utf8")));
  const names = Object.keys(DETECTORS);
  const said = rows.map((r) => Object.fromEntries(names.map((n) => [n, DETECTORS[n]?.(r.query) ?? false])));
  const english = rows.filter((r) => r.style === "english").length;
  console.log(`${rows.length} lines (${english} styled english)`);
  for (const n of names) {
    const yes = said.filter((s) => s[n]).length;
    const onEnglish = rows.filter((r, i) => r.style === "english" && said[i]?.[n]).length;
    const offEnglish = rows.filter((r, i) => r.style !== "english" && said[i]?.[n]).length;
    console.log(`${n}: English ${yes} (of english-styled ${onEnglish}/${english}; of others ${offEnglish})`);
  }
  for (let a = 0; a < names.length; a++)
    for (let b = a + 1; b < names.length; b++) {
      const [x, y] = [names[a] as string, names[b] as string];
      const differ = rows.filter((_, i) => said[i]?.[x] !== said[i]?.[y]);
      console.log(`${x} ≠ ${y}: ${differ.length}`);
      for (const r of differ.slice(0, 4))
        console.log(
          `   ${x}=${said[rows.indexOf(r)]?.[x]} ${y}=${said[rows.indexOf(r)]?.[y]} [${r.style}] ${r.query.slice(0, 90)}`,
        );
    }
}

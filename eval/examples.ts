// npx tsx eval/examples.ts — rebuilds the eval-derived labelled examples ("câu mẫu") of data/examples.json
// from eval/tuning.tsv ONLY (never the held-out part: it measures whether the examples generalise).
// Entries from any other source (staff labelling unanswered questions in the console) are kept as they are.
//
//   npx tsx eval/examples.ts            rewrite data/examples.json
//   npx tsx eval/examples.ts --check    exit 1 if the file is not what a rebuild would write
import { readFileSync, writeFileSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  EXAMPLE_INTENTS,
  EXAMPLES_FILE,
  type Example,
  type ExamplesFile,
} from "../src/catalogue/examples.js";
import { loadCatalogue } from "../src/catalogue/load.js";

export const TUNING = "eval/tuning.tsv";

/**
 * The examples of a tuning TSV (columns id, query, expected, intent, …). A message two records answer
 * (`1.001193|3.000722`: a procedure and its liên thông bundle) is an example of the first, the plain
 * procedure the catalogue writes first; its second code answers it too, but one message voting for two
 * codes would only blur both. Its first section likewise. Messages whose code is not in `codes` are skipped.
 */
export function examplesFromTuning(
  tsv: string,
  source: string,
  codes: ReadonlySet<string>,
): { entries: Example[]; skipped: number } {
  const lines = tsv.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = (lines[0] ?? "").split("\t");
  const at = (name: string) => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`${source}: no "${name}" column`);
    return k;
  };
  const [id, query, expected, intent] = [at("id"), at("query"), at("expected"), at("intent")];
  const entries: Example[] = [];
  let skipped = 0;
  for (const line of lines.slice(1)) {
    const cells = line.split("\t");
    const code = (cells[expected] ?? "").split("|")[0] ?? "";
    if (code !== "none" && !codes.has(code)) {
      skipped++;
      continue;
    }
    const section = EXAMPLE_INTENTS.find((i) => i === (cells[intent] ?? "").split("|")[0]);
    entries.push({
      text: (cells[query] ?? "").normalize("NFC"),
      code,
      ...(code !== "none" && section ? { intent: section } : {}),
      source: `${source} ${cells[id]}`,
    });
  }
  return { entries, skipped };
}

/** The rebuilt eval entries first, then every entry from another source as it was. */
export function mergeExamples(existing: readonly Example[], derived: readonly Example[], source: string) {
  const others = existing.filter((e) => !(e.source === source || e.source.startsWith(`${source} `)));
  return [...derived, ...others];
}

/** Rewrites `file` from `tuningFile` (codes checked against `codes`); returns what it wrote. */
export function rebuildExamples(options: {
  file: string;
  tuningFile: string;
  codes: ReadonlySet<string>;
  source?: string;
}): { file: ExamplesFile; text: string; derived: number; kept: number; skipped: number } {
  const source = options.source ?? TUNING;
  let existing: Example[] = [];
  try {
    const parsed = JSON.parse(readFileSync(options.file, "utf8")) as Partial<ExamplesFile>;
    existing = Array.isArray(parsed.examples) ? parsed.examples : [];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const { entries, skipped } = examplesFromTuning(readFileSync(options.tuningFile, "utf8"), source, options.codes);
  const file = { examples: mergeExamples(existing, entries, source) };
  const text = `${JSON.stringify(file, null, 2)}\n`;
  return { file, text, derived: entries.length, kept: file.examples.length - entries.length, skipped };
}

/**
 * The procedure codes of the catalogue in `dataDir`, read without its examples.json: after a procedure leaves
 * the catalogue, the examples naming it refuse the whole catalogue, and this rebuild is what drops them.
 */
export async function catalogueCodes(dataDir: string): Promise<Set<string>> {
  const copy = await mkdtemp(path.join(tmpdir(), "motcua-examples-"));
  try {
    await cp(dataDir, copy, { recursive: true, filter: (from) => path.basename(from) !== EXAMPLES_FILE });
    const loaded = await loadCatalogue(copy);
    if (!loaded.ok) throw new Error("the bundled catalogue is invalid: run npm run catalogue:check first");
    return new Set(loaded.catalogue.procedures.map((p) => p.code));
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const file = path.join(root, "data/examples.json");
  const codes = await catalogueCodes(path.join(root, "data"));
  const built = rebuildExamples({ file, tuningFile: path.join(root, TUNING), codes });
  if (process.argv.includes("--check")) {
    let same = false;
    try {
      same = readFileSync(file, "utf8") === built.text;
    } catch {}
    console.log(same ? "data/examples.json is up to date" : "data/examples.json differs from a rebuild");
    process.exit(same ? 0 : 1);
  }
  writeFileSync(file, built.text);
  console.log(
    `data/examples.json: ${built.derived} examples from ${TUNING}, ${built.kept} from other sources kept; ` +
      `${built.skipped} tuning messages skipped (code not in the catalogue)`,
  );
}

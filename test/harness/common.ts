import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import type pino from "pino";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { type Catalogue, loadCatalogue } from "../../src/catalogue/load.js";
import type { Problem } from "../../src/catalogue/problems.js";
import { createLogger } from "../../src/logger.js";
import { parseLabelledQueries } from "../../src/search/evaluate.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BUNDLED_DATA = path.join(ROOT, "data");

/** An empty temp dir (named after `prefix`) and how to delete it. */
export async function tempDir(prefix = "motcua-"): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A debug-level pino logger writing into an array, to check what reaches the logs (no token, no personal data). */
export function captureLogs(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  // The service's own logger (its err serializer and redaction), writing where the test can read.
  return { logger: createLogger("debug", stream), lines };
}

let catalogue: Promise<LiveCatalogue> | undefined;
/**
 * The bundled catalogue, opened once per vitest worker, not per file: the unit files run with `isolate: false`, so every
 * file of a worker gets the same catalogue. Register nothing on it (variants.ts learnGlossary with other arguments than
 * the assistant's, a reload): what one file leaves reaches the files after it (test/eval/s20-determinism.test.ts).
 */
export function bundledCatalogue(): Promise<LiveCatalogue> {
  catalogue ??= LiveCatalogue.open(BUNDLED_DATA);
  return catalogue;
}

/** A private copy of the bundled data in a temp dir, for tests that edit or break it. */
/** The bundled catalogue as loaded (records, synonyms, câu mẫu; no index) and the tuning part's messages. */
export async function bundledDataAndTuning(): Promise<{ catalogue: Catalogue; messages: string[] }> {
  const loaded = await loadCatalogue(BUNDLED_DATA);
  if (!loaded.ok) throw new Error("bundled catalogue is invalid");
  const tuning = await readFile(path.join(ROOT, "eval/tuning.tsv"), "utf8");
  return { catalogue: loaded.catalogue, messages: parseLabelledQueries(tuning).map((q) => q.query) };
}

/**
 * A private copy of the bundled data folder. `examples`: keep only every k-th câu mẫu, at most that many, for tests of
 * flows that do not depend on how many the catalogue has (a staff label's save and reload): with all 16,065 each
 * (re)load indexes them afresh in 8-9 s, which made those tests the slowest of the suite.
 */
export async function copyOfBundledData(
  options: { examples?: number } = {},
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "motcua-data-"));
  await cp(BUNDLED_DATA, dir, { recursive: true });
  if (options.examples !== undefined) {
    const most = options.examples;
    await editJson(path.join(dir, "examples.json"), (file: { examples: unknown[] }) => {
      const every = Math.max(1, Math.ceil(file.examples.length / most));
      file.examples = file.examples.filter((_, i) => i % every === 0);
    });
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

// biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary JSON shapes
export async function editJson(file: string, edit: (value: any) => void): Promise<void> {
  const value = JSON.parse(await readFile(file, "utf8"));
  edit(value);
  await writeFile(file, JSON.stringify(value, null, 2));
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** tsx as a URL, so a child can load it from any working directory (e.g. a temp dir). */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Runs a TypeScript file in a child Node process through tsx and collects its output. */
export function runTsx(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, file, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => {
      stdout += d;
    });
    child.stderr?.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin?.end(options.input);
  });
}

/**
 * Runs one of the project's scripts with tsx, as `npm run` would, feeding `input` on stdin.
 * Without a DATA_DIR in `env` the script gets a fresh temp one (removed afterwards), so no test
 * writes into the checkout's var/.
 */
export async function runScript(
  script: string,
  args: string[] = [],
  input = "",
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  const data = env.DATA_DIR === undefined ? await tempDir("motcua-script-") : undefined;
  try {
    return await runTsx(path.join(ROOT, script), args, {
      cwd: ROOT,
      env: { ...process.env, TELEGRAM_BOT_TOKEN: "", ZALO_BOT_TOKEN: "", DATA_DIR: data?.dir, ...env },
      input,
    });
  } finally {
    await data?.cleanup();
  }
}

/** The problems of a catalogue that must be refused; throws when it loads. */
export async function refusedProblems(dir: string): Promise<Problem[]> {
  const result = await loadCatalogue(dir);
  if (result.ok) throw new Error("expected the catalogue to be refused");
  return result.problems;
}

/** Polls a condition; what reports it (a watcher, a job) runs on its own schedule, and the test timeout bounds the wait. */
export async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

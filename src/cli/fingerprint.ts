// What a trained model was made from, as two short hashes the model file keeps (`trained`): the data the trainer reads
// and the code it runs. A test that compares them with today's knows the file is what its trainer makes of today's
// checkout without training again (minutes on a two-core machine).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The model file's record of what it was trained from (`npm run ranker:train`, or `ranker:check` when near enough). */
export interface TrainedFrom {
  /** Hash of the data files read (eval sets, the catalogue, the other models the search loads). */
  data: string;
  /** Hash of the source files the trainer runs (its static imports, followed through src) and package-lock.json. */
  code: string;
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^"'`;]*?from\s*["']([^"']+)["']|(?:^|[\s;])import\s*\(?\s*["']([^"']+)["']/gm;

/**
 * The files under `root` that `entry` (a path under root) runs: itself and, transitively, every relative import
 * (`./x.js` is read as `./x.ts`; JSON imports are data, left to `dataFiles`). Sorted, relative to root.
 */
export function sourceFiles(root: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(path.join(root, file), "utf8");
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec?.startsWith(".")) continue;
      const target = path.posix.join(path.posix.dirname(file), spec);
      if (target.endsWith(".json")) continue;
      const ts = target.replace(/\.js$/, ".ts");
      if (existsSync(path.join(root, ts))) visit(ts);
      else if (existsSync(path.join(root, target))) visit(target);
      else throw new Error(`${file}: cannot find the import ${spec}`);
    }
  };
  visit(entry);
  return [...seen].sort();
}

/** Every file under the folder `dir` (relative to root), sorted, relative to root. */
export function filesUnder(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, e.name);
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

/** One hash of the files' names and bytes, in the order given (16 hex digits). */
export function hashFiles(root: string, files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of files) {
    const bytes = readFileSync(path.join(root, file));
    hash.update(`${file}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest("hex").slice(0, 16);
}

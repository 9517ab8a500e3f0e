/**
 * The import graph of a source tree, for the architecture test: every relative import and
 * export-from between its .ts files, and the folder-level view of it (a folder is the first
 * path segment under the root; a file at the top level is its own node, e.g. "service.ts").
 * Takes any root, so a test can run it on a small tree with a planted cycle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * One import: both ends relative to the root, with "/" separators (e.g. "dossiers/open.ts"); an
 * import of a file outside the root starts with "../" (e.g. "../test/harness/common.ts").
 */
export interface ImportEdge {
  from: string;
  to: string;
}

// `import … from "x"`, `export … from "x"`, `import "x"` and `import("x")`; comments are stripped first.
const SPECIFIER = /(?:\b(?:import|export)\s[^;"'`]*?\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;
const COMMENT = /\/\*[\s\S]*?\*\/|(^|[^:"'`\\])\/\/[^\n]*/g;

/** Every .ts file under `root` (relative, "/"-separated), sorted. */
export function sourceFiles(root: string): string[] {
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && statSync(path.join(root, f)).isFile());
  return files.sort();
}

/** The relative imports of the files under `root` (imports of packages are left out). */
export function importEdges(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of sourceFiles(root)) {
    const text = readFileSync(path.join(root, from), "utf8").replace(COMMENT, "$1");
    for (const [, specifier] of text.matchAll(SPECIFIER)) {
      if (!specifier?.startsWith(".")) continue;
      const to = resolve(root, from, specifier);
      if (to !== undefined) edges.push({ from, to });
    }
  }
  return edges;
}

/** `./x.js` → `x.ts`, `./dir` → `dir/index.ts`; undefined when it names no .ts file. */
function resolve(root: string, from: string, specifier: string): string | undefined {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const candidates = [target.replace(/\.js$/, ".ts"), `${target}.ts`, `${target}/index.ts`];
  return candidates.find((c) => c.endsWith(".ts") && existsSync(path.join(root, c)));
}

/** The folder node of a file: its first path segment, or the file itself at the top level. */
export function folderOf(file: string): string {
  return file.split("/")[0] ?? file;
}

/**
 * Folder-level cycles: each strongly connected set of two or more folders, as its sorted folder
 * names joined by " <-> ", with the file imports that close it (for the failure message).
 */
export function folderCycles(edges: readonly ImportEdge[]): { cycle: string; imports: string[] }[] {
  const next = new Map<string, Set<string>>();
  const inside = edges.filter((e) => !e.to.startsWith("../"));
  for (const { from, to } of inside) {
    const [a, b] = [folderOf(from), folderOf(to)];
    if (a === b) continue;
    if (!next.has(a)) next.set(a, new Set());
    if (!next.has(b)) next.set(b, new Set());
    next.get(a)?.add(b);
  }
  const groups = stronglyConnected(next).filter((group) => group.length > 1);
  return groups
    .map((group) => {
      const members = new Set(group);
      const imports = inside
        .filter(
          (e) => folderOf(e.from) !== folderOf(e.to) && members.has(folderOf(e.from)) && members.has(folderOf(e.to)),
        )
        .map((e) => `${e.from} -> ${e.to}`)
        .filter((line, i, all) => all.indexOf(line) === i);
      return { cycle: [...group].sort().join(" <-> "), imports };
    })
    .sort((x, y) => x.cycle.localeCompare(y.cycle));
}

/** Tarjan's algorithm, iterative enough for a few dozen folders. */
function stronglyConnected(next: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      groups.push(group);
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return groups;
}

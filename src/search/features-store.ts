/**
 * The câu mẫu's features kept on disk between starts (node_modules/.cache/motcua-bot-features/).
 *
 * Why: reading the bundled catalogue's 21,000 câu mẫu and titles through the analyzer is most of what opening it
 * costs (15 of 27 s on a two-core server, 2026-12): every `npm start`, every restart after a crash, every replica and
 * every CLI that loads the catalogue paid it again, though the features of a text depend only on the text, the
 * synonyms and the code that reads them. A file here is named by a hash of the synonyms and of the code's fingerprint
 * (bin/code-fingerprint.mjs, which names bin/motcua-bot.mjs's bundle too: every source file under src/ by path, size
 * and modification time, and package-lock.json), so any edit of the code or of the synonyms reads the texts afresh. Only catalogue texts are kept (câu mẫu and records' names, which
 * data/ holds already), never a citizen's message (examples.ts stores only what it read while the catalogue was).
 *
 * Best effort: a folder that cannot be written (a read-only node_modules), a file that cannot be read or parsed, or
 * one that is not ours is ignored, and the texts are read as before; files are written whole under a temporary name
 * and renamed, so a reader never sees half of one, and two processes writing at once leave either's.
 * `MOTCUA_FEATURES_DIR` names another folder (the tests' child processes use a temporary one).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { codeFingerprint } from "../../bin/code-fingerprint.mjs";

/** A text's feature as stored: its key and the accents typed (null: undefined). */
type StoredFeature = [key: string, marks: string | null];
interface StoredFile {
  format: 1;
  texts: Array<[text: string, features: StoredFeature[]]>;
}

/** A feature of a text (a content word or an adjacent pair) and the accents it was typed with. */
export interface TextFeature {
  key: string;
  /** Undefined when the text was typed without accents (then it fits every spelling) or the word is a concept. */
  marks: string | undefined;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const defaultDir = (): string =>
  process.env.MOTCUA_FEATURES_DIR ?? path.join(ROOT, "node_modules", ".cache", "motcua-bot-features");
/** Files kept: the newest few (two checkouts' code, or code and synonyms being edited). */
const KEPT_FILES = 4;

/** The file for texts read with these synonyms (their hash) by today's code, or undefined without a src/ folder. */
export function featuresFile(synonymsKey: string, dir = defaultDir()): string | undefined {
  return cacheFile("features", synonymsKey, "json", dir);
}

/**
 * A cache file of `kind` for what `key` names, as today's code makes it (`<kind>-<hash>.<ext>`), or undefined without
 * a src/ folder.
 */
export function cacheFile(kind: string, key: string, ext: string, dir: string): string | undefined {
  try {
    const name = createHash("sha256")
      .update(`${key}\0${codeFingerprint(ROOT)}`)
      .digest("hex")
      .slice(0, 24);
    return path.join(dir, `${kind}-${name}.${ext}`);
  } catch {
    return undefined;
  }
}

/** The features stored for these synonyms by today's code, or undefined (none stored, or unreadable). */
export function storedFeatures(synonymsKey: string, dir = defaultDir()): Map<string, TextFeature[]> | undefined {
  const file = featuresFile(synonymsKey, dir);
  if (file === undefined || !existsSync(file)) return undefined;
  try {
    const stored = JSON.parse(readFileSync(file, "utf8")) as StoredFile;
    if (stored.format !== 1 || !Array.isArray(stored.texts)) return undefined;
    return new Map(
      stored.texts.map(([text, features]) => [
        text,
        features.map(([key, marks]) => ({ key, marks: marks ?? undefined })),
      ]),
    );
  } catch {
    return undefined;
  }
}

/** Keeps the features of these texts for the next start (best effort; see the module's comment). */
export function storeFeatures(
  synonymsKey: string,
  texts: ReadonlyMap<string, readonly TextFeature[]>,
  dir = defaultDir(),
): void {
  const file = featuresFile(synonymsKey, dir);
  if (file === undefined) return;
  const stored: StoredFile = {
    format: 1,
    texts: [...texts].map(([text, features]) => [text, features.map((f) => [f.key, f.marks ?? null])]),
  };
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temporary, JSON.stringify(stored));
    renameSync(temporary, file);
    prune(dir, file, ".json", KEPT_FILES);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/** Leaves the newest `keep` files ending in `ext` (`kept` among them), and no temporary file older than a minute. */
export function prune(dir: string, kept: string, ext: string, keep: number): void {
  const now = Date.now();
  const files = readdirSync(dir)
    .map((name) => path.join(dir, name))
    .map((file) => ({ file, at: statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? now }));
  for (const { file, at } of files) if (file.endsWith(".tmp") && now - at > 60_000) rmSync(file, { force: true });
  const done = files.filter((f) => f.file.endsWith(ext) && f.file !== kept).sort((a, b) => b.at - a.at);
  for (const { file } of done.slice(keep - 1)) rmSync(file, { force: true });
}

/**
 * The re-ranker's gram model kept on disk between starts, beside the câu mẫu's features (features-store.ts, the same
 * folder and the same code fingerprint in the file's name).
 *
 * Why: the gram model reads every câu mẫu and labelled procedure's name as words, word pairs and character grams
 * (23,000 texts, 92,000 grams): about 2 s of every start on a two-core server (2026-12), paid again by every test
 * file, CLI and replica that opens the catalogue, though it depends only on those texts (ranker-cache.ts's digest of
 * them names the file) and the code. Only catalogue texts' grams are kept, never a message's.
 *
 * The file: "MCGRAMS1", the header's length (4 bytes), the header (JSON: the grams' texts by id, the unseen idf, and
 * per code its name, total and how many grams and centroid entries it has), then the idf by id (float64) and per code
 * its gram ids and counts (int32) and its centroid's ids (int32) and weights (float64), all in this machine's byte
 * order (the cache is the machine's own). Doubles are kept as their bytes, so the model made from it is the very one
 * its documents made. Best effort, as features-store.ts: anything unreadable or inconsistent is ignored and the model
 * is built from the documents.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { cacheFile, defaultDir, prune } from "./features-store.js";
import type { GramState } from "./ranker.js";

const MAGIC = "MCGRAMS1";
/** Files kept (each a few megabytes): two checkouts' code, or the câu mẫu being edited. */
const KEPT_GRAM_FILES = 2;

interface Header {
  format: 1;
  unseenIdf: number;
  vocabulary: string[];
  codes: Array<[code: string, total: number, grams: number, centroid: number]>;
}

/** The file for the gram model of documents whose digest is `key`, by today's code. */
export function gramsFile(key: string, dir = defaultDir()): string | undefined {
  return cacheFile("grams", key, "bin", dir);
}

/** The gram model's state stored for these documents by today's code, or undefined (none, or unreadable). */
export function storedGrams(key: string, dir = defaultDir()): GramState | undefined {
  const file = gramsFile(key, dir);
  if (file === undefined) return undefined;
  try {
    const bytes = readFileSync(file);
    if (bytes.subarray(0, MAGIC.length).toString("latin1") !== MAGIC) return undefined;
    const headerLength = bytes.readUInt32LE(MAGIC.length);
    let at = MAGIC.length + 4;
    const header = JSON.parse(bytes.subarray(at, at + headerLength).toString("utf8")) as Header;
    at += headerLength;
    if (header.format !== 1 || !Array.isArray(header.vocabulary) || !Array.isArray(header.codes)) return undefined;
    const take = (count: number, size: number): ArrayBuffer => {
      const end = at + count * size;
      if (!Number.isInteger(count) || count < 0 || end > bytes.length) throw new Error("cut short");
      const part = bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + end) as ArrayBuffer;
      at = end;
      return part;
    };
    const idf = new Float64Array(take(header.vocabulary.length, 8));
    const codes = header.codes.map(([code, total, grams, centroid]) => ({
      code,
      total,
      ids: new Int32Array(take(grams, 4)),
      counts: new Int32Array(take(grams, 4)),
      centroidIds: new Int32Array(take(centroid, 4)),
      centroid: new Float64Array(take(centroid, 8)),
    }));
    if (at !== bytes.length) return undefined;
    return { vocabulary: header.vocabulary, idf, unseenIdf: header.unseenIdf, codes };
  } catch {
    return undefined;
  }
}

/** Keeps a gram model's state for the next start (best effort; see the module's comment). */
export function storeGrams(key: string, state: GramState, dir = defaultDir()): void {
  const file = gramsFile(key, dir);
  if (file === undefined) return;
  const header: Header = {
    format: 1,
    unseenIdf: state.unseenIdf,
    vocabulary: [...state.vocabulary],
    codes: state.codes.map((c) => [c.code, c.total, c.ids.length, c.centroidIds.length]),
  };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const view = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const parts = [Buffer.from(MAGIC, "latin1"), length, json, view(state.idf)];
  for (const c of state.codes) parts.push(view(c.ids), view(c.counts), view(c.centroidIds), view(c.centroid));
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temporary, Buffer.concat(parts));
    renameSync(temporary, file);
    prune(dir, file, ".bin", KEPT_GRAM_FILES);
  } catch {
    rmSync(temporary, { force: true });
  }
}

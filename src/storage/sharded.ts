import { readdir } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { type FileSpec, VersionedFile } from "./versioned-file.js";

export interface ShardSpec<V> {
  kind: string;
  version: number;
  record: z.ZodType<V>;
  shards: number;
  /** Records sharing this key share a file (e.g. all links of one chat); the record key by default. */
  shardKey?: (key: string) => string;
  migrations?: FileSpec<Shard<V>>["migrations"];
}

interface Shard<V> {
  records: Record<string, V>;
}

/**
 * Records spread over N files by a hash of their key, so a small change rewrites one small
 * file, never the whole table. Everything is held in memory; `persist` writes touched shards.
 */
export class ShardedRecords<V> {
  private constructor(
    private readonly files: VersionedFile<Shard<V>>[],
    private readonly shardKey: (key: string) => string,
    private count: number,
  ) {}

  static async open<V>(dir: string, spec: ShardSpec<V>, fsync = true): Promise<ShardedRecords<V>> {
    const fileSpec: FileSpec<Shard<V>> = {
      kind: spec.kind,
      version: spec.version,
      schema: z.object({ records: z.record(z.string(), spec.record) }) as z.ZodType<Shard<V>>,
      empty: () => ({ records: {} }),
      migrations: spec.migrations,
    };
    const names = new Set(Array.from({ length: spec.shards }, (_, i) => shardName(i)));
    // Shards left over from another shard count are read too, and their records moved.
    for (const name of await readdir(dir).catch(() => [])) if (/^\d{2,}\.json$/.test(name)) names.add(name);
    // One after another: reading a shard briefly needs its text and two copies of its records
    // (parsed, then validated); doing all at once would multiply that peak by the shard count.
    const all: VersionedFile<Shard<V>>[] = [];
    for (const name of [...names].sort()) all.push(await VersionedFile.open(path.join(dir, name), fileSpec, fsync));
    const files = all.slice(0, spec.shards);
    const store = new ShardedRecords(files, spec.shardKey ?? ((k) => k), 0);
    await store.rehome(all);
    store.count = files.reduce((n, f) => n + Object.keys(f.data.records).length, 0);
    return store;
  }

  /**
   * Moves records that sit in the wrong file (after the shard count changed), copying
   * first and deleting after, so a crash in between leaves a duplicate, never a loss.
   */
  private async rehome(all: VersionedFile<Shard<V>>[]): Promise<void> {
    const strays: [VersionedFile<Shard<V>>, string][] = [];
    for (const file of all) {
      for (const [key, value] of Object.entries(file.data.records)) {
        const home = this.fileOf(key);
        if (home === file) continue;
        if (!(key in home.data.records)) home.data.records[key] = value;
        strays.push([file, key]);
      }
    }
    if (strays.length === 0) return;
    await Promise.all(all.map((f) => f.write()));
    for (const [file, key] of strays) delete file.data.records[key];
    await Promise.all(all.map((f) => f.write()));
  }

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    return this.fileOf(key).data.records[key];
  }

  /** Changes memory only; call `persist` with the key before acknowledging anything. */
  set(key: string, value: V): void {
    const records = this.fileOf(key).data.records;
    if (!(key in records)) this.count++;
    records[key] = value;
  }

  delete(key: string): boolean {
    const records = this.fileOf(key).data.records;
    if (!(key in records)) return false;
    delete records[key];
    this.count--;
    return true;
  }

  *entries(): IterableIterator<[string, V]> {
    for (const file of this.files) yield* Object.entries(file.data.records);
  }

  /** Writes the shards holding these keys; resolves once they are on disk. */
  async persist(keys: Iterable<string>): Promise<void> {
    const touched = new Set<VersionedFile<Shard<V>>>();
    for (const key of keys) touched.add(this.fileOf(key));
    // In turn, not all at once: a bulk import touching every shard would otherwise hold
    // every shard's serialised text in memory together.
    for (const file of touched) await file.write();
  }

  private fileOf(key: string): VersionedFile<Shard<V>> {
    return this.files[fnv1a(this.shardKey(key)) % this.files.length] as VersionedFile<Shard<V>>;
  }
}

function shardName(i: number): string {
  return `${String(i).padStart(2, "0")}.json`;
}

/** FNV-1a: fast, stable across runs and platforms — only spreads keys, no security role. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

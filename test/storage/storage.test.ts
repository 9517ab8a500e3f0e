import { spawnSync } from "node:child_process";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { AtomicJsonFile, StorageError } from "../../src/storage/atomic-file.js";
import { FileConversationStore } from "../../src/storage/conversations.js";
import { DataDirLock, DataDirLockedError } from "../../src/storage/lock.js";
import { ShardedRecords } from "../../src/storage/sharded.js";
import { VersionedFile } from "../../src/storage/versioned-file.js";
import { tempDir } from "../harness/dossiers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const People = z.object({ people: z.array(z.object({ name: z.string(), age: z.number().optional() })) });
const peopleSpec = {
  kind: "people",
  version: 2,
  schema: People,
  empty: () => ({ people: [] }),
  // Version 1 kept bare names.
  migrations: { 1: (data: unknown) => ({ people: (data as { names: string[] }).names.map((name) => ({ name })) }) },
};

describe("versioned files", () => {
  it("round-trips data through a { kind, version, data } envelope", async () => {
    const file = path.join(dir, "people.json");
    const a = await VersionedFile.open(file, peopleSpec);
    a.data.people.push({ name: "An", age: 30 });
    await a.write();
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({
      kind: "people",
      version: 2,
      data: { people: [{ name: "An", age: 30 }] },
    });
    expect((await VersionedFile.open(file, peopleSpec)).data.people).toEqual([{ name: "An", age: 30 }]);
  });

  it("migrates an older version, keeps a backup, and writes the new version", async () => {
    const file = path.join(dir, "people.json");
    await writeFile(file, JSON.stringify({ kind: "people", version: 1, data: { names: ["An", "Bình"] } }));
    const opened = await VersionedFile.open(file, peopleSpec);
    expect(opened.data.people).toEqual([{ name: "An" }, { name: "Bình" }]);
    expect(JSON.parse(await readFile(file, "utf8")).version).toBe(2);
    expect(JSON.parse(await readFile(`${file}.v1.bak`, "utf8")).data.names).toEqual(["An", "Bình"]);
  });

  it("refuses a newer version, another kind, broken JSON or invalid data, and leaves the file as it was", async () => {
    const file = path.join(dir, "people.json");
    const cases = [
      JSON.stringify({ kind: "people", version: 3, data: { people: [] } }),
      JSON.stringify({ kind: "outbox", version: 2, data: { people: [] } }),
      '{"kind":"people","version":2,"data":{"peo',
      JSON.stringify({ kind: "people", version: 2, data: { people: [{ age: 3 }] } }),
    ];
    for (const text of cases) {
      await writeFile(file, text);
      await expect(VersionedFile.open(file, peopleSpec)).rejects.toThrow(StorageError);
      expect(await readFile(file, "utf8")).toBe(text);
    }
  });
});

describe("atomic JSON file", () => {
  it("coalesces concurrent writes; every promise resolves once its data is on disk", async () => {
    const file = path.join(dir, "counter.json");
    const adapter = new AtomicJsonFile<{ n: number }>(file);
    const state = { n: 0 };
    const writes: Promise<void>[] = [];
    for (let i = 1; i <= 50; i++) {
      state.n = i;
      const expected = i;
      writes.push(
        adapter.write(state).then(async () => {
          // Whatever finished, it carried this write's value or a later one.
          expect(JSON.parse(await readFile(file, "utf8")).n).toBeGreaterThanOrEqual(expected);
        }),
      );
    }
    await Promise.all(writes);
    expect(await adapter.read()).toEqual({ n: 50 });
  });

  it("ignores a temp file left by a crash", async () => {
    const file = path.join(dir, "a.json");
    await writeFile(file, '{"ok":true}');
    await writeFile(path.join(dir, ".a.json.tmp"), '{"ok":fal');
    const adapter = new AtomicJsonFile<{ ok: boolean }>(file);
    expect(await adapter.read()).toEqual({ ok: true });
    await adapter.write({ ok: false });
    expect(await adapter.read()).toEqual({ ok: false });
  });
});

describe("sharded records", () => {
  const spec = { kind: "things", version: 1, record: z.object({ v: z.number() }), shards: 8 };

  it("rewrites only the shard holding a changed key", async () => {
    const store = await ShardedRecords.open(dir, spec);
    for (let i = 0; i < 200; i++) store.set(`k${i}`, { v: i });
    await store.persist([...store.entries()].map(([k]) => k));
    const before = await snapshot(dir);
    store.set("k7", { v: 700 });
    await store.persist(["k7"]);
    const after = await snapshot(dir);
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
    expect(changed).toHaveLength(1);
  });

  it("moves records when the shard count changes, losing none", async () => {
    const store = await ShardedRecords.open(dir, spec);
    for (let i = 0; i < 100; i++) store.set(`k${i}`, { v: i });
    await store.persist([...store.entries()].map(([k]) => k));
    const wider = await ShardedRecords.open(dir, { ...spec, shards: 13 });
    expect(wider.size).toBe(100);
    const narrower = await ShardedRecords.open(dir, { ...spec, shards: 3 });
    expect(narrower.size).toBe(100);
    for (let i = 0; i < 100; i++) expect(narrower.get(`k${i}`)).toEqual({ v: i });
  });
});

describe("file conversation store", () => {
  it("keeps conversations across a restart, and hands out copies", async () => {
    const a = await FileConversationStore.open(dir);
    const state = { lang: "en" as const, features: { dossiers: { pending: { step: "digits" } } } };
    await a.set("telegram:1", state);
    state.lang = "vi" as never;
    const b = await FileConversationStore.open(dir);
    const got = await b.get("telegram:1");
    expect(got).toEqual({ lang: "en", features: { dossiers: { pending: { step: "digits" } } } });
    if (got) got.lang = "vi";
    expect((await b.get("telegram:1"))?.lang).toBe("en");
  });

  it("drops conversations idle for half a year on open", async () => {
    let now = Date.parse("2025-01-01T00:00:00Z");
    const a = await FileConversationStore.open(dir, () => now);
    await a.set("zalo:old", { lang: "vi" });
    now += 100 * 86_400_000;
    await a.set("zalo:recent", { lang: "vi" });
    now += 100 * 86_400_000;
    const b = await FileConversationStore.open(dir, () => now);
    expect(await b.get("zalo:old")).toBeUndefined();
    expect(await b.get("zalo:recent")).toEqual({ lang: "vi" });
  });
});

describe("data directory lock", () => {
  it("lets one owner at a time hold the directory, and takes over a dead owner's lock", async () => {
    const lock = await DataDirLock.acquire(dir);
    await expect(DataDirLock.acquire(dir)).rejects.toThrow(DataDirLockedError);
    await lock.release();
    const again = await DataDirLock.acquire(dir);
    await again.release();

    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    await writeFile(path.join(dir, ".lock"), dead);
    const taken = await DataDirLock.acquire(dir);
    expect(await readFile(path.join(dir, ".lock"), "utf8")).toBe(String(process.pid));
    await taken.release();

    // Restarted in a container with the same pid as the crashed run: not really held.
    await writeFile(path.join(dir, ".lock"), String(process.pid));
    const restarted = await DataDirLock.acquire(dir);
    await restarted.release();
  });
});

async function snapshot(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(folder)) {
    if (name.endsWith(".json"))
      out[name] = `${(await stat(path.join(folder, name))).mtimeMs}:${await readFile(path.join(folder, name), "utf8")}`;
  }
  return out;
}

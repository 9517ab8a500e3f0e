/**
 * The câu mẫu's features kept on disk between starts (src/search/features-store.ts): a start after the first reads
 * none of the catalogue's texts through the analyzer again, and any change of what they depend on reads them afresh.
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { featuresFile, storedFeatures, storeFeatures } from "../../src/search/features-store.js";
import { ROOT, runTsx, tempDir } from "../harness/common.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function cacheDir(): Promise<string> {
  const { dir, cleanup } = await tempDir("motcua-features-");
  cleanups.push(cleanup);
  return dir;
}

describe("the câu mẫu's features on disk", () => {
  it("gives back what it kept, accents typed or not, and nothing for other synonyms", async () => {
    const dir = await cacheDir();
    const texts = new Map([
      ["làm giấy khai sinh", [{ key: "khai sinh", marks: "khai sinh" }]],
      ["lam giay khai sinh", [{ key: "khai sinh", marks: undefined }]],
    ]);
    storeFeatures("synonyms-a", texts, dir);
    expect(storedFeatures("synonyms-a", dir)).toEqual(texts);
    expect(storedFeatures("synonyms-a", dir)?.get("lam giay khai sinh")?.[0]).toHaveProperty("marks", undefined);
    expect(storedFeatures("synonyms-b", dir)).toBeUndefined();
  });

  it("reads a file cut short, not its own or not JSON as nothing (the texts are then read as before)", async () => {
    const dir = await cacheDir();
    const file = featuresFile("synonyms-a", dir) as string;
    await mkdir(dir, { recursive: true });
    for (const bytes of ['{"format":1,"texts":[["làm', '{"format":2,"texts":[]}', "\u0000\u0001", '{"texts":7}']) {
      await writeFile(file, bytes);
      expect(storedFeatures("synonyms-a", dir)).toBeUndefined();
    }
  });

  it("keeps the newest files only and leaves no temporary one", async () => {
    const dir = await cacheDir();
    const texts = new Map([["đăng ký kết hôn", [{ key: "kết hôn", marks: "kết hôn" }]]]);
    for (const key of ["a", "b", "c", "d", "e", "f"]) storeFeatures(key, texts, dir);
    const files = await readdir(dir);
    expect(files).toHaveLength(4);
    expect(files.every((f) => /^features-[0-9a-f]{24}\.json$/.test(f))).toBe(true);
    expect(storedFeatures("f", dir)).toEqual(texts);
  });

  it("lets a second start read none of the câu mẫu afresh, and synonyms edited read them all again", {
    tags: ["process"],
  }, async () => {
    const dir = await cacheDir();
    const child = path.join(ROOT, "test/harness/features-child.ts");
    const start = async (marker: string) => {
      const run = await runTsx(child, [marker, "1200"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", MOTCUA_FEATURES_DIR: dir },
      });
      expect(run.stderr).toBe("");
      return JSON.parse(run.stdout) as { readAfresh: number; size: number };
    };
    const first = await start("one");
    // Each text its own (repeated texts and titles aside): a whole catalogue's worth read afresh, then kept.
    expect(first.readAfresh).toBeGreaterThan(1000);
    expect(await readdir(dir)).toHaveLength(1);
    const second = await start("one");
    expect(second).toEqual({ readAfresh: 0, size: first.size });
    // Other synonyms may read a text otherwise: everything afresh, in a file of its own.
    expect((await start("two")).readAfresh).toBe(first.readAfresh);
    expect(await readdir(dir)).toHaveLength(2);
  });
});

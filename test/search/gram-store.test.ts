/**
 * The re-ranker's gram model kept on disk between starts (src/search/gram-store.ts): the model made from the stored
 * state is the one its documents make (every gram's idf and every code's counts and centroid, so every fit to the
 * last bit), and a file cut short or not ours is read as nothing.
 */
import { readFileSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { LabelledExample } from "../../src/search/examples.js";
import { gramsFile, storedGrams, storeGrams } from "../../src/search/gram-store.js";
import { GramModel, grams } from "../../src/search/ranker.js";
import { gramModelOf, gramsKey } from "../../src/search/ranker-cache.js";
import { BUNDLED_DATA, tempDir } from "../harness/common.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function cacheDir(): Promise<string> {
  const { dir, cleanup } = await tempDir("motcua-grams-");
  cleanups.push(cleanup);
  return dir;
}

const { examples } = JSON.parse(readFileSync(path.join(BUNDLED_DATA, "examples.json"), "utf8")) as {
  examples: LabelledExample[];
};
/** Enough câu mẫu to be kept on disk (ranker-cache.ts keeps a whole catalogue's, not a test's handful). */
const documents = examples.slice(0, 1500).map((e) => ({ text: e.text, code: e.code }));
const codes = [...new Set(documents.map((d) => d.code))].slice(0, 16);
const messages = [
  "làm giấy khai sinh cho con hết bao nhiêu tiền",
  "xin xac nhan tinh trang hon nhan de ket hon",
  "Tôi muốn đăng ký thường trú cho vợ về ở nhà chồng, cần giấy tờ gì?",
  "how do I register a marriage with a foreigner",
];

describe("the gram model on disk", () => {
  it("makes the very model its documents make", async () => {
    const dir = await cacheDir();
    const built = new GramModel(documents);
    storeGrams("docs-a", built.state(), dir);
    const stored = storedGrams("docs-a", dir);
    expect(stored).toBeDefined();
    const again = new GramModel([], stored);
    expect(again.state()).toEqual(built.state());
    for (const text of messages) {
      const g = grams(text);
      for (const code of codes) {
        expect(again.fit(again.message(g), code)).toEqual(built.fit(built.message(g), code));
        expect(again.logLikelihood(g, code)).toBe(built.logLikelihood(g, code));
        expect(again.centroid(again.unit(g), code)).toBe(built.centroid(built.unit(g), code));
      }
    }
    expect(storedGrams("docs-b", dir)).toBeUndefined();
  });

  it("is read at the next start: a model of the same documents comes from the file", async () => {
    const dir = await cacheDir();
    // Documents of no other test (the process keeps the last two models it made in memory)…
    const some = documents.slice(0, 1200).map((d) => ({ ...d, text: `${d.text} zqgramstore` }));
    // …whose file holds another model's state: what gramModelOf gives is what it read there.
    const other = new GramModel(documents.slice(0, 300));
    storeGrams(gramsKey(some), other.state(), dir);
    expect(gramModelOf(some, dir).state()).toEqual(other.state());
    // Fewer documents than a catalogue's are neither read nor kept.
    const few = some.slice(0, 50);
    storeGrams(gramsKey(few), other.state(), dir);
    expect(gramModelOf(few, dir).state()).toEqual(new GramModel(few).state());
  });

  it("keeps what it built for the next start", async () => {
    const dir = await cacheDir();
    const some = documents.slice(0, 1100).map((d) => ({ ...d, text: `${d.text} zqgramkept` }));
    const made = gramModelOf(some, dir);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^grams-[0-9a-f]{24}\.bin$/);
    expect(storedGrams(gramsKey(some), dir)).toEqual(made.state());
  });

  it("reads a file cut short, not its own or of another format as nothing", async () => {
    const dir = await cacheDir();
    storeGrams("docs-a", new GramModel(documents.slice(0, 200)).state(), dir);
    const file = gramsFile("docs-a", dir) as string;
    const whole = readFileSync(file);
    for (const bytes of [
      whole.subarray(0, whole.length - 8),
      whole.subarray(0, 20),
      Buffer.from("{}"),
      Buffer.alloc(0),
    ]) {
      await writeFile(file, bytes);
      expect(storedGrams("docs-a", dir)).toBeUndefined();
    }
  });
});

describe("a message read by the gram model", () => {
  it("reads the grams `grams` gives, the same sums in the same order, its words' grams kept or not", () => {
    const model = new GramModel(documents);
    const texts = [
      ...messages,
      ...documents.slice(0, 200).map((d) => d.text),
      "khai sinh khai sinh khai sinh cho con con",
      "zqxw unknownword 2027 đăng ký đăng ký",
      "",
    ];
    // Twice: the first reading keeps the documents' words' grams, the second reads them from there.
    for (const round of [1, 2])
      for (const text of texts) expect(model.read(text), `${round}: ${text}`).toEqual(model.message(grams(text)));
  });
});

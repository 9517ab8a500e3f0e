import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Hasher, HashKeyMissingError, loadHashKey } from "../../src/dossiers/privacy.js";
import { FileDossierRepository, HashKeyMismatchError } from "../../src/dossiers/repository.js";
import { tempDir } from "../harness/dossiers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const keyFile = () => path.join(dir, "phone-hash.key");

/** Dossiers stored with the key `loadHashKey` gives for `configured` (the meta file remembers the key's id). */
async function storeWith(configured?: string): Promise<void> {
  const hasher = new Hasher(await loadHashKey(dir, configured));
  await FileDossierRepository.open(path.join(dir, "dossiers"), hasher.keyId, false);
}

describe("the phone hash key", () => {
  it("is generated once into the data folder and kept", async () => {
    const first = await loadHashKey(dir);
    expect(await loadHashKey(dir)).toEqual(first);
    expect((await readFile(keyFile(), "utf8")).trim()).toBe(first.toString("hex"));
  });

  it("is not regenerated when its file went missing beside dossiers: the refusal names the file, not PHONE_HASH_KEY", async () => {
    await storeWith();
    await rm(keyFile());
    const refusal = loadHashKey(dir);
    await expect(refusal).rejects.toThrow(HashKeyMissingError);
    await expect(refusal).rejects.toThrow(`Không tìm thấy tệp khoá ${keyFile()}`);
    await expect(refusal).rejects.not.toThrow(/PHONE_HASH_KEY trong cấu hình/);
    expect(existsSync(keyFile())).toBe(false);
  });

  it("names the file when the file holds another key, or no key at all", async () => {
    await storeWith();
    await writeFile(keyFile(), "ab".repeat(32));
    await expect(loadHashKey(dir)).rejects.toThrow(HashKeyMismatchError);
    await expect(loadHashKey(dir)).rejects.toThrow(`Tệp khoá ${keyFile()} khác với khoá`);
    await writeFile(keyFile(), "not a key\n");
    await expect(loadHashKey(dir)).rejects.toThrow(`Tệp khoá ${keyFile()} không chứa khoá do bot tạo ra`);
  });

  it("names PHONE_HASH_KEY when it is the variable that changed, and says to remove it when the file fits", async () => {
    await storeWith();
    const refusal = loadHashKey(dir, "a-key-nobody-used-before");
    await expect(refusal).rejects.toThrow(HashKeyMismatchError);
    await expect(refusal).rejects.toThrow(/PHONE_HASH_KEY trong cấu hình .* hãy bỏ PHONE_HASH_KEY khỏi \.env/);
  });

  it("names PHONE_HASH_KEY alone when dossiers were stored with the variable", async () => {
    await storeWith("the-first-key-0123456789");
    expect(await loadHashKey(dir, "the-first-key-0123456789")).toEqual(Buffer.from("the-first-key-0123456789"));
    await expect(loadHashKey(dir, "the-second-key-0123456789")).rejects.toThrow(
      /hãy đặt lại giá trị PHONE_HASH_KEY cũ/,
    );
    // Unsetting the variable later does not silently generate a key beside those dossiers.
    await expect(loadHashKey(dir)).rejects.toThrow(HashKeyMissingError);
  });
});

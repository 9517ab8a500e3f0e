// The câu mẫu index keeps each text's features by the synonyms' content (src/search/examples.ts knownFeatures), so an
// index built again reads its examples without analysing them again. A change of the synonyms must be read: a term
// added to a concept makes a message that says it meet that concept's examples.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { labelKey } from "../../src/catalogue/live.js";
import { type Catalogue, loadCatalogue } from "../../src/catalogue/load.js";
import { ExampleIndex } from "../../src/search/examples.js";
import type { SynonymsFile } from "../../src/search/records.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

let catalogue: Catalogue;
beforeAll(async () => {
  const loaded = await loadCatalogue(path.join(ROOT, "data"));
  if (!loaded.ok) throw new Error("bundled catalogue is invalid");
  catalogue = loaded.catalogue;
});

const CODE = "1.001193";
const examples = [
  { text: "đăng ký khai sinh cho con", code: CODE },
  { text: "làm giấy khai sinh cho bé", code: CODE },
  { text: "xin cấp bản sao trích lục hộ tịch", code: "2.000635" },
];
/** A made-up word no synonym group has. */
const WORD = "zqkhaisinhx";

describe("the câu mẫu index's features, kept across builds", () => {
  it("reads a synonym added since an earlier index was built with the same texts", () => {
    const known = new Set(examples.map((e) => e.code));
    const before = new ExampleIndex(examples, catalogue.synonyms, known);
    // The message read under the first synonyms: the word meets nothing.
    expect(before.nearest(`${WORD} cho con`).codes.map((c) => c.code)).not.toContain("2.000635");
    const birth = before.nearest(`${WORD} cho con`).codes.find((c) => c.code === CODE)?.score ?? 0;
    const synonyms: SynonymsFile = {
      ...catalogue.synonyms,
      groups: [...catalogue.synonyms.groups, { concept: "khai sinh", terms: [WORD] }],
    };
    const after = new ExampleIndex(examples, synonyms, known);
    const now = after.nearest(`${WORD} cho con`).codes.find((c) => c.code === CODE)?.score ?? 0;
    // Now the word is the birth registration's: the message meets its examples closer than before.
    expect(now).toBeGreaterThan(birth);
    // And back: the first synonyms' index reads as it did.
    const again = new ExampleIndex(examples, structuredClone(catalogue.synonyms), known);
    expect(again.nearest(`${WORD} cho con`).codes.find((c) => c.code === CODE)?.score ?? 0).toBe(birth);
  });

  it("gives an index built again the very similarities a first build gives", () => {
    const known = new Set(examples.map((e) => e.code));
    const first = new ExampleIndex(examples, catalogue.synonyms, known);
    const second = new ExampleIndex(examples, structuredClone(catalogue.synonyms), known);
    for (const message of ["khai sinh cho con", "trich luc ho tich", "bản sao giấy khai sinh"]) {
      expect(second.nearest(message)).toEqual(first.nearest(message));
    }
  });

  it("keys a message as staff see it, however often it is asked", () => {
    expect(labelKey("Cấp sổ hộ nghèo năm 2027")).toBe(labelKey("cấp sổ hộ nghèo năm 2027"));
    expect(labelKey("Cấp sổ hộ nghèo năm 2027")).toBe(labelKey("Cấp sổ hộ nghèo năm 2027"));
    expect(labelKey("đăng ký khai sinh")).not.toBe(labelKey("đăng ký khai tử"));
  });
});

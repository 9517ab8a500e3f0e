import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Catalogue, loadCatalogue } from "../../src/catalogue/load.js";
import { BUNDLED_DATA, ROOT } from "../harness/common.js";

let catalogue: Catalogue;
beforeAll(async () => {
  const result = await loadCatalogue(BUNDLED_DATA);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.file} ${p.path} ${p.message}`).join("\n"));
  catalogue = result.catalogue;
});

const required = readFileSync(path.join(ROOT, "test/fixtures/required-procedures.tsv"), "utf8")
  .split("\n")
  .slice(1)
  .filter(Boolean)
  .map((line) => line.split("\t"));

describe("bundled catalogue", () => {
  it.each(required.map(([code, field, name]) => [code, field, name]))(
    "carries %s (%s: %s) with its legal basis",
    (code) => {
      const p = catalogue.procedures.find((x) => x.code === code);
      expect(p).toBeDefined();
      expect(p?.legalBasis.length).toBeGreaterThan(0);
      expect(p?.documents.length).toBeGreaterThan(0);
    },
  );

  it("sends residence procedures to the commune police, not the People's Committee", () => {
    for (const code of ["1.004222", "1.004194", "1.002755", "1.003677", "1.010038", "2.001159"]) {
      expect(catalogue.procedures.find((p) => p.code === code)?.office).toBe("cong-an");
    }
  });

  it("prints the legal fee facts: free on-time birth registration, 8,000 VND extract copies", () => {
    const birth = catalogue.procedures.find((p) => p.code === "1.001193");
    expect(birth?.channels.find((c) => c.kind === "in_person")?.fee.amountVnd).toBe(0);
    const extract = catalogue.procedures.find((p) => p.code === "2.000635");
    expect(extract?.channels.find((c) => c.kind === "in_person")?.fee.amountVnd).toBe(8000);
  });

  it("stores text in NFC", () => {
    const all = JSON.stringify(catalogue.procedures);
    expect(all).toBe(all.normalize("NFC"));
  });
});

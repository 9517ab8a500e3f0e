import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { wardView } from "../../src/wards/view.js";
import { editJson } from "../harness/common.js";
import { demoProvinceData, WARD_OWN_CODE, withWardOwnProcedure } from "../wards/province.js";

const OWN = WARD_OWN_CODE;
// No word of it is a record's: only the label can answer it.
const LABELLED = "cho em hỏi cái vé để xe đạp ở chợ xin ở đâu ạ";
const STAFF = { source: "nhân viên quan.tri, 2026-12-02", added: "2026-12-02" };

let live: LiveCatalogue;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await demoProvinceData());
  await withWardOwnProcedure(dir);
  live = await LiveCatalogue.open(dir);
});
afterAll(async () => {
  await live.close();
  await cleanup();
});

const first = (ward: string | undefined, text: string) => {
  const outcome = wardView(live.current(), ward).search.search(text);
  return outcome.decision === "none" ? undefined : outcome.hits[0]?.procedure.code;
};

describe("câu mẫu in a province", () => {
  it("a label naming one ward's own procedure is served in that ward only", async () => {
    for (const ward of ["phuong-5", "tan-phu", undefined]) expect(first(ward, LABELLED)).not.toBe(OWN);
    await editJson(path.join(dir, "examples.json"), (file) => {
      file.examples.push({ text: LABELLED, code: OWN, ...STAFF });
    });
    // The loader knows the ward's code (a label naming it is no unknown code).
    expect((await loadCatalogue(dir)).ok).toBe(true);
    expect(await live.reload()).toBe(true);
    expect(first("phuong-5", LABELLED)).toBe(OWN);
    // Wards without the procedure: never it, and the label is set aside rather than breaking their index.
    expect(first("tan-phu", LABELLED)).not.toBe(OWN);
    expect(first(undefined, LABELLED)).not.toBe(OWN);
  });

  it("a code no ward or catalogue has refuses the file, and the previous catalogue serves", async () => {
    const before = live.current().catalogue.version;
    await editJson(path.join(dir, "examples.json"), (file) => {
      file.examples.push({ text: "một câu khác", code: "1.001193.P9", ...STAFF });
    });
    expect(await live.reload()).toBe(false);
    expect(live.current().catalogue.version).toBe(before);
    expect(first("phuong-5", LABELLED)).toBe(OWN);
  });
});

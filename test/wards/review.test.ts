import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { overlaysDueForReview } from "../../src/catalogue/review.js";
import { editJson } from "../harness/common.js";
import { demoProvinceData } from "./province.js";

let dir: string;
let cleanup: () => Promise<void>;
// (the overlays' review dates bear on no câu mẫu: a thousand are copied and validated, not all 25,000)
beforeEach(async () => {
  ({ dir, cleanup } = await demoProvinceData({ examples: 1000 }));
});
afterEach(() => cleanup());

describe("overlays due for review", () => {
  it("lists each change not checked for 180 days, naming the file to open", async () => {
    await editJson(path.join(dir, "wards/phuong-5.overlay.json"), (o) => {
      o.changes[0].lastChecked = "2026-01-10";
    });
    const result = await loadCatalogue(dir);
    if (!result.ok) throw new Error("refused");
    expect(overlaysDueForReview(result.catalogue.province, "2026-12-01")).toEqual([
      {
        code: "1.001193",
        name: "wards/phuong-5.overlay.json (thay đổi | change)",
        reasons: ["kiểm tra lần cuối 2026-01-10 (325 ngày trước)"],
        dueBy: "2026-07-09",
      },
    ]);
    // The day after a check nothing is due; half a year after 2026-12-01 the province change is due too.
    expect(overlaysDueForReview(result.catalogue.province, "2026-01-11")).toEqual([]);
    expect(overlaysDueForReview(result.catalogue.province, "2027-06-01").map((d) => d.name)).toEqual([
      "wards/phuong-5.overlay.json (thay đổi | change)",
      "province/overlay.json (thay đổi | change)",
    ]);
    expect(overlaysDueForReview(undefined, "2027-06-01")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { recordsDueForReview, reviewSummary } from "../../src/catalogue/review.js";
import type { Procedure } from "../../src/catalogue/schema.js";
import { bundledCatalogue, runScript } from "../harness/common.js";

async function birth(): Promise<Procedure> {
  const live = await bundledCatalogue();
  const p = live.current().catalogue.procedures.find((x) => x.code === "1.001193");
  if (!p) throw new Error("bundled data lacks 1.001193");
  return p;
}

describe("catalogue review reminders", () => {
  it("lists a record not checked for 180 days, and not one checked 179 days ago", async () => {
    const p = { ...(await birth()), lastChecked: "2026-01-01", legalBasis: [{ text: "Luật Hộ tịch 2014" }] };
    expect(recordsDueForReview([p], "2026-06-29")).toEqual([]);
    const [due] = recordsDueForReview([p], "2026-06-30");
    expect(due?.reasons).toEqual(["kiểm tra lần cuối 2026-01-01 (180 ngày trước)"]);
    expect(due?.dueBy).toBe("2026-06-30");
  });

  it("lists a record whose legal basis expires within 90 days, or has expired", async () => {
    const p = {
      ...(await birth()),
      lastChecked: "2026-12-01",
      legalBasis: [{ text: "Nghị định 120/2025/NĐ-CP", effective: "2025-07-01", expires: "2027-03-01" }],
    };
    expect(recordsDueForReview([p], "2026-11-30")).toEqual([]);
    expect(recordsDueForReview([p], "2026-12-01")[0]?.reasons).toEqual([
      'căn cứ "Nghị định 120/2025/NĐ-CP" hết hiệu lực ngày 2027-03-01 (còn 90 ngày)',
    ]);
    expect(recordsDueForReview([p], "2027-03-02")[0]?.reasons[0]).toMatch(/đã hết hiệu lực từ 2027-03-01/);
    expect(reviewSummary(recordsDueForReview([p], "2027-03-02"), 1)).toMatch(/^1\/1 thủ tục cần rà soát lại/);
  });

  it("npm run catalogue:review prints the list and the summary; --help explains it", {
    tags: ["process"],
  }, async () => {
    const run = await runScript("src/cli/catalogue-review.ts", ["--date", "2027-12-31"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1\.001193 Đăng ký khai sinh/);
    expect(run.stdout).toMatch(/thủ tục cần rà soát lại/);
    const help = await runScript("src/cli/catalogue-review.ts", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/180 ngày/);
  });
});

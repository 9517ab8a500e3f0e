/**
 * The full security matrix of npm run reliability: both webhooks and POST /api/dossiers of the
 * whole service, sent missing or wrong secrets, oversized bodies, malformed JSON, wrong content,
 * methods and paths, broken HTTP and hang-ups mid-body. All rejected, nothing handled.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runSecurity, type SecurityReport, securityCases } from "../harness/reliability-security.js";

let report: SecurityReport;
beforeAll(async () => {
  report = await runSecurity();
});

const cases = securityCases().map((c) => [`${c.group}: ${c.name}`, c] as const);

describe("security matrix", () => {
  it.each(cases)("rejects %s", (label) => {
    const result = report.cases.find((r) => `${r.group}: ${r.name}` === label);
    expect(result, label).toBeDefined();
    expect(result?.expect).toContain(result?.status);
    expect(result?.handled).toBeUndefined();
  });

  it("handled nothing over the whole matrix and never crashed", () => {
    expect(report.leaks).toEqual([]);
    expect(report.crashes).toEqual([]);
  });

  it("still answers /healthz and handles proper requests afterwards", () => {
    expect(report.healthAfter).toBe(200);
    expect(report.properAfter).toEqual({ telegram: true, zalo: true, dossiers: true });
  });
});

/**
 * npm run dossiers:import beside the bot as deployed: the real service (src/main.ts, both channels
 * polling the local fakes) holds the data folder, and staff import a Windows-1258 CSV and an .xlsx
 * file through its POST /api/dossiers; a citizen then finds the dossier on Telegram with the name
 * spelled right.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runTsx } from "../harness/common.js";
import { dossier, toCsv } from "../harness/dossiers.js";
import { ServiceHarness, waitUntil } from "../harness/service-harness.js";
import { windows1258, workbook } from "./export-files.js";

let h: ServiceHarness;

beforeAll(async () => {
  h = await ServiceHarness.create({ telegramMode: "polling", zaloMode: "polling", start: "2025-11-04 09:00" });
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

describe("importing while the bot runs", () => {
  it("goes through the running service's API, converted, warned, and readable by citizens at once", async () => {
    const csv = path.join(h.root, "ho-so-1258.csv");
    await writeFile(
      csv,
      windows1258(
        toCsv([
          dossier({ applicant_name: "Lê Văn Em" }),
          dossier({ code: "000.31.20.H49-251103-0013", procedure_code: "9.999999" }),
          dossier({ code: "000.31.20.H49-251103-0014", phone: "12" }),
        ]),
      ),
    );
    const run = await h.runScript("src/cli/dossiers-import.ts", [csv]);
    expect(run.stdout).toContain("qua API của bot đang chạy");
    expect(run.stdout).toContain("Windows-1258");
    expect(run.stdout).toMatch(/created:\s+2/);
    expect(run.stdout).toMatch(/dòng 3 \| line 3 \(000\.31\.20\.H49-251103-0013\): mã thủ tục 9\.999999/);
    expect(run.stdout).toMatch(/dòng 4 \| line 4 \(000\.31\.20\.H49-251103-0014\): phone: /);
    expect(run.code).toBe(2);

    await h.telegram.sendText(501, "/hoso 000.31.20.H49-251103-0012", { languageCode: "vi" });
    await waitUntil(() => h.received("telegram:501").length >= 1, 60_000, "the digits prompt");
    await h.telegram.sendText(501, "5678", { languageCode: "vi" });
    await waitUntil(() => h.received("telegram:501").length >= 2, 60_000, "the dossier");
    expect(h.received("telegram:501").join("\n")).toContain("Người nộp: Lê V. E.");

    const xlsx = path.join(h.root, "ho-so.xlsx");
    await writeFile(
      xlsx,
      await workbook({
        "Hồ sơ": [
          ["Mã hồ sơ", "Mã thủ tục", "Họ tên", "Số điện thoại", "Ngày tiếp nhận", "Trạng thái"],
          ["000.31.20.H49-251104-0001", "1.001193", "Trần Thị Bình", "0987654321", new Date(Date.UTC(2025, 10, 4)), 2],
        ],
      }),
    );
    const second = await h.runScript("src/cli/dossiers-import.ts", [xlsx]);
    expect(second.stdout).toContain("qua API của bot đang chạy");
    expect(second.stdout).toMatch(/created:\s+1/);
    expect(second.code).toBe(0);
    expect(((await h.health()).storage as { dossiers: number }).dossiers).toBe(3);

    const wrongToken = await runTsx(path.join(ROOT, "src/cli/dossiers-import.ts"), [xlsx], {
      cwd: h.root,
      env: { ...h.env(), DOSSIER_API_TOKEN: "x".repeat(30) },
    });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toContain("DOSSIER_API_TOKEN ở đây khác với của bot");
    expect(h.leaks(h.secretValues)).toEqual([]);
  });
});

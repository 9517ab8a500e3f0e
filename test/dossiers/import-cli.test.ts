/**
 * npm run dossiers:import as staff run it: a child process in an office folder holding a `.env`
 * (no settings from the developer's environment), the files it writes looked at afterwards.
 */
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Hasher, loadHashKey } from "../../src/dossiers/privacy.js";
import { FileDossierRepository } from "../../src/dossiers/repository.js";
import { DataDirLock } from "../../src/storage/lock.js";
import { BUNDLED_DATA, ROOT, type RunResult, runTsx, tempDir } from "../harness/common.js";
import { dossier, toCsv } from "../harness/dossiers.js";
import { windows1258, workbook } from "./export-files.js";

const SLOW = { tags: ["process"], timeout: 180_000 };

let office: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: office, cleanup } = await tempDir("motcua-office-"));
  await writeEnv({});
});
afterEach(() => cleanup());

/** The office's .env: DATA_DIR relative to the folder the command runs in, as the README's setup has it. */
async function writeEnv(extra: Record<string, string>): Promise<void> {
  const lines = { DATA_DIR: "du-lieu-bot", CATALOGUE_DIR: BUNDLED_DATA, LOG_LEVEL: "warn", ...extra };
  await writeFile(
    path.join(office, ".env"),
    Object.entries(lines)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  );
}

function importFile(...args: string[]): Promise<RunResult> {
  return runTsx(path.join(ROOT, "src/cli/dossiers-import.ts"), args, {
    cwd: office,
    env: { PATH: process.env.PATH ?? "", HOME: office, LANG: "C.UTF-8" },
  });
}

const dataDir = () => path.join(office, "du-lieu-bot");

async function storedDossiers(): Promise<FileDossierRepository> {
  const hasher = new Hasher(await loadHashKey(dataDir()));
  return FileDossierRepository.open(path.join(dataDir(), "dossiers"), hasher.keyId, false);
}

const noStackTrace = (r: RunResult) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe("npm run dossiers:import", () => {
  it("imports into the DATA_DIR of .env — nowhere else — converting a Windows-1258 file", SLOW, async () => {
    const file = path.join(office, "ho-so.csv");
    await writeFile(
      file,
      windows1258(
        toCsv([
          dossier({ applicant_name: "Lê Văn Em" }),
          dossier({ code: "000.31.20.H49-251103-0013", status: "0" }),
          dossier({ code: "000.31.20.H49-251103-0014", procedure_code: "9.999999" }),
        ]),
      ),
    );
    const first = await importFile("ho-so.csv");
    expect(first.stdout).toContain("Windows-1258");
    expect(first.stdout).toMatch(/created:\s+2/);
    expect(first.stdout).toMatch(/dòng 3 \| line 3 \(000\.31\.20\.H49-251103-0013\): status: /);
    expect(first.stdout).toMatch(/dòng 4 \| line 4 \(000\.31\.20\.H49-251103-0014\): mã thủ tục 9\.999999/);
    expect(first.code).toBe(2);
    expect(existsSync(path.join(office, "var"))).toBe(false);
    await expect((await storedDossiers()).get("0003120H49-251103-0012")).resolves.toMatchObject({
      applicant: "Lê V. E.",
    });

    const second = await importFile(file);
    expect(second.stdout).toMatch(/unchanged:\s+2/);
    expect(second.stdout).toMatch(/created:\s+0/);
  });

  it("imports .xlsx, and --dry-run stores nothing", SLOW, async () => {
    await writeFile(
      path.join(office, "ho-so.xlsx"),
      await workbook({
        "Hồ sơ": [
          ["Mã hồ sơ", "Mã thủ tục", "Họ tên", "Số điện thoại", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"],
          [
            "000.31.20.H49-251103-0012",
            "1.001193",
            "Nguyễn Văn An",
            "0912345678",
            new Date(Date.UTC(2025, 10, 3)),
            null,
            4,
          ],
        ],
      }),
    );
    const dry = await importFile("ho-so.xlsx", "--dry-run");
    expect(dry.stdout).toContain("XLSX");
    expect(dry.stdout).toContain("--dry-run");
    expect(dry.code).toBe(0);
    expect(existsSync(dataDir())).toBe(false);
    const run = await importFile("ho-so.xlsx");
    expect(run.stdout).toMatch(/created:\s+1/);
    expect(run.code).toBe(0);
    expect(await (await storedDossiers()).count()).toBe(1);
  });

  it("explains a refused file, a missing file, --help and a bad option without a stack trace", SLOW, async () => {
    await writeFile(path.join(office, "cu.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const old = await importFile("cu.xls");
    expect(old.code).toBe(1);
    expect(old.stderr).toContain(".xlsx");
    const missing = await importFile("khong-co.csv");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Không tìm thấy tệp");
    const help = await importFile("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Cách dùng");
    expect(help.stderr).toBe("");
    const bad = await importFile("--bogus");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--bogus");
    for (const r of [old, missing, help, bad]) noStackTrace(r);
    expect(existsSync(dataDir())).toBe(false);
  });

  it("lists every configuration problem of .env at once, in Vietnamese and English", SLOW, async () => {
    await writeEnv({ PORT: "abc", DOSSIER_API_TOKEN: "short", RATING_SCALE: "4" });
    await writeFile(path.join(office, "ho-so.csv"), toCsv([dossier()]));
    const run = await importFile("ho-so.csv");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Cấu hình không hợp lệ | Invalid configuration");
    for (const key of ["PORT", "DOSSIER_API_TOKEN", "RATING_SCALE"]) expect(run.stderr).toContain(key);
    expect(run.stderr).not.toContain("short"); // values are never echoed (they may be tokens)
    noStackTrace(run);
  });

  it("never writes beside a bot holding the data folder: it says what to do instead", SLOW, async () => {
    await writeFile(path.join(office, "ho-so.csv"), toCsv([dossier()]));
    // This test process plays the running bot: it holds DATA_DIR's lock, and listens nowhere.
    const lock = await DataDirLock.acquire(dataDir());
    try {
      const before = await readdir(dataDir());
      const noToken = await importFile("ho-so.csv");
      expect(noToken.code).toBe(1);
      expect(noToken.stderr).toContain(`tiến trình ${process.pid}`);
      expect(noToken.stderr).toContain("DOSSIER_API_TOKEN");
      expect(noToken.stderr).toContain("dừng bot");

      await writeEnv({ DOSSIER_API_TOKEN: "t".repeat(32), PORT: "1" });
      const unreachable = await importFile("ho-so.csv");
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toContain("không trả lời ở http://127.0.0.1:1/api/dossiers");
      expect(unreachable.stderr).toContain("terminal");
      expect(unreachable.stderr).toContain("Chưa có gì thay đổi");
      expect(unreachable.stderr).not.toMatch(/^fetch failed$/m);
      for (const r of [noToken, unreachable]) noStackTrace(r);
      expect(await readdir(dataDir())).toEqual(before);
    } finally {
      await lock.release();
    }
  });
});

/**
 * The staff commands' ward options, run as staff run them (a child process in an office folder
 * with its own `.env`), on a catalogue that lists two wards.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnansweredQuestionStore } from "../../src/questions/store.js";
import type { Rating } from "../../src/ratings/schema.js";
import { FileRatingRepository } from "../../src/ratings/store.js";
import { copyOfBundledData, ROOT, type RunResult, runTsx, tempDir } from "../harness/common.js";
import { dossier, toCsv } from "../harness/dossiers.js";

const SLOW = { tags: ["process"], timeout: 300_000 };
const PASSWORD = "Hoa sen nở giữa hồ 2026";

let office: string;
let catalogueDir: string;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  const folder = await tempDir("motcua-office-wards-");
  // (the commands read the wards and records, no câu mẫu: each start validates a thousand of them, not all 25,000)
  const catalogue = await copyOfBundledData({ examples: 1000 });
  cleanups.push(folder.cleanup, catalogue.cleanup);
  office = folder.dir;
  catalogueDir = catalogue.dir;
  await mkdir(path.join(catalogueDir, "province"));
  await mkdir(path.join(catalogueDir, "wards"));
  await writeFile(
    path.join(catalogueDir, "province", "province.json"),
    JSON.stringify({ id: "tp-hcm", name: "Thành phố Hồ Chí Minh" }),
  );
  for (const [id, name, unit] of [
    ["ben-nghe", "Phường Bến Nghé", "000.31.20.H49"],
    ["tan-dinh", "Phường Tân Định", "000.31.21.H49"],
  ]) {
    await writeFile(
      path.join(catalogueDir, "wards", `${id}.json`),
      JSON.stringify({ id, name, unitCodes: [unit], defaultOffice: "ubnd" }),
    );
  }
  await writeFile(path.join(office, ".env"), `DATA_DIR=du-lieu\nCATALOGUE_DIR=${catalogueDir}\nLOG_LEVEL=warn\n`);
  const data = path.join(office, "du-lieu");
  const ratings = await FileRatingRepository.open(path.join(data, "ratings"), false);
  const rating = (key: string, level: Rating["level"], ward?: string): Rating => ({
    key,
    procedureCode: "1.001193",
    level,
    scale: 3,
    criteria: {},
    at: Date.parse("2026-11-21T03:00:00Z"),
    month: "2026-11",
    ...(ward ? { ward } : {}),
  });
  await ratings.save(rating("0003121H49-261120-0001", "very_satisfied", "tan-dinh"));
  await ratings.save(rating("0003121H49-261120-0002", "dissatisfied", "tan-dinh"));
  // Given before wards: no ward of its own, its code's unit is Bến Nghé's.
  await ratings.save(rating("0003120H49-261120-0003", "satisfied"));
  const questions = await UnansweredQuestionStore.open(data, { fsync: false });
  await questions.record("cấp phép sửa nhà ở bến nghé", "ben-nghe");
  await questions.record("đăng ký nuôi chim yến tân định", "tan-dinh");
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

function run(command: string, args: string[], input?: string): Promise<RunResult> {
  return runTsx(path.join(ROOT, `src/cli/${command}.ts`), args, {
    cwd: office,
    env: { PATH: process.env.PATH ?? "", HOME: office, LANG: "C.UTF-8" },
    input,
  });
}

const accounts = async () =>
  JSON.parse(await readFile(path.join(office, "du-lieu", "staff", "accounts.json"), "utf8")).data.accounts;

describe("ward options of the staff commands", () => {
  it("ratings:report --phuong counts one ward's ratings, by id or by name, in print and in the CSV", SLOW, async () => {
    const [byId, byName, all] = await Promise.all([
      run("ratings-report", ["--phuong", "tan-dinh", "--csv", "tan-dinh.csv"]),
      run("ratings-report", ["--phuong", "Bến Nghé"]),
      run("ratings-report", []),
    ]);
    expect(byId.code, byId.stderr).toBe(0);
    expect(byId.stdout).toContain("Phường Tân Định");
    const total = (out: string) => /Tổng \| Total\s+(\d+)\s+([\d.]+)%/.exec(out)?.slice(1);
    expect(total(byId.stdout)).toEqual(["2", "50"]);
    expect(total(byName.stdout)).toEqual(["1", "100"]);
    expect(total(all.stdout)).toEqual(["3", "66.7"]);
    const csv = await readFile(path.join(office, "tan-dinh.csv"), "utf8");
    expect(csv.split(/\r?\n/).find((l) => l.startsWith("all,all"))).toMatch(/^all,all,[^,]*,2,1,50,/);
  });

  it(
    "questions:report --phuong lists one ward's questions; an unknown ward is refused with the known ids",
    SLOW,
    async () => {
      const [one, unknown] = await Promise.all([
        run("questions-report", ["--phuong", "ben-nghe"]),
        run("questions-report", ["--phuong", "khong-co"]),
      ]);
      expect(one.code, one.stderr).toBe(0);
      expect(one.stdout).toContain("cấp phép sửa nhà ở bến nghé");
      expect(one.stdout).not.toContain("chim yến");
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("Không có phường, xã «khong-co»");
      expect(unknown.stderr).toContain("ben-nghe (Phường Bến Nghé), tan-dinh (Phường Tân Định)");
    },
  );

  it(
    "staff:add binds an account to a ward or makes it province administrator; a password reset keeps the role",
    SLOW,
    async () => {
      const ward = await run("staff-add", ["can.bo.td", "--phuong", "tan-dinh"], `${PASSWORD}\n`);
      expect(ward.code, ward.stderr).toBe(0);
      expect(ward.stdout).toContain("Vai trò: cán bộ Phường Tân Định");
      const admin = await run("staff-add", ["quan.tri", "--quan-tri-tinh"], `${PASSWORD}\n`);
      expect(admin.code, admin.stderr).toBe(0);
      const reset = await run("staff-add", ["can.bo.td"], `${PASSWORD} mới\n`);
      expect(reset.code, reset.stderr).toBe(0);
      const stored = await accounts();
      expect(stored["can.bo.td"].role).toEqual({ kind: "ward", ward: "tan-dinh" });
      expect(stored["quan.tri"].role).toEqual({ kind: "province" });

      const [both, unknown] = await Promise.all([
        run("staff-add", ["x.y.z", "--phuong", "tan-dinh", "--quan-tri-tinh"], `${PASSWORD}\n`),
        run("staff-add", ["x.y.z", "--phuong", "phuong-khac"], `${PASSWORD}\n`),
      ]);
      expect([both.code, unknown.code]).toEqual([2, 2]);
      expect(both.stderr).toContain("Chọn một trong hai");
      expect(unknown.stderr).toContain("Không có phường, xã «phuong-khac»");
      expect((await accounts())["x.y.z"]).toBeUndefined();
    },
  );

  it("dossiers:import warns, with the row's line, of a code whose unit no ward has", SLOW, async () => {
    await writeFile(
      path.join(office, "ho-so.csv"),
      toCsv([
        dossier({ code: "000.31.21.H49-261120-0009", received_at: "20/11/2026", due_at: "" }),
        dossier({ code: "000.99.99.X00-261120-0001", received_at: "20/11/2026", due_at: "" }),
      ]),
    );
    const result = await run("dossiers-import", ["ho-so.csv", "--dry-run"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /dòng 3 \| line 3 \(000\.99\.99\.X00-261120-0001\): mã đơn vị «000\.99\.99\.X00» của mã hồ sơ không thuộc phường, xã nào/,
    );
    expect(result.stdout).not.toContain("000.31.21.H49-261120-0009):");
  });
});

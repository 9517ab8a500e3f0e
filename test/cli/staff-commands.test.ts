/**
 * Every staff command in src/cli, run as staff run it: a child process in an office folder with
 * its own `.env` and nothing from the developer's environment.
 */
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_DATA, ROOT, type RunResult, runTsx, tempDir } from "../harness/common.js";

const SLOW = { tags: ["process"], timeout: 300_000 };
const COMMANDS = [
  "chat",
  "search",
  "catalogue-check",
  "catalogue-review",
  "dossiers-import",
  "ratings-report",
  "questions-report",
];

let office: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir: office, cleanup } = await tempDir("motcua-office-"));
  await writeFile(path.join(office, ".env"), `DATA_DIR=du-lieu\nCATALOGUE_DIR=${BUNDLED_DATA}\nLOG_LEVEL=warn\n`);
});
afterAll(() => cleanup());

function run(command: string, args: string[]): Promise<RunResult> {
  return runTsx(path.join(ROOT, "src/cli", `${command}.ts`), args, {
    cwd: office,
    env: { PATH: process.env.PATH ?? "", HOME: office, LANG: "C.UTF-8" },
    input: "",
  });
}

const stackTrace = /^\s+at .+:\d+:\d+\)?$/m;

describe("staff commands", () => {
  it(
    "all answer --help with a usage in Vietnamese and English, and refuse an unknown option without a stack trace",
    SLOW,
    async () => {
      const help = await Promise.all(COMMANDS.map((c) => run(c, ["--help"])));
      for (const [i, r] of help.entries()) {
        expect(r.code, COMMANDS[i]).toBe(0);
        expect(r.stdout, COMMANDS[i]).toMatch(/^Cách dùng \| Usage: npm run/);
        expect(r.stderr, COMMANDS[i]).toBe("");
      }
      const bad = await Promise.all(COMMANDS.map((c) => run(c, ["--khong-co"])));
      for (const [i, r] of bad.entries()) {
        expect(r.code, COMMANDS[i]).toBe(2);
        expect(r.stderr, COMMANDS[i]).toContain("Tham số không hợp lệ | Invalid arguments");
        expect(r.stderr, COMMANDS[i]).toContain("--khong-co");
        expect(`${r.stdout}${r.stderr}`, COMMANDS[i]).not.toMatch(stackTrace);
      }
      // Neither asking for help nor a typo touched a data folder.
      expect(await readdir(office)).toEqual([".env"]);
    },
  );

  it("the reports read the DATA_DIR of .env and create nothing when there is no data yet", SLOW, async () => {
    const [ratings, questions] = await Promise.all([run("ratings-report", []), run("questions-report", [])]);
    expect(ratings.code).toBe(0);
    expect(ratings.stdout).toContain(path.join(office, "du-lieu"));
    expect(ratings.stdout).toContain("Chưa có đánh giá nào");
    expect(questions.code).toBe(0);
    expect(existsSync(path.join(office, "du-lieu"))).toBe(false);
    expect(existsSync(path.join(office, "var"))).toBe(false);
    const month = await run("ratings-report", ["--from", "2025-13"]);
    expect(month.code).toBe(2);
    expect(month.stderr).toContain("YYYY-MM");
  });
});

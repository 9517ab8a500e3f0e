/**
 * Every staff command in src/cli, run as staff run it: a child process in an office folder with
 * its own `.env` and nothing from the developer's environment.
 */
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataDirLock } from "../../src/storage/lock.js";
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
  "store-migrate-to-postgres",
];

let office: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir: office, cleanup } = await tempDir("motcua-office-"));
  await writeFile(path.join(office, ".env"), `DATA_DIR=du-lieu\nCATALOGUE_DIR=${BUNDLED_DATA}\nLOG_LEVEL=warn\n`);
});
afterAll(() => cleanup());

function run(command: string, args: string[], input = ""): Promise<RunResult> {
  const file = command === "main" ? "src/main.ts" : `src/cli/${command}.ts`;
  return runTsx(path.join(ROOT, file), args, {
    cwd: office,
    env: { PATH: process.env.PATH ?? "", HOME: office, LANG: "C.UTF-8" },
    input,
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

  it(
    "a second bot on the same data folder is told what to do; the chat still answers about procedures",
    SLOW,
    async () => {
      // This test process plays the running bot: it holds the data folder of .env.
      const lock = await DataDirLock.acquire(path.join(office, "du-lieu"));
      try {
        const [second, chat] = await Promise.all([run("main", [], "xin chào\n"), run("chat", [], "khai sinh\n")]);
        expect(second.code).toBe(1);
        expect(second.stderr).toContain(`đang được tiến trình ${process.pid} dùng`);
        expect(second.stderr).toContain(`kill ${process.pid}`);
        expect(second.stderr).not.toMatch(stackTrace);
        expect(chat.code).toBe(0);
        expect(chat.stderr).toContain("chỉ trả lời về thủ tục");
        expect(chat.stdout).toContain("khai sinh");
        expect(chat.stderr).not.toMatch(stackTrace);
      } finally {
        await lock.release();
      }
    },
  );

  it("lists every configuration problem at once, however long the list", SLOW, async () => {
    const bad = {
      PORT: "abc",
      LOG_LEVEL: "loud",
      DOSSIER_API_TOKEN: "short",
      PHONE_HASH_KEY: "short",
      RATING_SCALE: "4",
      TIMEZONE: "Mars/Olympus",
      OFFICE_HOURS: "sáng",
      WORKING_DAYS: "thứ hai",
      NOTIFY_HOURS: "ngày",
      HOLIDAYS: "1/1/2026",
      REMINDER_DAYS: "99",
      RATE_LIMIT_PER_MINUTE: "0",
      TELEGRAM_BOT_TOKEN: "not-a-token",
    };
    const other = await tempDir("motcua-office-");
    try {
      await writeFile(
        path.join(other.dir, ".env"),
        Object.entries(bad)
          .map(([k, v]) => `${k}=${v}`)
          .join("\n"),
      );
      const start = await runTsx(path.join(ROOT, "src/main.ts"), [], {
        cwd: other.dir,
        env: { PATH: process.env.PATH ?? "", HOME: other.dir, LANG: "C.UTF-8" },
        input: "",
      });
      expect(start.code).toBe(1);
      expect(start.stderr.length).toBeGreaterThan(500);
      for (const key of Object.keys(bad)) expect(start.stderr).toContain(`- ${key}:`);
      expect(start.stderr).not.toMatch(stackTrace);
      expect(existsSync(path.join(other.dir, "var"))).toBe(false);
    } finally {
      await other.cleanup();
    }
  });
});

/**
 * npm start (bin/motcua-bot.mjs): src/main.ts bundled once into node_modules/.cache and imported
 * (rebuilt only when a file under src/ or the lock file changes between the two starts),
 * or through tsx when asked. Both must be the same service: the terminal chat on the bundled data
 * answers from the catalogue in Vietnamese (the locales are found beside their source file).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "./harness/service-harness.js";

const CACHE = path.join(ROOT, "node_modules", ".cache", "motcua-bot");
const temps: string[] = [];

afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function npmStart(input: string, env: Record<string, string> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), "motcua-start-"));
  temps.push(dir);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/motcua-bot.mjs")], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: dir,
        LANG: "C.UTF-8",
        DATA_DIR: path.join(dir, "var"),
        CATALOGUE_DIR: path.join(ROOT, "data"),
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const bundles = async () => (await readdir(CACHE).catch(() => [])).filter((name) => !name.endsWith(".tmp"));

describe("npm start", { tags: ["process"], timeout: 120_000 }, () => {
  it("runs the bundled service: the terminal chat answers from the catalogue, and a second start reuses the bundle", async () => {
    const first = await npmStart("lam giay khai sinh cho con\n");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Đăng ký khai sinh");
    const built = await bundles();
    expect(built.length).toBeGreaterThan(0);
    const again = await npmStart("còn lệ phí thì sao?\n");
    expect(again.code).toBe(0);
    expect(await bundles()).toEqual(built);
  });

  it("runs through tsx when MOTCUA_START_WITH_TSX=1, with the same answers", async () => {
    const bundled = await npmStart("lam giay khai sinh cho con\n");
    const viaTsx = await npmStart("lam giay khai sinh cho con\n", { MOTCUA_START_WITH_TSX: "1" });
    expect(viaTsx.code).toBe(0);
    expect(viaTsx.stdout).toBe(bundled.stdout);
  });
});

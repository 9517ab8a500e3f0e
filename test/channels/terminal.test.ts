import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runScript } from "../harness/common.js";

describe("terminal chat (piped)", () => {
  it("reads one message per line, prints replies, and a number picks a choice", async () => {
    const { code, stdout } = await runScript("src/cli/chat.ts", [], "khai sinh\n1\nđăng ký lại\n2\n");
    expect(code).toBe(0);
    const turns = stdout.split(/^> /m).filter(Boolean);
    expect(turns[0]).toMatch(/^khai sinh\n📄 Đăng ký khai sinh \(mã 1\.001193\)\n[\s\S]*\n {2}1\. Giấy tờ\n/);
    // A list longer than a phone screen comes in parts: "(1/2)" after the title.
    expect(turns[1]).toMatch(/^1\n📄 Đăng ký khai sinh \(mã 1\.001193\)( \(1\/\d\))?\nGiấy tờ cần chuẩn bị:/);
    // Said right after birth registration, "đăng ký lại" is its re-registration (the context names the paper).
    expect(turns[2]).toMatch(/^đăng ký lại\n📄 Đăng ký lại khai sinh \(mã 1\.004884\)\n/);
    const offered = /\n {2}2\. (.+)\n/.exec(turns[2] ?? "")?.[1];
    expect(offered).toBe("Lệ phí");
    expect(turns[3]).toMatch(/^2\n📄 Đăng ký lại khai sinh \(mã 1\.004884\)[\s\S]*\nLệ phí:\n/);
  });

  it("npm start runs the terminal chat when no token is set", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "motcua-var-"));
    const { code, stdout } = await runScript("src/main.ts", [], "xin chào\n", { DATA_DIR: dataDir });
    await rm(dataDir, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(stdout).toMatch(/trợ lý tự động/);
  });
});

describe("search CLI", () => {
  it("prints one JSON line per query with decision, intent and at most 5 results", async () => {
    const { code, stdout } = await runScript(
      "src/cli/search.ts",
      ["--jsonl"],
      "lệ phí đăng ký kết hôn\nasdkjh qweoiu\n\n",
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ query: "lệ phí đăng ký kết hôn", decision: "answer", intent: "fee" });
    expect(lines[0].results[0]).toMatchObject({ code: "1.000894", name: "Đăng ký kết hôn" });
    expect(lines[0].results.length).toBeLessThanOrEqual(5);
    expect(lines[1]).toMatchObject({ decision: "none", results: [] });
  });
});

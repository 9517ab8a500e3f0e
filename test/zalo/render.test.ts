import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZaloBot } from "../../src/channels/zalo/client/index.js";
import { renderForZalo, splitForZalo as splitText, ZALO_TEXT_LIMIT } from "../../src/channels/zalo/render.js";
import { SeenUpdates } from "../../src/channels/zalo/seen.js";
import { ZaloSender } from "../../src/channels/zalo/sender.js";
import { FAKE_TOKEN, FakeZaloApi } from "../harness/fake-zalo-api.js";
import { tempDir } from "../harness/zalo.js";

const lines = (n: number, width: number) =>
  Array.from({ length: n }, (_, i) => `${String(i).padStart(4, "0")} ${"chữ ".repeat(width)}`.trimEnd()).join("\n");

describe("rendering for Zalo", () => {
  it("numbers the choices on their own lines", () => {
    const [text] = renderForZalo([
      {
        text: "Chọn một mục:",
        choices: [
          { id: "a", label: "Đăng ký khai sinh" },
          { id: "b", label: "Đăng ký kết hôn" },
        ],
      },
    ]);
    expect(text).toBe("Chọn một mục:\n  1. Đăng ký khai sinh\n  2. Đăng ký kết hôn");
  });

  it("leaves text within 2,000 characters whole", () => {
    const text = "x".repeat(ZALO_TEXT_LIMIT);
    expect(splitText(text)).toEqual([text]);
    expect(splitText("   \n ")).toEqual([]);
  });

  it("splits longer text on line boundaries, in order, losing nothing", () => {
    const text = lines(120, 10); // ≈ 6,000 characters
    const pieces = splitText(text);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    expect(pieces.join("\n")).toBe(text);
    // every piece ends at the end of a line
    for (const piece of pieces) expect(piece.split("\n").at(-1)).toMatch(/^\d{4} /);
  });

  it("splits one over-long line on spaces, and one over-long word anywhere", () => {
    const line = "thủ tục ".repeat(600).trim(); // 4,799 characters, no newline
    const pieces = splitText(line);
    expect(pieces.every((p) => p.length <= ZALO_TEXT_LIMIT && !p.startsWith(" ") && !p.endsWith(" "))).toBe(true);
    expect(pieces.join(" ")).toBe(line);
    const word = "🙂".repeat(1500); // 3,000 UTF-16 units: never cut inside a surrogate pair
    const parts = splitText(word);
    expect(parts.map((p) => p.length)).toEqual([2000, 1000]);
    expect(parts.join("")).toBe(word);
  });
});

describe("ZaloSender", () => {
  let fake: FakeZaloApi;
  beforeEach(async () => {
    fake = await FakeZaloApi.start();
  });
  afterEach(() => fake.close());

  it("sends a long reply as several messages, in order, over HTTP", async () => {
    const sender = new ZaloSender(new ZaloBot(FAKE_TOKEN, { baseApiUrl: fake.apiRoot }));
    const long = lines(100, 8);
    await sender.send("zalo:abc123", [{ text: long }, { text: "Chọn:", choices: [{ id: "x", label: "Tiếp" }] }]);
    const got = fake.sentTo("abc123").map((m) => m.text ?? "");
    expect(got.length).toBeGreaterThanOrEqual(3);
    expect(got.slice(0, -1).join("\n")).toBe(long);
    expect(got.at(-1)).toBe("Chọn:\n  1. Tiếp");
    expect(sender.channel).toBe("zalo");
  });

  it("rejects another channel's chat key and a send Zalo refuses", async () => {
    const sender = new ZaloSender(new ZaloBot(FAKE_TOKEN, { baseApiUrl: fake.apiRoot, retry: { retries: 0 } }));
    await expect(sender.send("telegram:42", [{ text: "x" }])).rejects.toThrow(/not a Zalo chat key/);
    fake.fail("sendMessage", { okFalse: 400, description: "chat not found" });
    await expect(sender.send("zalo:gone", [{ text: "x" }])).rejects.toMatchObject({ error_code: 400 });
    expect(fake.sent).toHaveLength(0);
  });
});

describe("SeenUpdates", () => {
  it("claims a key once, forgets the oldest past its capacity and keeps keys across restarts", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const file = path.join(dir, "sub", "seen.json");
      const seen = await SeenUpdates.open({ file, capacity: 3 });
      expect(["a", "b", "a", "c", "d"].map((k) => seen.claim(k))).toEqual([true, true, false, true, true]);
      expect(seen.size).toBe(3);
      expect(seen.claim("a")).toBe(true); // forgotten: it was the oldest
      await seen.flush();
      expect(JSON.parse(await readFile(file, "utf8")).keys).toEqual(["c", "d", "a"]);

      const again = await SeenUpdates.open({ file, capacity: 3 });
      expect(again.claim("d")).toBe(false);
      expect(again.claim("b")).toBe(true);
    } finally {
      await cleanup();
    }
  });

  it("starts empty from a broken file, and reports it", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const file = path.join(dir, "seen.json");
      await import("node:fs/promises").then((fs) => fs.writeFile(file, "{ broken"));
      const problems: unknown[] = [];
      const seen = await SeenUpdates.open({ file, onError: (e) => problems.push(e) });
      expect(problems).toHaveLength(1);
      expect(seen.claim("a")).toBe(true);
    } finally {
      await cleanup();
    }
  });
});

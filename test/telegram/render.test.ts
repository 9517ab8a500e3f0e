import { describe, expect, it } from "vitest";
import { escapeHtml, keyboard, PAGE_SIZE, splitText } from "../../src/channels/telegram/render.js";
import { parseHtml } from "../harness/fake-telegram-api.js";

const LABELS = { previous: "«", next: "»", of: (p: number, n: number) => `${p}/${n}` };

describe("splitText", () => {
  it("keeps a text of exactly 4096 characters whole and splits one character more at the last line break", () => {
    const exact = `${"a".repeat(2000)}\n${"b".repeat(2095)}`;
    expect(exact.length).toBe(4096);
    expect(splitText(exact)).toEqual([exact]);
    const over = `${exact}c`;
    expect(splitText(over)).toEqual(["a".repeat(2000), `${"b".repeat(2095)}c`]);
  });

  it("cuts a single overlong line at a space, and never inside an emoji", () => {
    const words = Array.from({ length: 1000 }, (_, i) => `từ${i}`).join(" ");
    const parts = splitText(words, 500);
    expect(parts.every((p) => p.length <= 500)).toBe(true);
    expect(parts.join(" ")).toBe(words);
    const emoji = "📄".repeat(3000); // 6000 UTF-16 units, no spaces
    const cut = splitText(emoji);
    expect(cut.join("")).toBe(emoji);
    expect(cut.every((p) => p.length <= 4096 && !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });

  it("drops empty parts", () => {
    expect(splitText("")).toEqual([]);
    expect(splitText("\n\n")).toEqual([]);
  });
});

describe("escapeHtml", () => {
  it("gives back exactly the text under Telegram's HTML parse mode", () => {
    for (const text of ["a < b > c & d", "<b>không in đậm</b>", "&amp; đã là thực thể", "1 < 2 && 3 > 2 <script>"]) {
      expect(parseHtml(escapeHtml(text))).toBe(text);
    }
    expect(parseHtml("<b>x</b> <i>y")).toMatchObject({ problem: expect.stringContaining("end tag") });
    expect(parseHtml("a < b")).toMatchObject({ problem: expect.any(String) });
  });
});

describe("keyboard", () => {
  it("pages a long list; the last page has the remainder and no next button", () => {
    const choices = Array.from({ length: 2 * PAGE_SIZE + 3 }, (_, i) => ({ id: `c:${i}`, label: `${i}` }));
    const last = keyboard(choices, 2, LABELS)?.inline_keyboard ?? [];
    expect(
      last
        .slice(0, -1)
        .flat()
        .map((b) => ("callback_data" in b ? b.callback_data : "")),
    ).toEqual(["c:16", "c:17", "c:18"]);
    expect(last.at(-1)?.map((b) => b.text)).toEqual(["«", "3/3"]);
  });

  it("shows up to ten choices on one page and nothing for none", () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ id: `c:${i}`, label: `${i}` }));
    expect(keyboard(ten, 0, LABELS)?.inline_keyboard.flat()).toHaveLength(10);
    expect(keyboard([], 0, LABELS)).toBeUndefined();
  });
});

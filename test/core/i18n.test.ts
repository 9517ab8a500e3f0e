import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Translator } from "../../src/core/i18n.js";
import { ROOT } from "../harness/common.js";

/** Message ids of every .ftl file of a language. */
function ids(lang: string): string[] {
  const dir = path.join(ROOT, "locales", lang);
  return readdirSync(dir).flatMap((file) =>
    [...readFileSync(path.join(dir, file), "utf8").matchAll(/^([a-z][a-z0-9_-]*) =/gm)].map((m) => m[1] as string),
  );
}

describe("locales", () => {
  it("Vietnamese and English carry the same messages", () => {
    expect(ids("en").sort()).toEqual(ids("vi").sort());
    expect(ids("vi").length).toBeGreaterThan(30);
  });

  it("formats plural-ish selectors and variables without isolation marks", () => {
    const tr = new Translator();
    expect(tr.t("vi", "document-count", { originals: 1, copies: 0 })).toBe("1 bản chính");
    expect(tr.t("vi", "document-count", { originals: 1, copies: 2 })).toBe("1 bản chính, 2 bản sao");
    expect(tr.t("vi", "document-count", { originals: 0, copies: 1 })).toBe("1 bản sao");
    expect(tr.t("en", "too-many", { seconds: 5 })).not.toMatch(/[\u2068\u2069]/);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, ConfigSchema, loadConfig } from "../src/config.js";
import { ROOT } from "./harness/common.js";

describe("configuration", () => {
  it(".env.example documents every variable of the schema, and its values are valid", () => {
    const example = readFileSync(path.join(ROOT, ".env.example"), "utf8");
    const documented = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    const schemaKeys = Object.keys(ConfigSchema.shape);
    expect(documented.sort()).toEqual(schemaKeys.sort());
    const env = Object.fromEntries(
      example.split("\n").flatMap((l) => (/^[A-Z_]+=/.test(l) ? [l.split(/=(.*)/s).slice(0, 2)] : [])),
    );
    expect(() => loadConfig(env)).not.toThrow();
  });

  it("gives one clear line per bad value and never echoes a value", () => {
    const secret = "123456:this-is-not-a-valid-token!";
    let message = "";
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: secret, PORT: "99999", TELEGRAM_MODE: "hook" });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toMatch(/TELEGRAM_BOT_TOKEN/);
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/TELEGRAM_MODE/);
    expect(message).not.toContain(secret);
  });

  it("says every problem in Vietnamese and English, naming the variable (and the item of a list)", () => {
    let message = "";
    try {
      loadConfig({ PORT: "abc", RATING_SCALE: "4", HOLIDAYS: "2026-01-01,1/5/2026", OFFICE_HOURS: "sáng" });
    } catch (err) {
      message = (err as Error).message;
    }
    const lines = message.split("\n").slice(1);
    expect(lines).toEqual([
      "  - PORT: phải là một số | Invalid input: expected number, received NaN",
      expect.stringMatching(/^ {2}- RATING_SCALE: phải là một trong: 3, 5 \| /),
      "  - OFFICE_HOURS: phải có dạng 07:30-11:30,13:30-17:00 | must look like 07:30-11:30,13:30-17:00",
      "  - HOLIDAYS: các ngày phải có dạng YYYY-MM-DD, cách nhau bởi dấu phẩy | dates must be YYYY-MM-DD (giá trị thứ 2 | item 2)",
    ]);
  });

  it("requires the webhook URL and secret in webhook mode", () => {
    expect(() => loadConfig({ ZALO_BOT_TOKEN: "1234567:abc", ZALO_MODE: "webhook" })).toThrow(
      /ZALO_WEBHOOK_URL[\s\S]*ZALO_WEBHOOK_SECRET|ZALO_WEBHOOK_SECRET[\s\S]*ZALO_WEBHOOK_URL/,
    );
  });
});

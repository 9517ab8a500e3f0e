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

  it("requires the webhook URL and secret in webhook mode", () => {
    expect(() => loadConfig({ ZALO_BOT_TOKEN: "1234567:abc", ZALO_MODE: "webhook" })).toThrow(
      /ZALO_WEBHOOK_URL[\s\S]*ZALO_WEBHOOK_SECRET|ZALO_WEBHOOK_SECRET[\s\S]*ZALO_WEBHOOK_URL/,
    );
  });
});

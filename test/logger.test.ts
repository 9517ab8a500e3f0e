import { describe, expect, it } from "vitest";
import { createLogger, errorSummary } from "../src/logger.js";

function capture() {
  const lines: string[] = [];
  const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

describe("logger", () => {
  it("logs errors as class and scrubbed message, whether summarised or raw", () => {
    const { logger, lines } = capture();
    logger.error({ err: new TypeError(`fetch https://api.telegram.org/bot${TOKEN}/getMe failed`) }, "raw");
    logger.error({ err: errorSummary(new Error(`token ${TOKEN} rejected`)) }, "summary");
    const [raw, summary] = lines.map((l) => JSON.parse(l));
    expect(raw.err).toEqual({ type: "TypeError", message: "fetch https://api.telegram.org/bot[redacted] failed" });
    expect(summary.err).toEqual({ type: "Error", message: "token [redacted] rejected" });
    expect(lines.join("")).not.toContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
  });

  it("censors personal fields by name", () => {
    const { logger, lines } = capture();
    logger.info({ text: "số điện thoại 0912345678", phone: "0912345678", user: { name: "Nguyễn Văn A" } }, "m");
    expect(lines.join("")).not.toMatch(/0912345678|Nguyễn/);
  });
});

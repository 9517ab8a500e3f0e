import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Structured logs on stderr (stdout belongs to the terminal chat and the CLIs).
 * Tokens and personal data must never be logged; these paths are censored as a safety net.
 */
export function createLogger(level = "info"): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ["token", "*.token", "text", "*.text", "phone", "*.phone", "name", "*.name", "headers.authorization"],
        censor: "[redacted]",
      },
    },
    pino.destination(2),
  );
}

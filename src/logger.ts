import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Structured logs on stderr (stdout belongs to the terminal chat and the CLIs).
 * Tokens and personal data must never be logged; these paths are censored as a safety net.
 */
export function createLogger(level = "info", destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      // pino's own `err` serializer would print stacks and raw messages (which can hold a token
      // in a URL); every error is logged as class + scrubbed message instead.
      serializers: { err: (value: unknown) => (isSummary(value) ? value : errorSummary(value)) },
      redact: {
        paths: ["token", "*.token", "text", "*.text", "phone", "*.phone", "name", "*.name", "headers.authorization"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

// Telegram tokens ("123456:ABC…"), Zalo tokens ("{bot_id}:{access_token}", whose access token
// may also hold . ~ + / =) and anything after "bot" in an API URL (both APIs put the token there).
const SECRET_PATTERNS = [/\b\d{5,}:[A-Za-z0-9_-]{20,}\b/g, /(?<!\d)\d{5,}:[A-Za-z0-9_.~+/=-]{16,}/g, /\/bot[^/\s]+/g];

/** Removes bot tokens from a text that may come from an HTTP library's error message. */
function scrubSecrets(text: string): string {
  return SECRET_PATTERNS.reduce(
    (t, re) => t.replace(re, (m) => (m.startsWith("/bot") ? "/bot[redacted]" : "[redacted]")),
    text,
  );
}

/** An error's class and message only, scrubbed: request bodies and headers (tokens, personal data) stay out of logs. */
export function errorSummary(err: unknown): { type: string; message: string } {
  const type = err instanceof Error ? err.name : typeof err;
  const message = err instanceof Error ? err.message : String(err);
  return { type, message: scrubSecrets(message).slice(0, 500) };
}

function isSummary(value: unknown): value is { type: string; message: string } {
  return (
    typeof value === "object" && value !== null && !(value instanceof Error) && "type" in value && "message" in value
  );
}

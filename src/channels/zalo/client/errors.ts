/**
 * Errors of the Zalo Bot client, shaped after the official SDK's `ZaloBot.errors`
 * (BaseError, FatalError, ParseError, ZaloError). Messages never contain the token: the
 * transport builds them itself instead of passing on the HTTP library's error, whose
 * message, config and request all carry the URL `/bot<token>/<method>`.
 */
export class ZaloBotError extends Error {
  override name = "ZaloBotError";
  constructor(
    message: string,
    /** The API method called, e.g. "sendMessage". */
    readonly method: string,
    /** Worth trying again later (429, 5xx, a dropped connection). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** The API answered with an error: `ok: false`, or an HTTP error status. */
export class ZaloError extends ZaloBotError {
  override name = "ZaloError";
  constructor(
    method: string,
    readonly error_code: number,
    readonly description: string,
    /** From a Retry-After header on 429, when the server sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(`Zalo ${method} failed: ${error_code} ${description}`, method, error_code === 429 || error_code >= 500);
  }
}

/** No usable answer: connection refused or reset, timeout, cancellation. */
export class ZaloFatalError extends ZaloBotError {
  override name = "ZaloFatalError";
  constructor(
    method: string,
    /** The network error code, e.g. "ECONNREFUSED", "ETIMEDOUT", "ERR_CANCELED". */
    readonly code: string,
    retryable: boolean,
    /** The request may have reached Zalo (a timeout): repeating a send could send it twice. */
    readonly ambiguous: boolean,
  ) {
    super(`Zalo ${method} failed: network error ${code}`, method, retryable);
  }
}

/** An answer that is not the API's JSON envelope (an HTML error page, a truncated body). */
export class ZaloParseError extends ZaloBotError {
  override name = "ZaloParseError";
  constructor(
    method: string,
    readonly httpStatus: number,
    detail: string,
  ) {
    super(`Zalo ${method} failed: unreadable response (HTTP ${httpStatus}, ${detail})`, method, false);
  }
}

/** Removes a token from text that came from outside (a server's description may echo the URL). */
export function scrubToken(text: string, token: string): string {
  const withoutToken = token === "" ? text : text.split(token).join("[redacted]");
  return withoutToken.replace(/\/bot[^/\s]+/g, "/bot[redacted]");
}

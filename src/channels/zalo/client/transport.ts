import { setTimeout as sleep } from "node:timers/promises";
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import { backoffDelay } from "../../../util/backoff.js";
import { scrubToken, ZaloBotError, ZaloError, ZaloFatalError, ZaloParseError } from "./errors.js";
import { ZaloEnvelopeSchema } from "./schemas.js";

export const DEFAULT_API_ROOT = "https://bot-api.zaloplatforms.com";

export interface RetryPolicy {
  /** Attempts after the first; 0 disables retrying. */
  retries: number;
  /** The first wait; each further wait doubles, up to maxDelayMs (with jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 10_000 };

export interface TransportOptions {
  apiRoot?: string;
  /** Per-request timeout for everything but the long poll, which sets its own. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

/** Per call; the public methods take these as their last argument. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Overrides the policy's number of retries for this call (e.g. 0 for a best-effort typing indicator). */
  retries?: number;
}

/** Connection errors where the request cannot have been processed: safe to repeat even a send. */
const NOT_DELIVERED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
/**
 * A reset or a closed socket is usually a stale keep-alive connection the server dropped
 * before reading: retried for every method. A timeout is not: Zalo may have sent the message.
 */
const DROPPED = new Set(["ECONNRESET", "EPIPE", "ERR_SOCKET_CONNECTION_TIMEOUT"]);

/**
 * One POST per call to `{apiRoot}/bot{token}/{method}`, with bounded retries and backoff on
 * 429, 5xx and connection failures. Returns the envelope's `result`, or throws a ZaloBotError
 * whose message never holds the token. Token and HTTP client live in #private fields, so
 * they stay out of `util.inspect`, JSON and test snapshots.
 */
export class ZaloTransport {
  readonly #token: string;
  readonly #http: AxiosInstance;
  readonly #root: string;
  readonly #retry: RetryPolicy;

  constructor(token: string, options: TransportOptions = {}) {
    if (!token) throw new ZaloBotError("Zalo Bot token not provided", "constructor", false);
    this.#token = token;
    this.#root = (options.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, "");
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#http = axios.create({
      timeout: options.timeoutMs ?? 15_000,
      headers: { "content-type": "application/json; charset=utf-8", accept: "application/json" },
      // We read the raw text and status ourselves, so a garbage body or an error status never throws
      // an axios error (which would carry the URL, token included).
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      // A redirect would resend the token to another address.
      maxRedirects: 0,
      maxContentLength: 5 * 1024 * 1024,
    });
  }

  get apiRoot(): string {
    return this.#root;
  }

  /** Calls `method`; `idempotent` says whether an ambiguous failure (timeout, garbage) may be repeated. */
  async call(method: string, body: object, idempotent: boolean, options: RequestOptions = {}): Promise<unknown> {
    const retries = options.retries ?? this.#retry.retries;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(method, body, options);
      } catch (err) {
        const error = err instanceof ZaloBotError ? err : this.unexpected(method, err);
        const ambiguous = error instanceof ZaloFatalError && error.ambiguous;
        const again = error.retryable && (idempotent || !ambiguous) && attempt < retries;
        if (!again || options.signal?.aborted) throw error;
        await sleep(this.delay(attempt, error), undefined, { signal: options.signal }).catch(() => {
          throw error;
        });
      }
    }
  }

  private async once(method: string, body: object, options: RequestOptions): Promise<unknown> {
    let response: AxiosResponse<string>;
    try {
      response = await this.#http.post<string>(`${this.#root}/bot${this.#token}/${method}`, body, {
        signal: options.signal,
        timeout: options.timeoutMs,
      });
    } catch (err) {
      throw this.networkError(method, err);
    }
    return this.read(method, response);
  }

  private read(method: string, response: AxiosResponse<string>): unknown {
    const { status } = response;
    let json: unknown;
    try {
      json = JSON.parse(response.data);
    } catch {
      json = undefined;
    }
    const envelope = ZaloEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      // An HTML 502 from a proxy still means "the server failed": retryable like any 5xx.
      if (status === 429 || status >= 500) throw new ZaloError(method, status, `HTTP ${status}`, retryAfter(response));
      throw new ZaloParseError(method, status, status < 300 ? "not the API's JSON" : `HTTP ${status}`);
    }
    const { ok, result, error_code, description } = envelope.data;
    if (ok && status < 300) return result;
    const code = error_code ?? (status >= 300 ? status : 500);
    const text = scrubToken(description ?? (ok ? `HTTP ${status}` : "unknown error"), this.#token).slice(0, 300);
    throw new ZaloError(method, code, text, retryAfter(response));
  }

  private networkError(method: string, err: unknown): ZaloFatalError {
    const code = (axios.isAxiosError(err) && err.code) || "EUNKNOWN";
    if (axios.isCancel(err) || code === "ERR_CANCELED") return new ZaloFatalError(method, "ERR_CANCELED", false, false);
    // axios reports a timeout as ECONNABORTED (or ETIMEDOUT with transitional.clarifyTimeoutError).
    if (code === "ECONNABORTED" || code === "ETIMEDOUT") return new ZaloFatalError(method, "ETIMEDOUT", true, true);
    if (NOT_DELIVERED.has(code) || DROPPED.has(code)) return new ZaloFatalError(method, code, true, false);
    return new ZaloFatalError(method, code, true, true);
  }

  /** Anything else that escaped (a bug in a transform, say): reported without its message, which could hold the URL. */
  private unexpected(method: string, err: unknown): ZaloBotError {
    const type = err instanceof Error ? err.name : typeof err;
    return new ZaloBotError(`Zalo ${method} failed: ${type}`, method, false);
  }

  private delay(attempt: number, error: ZaloBotError): number {
    const { baseDelayMs, maxDelayMs } = this.#retry;
    if (error instanceof ZaloError && error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, maxDelayMs);
    const ceiling = backoffDelay(attempt, { initialMs: baseDelayMs, maxMs: maxDelayMs });
    // Half fixed, half random: spreads retries of many chats hitting the same 429.
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}

function retryAfter(response: AxiosResponse): number | undefined {
  const header = response.headers["retry-after"];
  const seconds = Number(typeof header === "string" ? header : undefined);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

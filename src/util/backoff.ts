/** Pauses that double after each failure, up to a ceiling. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/**
 * The pause before retry number `retry` (0: the first): initialMs · 2^retry, at most maxMs.
 * Every retry loop of the service (Zalo polling and its API calls, the webhook registration,
 * the outbox) takes its pauses from here; jitter, where wanted, is the caller's.
 */
export function backoffDelay(retry: number, { initialMs, maxMs }: Backoff): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, retry));
}

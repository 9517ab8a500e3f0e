/**
 * Per-chat limit on incoming messages, over a sliding window. The first message over the
 * limit gets one polite reply; further ones in the same window are dropped silently,
 * so a flood never turns into a flood of replies.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { times: number[]; warned: boolean }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** "ok", "warn" (reply once) or "drop" (stay silent); `retryAfterSec` says when to try again. */
  take(key: string): { verdict: "ok" | "warn" | "drop"; retryAfterSec: number } {
    const now = this.now();
    const entry = this.hits.get(key) ?? { times: [], warned: false };
    entry.times = entry.times.filter((t) => now - t < this.windowMs);
    this.hits.set(key, entry);
    if (entry.times.length < this.limit) {
      entry.times.push(now);
      entry.warned = false;
      return { verdict: "ok", retryAfterSec: 0 };
    }
    const retryAfterSec = Math.ceil((this.windowMs - (now - (entry.times[0] ?? now))) / 1000);
    const verdict = entry.warned ? "drop" : "warn";
    entry.warned = true;
    if (this.hits.size > 100_000) this.prune(now);
    return { verdict, retryAfterSec };
  }

  private prune(now: number): void {
    for (const [key, entry] of this.hits) {
      if (entry.times.every((t) => now - t >= this.windowMs)) this.hits.delete(key);
    }
  }
}

/** How many failed logins lock what, for how long. */
export interface ThrottleRules {
  /** Failures of one username within `windowMs` that lock it. */
  perUser: number;
  /** Failures from one address within `windowMs` that lock it (many usernames tried from one place). */
  perAddress: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_THROTTLE: ThrottleRules = {
  perUser: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

interface Counter {
  failures: number[];
  lockedUntil?: number;
}

/**
 * Login attempt limits per username and per client address. A locked username or address is
 * refused before the password is even checked, so guessing stops for `lockMs`. In memory.
 */
export class LoginThrottle {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly now: () => number,
    readonly rules: ThrottleRules = DEFAULT_THROTTLE,
  ) {}

  /** When the username or address is locked: until when (ms). */
  lockedUntil(user: string, address: string): number | undefined {
    const at = this.now();
    const until = [this.counters.get(`u:${user}`), this.counters.get(`a:${address}`)]
      .map((c) => c?.lockedUntil)
      .filter((t): t is number => t !== undefined && t > at);
    return until.length > 0 ? Math.max(...until) : undefined;
  }

  /** Counts a failure; returns the lock's end when this failure caused one. */
  fail(user: string, address: string): number | undefined {
    const at = this.now();
    let locked: number | undefined;
    for (const [key, limit] of [
      [`u:${user}`, this.rules.perUser],
      [`a:${address}`, this.rules.perAddress],
    ] as const) {
      const counter = this.counters.get(key) ?? { failures: [] };
      counter.failures = counter.failures.filter((t) => at - t < this.rules.windowMs);
      counter.failures.push(at);
      if (counter.failures.length >= limit) {
        counter.lockedUntil = at + this.rules.lockMs;
        counter.failures = [];
        locked = Math.max(locked ?? 0, counter.lockedUntil);
      }
      this.counters.set(key, counter);
    }
    this.prune(at);
    return locked;
  }

  /** A successful login clears the username's failures (not the address's: one office shares one). */
  succeed(user: string): void {
    this.counters.delete(`u:${user}`);
  }

  private prune(at: number): void {
    if (this.counters.size < 10_000) return;
    for (const [key, c] of this.counters) {
      if ((c.lockedUntil ?? 0) < at && c.failures.every((t) => at - t >= this.rules.windowMs))
        this.counters.delete(key);
    }
  }
}

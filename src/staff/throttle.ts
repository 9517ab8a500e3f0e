import { createHmac } from "node:crypto";
import type { Pool } from "../storage/postgres/database.js";
import { PostgresLoginFailures } from "../storage/postgres/staff.js";

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
 * refused before the password is even checked, so guessing stops for `lockMs`.
 */
export interface LoginLimits {
  readonly rules: ThrottleRules;
  /** When the username or address is locked: until when (ms). */
  lockedUntil(user: string, address: string): Promise<number | undefined>;
  /** Counts a failure; returns the lock's end when this failure caused one. */
  fail(user: string, address: string): Promise<number | undefined>;
  /** A successful login clears the username's failures (not the address's: one office shares one). */
  succeed(user: string): Promise<void>;
}

/** The limits in this process's memory (one service). */
export class LoginThrottle implements LoginLimits {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly now: () => number,
    readonly rules: ThrottleRules = DEFAULT_THROTTLE,
  ) {}

  async lockedUntil(user: string, address: string): Promise<number | undefined> {
    const at = this.now();
    const until = [this.counters.get(`u:${user}`), this.counters.get(`a:${address}`)]
      .map((c) => c?.lockedUntil)
      .filter((t): t is number => t !== undefined && t > at);
    return until.length > 0 ? Math.max(...until) : undefined;
  }

  async fail(user: string, address: string): Promise<number | undefined> {
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

  async succeed(user: string): Promise<void> {
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

/**
 * The same limits counted in the database (with DATABASE_URL): failures on every replica add up,
 * so spreading guesses over the replicas behind a load balancer gains nothing. The rows are keyed
 * by a keyed hash of `u:<username>` or `a:<address>` (the keys the memory version uses), so no name
 * or address is stored, and none can be found again by hashing guesses (every IPv4 address is
 * only 2^32 of them): `pseudonym` when the service passes one (the phone-hash key, kept outside
 * the database), else an HMAC under a random key the first replica stores in store_meta. A row
 * goes once it holds neither a running lock nor a failure in the window; a change of key only
 * restarts the counts (rows live at most window + lock).
 */
export class DatabaseLoginThrottle implements LoginLimits {
  private readonly rows: PostgresLoginFailures;
  private keyed?: Promise<(counter: string) => string>;

  constructor(
    pool: Pool,
    private readonly now: () => number,
    readonly rules: ThrottleRules = DEFAULT_THROTTLE,
    pseudonym?: (counter: string) => string,
  ) {
    this.rows = new PostgresLoginFailures(pool);
    if (pseudonym) this.keyed = Promise.resolve(pseudonym);
  }

  async lockedUntil(user: string, address: string): Promise<number | undefined> {
    const keyOf = await this.keyOf();
    return this.rows.lockedUntil([keyOf(`u:${user}`), keyOf(`a:${address}`)], this.now());
  }

  async fail(user: string, address: string): Promise<number | undefined> {
    const keyOf = await this.keyOf();
    const at = this.now();
    const { windowMs, lockMs } = this.rules;
    const locks = [
      await this.rows.fail(keyOf(`u:${user}`), at, { limit: this.rules.perUser, windowMs, lockMs }),
      await this.rows.fail(keyOf(`a:${address}`), at, { limit: this.rules.perAddress, windowMs, lockMs }),
    ].filter((t): t is number => t !== undefined);
    await this.rows.prune(at, windowMs);
    return locks.length > 0 ? Math.max(...locks) : undefined;
  }

  async succeed(user: string): Promise<void> {
    const keyOf = await this.keyOf();
    await this.rows.clear(keyOf(`u:${user}`));
  }

  /** The row key of a counter; the stored key is read once (a failed read is tried again next time). */
  private keyOf(): Promise<(counter: string) => string> {
    this.keyed ??= this.rows.secret().then(
      (secret) => (counter: string) => createHmac("sha256", secret).update(counter, "utf8").digest("base64url"),
      (err: unknown) => {
        this.keyed = undefined;
        throw err;
      },
    );
    return this.keyed;
  }
}

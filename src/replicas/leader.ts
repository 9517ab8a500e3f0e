import { setTimeout as sleep } from "node:timers/promises";
import { errorSummary, type Logger } from "../logger.js";
import type { Pool } from "../storage/postgres/database.js";

/**
 * Work only one replica may do at a time: long polling Telegram and Zalo (two pollers of one
 * bot cut each other's polls short, and Zalo hands each update to one poll only). Channels
 * `follow` it: started when this replica becomes the leader, stopped when it stops being one.
 */
export interface Leadership {
  readonly leading: boolean;
  /** `role.start()` each time this replica becomes the leader, `role.stop()` when it stops (or at close). */
  follow(role: LeaderRole): void;
}

export interface LeaderRole {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface LeaseOptions {
  /** The lease's name (one per deployment is enough: every polling channel follows it). */
  name?: string;
  /** This replica's name, as the lease records its holder. Unique per process. */
  holder: string;
  /** How long a lease lasts without renewal: the longest a dead leader blocks polling. */
  ttlMs?: number;
  /** How often the leader renews and the others try to take it. */
  renewMs?: number;
  logger: Logger;
}

/**
 * Leadership by a lease row (leader_leases: name, holder, expires_at), renewed every `renewMs`
 * and valid `ttlMs`, both on the database's clock. A replica takes the lease when it is free or
 * expired; so when the leader dies (its renewals stop), another takes over within ttlMs + renewMs.
 * The leader fences itself: when it cannot renew for ttlMs - renewMs (database unreachable,
 * process paused), it stops its roles before the lease can pass to another. A clean stop
 * releases the lease at once, so the next leader takes over within renewMs.
 *
 * (A session advisory lock would also do, but it is only freed when PostgreSQL notices the
 * connection is gone; a lease bounds the take-over however the leader is lost.)
 */
export class LeaderLease implements Leadership {
  private readonly roles: LeaderRole[] = [];
  private readonly name: string;
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private isLeading = false;
  /** performance.now() when the last successful renewal was sent. */
  private renewedAt = 0;
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;
  /** Role changes, one after another (a start is finished before the stop that follows it). */
  private changes: Promise<void> = Promise.resolve();
  /** Times this replica became the leader (for /healthz and tests). */
  terms = 0;

  constructor(
    private readonly pool: Pool,
    private readonly options: LeaseOptions,
  ) {
    this.name = options.name ?? "polling";
    this.ttlMs = options.ttlMs ?? 10_000;
    this.renewMs = options.renewMs ?? 2_000;
    if (this.renewMs * 2 >= this.ttlMs) throw new Error("renewMs must be under half of ttlMs");
  }

  get leading(): boolean {
    return this.isLeading;
  }

  get holder(): string {
    return this.options.holder;
  }

  follow(role: LeaderRole): void {
    this.roles.push(role);
    if (this.isLeading) this.change(() => this.run(role, "start"));
  }

  /** Starts trying for the lease (the first try is awaited, so a lone replica leads from the start). */
  async start(): Promise<void> {
    await this.attempt();
    // The fence does not wait for a renewal that hangs (a database that stopped answering).
    const fence = setInterval(() => {
      if (this.isLeading && performance.now() - this.renewedAt > this.ttlMs - this.renewMs) {
        this.options.logger.warn("leader lease not renewed in time; stepping down");
        this.stepDown("lease not renewed");
      }
    }, this.renewMs / 2);
    fence.unref();
    this.stopping.signal.addEventListener("abort", () => clearInterval(fence));
    this.loop = (async () => {
      while (!this.stopping.signal.aborted) {
        await sleep(this.renewMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
        if (this.stopping.signal.aborted) return;
        await this.attempt();
      }
    })();
  }

  /** Stops the roles, then gives the lease up so another replica takes over without waiting for it to expire. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    const was = this.isLeading;
    this.stepDown("stopping");
    await this.changes;
    if (was) {
      await this.pool
        .query("DELETE FROM leader_leases WHERE name = $1 AND holder = $2", [this.name, this.options.holder])
        .catch((err: unknown) => this.options.logger.warn({ err: errorSummary(err) }, "leader lease not released"));
    }
  }

  /** Every role change is waited for: for tests. */
  settled(): Promise<void> {
    return this.changes;
  }

  private async attempt(): Promise<void> {
    const sentAt = performance.now();
    try {
      const { rows } = await this.pool.query<{ holder: string }>(
        `INSERT INTO leader_leases (name, holder, expires_at)
         VALUES ($1, $2, now() + $3 * interval '1 millisecond')
         ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE leader_leases.holder = EXCLUDED.holder OR leader_leases.expires_at < now()
         RETURNING holder`,
        [this.name, this.options.holder, this.ttlMs],
      );
      if (this.stopping.signal.aborted) return;
      if (rows.length > 0) {
        this.renewedAt = sentAt;
        if (!this.isLeading) {
          this.isLeading = true;
          this.terms++;
          this.options.logger.info({ lease: this.name, holder: this.options.holder }, "leader: this replica polls now");
          for (const role of this.roles) this.change(() => this.run(role, "start"));
        }
      } else {
        this.stepDown("another replica holds the lease");
      }
    } catch (err) {
      // Not renewed: the leader goes on only while the lease surely holds (the fence in start() watches that).
      this.options.logger.warn({ err: errorSummary(err) }, "leader lease not renewed; retrying");
    }
  }

  private stepDown(reason: string): void {
    if (!this.isLeading) return;
    this.isLeading = false;
    this.options.logger.info({ lease: this.name, reason }, "leader: this replica stops polling");
    for (const role of this.roles) this.change(() => this.run(role, "stop"));
  }

  private change(work: () => Promise<void>): void {
    this.changes = this.changes.then(work);
  }

  private async run(role: LeaderRole, what: "start" | "stop"): Promise<void> {
    try {
      await role[what]();
    } catch (err) {
      this.options.logger.error({ err: errorSummary(err), role: role.name }, `leader role failed to ${what}`);
    }
  }
}

import { z } from "zod";
import { type Reply, ReplySchema } from "../../core/types.js";
import { processName } from "../../replicas/index.js";
import { createPool, type Pool } from "../../storage/postgres/database.js";
import { ZaloInboxRows } from "../../storage/postgres/zalo-inbox.js";
import { updateKey, type ZaloUpdate, ZaloUpdateSchema } from "./client/index.js";
import {
  dateOf,
  essentials,
  MAX_TRIES,
  type OpenUpdate,
  REPLAY_MAX_AGE_MS,
  type Unanswered,
  type UpdateInbox,
} from "./inbox.js";

export interface PostgresInboxOptions {
  /** DATABASE_URL, migrated (006): the inbox opens a small pool of its own on it… */
  url?: string;
  /** …or uses this one (tests), which it does not close. */
  pool?: Pool;
  /**
   * Names this process's claims; the same after a restart (the channel passes the host and
   * DATA_DIR, which one process holds at a time), so a replica restarted takes back at once what
   * it had taken, without waiting for its claims to lapse. Default: processName() (src/replicas).
   */
  claimant?: string;
  /**
   * How long a claim holds unrenewed: a replica that dies leaves its updates to another this
   * long after its last renewal (plus up to one `sweepMs`).
   */
  claimMs?: number;
  /** How often the claims on updates being answered are renewed (default a third of claimMs). */
  renewMs?: number;
  /** How often lapsed claims are looked for (default 5 s). */
  sweepMs?: number;
  /** Real time, epoch ms (Zalo's message dates are). */
  now?: () => number;
  onError: (err: unknown) => void;
}

const DEFAULT_CLAIM_MS = 15_000;
/** Rows claimed at a time: replicas sweeping together share a large backlog. */
const CLAIM_CHUNK = 50;

const StoredReplies = z.array(ReplySchema);

/**
 * The Zalo updates taken and not answered, in zalo_inbox (migration 006), shared by the replicas
 * on one database. The replica that takes an update (the polling leader, or the one a webhook
 * reached) inserts it with its claim, which it renews while it answers; the answer worked out
 * and the messages Zalo accepted are recorded as with the file, and the row goes once answered.
 * A replica that dies stops renewing: once its claims lapse, the next sweep of any replica
 * claims those rows (one claimant each: FOR UPDATE SKIP LOCKED) and answers them, sending a
 * stored answer from the first message Zalo did not accept. An update answered already by the
 * dead replica (its answer went out, its row was not deleted yet) is found in handled_updates by
 * the chat turn and not answered again. Writes for one update go in order; none throws.
 */
export class PostgresUpdateInbox implements UpdateInbox {
  private readonly rows: ZaloInboxRows;
  private readonly claimant: string;
  private readonly claimMs: number;
  private readonly now: () => number;
  /** Updates this process is answering: their claims are renewed. */
  private readonly open = new Set<string>();
  /** Each update's writes, one after another (taken before replied before answered). */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private sweeping?: Promise<void>;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly ownPool: boolean,
    private readonly options: PostgresInboxOptions,
  ) {
    this.rows = new ZaloInboxRows(pool);
    this.claimant = options.claimant ?? processName();
    this.claimMs = options.claimMs ?? DEFAULT_CLAIM_MS;
    this.now = options.now ?? Date.now;
  }

  static open(options: PostgresInboxOptions): PostgresUpdateInbox {
    if (options.pool) return new PostgresUpdateInbox(options.pool, false, options);
    if (!options.url) throw new Error("PostgresUpdateInbox needs a url or a pool");
    const pool = createPool(options.url, { max: 4, applicationName: "motcua-bot zalo inbox" });
    return new PostgresUpdateInbox(pool, true, options);
  }

  taken(key: string, update: ZaloUpdate): void {
    this.open.add(key);
    const now = this.now();
    this.write(key, () =>
      this.rows.taken(key, essentials(update), dateOf(update, now), {
        claimant: this.claimant,
        now,
        claimMs: this.claimMs,
      }),
    );
  }

  /**
   * Takes over updates a file inbox left (a ward moved to the database after a crash): written as
   * this claimant's, lapsed, so the first sweep of `start` hands them to the replay with the rest.
   */
  async adopt(left: readonly OpenUpdate[]): Promise<void> {
    const now = this.now();
    for (const { update, replies, parts, tries } of left) {
      const key = updateKey(update);
      if (key === undefined) continue;
      // The file counted this process's try already; the sweep counts it again.
      const row = { key, update: essentials(update), replies, sentParts: parts, tries: Math.max(0, tries - 1) };
      await this.rows.adopt({ ...row, datedAt: dateOf(update, now) }, { claimant: this.claimant, now });
    }
  }

  replied(key: string, replies: Reply[]): void {
    if (this.open.has(key)) this.write(key, () => this.rows.replied(key, replies));
  }

  sent(key: string, parts: number): void {
    if (this.open.has(key)) this.write(key, () => this.rows.sent(key, parts));
  }

  answered(key: string): void {
    if (this.open.delete(key)) this.write(key, () => this.rows.answered(key), true);
  }

  stored(key: string): Promise<void> {
    return this.writes.get(key) ?? Promise.resolve();
  }

  /**
   * A first sweep (awaited; it takes back this claimant's own rows too, left by its previous
   * process), then one every sweepMs; claims renewed every renewMs.
   */
  async start(replay: (found: Unanswered) => void): Promise<void> {
    const every = (ms: number, work: () => Promise<void>) => {
      const timer = setInterval(() => void work(), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.renewMs ?? this.claimMs / 3, () => this.renew());
    every(this.options.sweepMs ?? 5_000, () => this.sweep(replay));
    await this.sweep(replay, true);
  }

  /** Claims what lapsed and hands it to `replay`; one sweep at a time (tests call it on demand too). */
  sweep(replay: (found: Unanswered) => void, ownToo = false): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.sweeping ??= this.claimAll(replay, ownToo)
      .catch((err: unknown) => this.options.onError(err))
      .finally(() => {
        this.sweeping = undefined;
      });
    return this.sweeping;
  }

  /** Stops renewing and sweeping; what is still open stays for another replica once its claim lapses. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.sweeping;
    await Promise.all(this.writes.values());
    if (this.ownPool) await this.pool.end();
  }

  private async claimAll(replay: (found: Unanswered) => void, ownToo: boolean): Promise<void> {
    for (;;) {
      const claimed = await this.rows.claimLapsed({
        claimant: this.claimant,
        now: this.now(),
        claimMs: this.claimMs,
        maxAgeMs: REPLAY_MAX_AGE_MS,
        maxTries: MAX_TRIES,
        limit: CLAIM_CHUNK,
        ownToo,
      });
      const found: Unanswered = { unanswered: [], expired: claimed.expired, givenUp: claimed.givenUp, unreadable: 0 };
      for (const row of claimed.rows) {
        const update = ZaloUpdateSchema.safeParse(row.update);
        const replies = row.replies === undefined ? undefined : StoredReplies.safeParse(row.replies);
        if (!update.success || (replies && !replies.success)) {
          found.unreadable++;
          this.write(row.key, () => this.rows.answered(row.key), true);
          continue;
        }
        // Its own claim lapsed while this process still answers it (the event loop stalled past
        // the renewals): claimed again, not answered twice.
        if (this.open.has(row.key)) continue;
        this.open.add(row.key);
        const open: OpenUpdate = { update: update.data, parts: row.sentParts, tries: row.tries };
        if (replies?.success) open.replies = replies.data;
        found.unanswered.push(open);
      }
      if (found.unanswered.length + found.expired + found.givenUp + found.unreadable > 0) replay(found);
      if (claimed.rows.length + claimed.expired + claimed.givenUp < CLAIM_CHUNK || this.closed) return;
    }
  }

  private async renew(): Promise<void> {
    if (this.closed) return;
    await this.rows
      .renew(this.claimant, [...this.open], this.now() + this.claimMs)
      .catch((err: unknown) => this.options.onError(err));
  }

  /** Queues `work` behind the update's earlier writes; `last`: the update is done here once it ran. */
  private write(key: string, work: () => Promise<void>, last = false): void {
    const next = (this.writes.get(key) ?? Promise.resolve()).then(work).catch((err: unknown) => {
      this.options.onError(err);
    });
    this.writes.set(key, next);
    if (last)
      void next.then(() => {
        if (this.writes.get(key) === next) this.writes.delete(key);
      });
  }
}

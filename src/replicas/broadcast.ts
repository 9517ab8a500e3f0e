import type pg from "pg";
import { errorSummary, type Logger } from "../logger.js";
import { type Backoff, backoffDelay } from "../util/backoff.js";

/** PostgreSQL's limit on a NOTIFY payload is 8,000 bytes: a message stays well under it. */
export const MAX_BROADCAST_BYTES = 7_000;

const RECONNECT: Backoff = { initialMs: 500, maxMs: 30_000 };

export interface BroadcastOptions {
  /** A channel name of our own (letters, digits, underscores). */
  channel: string;
  logger: Logger;
  /** Each payload published on the channel by any replica (this one's too), in the database's commit order. */
  onMessage(payload: string): void;
  /**
   * Called after the listening connection came back (the database restarted, a failover): messages sent
   * meanwhile were not heard, so the listener catches up its own way (the catalogue: a reload).
   */
  onReconnect?(): void;
  /** Tests shorten it. */
  reconnect?: Backoff;
}

/**
 * A message to every replica on one database, by PostgreSQL's LISTEN/NOTIFY: no table, nothing kept. One
 * connection of the pool listens for as long as the broadcast is open (re-listening with a backoff when it is
 * lost); publishing is one `pg_notify` on any connection. Notifications reach every listening session,
 * the publisher's included, in the order their transactions committed; one sent while a replica was not
 * listening never reaches it (hence `onReconnect`).
 */
export class DatabaseBroadcast {
  private client?: pg.PoolClient;
  private closed = false;
  private retries = 0;
  private timer?: NodeJS.Timeout;
  private readonly listening: Promise<void>;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: BroadcastOptions,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`bad channel name ${options.channel}`);
    this.listening = this.listen(false);
  }

  /** Starts listening; resolves once the first LISTEN is in place (or failed: then it retries in the background). */
  static async open(pool: pg.Pool, options: BroadcastOptions): Promise<DatabaseBroadcast> {
    const broadcast = new DatabaseBroadcast(pool, options);
    await broadcast.listening;
    return broadcast;
  }

  /** Sends `payload` (at most MAX_BROADCAST_BYTES) to every listening replica; resolves once committed. */
  async publish(payload: string): Promise<void> {
    if (Buffer.byteLength(payload) > MAX_BROADCAST_BYTES) throw new Error("broadcast payload too large");
    await this.pool.query("SELECT pg_notify($1, $2)", [this.options.channel, payload]);
  }

  /** Whether a connection is listening now. */
  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Stops listening and gives the connection back (closed, not pooled: it holds a LISTEN). */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    client?.release(true);
  }

  private async listen(again: boolean): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      // A connection lost while checked out emits "error" on its client: heard here, or it would end the process.
      client.on("error", (err) => this.lost(client as pg.PoolClient, err));
      client.on("end", () => this.lost(client as pg.PoolClient));
      client.on("notification", (message) => {
        // A notification already on its way when close() gave the connection back is not this listener's any more.
        if (this.closed) return;
        if (message.channel === this.options.channel && message.payload !== undefined)
          this.options.onMessage(message.payload);
      });
      await client.query(`LISTEN ${this.options.channel}`);
      if (this.closed) {
        client.release(true);
        return;
      }
      this.client = client;
      this.retries = 0;
      if (again) this.options.onReconnect?.();
    } catch (err) {
      client?.release(true);
      this.options.logger.warn({ err: errorSummary(err), channel: this.options.channel }, "broadcast: not listening");
      this.retry();
    }
  }

  private lost(client: pg.PoolClient, err?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.release(true);
    if (this.closed) return;
    this.options.logger.warn(
      { err: err ? errorSummary(err) : undefined, channel: this.options.channel },
      "broadcast: connection lost",
    );
    this.retry();
  }

  private retry(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    const delay = backoffDelay(this.retries++, this.options.reconnect ?? RECONNECT);
    this.timer = setTimeout(() => void this.listen(true), delay);
    this.timer.unref();
  }
}

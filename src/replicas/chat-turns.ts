import type pg from "pg";
import { errorSummary, type Logger } from "../logger.js";
import { checkOut, createPool, lockId, QUERY_TIMEOUT_MS, STATEMENT_TIMEOUT_MS } from "../storage/postgres/database.js";

/**
 * One chat's updates one at a time across replicas. Behind a load balancer two messages of a
 * chat may reach two replicas; each replica already handles a chat's updates in order, and
 * this makes the replicas take turns too: a chat's turn is a PostgreSQL advisory lock held
 * while one of its updates is handled. PostgreSQL grants a lock's waiters in the order they
 * asked, so updates keep the order in which they reached the replicas.
 *
 * The turn also says whether the update was answered already by any replica (handled_updates),
 * so a delivery repeated to another replica (a webhook answer lost on the way back, a poll
 * taken over by a new leader) is answered once. An update is recorded as handled after its
 * answer went out: one whose replica died mid-way is answered again (at least once).
 */
export interface ChatTurns {
  /** Waits for the chat's turn; `updateKey` (channel-scoped) enables the "answered already" check. */
  enter(chatKey: string, updateKey?: string): Promise<ChatTurn>;
}

export interface ChatTurn {
  /** False when some replica answered this update already: handle nothing, just `leave(false)`. */
  readonly fresh: boolean;
  /** Ends the turn; `handled` records the update as answered. Never throws. */
  leave(handled: boolean): Promise<void>;
}

/** Runs `work` in the chat's turn unless the update was answered already; resolves to whether it ran. */
export async function inTurn(
  turns: ChatTurns | undefined,
  chatKey: string,
  updateKey: string | undefined,
  work: () => Promise<void>,
): Promise<boolean> {
  if (!turns) {
    await work();
    return true;
  }
  const turn = await turns.enter(chatKey, updateKey);
  if (!turn.fresh) {
    await turn.leave(false);
    return false;
  }
  let handled = false;
  try {
    await work();
    handled = true;
  } finally {
    await turn.leave(handled);
  }
  return true;
}

/** Both halves of a chat's lock key: a namespace of our own, then the chat. */
const TURN_NAMESPACE = lockId("motcua-bot chat turn");

export interface ChatTurnOptions {
  /** Connections for turns, apart from the stores' pool: a turn held never starves the work it guards. */
  connections?: number;
  /** Answered-update records older than this are pruned (far above any redelivery window). */
  keepMs?: number;
  logger: Logger;
  /**
   * How long each statement of a turn but the wait for the chat's lock may run (statement_timeout; the bot waits
   * QUERY_TIMEOUT_MS − STATEMENT_TIMEOUT_MS longer for its answer). Default: the stores' (database.ts). Tests shorten it.
   */
  statementTimeoutMs?: number;
}

/**
 * The longest the bot waits for a chat's lock: a day, no bound a turn meets (a waiter the bot gave up on would stay in
 * the database's queue, its turn granted to no one). The connection's TCP keepalive ends a wait on a dead connection.
 */
const LOCK_WAIT_MS = 86_400_000;

export class PostgresChatTurns implements ChatTurns {
  private readonly pool: pg.Pool;
  private readonly keepMs: number;
  private lastPrune = 0;
  /** Per chat, the end of the last turn asked for on this replica (see `enter`). */
  private readonly queued = new Map<string, Promise<void>>();

  constructor(
    url: string,
    private readonly options: ChatTurnOptions,
  ) {
    // Every statement of a turn is bounded as the stores' are (a statement hung on a table lock or a dead connection
    // would hold the chat's lock, and so its turns, for ever); the wait for the lock alone is not (take).
    const statementTimeoutMs = options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS;
    this.pool = createPool(url, {
      max: options.connections ?? 20,
      applicationName: "motcua-bot chat turns",
      statementTimeoutMs,
      queryTimeoutMs: statementTimeoutMs + (QUERY_TIMEOUT_MS - STATEMENT_TIMEOUT_MS),
    });
    this.keepMs = options.keepMs ?? 86_400_000;
  }

  /**
   * A chat's later updates on this replica wait here, in order, for its earlier ones: only one
   * per chat waits on a connection for the database lock. Otherwise one chat sending fast (each
   * message a webhook request waiting for its turn) would hold every connection of the pool, and
   * other chats' turns would wait for one.
   */
  async enter(chatKey: string, updateKey?: string): Promise<ChatTurn> {
    const before = this.queued.get(chatKey) ?? Promise.resolve();
    let done = () => {};
    const mine = before.then(() => new Promise<void>((resolve) => (done = resolve)));
    this.queued.set(chatKey, mine);
    const free = () => {
      done();
      if (this.queued.get(chatKey) === mine) this.queued.delete(chatKey);
    };
    await before;
    try {
      return await this.take(chatKey, updateKey, free);
    } catch (err) {
      free();
      throw err;
    }
  }

  /** The chat's turn across replicas; `free` (called once the turn ends) lets this replica's next one in. */
  private async take(chatKey: string, updateKey: string | undefined, free: () => void): Promise<ChatTurn> {
    // A connection lost while the turn is held fails its statements only: PostgreSQL frees the
    // lock with the connection, so the chat's next update goes on elsewhere.
    const { client, release } = await checkOut(this.pool);
    const key = lockId(chatKey);
    try {
      // A turn waits here while another replica answers the chat, as long as that takes: not a statement to cut at
      // the timeouts. One round trip lifts the statement timeout for the wait only: PostgreSQL (13 and later) times
      // each statement of a query string apart, and a wait that fails rolls the SET back with it. The keys are our
      // own 32-bit integers (lockId), written in as numbers.
      await client.query({
        text: `SET statement_timeout = 0; SELECT pg_advisory_lock(${TURN_NAMESPACE}, ${key}); RESET statement_timeout`,
        query_timeout: LOCK_WAIT_MS,
      } as pg.QueryConfig);
    } catch (err) {
      release(true);
      throw err;
    }
    let fresh = true;
    try {
      if (updateKey !== undefined) {
        const { rowCount } = await client.query("SELECT 1 FROM handled_updates WHERE update_key = $1", [updateKey]);
        fresh = (rowCount ?? 0) === 0;
      }
    } catch (err) {
      // Unknown whether it was answered: answer it (at least once), as without replicas.
      this.options.logger.warn({ err: errorSummary(err) }, "handled-update check failed; handling the update");
    }
    let left = false;
    return {
      fresh,
      leave: async (handled: boolean) => {
        if (left) return;
        left = true;
        let clean = true;
        try {
          if (handled && updateKey !== undefined) {
            await client.query("INSERT INTO handled_updates (update_key) VALUES ($1) ON CONFLICT DO NOTHING", [
              updateKey,
            ]);
            await this.prune(client);
          }
        } catch (err) {
          this.options.logger.warn({ err: errorSummary(err) }, "handled update not recorded");
        }
        try {
          await client.query("SELECT pg_advisory_unlock($1, $2)", [TURN_NAMESPACE, key]);
        } catch {
          clean = false;
        }
        // A connection that could not unlock still holds the chat's turn: closed, not pooled.
        release(!clean);
        free();
      },
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** At most once a minute per replica: old answered-update records go. */
  private async prune(client: pg.PoolClient): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    await client.query("DELETE FROM handled_updates WHERE handled_at < now() - $1 * interval '1 millisecond'", [
      this.keepMs,
    ]);
  }
}

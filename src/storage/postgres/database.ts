import pg from "pg";

/**
 * One connection pool per process for DATABASE_URL. node-postgres returns bigint columns as
 * strings by default (they may exceed 2^53); ours hold epoch milliseconds and counts, which
 * fit in a double, so they are read as numbers.
 */
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Pool = pg.Pool;
export type Queryable = Pick<pg.PoolClient, "query">;

/**
 * How long one statement may run on the server (statement_timeout) and how long the bot waits for any answer to a
 * query (node-postgres' query_timeout, a little longer, so the server's own cancel normally comes first and the
 * connection stays usable). Without them a query on a connection that died silently (a half-open TCP connection: the
 * database host gone, a firewall dropping it) waited for ever, holding whatever waited on it — a câu mẫu's record, a
 * request. The service's statements take milliseconds; the migrations lift both on their own connection.
 */
export const STATEMENT_TIMEOUT_MS = 30_000;
export const QUERY_TIMEOUT_MS = 35_000;
/** How long opening a connection (or waiting for one of the pool's) may take before it fails. */
export const CONNECTION_TIMEOUT_MS = 10_000;

export interface PoolOptions {
  max?: number;
  applicationName?: string;
  /** statement_timeout in ms; 0: none (a pool whose statements wait on purpose, e.g. for an advisory lock). */
  statementTimeoutMs?: number;
  /** The wait for a query's answer in ms; 0: none. */
  queryTimeoutMs?: number;
  /** The wait for a connection in ms (> 0). */
  connectionTimeoutMs?: number;
}

export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const statementTimeout = timeout("statementTimeoutMs", options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS);
  const queryTimeout = timeout("queryTimeoutMs", options.queryTimeoutMs ?? QUERY_TIMEOUT_MS);
  const connectionTimeout = timeout("connectionTimeoutMs", options.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS);
  if (connectionTimeout === 0) throw new RangeError("connectionTimeoutMs must be above 0");
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "motcua-bot",
    // A database that does not answer is reported, not waited on for ever.
    connectionTimeoutMillis: connectionTimeout,
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
    ...(queryTimeout > 0 ? { query_timeout: queryTimeout } : {}),
    // An idle pooled connection whose peer vanished is found by TCP keepalive rather than by the next query.
    keepAlive: true,
    keepAliveInitialDelayMillis: 30_000,
  });
  // An idle client losing its connection (database restarted) must not crash the process:
  // the pool drops it and the next query opens a new one.
  pool.on("error", () => undefined);
  return pool;
}

/** A whole number of milliseconds, 0 (none) up to a day: anything else is a mistake in the caller. */
function timeout(name: string, ms: number): number {
  if (!Number.isInteger(ms) || ms < 0 || ms > 86_400_000) {
    throw new RangeError(`${name} must be a whole number of milliseconds from 0 to 86400000`);
  }
  return ms;
}

/** A connection taken from the pool for several statements (a transaction, a lock held). */
export interface CheckedOut {
  client: pg.PoolClient;
  /**
   * Gives it back; `broken`: closed instead of pooled, for a connection that may still hold a
   * transaction or a lock (a statement failed, or its end is unknown).
   */
  release(broken: boolean): void;
}

/**
 * Takes a connection from the pool. One lost while checked out (database restarted, failover,
 * backend killed) emits "error" on its client, and node-postgres listens only while the client
 * is idle in the pool: unheard, that event would end the process. Heard here; the statement in
 * flight (or the next one) rejects as well, which is what the caller reports.
 */
export async function checkOut(pool: pg.Pool): Promise<CheckedOut> {
  const client = await pool.connect();
  const lost = () => undefined;
  client.on("error", lost);
  return {
    client,
    release(broken) {
      client.off("error", lost);
      client.release(broken);
    },
  };
}

/** Runs `work` in one transaction on one connection; rolls back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const { client, release } = await checkOut(pool);
  let clean = false;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    clean = true;
    return result;
  } catch (err) {
    // A connection whose ROLLBACK failed is in an unknown state: closed, not pooled.
    clean = await client.query("ROLLBACK").then(
      () => true,
      () => false,
    );
    throw err;
  } finally {
    release(!clean);
  }
}

/** A stable advisory-lock id for a name (the same in every replica). */
export function lockId(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** What /healthz says about the database: reachable, schema version, one round trip. */
export interface DatabaseHealth {
  reachable: boolean;
  migration?: number;
  pingMs?: number;
  error?: string;
}

export async function databaseHealth(pool: pg.Pool): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await pool.query("SELECT 1");
    const pingMs = Math.round((performance.now() - started) * 10) / 10;
    const { rows } = await pool.query<{ version: number | null }>(
      "SELECT max(version) AS version FROM schema_migrations",
    );
    return { reachable: true, migration: rows[0]?.version ?? 0, pingMs };
  } catch (err) {
    // The class of failure only: a message could carry the connection string's host or user.
    return { reachable: false, error: (err as { code?: string }).code ?? (err as Error).name };
  }
}

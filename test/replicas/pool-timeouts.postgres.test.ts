/**
 * The pool's bounds (src/storage/postgres/database.ts): a statement the server runs too long is cancelled, a query on
 * a connection that died silently (a half-open TCP connection, the database host gone) fails instead of waiting for
 * ever, and the pool opens a good connection once the database is back. The migrations wait as long as they must.
 * Real PostgreSQL; the silent death is a TCP proxy that keeps the connection open and carries nothing.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import {
  createPool,
  inTransaction,
  lockId,
  QUERY_TIMEOUT_MS,
  STATEMENT_TIMEOUT_MS,
} from "../../src/storage/postgres/database.js";
import { migrate } from "../../src/storage/postgres/migrate.js";
import { examplesReplicasOnOwnCluster } from "./examples-replicas.js";

const { cluster, cleanups, databaseProxy } = examplesReplicasOnOwnCluster();

function pool(url: string, options: Parameters<typeof createPool>[1] = {}) {
  const made = createPool(url, options);
  cleanups.push(() => made.end());
  return made;
}

describe("the pool's statement, query and connection timeouts", () => {
  it("a pool opened as the service opens it has a statement timeout, and a query timeout above it", async () => {
    const url = await cluster().database();
    const { rows } = await pool(url).query<{ statement_timeout: string }>("SHOW statement_timeout");
    expect(rows[0]?.statement_timeout).toBe(`${STATEMENT_TIMEOUT_MS / 1000}s`);
    expect(QUERY_TIMEOUT_MS).toBeGreaterThan(STATEMENT_TIMEOUT_MS);
  });

  it("a statement that runs too long is cancelled by the database", async () => {
    const url = await cluster().database();
    await expect(pool(url, { statementTimeoutMs: 200 }).query("SELECT pg_sleep(30)")).rejects.toMatchObject({
      code: "57014",
    });
  });

  it("a query on a connection that died silently fails, in a transaction too; the pool recovers", async () => {
    const url = await cluster().database();
    const proxy = await databaseProxy(url);
    const through = pool(proxy.url, { max: 2, statementTimeoutMs: 300, queryTimeoutMs: 500 });
    await through.query("CREATE TABLE t (n int)");
    // Two connections open and idle in the pool before they die.
    const both = await Promise.all([through.connect(), through.connect()]);
    for (const client of both) client.release();
    proxy.freeze();
    // Without a query timeout both wait for ever (the test's own timeout ends them).
    await expect(through.query("SELECT 1")).rejects.toThrow(/timeout/i);
    await expect(inTransaction(through, (client) => client.query("INSERT INTO t VALUES (1)"))).rejects.toThrow(
      /timeout/i,
    );
    proxy.mend();
    // The dead connections were closed, not pooled: the next queries go through on new ones.
    await inTransaction(through, (client) => client.query("INSERT INTO t VALUES (2)"));
    const { rows } = await through.query<{ n: number }>("SELECT n FROM t");
    expect(rows).toEqual([{ n: 2 }]);
  }, 30_000);

  it("opening a connection to a database that does not answer fails at the connection timeout", async () => {
    const url = await cluster().database();
    const proxy = await databaseProxy(url);
    proxy.freeze();
    await expect(pool(proxy.url, { connectionTimeoutMs: 300 }).query("SELECT 1")).rejects.toThrow(/timeout/i);
  }, 30_000);

  it("timeouts that make no sense are refused", () => {
    expect(() => createPool("postgresql://x@127.0.0.1/x", { statementTimeoutMs: -1 })).toThrow(RangeError);
    expect(() => createPool("postgresql://x@127.0.0.1/x", { queryTimeoutMs: 1.5 })).toThrow(RangeError);
    expect(() => createPool("postgresql://x@127.0.0.1/x", { connectionTimeoutMs: 0 })).toThrow(RangeError);
  });

  it("a migration waits for another replica's as long as it takes, past the pool's timeouts, and restores them", async () => {
    const url = await cluster().database();
    const bounded = pool(url, { max: 1, statementTimeoutMs: 200, queryTimeoutMs: 300 });
    // Another replica migrating: it holds the migrations' lock for longer than the pool's timeouts.
    const other = pool(url, { max: 1 });
    const holder = await other.connect();
    await holder.query("SELECT pg_advisory_lock($1)", [lockId("motcua-bot schema migrations")]);
    const migrating = migrate(bounded);
    migrating.catch(() => undefined);
    await sleep(1_000);
    await holder.query("SELECT pg_advisory_unlock($1)", [lockId("motcua-bot schema migrations")]);
    holder.release();
    expect((await migrating).version).toBeGreaterThan(0);
    // The same (only) connection, back in the pool with its statement timeout.
    const { rows } = await bounded.query<{ statement_timeout: string }>("SHOW statement_timeout");
    expect(rows[0]?.statement_timeout).toBe("200ms");
  }, 60_000);
});

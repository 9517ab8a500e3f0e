/**
 * Connections lost while a store holds one (the database restarted, a failover, a killed
 * backend): node-postgres reports it as an "error" event on the checked-out client, which ends
 * the process when nobody listens. A replica must instead see the statement fail and go on.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, inTransaction, lockId, type Pool } from "../../src/storage/postgres/database.js";
import { migrate, readMigrations } from "../../src/storage/postgres/migrate.js";
import { startPostgres, type TestPostgres } from "../harness/postgres.js";

let server: TestPostgres | undefined;
const pools: Pool[] = [];

beforeAll(async () => {
  server = await startPostgres();
}, 180_000);
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await server?.stop();
}, 120_000);

function pool(url: string): Pool {
  const p = createPool(url, { max: 2 });
  pools.push(p);
  return p;
}

/** Ends the backend behind `pid` from another connection, as a database restart would. */
async function kill(admin: Pool, pid: number): Promise<void> {
  await admin.query("SELECT pg_terminate_backend($1)", [pid]);
}

/** Waits until the killed client has seen its socket close (the "error" event fires then). */
async function untilGone(admin: Pool, pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid]);
    if (rowCount === 0) break;
    await sleep(10);
  }
  await sleep(50);
}

describe("a connection lost while checked out", () => {
  it("fails inTransaction's work, not the process; the pool goes on with a new connection", async () => {
    const url = await (server as TestPostgres).database();
    const db = pool(url);
    const admin = pool(url);
    await db.query("CREATE TABLE t (n int)");
    const outcome = inTransaction(db, async (client) => {
      await client.query("INSERT INTO t VALUES (1)");
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const pid = rows[0]?.pid as number;
      // Lost between two statements: the client is idle, but still checked out.
      await kill(admin, pid);
      await untilGone(admin, pid);
      await client.query("INSERT INTO t VALUES (2)");
    });
    await expect(outcome).rejects.toThrow();
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM t");
    expect(rows[0]?.n).toBe(0);
  });

  it("fails migrate, not the process, when its connection is lost while it waits for the migrations' lock", async () => {
    const url = await (server as TestPostgres).database();
    const holder = pool(url);
    const waiting = pool(url);
    const held = await holder.connect();
    // Another replica migrating: the lock is held, so this one waits in pg_advisory_lock.
    await held.query("SELECT pg_advisory_lock($1)", [lockId("motcua-bot schema migrations")]);
    // The outcome is caught at once: migrate may fail before `kill` below returns, and a
    // rejection with no handler yet is reported as unhandled (a flaky CI run did just that).
    const migrating = migrate(waiting, await readMigrations()).then(
      () => undefined,
      (err: unknown) => err,
    );
    let pid: number | undefined;
    for (let i = 0; i < 200 && pid === undefined; i++) {
      const { rows } = await holder.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'",
      );
      pid = rows[0]?.pid;
      if (pid === undefined) await sleep(20);
    }
    expect(pid).toBeDefined();
    await kill(holder, pid as number);
    expect(await migrating).toBeInstanceOf(Error);
    held.release(true);
    // The pool goes on: the schema migrates on a fresh connection.
    await expect(migrate(waiting, await readMigrations())).resolves.toMatchObject({ version: 7 });
  });
});

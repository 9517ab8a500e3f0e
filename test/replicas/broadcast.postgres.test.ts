/**
 * The replicas' broadcast (src/replicas/broadcast.ts) on a real PostgreSQL: every listening replica hears every
 * message, the publisher's own too, in one order; a listener whose connection is cut listens again, says so
 * (onReconnect: the catalogue reloads then), and hears what is published after.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseBroadcast } from "../../src/replicas/broadcast.js";
import { createPool, type Pool } from "../../src/storage/postgres/database.js";
import { captureLogs } from "../harness/common.js";
import { startPostgres, type TestPostgres } from "../harness/postgres.js";

let server: TestPostgres | undefined;
const pools: Pool[] = [];
const broadcasts: DatabaseBroadcast[] = [];
beforeAll(async () => {
  server = await startPostgres();
}, 180_000);
afterAll(async () => {
  for (const b of broadcasts) b.close();
  await Promise.all(pools.map((p) => p.end()));
  await server?.stop();
}, 60_000);

async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (check()) return true;
    await sleep(25);
  }
  return false;
}

async function replica(url: string, name: string) {
  const pool = createPool(url, { max: 3, applicationName: name });
  pools.push(pool);
  const heard: string[] = [];
  let reconnects = 0;
  const broadcast = await DatabaseBroadcast.open(pool, {
    channel: "motcua_test",
    logger: captureLogs().logger,
    onMessage: (payload) => heard.push(payload),
    onReconnect: () => reconnects++,
    reconnect: { initialMs: 50, maxMs: 200 },
  });
  broadcasts.push(broadcast);
  return { pool, heard, broadcast, reconnects: () => reconnects };
}

describe("the replicas' broadcast", () => {
  it("reaches every listener, the publisher's too, in one order; a cut listener listens again and hears on", async () => {
    const url = await (server as TestPostgres).database();
    const a = await replica(url, "replica-a");
    const b = await replica(url, "replica-b");
    for (const n of [1, 2, 3]) await (n === 2 ? b : a).broadcast.publish(`m${n}`);
    expect(await eventually(() => a.heard.length === 3 && b.heard.length === 3)).toBe(true);
    expect(a.heard).toEqual(["m1", "m2", "m3"]);
    expect(b.heard).toEqual(a.heard);
    await expect(a.broadcast.publish("x".repeat(8_000))).rejects.toThrow(/too large/);

    // B's listening connection is cut (a database restart, a failover look the same to it).
    const { rows } = await a.pool.query<{ n: number }>(
      "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'replica-b' AND query LIKE 'LISTEN%'",
    );
    expect(rows[0]?.n).toBe(1);
    expect(await eventually(() => b.reconnects() === 1 && b.broadcast.connected)).toBe(true);
    await a.broadcast.publish("m4");
    expect(await eventually(() => b.heard.includes("m4"))).toBe(true);
    expect(a.reconnects()).toBe(0);

    // Closed: it hears nothing more, and its pool ends (the listening connection was given back).
    b.broadcast.close();
    await a.broadcast.publish("m5");
    expect(await eventually(() => a.heard.includes("m5"))).toBe(true);
    await sleep(100);
    expect(b.heard).not.toContain("m5");
    await b.pool.end();
    pools.splice(pools.indexOf(b.pool), 1);
  });
});

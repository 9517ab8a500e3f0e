/**
 * Several replicas on one real PostgreSQL (test/harness/postgres.ts): each scheduled tick runs
 * on one of them, once; a dead runner's tick is run by another; one poller at a time, and a
 * dead leader is replaced; a chat's updates take turns across replicas, in order, once each.
 * "Replicas" here are separate connection pools with their own names, as separate processes
 * have; dying is what the database sees of it (connections cut, renewals stopping). The
 * two-process runs (npm run acceptance:replicas, faults:replicas) kill real processes.
 */
import { rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createClock } from "../../src/clock.js";
import { type ChatTurn, inTurn, PostgresChatTurns } from "../../src/replicas/chat-turns.js";
import { PostgresJobTicks } from "../../src/replicas/jobs.js";
import { LeaderLease } from "../../src/replicas/leader.js";
import { type Job, type RunningSchedule, startSchedule } from "../../src/schedule.js";
import { createPool, lockId, type Pool } from "../../src/storage/postgres/database.js";
import { migrate, readMigrations } from "../../src/storage/postgres/migrate.js";
import { captureLogs, tempDir } from "../harness/common.js";
import { migratedDatabase, startPostgres, type TestPostgres } from "../harness/postgres.js";
import { seededRandom } from "../harness/reliability-generator.js";

let server: TestPostgres;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  server = await startPostgres();
}, 180_000);
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
});
afterAll(async () => {
  await server?.stop();
});

/** A new database migrated as the service does at start, and a pool per replica on it. */
async function database(): Promise<{ url: string; pool: (name: string) => Pool }> {
  const url = await migratedDatabase(server);
  return { url, pool: (name) => replicaPool(url, name) };
}

function replicaPool(url: string, name: string, max?: number): Pool {
  const pool = createPool(url, { applicationName: name, max });
  closers.push(() => pool.end());
  return pool;
}

describe("migration 006 (the replicas' tables)", () => {
  const REPLICA_TABLES = ["handled_updates", "job_runs", "leader_leases", "zalo_inbox"];
  const tables = async (pool: Pool) =>
    (
      await pool.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      )
    ).rows.map((r) => r.name);

  it("creates the coordination tables and the Zalo inbox on an empty database", async () => {
    const url = await server.database();
    const pool = replicaPool(url, "first");
    const { version, applied } = await migrate(pool);
    expect(version).toBe(7);
    expect(applied).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await tables(pool)).toEqual(expect.arrayContaining(REPLICA_TABLES));
  });

  it("brings a database whose tables the replicas created at start (before 006) to the newest version, rows kept", async () => {
    const url = await server.database();
    const pool = replicaPool(url, "older");
    const migrations = await readMigrations();
    await migrate(pool, migrations.slice(0, 5));
    // What src/replicas/schema.ts created at start before this migration, as it was.
    await pool.query(`
      CREATE TABLE IF NOT EXISTS job_runs (job text NOT NULL, slot bigint NOT NULL, replica text NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (job, slot));
      CREATE TABLE IF NOT EXISTS leader_leases (name text PRIMARY KEY, holder text NOT NULL, expires_at timestamptz NOT NULL);
      CREATE TABLE IF NOT EXISTS handled_updates (update_key text PRIMARY KEY, handled_at timestamptz NOT NULL DEFAULT now());
      CREATE INDEX IF NOT EXISTS handled_updates_at ON handled_updates (handled_at);
      INSERT INTO job_runs (job, slot, replica) VALUES ('reminders', 1, 'a');
      INSERT INTO leader_leases VALUES ('polling', 'a', now());
      INSERT INTO handled_updates (update_key) VALUES ('zalo:message.text.received:1');`);
    expect(await migrate(pool)).toEqual({ version: 7, applied: [6, 7] });
    expect(await tables(pool)).toEqual(expect.arrayContaining(REPLICA_TABLES));
    const counts = await pool.query<{ jobs: number; leases: number; handled: number }>(
      `SELECT (SELECT count(*) FROM job_runs) AS jobs, (SELECT count(*) FROM leader_leases) AS leases,
              (SELECT count(*) FROM handled_updates) AS handled`,
    );
    expect(counts.rows[0]).toEqual({ jobs: 1, leases: 1, handled: 1 });
  });

  it("three replicas starting together on an empty database: each migration applied once, all three open", async () => {
    const url = await server.database();
    const pools = ["a", "b", "c"].map((name) => replicaPool(url, `replica ${name}`, 1));
    const results = await Promise.all(pools.map((pool) => migrate(pool)));
    expect(results.map((r) => r.version)).toEqual([7, 7, 7]);
    // One of them applied everything; the others found it done.
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 7]);
    const { rows } = await replicaPool(url, "observer").query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY 1",
    );
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("a replica starting while another migrates waits for it (the migrations' advisory lock)", async () => {
    const url = await server.database();
    const holder = replicaPool(url, "holder", 1);
    const holding = await holder.connect();
    closers.push(async () => holding.release(true));
    // Another replica migrating, as far as the lock says.
    await holding.query("SELECT pg_advisory_lock($1)", [lockId("motcua-bot schema migrations")]);
    let done = false;
    const starting = migrate(replicaPool(url, "waiting replica", 1)).then((r) => {
      done = true;
      return r;
    });
    const observer = replicaPool(url, "observer", 1);
    // It waits on the lock (PostgreSQL says so), and has created nothing yet.
    await vi.waitFor(
      async () => {
        const { rows } = await observer.query(
          `SELECT 1 FROM pg_stat_activity WHERE application_name = 'waiting replica' AND wait_event_type = 'Lock'`,
        );
        expect(rows).toHaveLength(1);
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(done).toBe(false);
    expect(await tables(observer)).toEqual([]);
    await holding.query("SELECT pg_advisory_unlock($1)", [lockId("motcua-bot schema migrations")]);
    expect((await starting).applied).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe("job ticks across replicas", () => {
  const TIME_ZONE = "Asia/Ho_Chi_Minh";
  const at = (local: string) => Date.parse(`${local.replace(" ", "T")}+07:00`);

  it("two schedulers on one database run each tick once, on one of them", async () => {
    const db = await database();
    const { dir, cleanup } = await tempDir("motcua-replicas-");
    closers.push(cleanup);
    const file = path.join(dir, "clock");
    const setClock = async (local: string) => {
      await writeFile(`${file}.tmp`, String(at(local)));
      await rename(`${file}.tmp`, file);
    };
    await setClock("2025-11-03 07:45:00");
    const random = seededRandom(14);
    const runs: { replica: string; slot: string }[] = [];
    const schedules: RunningSchedule[] = [];
    for (const replica of ["a", "b"]) {
      const clock = createClock(file);
      const jobs: Job[] = [
        {
          name: "pickup reminder scan",
          cron: "*/10 * * * *",
          run: async () => {
            runs.push({ replica, slot: new Date(clock.now()).toISOString() });
            // Long enough for the other replica to reach the same tick while this one runs.
            await sleep(20 + random() * 30);
          },
        },
      ];
      const ticks = new PostgresJobTicks(db.pool(`replica ${replica}`), { replica, waitMs: 5 });
      schedules.push(
        startSchedule(jobs, { clock, timeZone: TIME_ZONE, logger: captureLogs().logger, pollMs: 2, ticks }),
      );
    }
    closers.push(() => Promise.all(schedules.map((s) => s.stop())));
    const settled = (local: string) =>
      vi.waitFor(
        () => {
          for (const s of schedules) expect(s.state?.().settled).toBe(new Date(at(local)).toISOString());
        },
        { timeout: 20_000, interval: 5 },
      );

    const times = ["07:50:00", "08:00:00", "08:05:00", "08:10:00", "08:31:00", "08:40:00", "09:00:00"];
    for (const time of times) {
      await setClock(`2025-11-03 ${time}`);
      await settled(`2025-11-03 ${time}`);
    }
    // 08:05 is no tick; 08:31 stands for 08:30 (08:20 was passed over: one run catches up).
    expect(runs.map((r) => r.slot)).toEqual(
      ["07:50", "08:00", "08:10", "08:31", "08:40", "09:00"].map((t) =>
        new Date(at(`2025-11-03 ${t}:00`)).toISOString(),
      ),
    );
    const probe = db.pool("probe");
    const { rows } = await probe.query<{ slot: number }>("SELECT slot FROM job_runs ORDER BY slot");
    expect(rows.map((r) => new Date(r.slot).toISOString())).toEqual(
      ["07:50", "08:00", "08:10", "08:30", "08:40", "09:00"].map((t) =>
        new Date(at(`2025-11-03 ${t}:00`)).toISOString(),
      ),
    );
  });

  it("a tick whose runner dies mid-run is run by the replica waiting for it", async () => {
    const db = await database();
    const a = new PostgresJobTicks(db.pool("replica a"), { replica: "a", waitMs: 5 });
    const b = new PostgresJobTicks(db.pool("replica b"), { replica: "b", waitMs: 5 });
    const never = new AbortController();
    let aStarted: () => void = () => undefined;
    const aRunning = new Promise<void>((resolve) => {
      aStarted = resolve;
    });
    // A starts the tick and hangs in it (as a process that is about to be killed).
    let aFinish: () => void = () => undefined;
    const aOutcome = a.once(
      "outbox flush",
      1_000,
      () => {
        aStarted();
        return new Promise<void>((resolve) => (aFinish = resolve));
      },
      never.signal,
    );
    void aOutcome.catch(() => undefined);
    await aRunning;
    let bRan = 0;
    const bOutcome = b.once("outbox flush", 1_000, async () => void bRan++, never.signal);
    await sleep(100);
    expect(bRan).toBe(0); // waiting for A, not running beside it
    // A dies: its connections are cut (what PostgreSQL sees of a SIGKILL).
    const admin = db.pool("admin");
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'replica a'");
    await expect(bOutcome).resolves.toBe("ran");
    expect(bRan).toBe(1);
    // Were A's work to end after all, its COMMIT fails on the cut connection: it claims nothing.
    aFinish();
    await expect(aOutcome).rejects.toThrow();
    // Done now: a third replica coming late to the same tick (or an older one) skips it.
    const c = new PostgresJobTicks(db.pool("replica c"), { replica: "c" });
    let cRan = 0;
    await expect(c.once("outbox flush", 1_000, async () => void cRan++, never.signal)).resolves.toBe("done");
    await expect(c.once("outbox flush", 500, async () => void cRan++, never.signal)).resolves.toBe("done");
    expect(cRan).toBe(0);
    const { rows } = await admin.query("SELECT job, slot, replica FROM job_runs");
    expect(rows).toEqual([{ job: "outbox flush", slot: 1_000, replica: "b" }]);
  });

  it("a failed run leaves its tick undone, and a waiting replica gives up when stopping", async () => {
    const db = await database();
    const a = new PostgresJobTicks(db.pool("replica a"), { replica: "a", waitMs: 5 });
    const never = new AbortController();
    await expect(
      a.once("pickup reminder scan", 60_000, async () => Promise.reject(new Error("disk full")), never.signal),
    ).rejects.toThrow("disk full");
    let ran = 0;
    await expect(a.once("pickup reminder scan", 60_000, async () => void ran++, never.signal)).resolves.toBe("ran");
    expect(ran).toBe(1);

    let release: () => void = () => undefined;
    const held = a.once("catalogue review", 5, () => new Promise<void>((resolve) => (release = resolve)), never.signal);
    await vi.waitFor(() => expect(release).not.toBe(undefined));
    await sleep(20);
    const stopping = new AbortController();
    const b = new PostgresJobTicks(db.pool("replica b"), { replica: "b", waitMs: 5 });
    const waiting = b.once("catalogue review", 5, async () => undefined, stopping.signal);
    stopping.abort();
    await expect(waiting).resolves.toBe("stopped");
    release();
    await expect(held).resolves.toBe("ran");
  });
});

describe("leader lease", () => {
  interface Event {
    replica: string;
    what: "start" | "stop";
  }

  function lease(pool: Pool, replica: string, events: Event[]) {
    const l = new LeaderLease(pool, { holder: replica, ttlMs: 600, renewMs: 100, logger: captureLogs().logger });
    l.follow({
      name: "polling",
      start: async () => void events.push({ replica, what: "start" }),
      stop: async () => void events.push({ replica, what: "stop" }),
    });
    return l;
  }

  /** Never two leaders at once: every start follows the previous leader's stop. */
  function oneAtATime(events: Event[]): void {
    let current: string | undefined;
    for (const e of events) {
      if (e.what === "start") {
        expect(current, `${e.replica} started while ${current} led`).toBeUndefined();
        current = e.replica;
      } else {
        expect(current).toBe(e.replica);
        current = undefined;
      }
    }
  }

  it("one replica leads; when it dies (renewals stop) another takes over, never both at once", async () => {
    const db = await database();
    const events: Event[] = [];
    const poolA = db.pool("replica a");
    const a = lease(poolA, "a", events);
    const b = lease(db.pool("replica b"), "b", events);
    closers.push(() => b.stop());
    await a.start();
    await b.start();
    expect([a.leading, b.leading]).toEqual([true, false]);
    await sleep(400); // several renewals: A keeps the lease
    expect([a.leading, b.leading]).toEqual([true, false]);
    expect(events).toEqual([{ replica: "a", what: "start" }]);

    // A loses the database (its pool is gone, as a process cut off): it stops its roles itself
    // before its lease expires, and B takes the lease once it has.
    await poolA.end();
    await vi.waitFor(() => expect(b.leading).toBe(true), { timeout: 20_000, interval: 10 });
    await b.settled();
    expect(a.leading).toBe(false);
    await a.stop();
    expect(events.map((e) => `${e.replica} ${e.what}`)).toEqual(["a start", "a stop", "b start"]);
    oneAtATime(events);
  });

  it("a clean stop hands the lease over without waiting for it to expire", async () => {
    const db = await database();
    const events: Event[] = [];
    const a = lease(db.pool("replica a"), "a", events);
    const b = lease(db.pool("replica b"), "b", events);
    closers.push(() => b.stop());
    await a.start();
    await b.start();
    await a.stop();
    await vi.waitFor(() => expect(b.leading).toBe(true), { timeout: 20_000, interval: 10 });
    await b.settled();
    expect(events.map((e) => `${e.replica} ${e.what}`)).toEqual(["a start", "a stop", "b start"]);
    const { rows } = await db.pool("probe").query("SELECT holder FROM leader_leases");
    expect(rows).toEqual([{ holder: "b" }]);
    expect(b.terms).toBe(1);
  });
});

describe("chat turns across replicas", () => {
  it("a chat's updates, sent one after another to alternating replicas, are handled one at a time and in order", async () => {
    const db = await database();
    const { logger } = captureLogs();
    const replicas = [new PostgresChatTurns(db.url, { logger }), new PostgresChatTurns(db.url, { logger })];
    for (const r of replicas) closers.push(() => r.close());
    const random = seededRandom(7);
    const log: string[] = [];
    let inside = 0;
    let most = 0;
    const handling: Promise<void>[] = [];
    for (let i = 1; i <= 20; i++) {
      const replica = replicas[i % 2] as PostgresChatTurns;
      // As the Zalo webhook: the turn is taken, then the sender hears back and sends the next one.
      const turn = await replica.enter("zalo:chat-1", `zalo:msg-${i}`);
      expect(turn.fresh).toBe(true);
      handling.push(
        (async () => {
          inside++;
          most = Math.max(most, inside);
          log.push(`start ${i}`);
          await sleep(random() * 15);
          log.push(`end ${i}`);
          inside--;
          await turn.leave(true);
        })(),
      );
      // Another chat meanwhile is not held up by this one.
      if (i === 10) {
        const other = await (replicas[0] as PostgresChatTurns).enter("zalo:chat-2");
        await other.leave(true);
      }
    }
    await Promise.all(handling);
    expect(most).toBe(1);
    expect(log).toEqual(Array.from({ length: 20 }, (_, k) => [`start ${k + 1}`, `end ${k + 1}`]).flat());
  });

  it("one chat sending fast holds one connection, not all: another chat's turn is not held up", async () => {
    const db = await database();
    const { logger } = captureLogs();
    const turns = new PostgresChatTurns(db.url, { logger, connections: 2 });
    closers.push(() => turns.close());
    const first = await turns.enter("zalo:fast");
    // Four more of the same chat arrive while the first is answered: they wait for it, in order.
    const order: number[] = [];
    const later = [2, 3, 4, 5].map((n) =>
      turns.enter("zalo:fast", `zalo:fast-${n}`).then(async (turn) => {
        order.push(n);
        await turn.leave(true);
      }),
    );
    // With each waiting on a connection of its own, this would wait for one (and fail at the pool's timeout).
    const other = await turns.enter("zalo:other");
    expect(other.fresh).toBe(true);
    await other.leave(true);
    expect(order).toEqual([]);
    await first.leave(true);
    await Promise.all(later);
    expect(order).toEqual([2, 3, 4, 5]);
  });

  it("a statement hung in a chat's turn is cut at the statement timeout: the chat's next turn goes on, elsewhere too", async () => {
    const db = await database();
    const logs = captureLogs();
    const options = { logger: logs.logger, statementTimeoutMs: 300, connections: 2 };
    const [a, b] = [new PostgresChatTurns(db.url, options), new PostgresChatTurns(db.url, options)];
    closers.push(
      () => a.close(),
      () => b.close(),
    );
    // Something holds the answered-updates table (a long migration, a VACUUM FULL): every statement on it hangs.
    const holder = await db.pool("holder").connect();
    closers.push(async () => holder.release());
    await holder.query("BEGIN");
    await holder.query("LOCK TABLE handled_updates IN ACCESS EXCLUSIVE MODE");
    // Before: the check that the update was answered hung for ever, holding the chat's lock, so the chat's updates
    // on every replica waited for ever (this test's own timeout ended it).
    const first = await a.enter("telegram:9", "telegram:900");
    expect(first.fresh).toBe(true);
    // The chat's next update reached the other replica meanwhile: it waits for the turn…
    const next = b.enter("telegram:9", "telegram:901");
    // …which ends though recording the first as answered hangs too (it is answered again if delivered again).
    await first.leave(true);
    const second = await next;
    expect(second.fresh).toBe(true);
    await second.leave(true);
    expect(logs.lines.filter((l) => l.includes("handled update not recorded"))).toHaveLength(2);
    await holder.query("COMMIT");
    // The pools are whole again: turns and their records as before.
    expect(await inTurn(a, "telegram:9", "telegram:902", async () => undefined)).toBe(true);
    expect(await inTurn(b, "telegram:9", "telegram:902", async () => undefined)).toBe(false);
  }, 60_000);

  it("the wait for a chat's turn is no statement to cut: it lasts past the timeout, then the turn's own are bounded", async () => {
    const db = await database();
    const { logger } = captureLogs();
    const options = { logger, statementTimeoutMs: 200, connections: 1 };
    const [a, b] = [new PostgresChatTurns(db.url, options), new PostgresChatTurns(db.url, options)];
    closers.push(
      () => a.close(),
      () => b.close(),
    );
    const first = await a.enter("zalo:slow", "zalo:slow-1");
    let waited: ChatTurn | Error | undefined;
    const next = b.enter("zalo:slow", "zalo:slow-2").then(
      (turn) => (waited = turn),
      (err: Error) => (waited = err),
    );
    // The first update takes five times the statement timeout to answer: the other replica's turn still waits.
    await sleep(1_000);
    expect(waited).toBeUndefined();
    await first.leave(true);
    await next;
    expect(waited).toMatchObject({ fresh: true });
    // The wait's lifted timeout is back on its connection (the pool's only one): a statement of the turn hangs no more.
    const holder = await db.pool("holder").connect();
    closers.push(async () => holder.release());
    await holder.query("BEGIN");
    await holder.query("LOCK TABLE handled_updates IN ACCESS EXCLUSIVE MODE");
    await (waited as ChatTurn).leave(true);
    await holder.query("ROLLBACK");
    expect(await inTurn(b, "zalo:slow", "zalo:slow-1", async () => undefined)).toBe(false);
  }, 60_000);

  it("an update answered by one replica is not answered again by another; one that failed is", async () => {
    const db = await database();
    const { logger } = captureLogs();
    const [a, b] = [new PostgresChatTurns(db.url, { logger }), new PostgresChatTurns(db.url, { logger })];
    closers.push(
      () => a.close(),
      () => b.close(),
    );
    const answered: string[] = [];
    expect(await inTurn(a, "telegram:7", "telegram:100", async () => void answered.push("a 100"))).toBe(true);
    // Telegram delivers update 100 again (its answer was lost), this time through replica B.
    expect(await inTurn(b, "telegram:7", "telegram:100", async () => void answered.push("b 100"))).toBe(false);
    // Replica A fails on 101 (it would have died): B answers it when it comes again.
    await expect(
      inTurn(a, "telegram:7", "telegram:101", async () => Promise.reject(new Error("connection lost"))),
    ).rejects.toThrow("connection lost");
    expect(await inTurn(b, "telegram:7", "telegram:101", async () => void answered.push("b 101"))).toBe(true);
    expect(answered).toEqual(["a 100", "b 101"]);
  });
});

/**
 * npm run faults:replicas — two replicas of the service on one PostgreSQL behind a round-robin
 * proxy (test/harness/replicas.ts); one of them is killed with SIGKILL at random moments while
 * the other goes on, and restarted a little later. Telegram posts its webhook through the proxy
 * (either replica takes an update), Zalo is polled by the replica holding the leader lease (a
 * killed leader is replaced), and both replicas run the schedule on the shared test clock.
 *
 * The play is npm run faults' (test/runs/faults.ts): cohorts of dossiers live a week each (staff
 * push status changes through POST /api/dossiers, citizens look them up, subscribe, get notices,
 * pickup reminders and a rating request, and rate), everything retried as in life (the one-stop
 * system re-sends a push until 200, Telegram re-posts what its webhook did not answer, a citizen
 * without a reply writes again). Then it counts, reading the database:
 *   - acknowledged writes lost: each push answered 200, each subscription and rating the bot
 *     confirmed, must be in PostgreSQL;
 *   - notifications: every notice, reminder and rating request the fake APIs received against
 *     those due — missing, delivered twice (the at-least-once bound: under 1% of those due), not due.
 *
 * Env: FAULTS_KILLS (12), FAULTS_SEED (random), FAULTS_KEEP=1 keeps the temp directory.
 * Exits 1 when a write is lost, a notification is missing or not due, repeats reach 1%, or the
 * run could not finish.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { FAULT_RUN_OPTIONS, runFaults } from "../harness/fault-run.js";
import { ReplicaHarness } from "../harness/replicas.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
const KILLS = Number(process.env.FAULTS_KILLS ?? 12);
const SEED = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));

const h = await ReplicaHarness.create(FAULT_RUN_OPTIONS);

/** Which replica each kill hit, and whether it held the polling lease then. */
const killedLeader: boolean[] = [];

await runFaults({
  h,
  kills: KILLS,
  seed: SEED,
  citizensPerChannel: 6,
  title: `npm run faults:replicas: two replicas on one PostgreSQL, ${KILLS} SIGKILLs of one of them (seed ${SEED})`,
  figuresTitle: "Faults (SIGKILL of one replica during activity, the other going on; restarted after 0.3–2 s)",
  progressEvery: 5,
  repeatBound: 0.01,
  async waitToKill({ between }) {
    // Both up: one dies while the other goes on.
    for (let i = 0; !h.replicas.every((r) => r.up); i++) {
      if (i > 3_000) throw new Error("a replica stayed down for 30 s");
      await sleep(10);
    }
    await sleep(between(700, 2_500));
  },
  async pickVictim({ between }) {
    const victim = h.replica(between(0, h.replicas.length - 1));
    killedLeader.push((await h.leader()) === victim.index);
    return {
      kill: () => victim.kill(),
      // The other replica carries on alone for a while.
      beforeRestart: () => sleep(between(300, 2_000)),
      start: () => victim.start(),
    };
  },
  /** What each replica keeps in its own DATA_DIR (Zalo's seen updates, its inbox) must parse after a kill. */
  async corruptJsonFiles() {
    const corrupt: string[] = [];
    for (const r of h.replicas) {
      const entries = await readdir(r.dataDir, { recursive: true, withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        if (!e.isFile() || !e.name.endsWith(".json")) continue;
        const file = path.join(e.parentPath, e.name);
        try {
          JSON.parse(await readFile(file, "utf8"));
        } catch {
          corrupt.push(path.relative(h.root, file));
        }
      }
    }
    return corrupt;
  },
  async stop() {
    const codes = await h.stop();
    return codes.every((c) => c === 0) ? 0 : (codes.find((c) => c !== 0) ?? null);
  },
  logRecord: (l) => ({ replica: l.replica, run: l.run, ...(l.json ?? { text: l.text }) }),
  lastReceived: (texts) =>
    texts
      .slice(-3)
      .map((t) => t.slice(0, 60).replace(/\n/g, " "))
      .join(" ‖ "),
  async onFailure() {
    // What each replica's channels say at the failure (counters only): stuck, failed or skipped updates.
    for (const r of h.replicas) {
      const health = r.up ? await r.health().catch(() => undefined) : undefined;
      out(
        `  replica ${r.index}: ${health ? JSON.stringify({ replica: health.replica, channels: health.channels }) : "down"}`,
      );
    }
  },
  moreFaultLines: () => [
    `  kills of the leader (Zalo's poller)   ${killedLeader.filter(Boolean).length} of ${killedLeader.length}`,
    `  requests through the proxy            ${h.proxied.join(" + ")} (502 while none answered: ${h.refused})`,
  ],
  async openStores() {
    const corruptStores = 0;
    const db = new pg.Client({ connectionString: h.databaseUrl });
    await db.connect();
    const dossierRows = await db.query<{ key: string; record: string }>("SELECT key, record FROM dossiers");
    const stored = new Map(
      dossierRows.rows.map((r) => [
        r.key,
        JSON.parse(r.record) as { status: number; seq: number; statusSince: number },
      ]),
    );
    const repo = { get: async (key: string) => stored.get(key) };
    const links = await db.query<{ chat_key: string; dossier_key: string }>(
      "SELECT chat_key, dossier_key FROM subscriptions",
    );
    const subs = {
      chatsOf: async (key: string) => links.rows.filter((l) => l.dossier_key === key).map((l) => l.chat_key),
    };
    const ratingRows = await db.query<{ key: string; rating: string }>("SELECT key, rating FROM ratings");
    const byKey = new Map(ratingRows.rows.map((r) => [r.key, JSON.parse(r.rating) as { level: string }]));
    const ratings = { get: async (key: string) => byKey.get(key) };
    const queued = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL");
    const ticks = await db.query<{ job: string; n: number }>(
      "SELECT job, count(*)::int AS n FROM job_runs GROUP BY job",
    );
    out(`  job_runs rows (ticks of the last 2 days): ${ticks.rows.map((r) => `${r.job} ${r.n}`).join(", ")}`);
    await db.end();
    const outbox = { pending: { length: queued.rows[0]?.n ?? -1 } };
    return { corruptStores, repo, subs, ratings, outbox };
  },
});

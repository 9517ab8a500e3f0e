// npm run bench:province (meanwhile: npx tsx bench/province.ts [scales, e.g. 100000,1000000])
//
// Figures for a province on one deployment (issue 14 item 5), the file store beside PostgreSQL
// in the same run, at each scale (100,000 then 1,000,000 dossiers by default):
//   load time and size on disk; service open time and memory; verified lookup; subscription and
//   rating persisted (chat tap end to end: durable — fsync for files, commit with fsync on for
//   PostgreSQL); 1,000 status changes imported; the reminder scan (how long, rows touched);
// then, on the largest scale's data, webhook throughput of real service processes
// (node --import tsx src/main.ts) with the fake Telegram API: the file store with one process,
// PostgreSQL with one and with two replicas on the same database.
// Timings are figures, not pass/fail. Every figure carries the 1-minute load average when it was
// taken (/proc/loadavg): the machine's 2 cores are shared. Data lives in temp dirs, removed at the end.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import pino from "pino";
import { LiveCatalogue } from "../src/catalogue/live.js";
import { loadConfig } from "../src/config.js";
import type { Sender } from "../src/core/types.js";
import { codeKey } from "../src/dossiers/code.js";
import { copyDossiers, copySubscriptions, PostgresDossierRepository } from "../src/dossiers/postgres.js";
import { Hasher, loadHashKey } from "../src/dossiers/privacy.js";
import { readExport } from "../src/dossiers/records.js";
import { FileDossierRepository } from "../src/dossiers/repository.js";
import { type DossierRecord, STATUS } from "../src/dossiers/schema.js";
import { FileSubscriptionRepository } from "../src/dossiers/subscriptions.js";
import { copyRatings } from "../src/ratings/postgres.js";
import type { Rating } from "../src/ratings/schema.js";
import { FileRatingRepository } from "../src/ratings/store.js";
import { createService } from "../src/service.js";
import { createPool } from "../src/storage/postgres/database.js";
import { migrate } from "../src/storage/postgres/migrate.js";
import { startDurablePostgres } from "./durable-postgres.js";
import {
  codeOf,
  HASH_KEY,
  last4Of,
  loadavg,
  NOW,
  PROCEDURES,
  rated,
  ratingOf,
  recordOf,
  SEED,
  SEEDED_AT,
  statusOf,
  subscribed,
  WARDS,
} from "./province-data.js";
import { benchWebhook, type WebhookResult } from "./province-webhook.js";

// ---- figures ------------------------------------------------------------------------------

export interface Figure {
  scale: number;
  store: string;
  name: string;
  value: number;
  unit: string;
  /** 1-minute load average when the figure was taken. */
  load: number;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;
const time = async (fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

/** Bytes under a directory. */
async function du(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name))).size;
  }
  return total;
}

type Kind = "file" | "postgres";
interface Job {
  kind: Kind;
  scale: number;
  dataDir: string;
  databaseUrl?: string;
}

// ---- child: seed ----------------------------------------------------------------------------

const BATCH = 50_000;

async function seed(job: Job): Promise<Figure[]> {
  const { kind, scale, dataDir } = job;
  const figures: Figure[] = [];
  const fig = (name: string, value: number, u: string) =>
    figures.push({ scale, store: kind, name, value, unit: u, load: loadavg() });
  const hasher = new Hasher(await loadHashKey(dataDir, HASH_KEY));
  const subs: { chatKey: string; key: string; at: number }[] = [];
  const ratings: Rating[] = [];
  for (let i = 0; i < scale; i++) {
    if (subscribed(i)) subs.push({ chatKey: `telegram:${1_000_000 + i}`, key: codeKey(codeOf(i)), at: SEEDED_AT });
    if (rated(i)) ratings.push(ratingOf(i));
  }
  const started = performance.now();
  if (kind === "file") {
    // The store's own bulk path: upserts of 200,000 records, each writing its touched shards once.
    const repo = await FileDossierRepository.open(path.join(dataDir, "dossiers"), hasher.keyId);
    for (let from = 0; from < scale; from += 200_000) {
      const records: DossierRecord[] = [];
      for (let i = from; i < Math.min(scale, from + 200_000); i++) records.push(recordOf(i, hasher));
      await repo.upsert(records, SEEDED_AT);
    }
    fig("load dossiers", (performance.now() - started) / 1000, "s");
    // Writes asked for together are coalesced into one per shard file (AtomicJsonFile).
    const t1 = performance.now();
    const links = await FileSubscriptionRepository.open(path.join(dataDir, "subscriptions"));
    for (let k = 0; k < subs.length; k += BATCH)
      await Promise.all(subs.slice(k, k + BATCH).map((s) => links.add(s.chatKey, s.key, s.at)));
    const store = await FileRatingRepository.open(path.join(dataDir, "ratings"));
    for (let k = 0; k < ratings.length; k += BATCH)
      await Promise.all(ratings.slice(k, k + BATCH).map((r) => store.save(r)));
    fig("load subscriptions + ratings", (performance.now() - t1) / 1000, "s");
    fig("size on disk (DATA_DIR)", (await du(dataDir)) / 2 ** 20, "MB");
  } else {
    const pool = createPool(job.databaseUrl as string, { max: 2 });
    try {
      await migrate(pool);
      await PostgresDossierRepository.open(pool, hasher.keyId);
      // Batched multi-row inserts (unnest, 5,000 rows a statement: copyDossiers, as the move
      // command does) in one transaction; the indexes are dropped first and built once after.
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("DROP INDEX dossiers_status");
        await client.query("ALTER TABLE dossiers DROP CONSTRAINT dossiers_pkey");
        for (let from = 0; from < scale; from += BATCH) {
          const records: DossierRecord[] = [];
          for (let i = from; i < Math.min(scale, from + BATCH); i++) records.push(recordOf(i, hasher));
          // New records as planUpsert stores them (seq 0, dates of the seeding), without its per-record diff.
          const dossiers = records.map((r) => ({
            ...r,
            seq: 0,
            statusSince: SEEDED_AT,
            updatedAt: SEEDED_AT,
            ...(r.status === STATUS.ready ? { readyAt: SEEDED_AT } : {}),
          }));
          await copyDossiers(client, dossiers);
        }
        await client.query("ALTER TABLE dossiers ADD PRIMARY KEY (key)");
        await client.query("CREATE INDEX dossiers_status ON dossiers (status)");
        await client.query("COMMIT");
      } finally {
        client.release();
      }
      fig("load dossiers", (performance.now() - started) / 1000, "s");
      const t1 = performance.now();
      const c2 = await pool.connect();
      try {
        await c2.query("BEGIN");
        await copySubscriptions(c2, subs);
        await copyRatings(c2, ratings);
        await c2.query("COMMIT");
      } finally {
        c2.release();
      }
      fig("load subscriptions + ratings", (performance.now() - t1) / 1000, "s");
      await pool.query("VACUUM ANALYZE");
      const { rows } = await pool.query<{ db: number; dossiers: number; idx: number; subs: number; ratings: number }>(
        `SELECT pg_database_size(current_database())::float8 AS db,
                pg_total_relation_size('dossiers')::float8 AS dossiers,
                pg_indexes_size('dossiers')::float8 AS idx,
                pg_total_relation_size('subscriptions')::float8 AS subs,
                pg_total_relation_size('ratings')::float8 AS ratings`,
      );
      const r = rows[0] as (typeof rows)[0];
      fig("size: database", r.db / 2 ** 20, "MB");
      fig("size: dossiers table with indexes", r.dossiers / 2 ** 20, "MB");
      fig("size: of which dossiers' indexes", r.idx / 2 ** 20, "MB");
      fig("size: subscriptions (with indexes)", r.subs / 2 ** 20, "MB");
      fig("size: ratings (with indexes)", r.ratings / 2 ** 20, "MB");
    } finally {
      await pool.end();
    }
  }
  fig("seeded: subscriptions", subs.length, "rows");
  fig("seeded: ratings", ratings.length, "rows");
  return figures;
}

// ---- child: measure, on the service as the bot builds it --------------------------------------

const SAMPLES = 200;

async function measure(job: Job): Promise<Figure[]> {
  const { kind, scale, dataDir } = job;
  const figures: Figure[] = [];
  const fig = (name: string, value: number, u: string) =>
    figures.push({ scale, store: kind, name, value, unit: u, load: loadavg() });
  const config = loadConfig({
    DATA_DIR: dataDir,
    PHONE_HASH_KEY: HASH_KEY,
    RATE_LIMIT_PER_MINUTE: "100000",
    ...(job.databaseUrl ? { DATABASE_URL: job.databaseUrl } : {}),
  });
  const catalogue = await LiveCatalogue.open(config.catalogueDir);
  const sender: Sender = { channel: "telegram", send: async () => undefined };
  const rssBefore = process.memoryUsage().rss;
  const opened = performance.now();
  const service = await createService(config, {
    logger: pino({ level: "silent" }),
    clock: { now: () => NOW },
    channels: [],
    catalogue,
    senders: [sender],
    fsync: true,
  });
  fig("service open (stores read)", (performance.now() - opened) / 1000, "s");
  global.gc?.();
  fig("memory after open (RSS)", process.memoryUsage().rss / 2 ** 20, "MB");
  fig("memory added by the stores (RSS)", (process.memoryUsage().rss - rssBefore) / 2 ** 20, "MB");
  const dossiers = service.dossiers as NonNullable<typeof service.dossiers>;
  const say = (c: string, text: string) => service.assistant.handle(c, { kind: "text", text });
  const pick = (c: string, id: string) => service.assistant.handle(c, { kind: "choice", id });
  // Seeded picks: a simple LCG over the dossier numbers.
  let state = SEED;
  const draw = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % scale;
  };
  const drawWhere = (ok: (i: number) => boolean, taken: Set<number>) => {
    for (let tries = 0; tries < 100 * scale; tries++) {
      const i = draw();
      if (ok(i) && !taken.has(i)) {
        taken.add(i);
        return i;
      }
    }
    throw new Error(`scale ${scale} is too small for the samples`);
  };

  // Verified lookup: guard, keyed hash, the record (the call behind /hoso's digits).
  {
    const times: number[] = [];
    for (let s = 0; s < 2_000; s++) {
      const i = draw();
      const chat = `telegram:${2_000_000 + (s % 500)}`;
      times.push(await time(() => dossiers.lookup(chat, codeOf(i), last4Of(i))));
    }
    fig("verified lookup (median)", median(times), "ms");
    fig("verified lookup (p95)", p95(times), "ms");
  }

  // As chat messages: /hoso CODE, the digits (timed), then the tap "follow" (timed: link + state, durable).
  const taken = new Set<number>();
  {
    const lookups: number[] = [];
    const taps: number[] = [];
    for (let s = 0; s < SAMPLES; s++) {
      const i = drawWhere((n) => !subscribed(n) && ![3, 7, 8, 10].includes(statusOf(n)), taken);
      const c = `telegram:${3_000_000 + s}`;
      await say(c, `/hoso ${codeOf(i)}`);
      lookups.push(await time(() => say(c, last4Of(i))));
      taps.push(await time(() => pick(c, `d:s:${codeKey(codeOf(i))}`)));
    }
    fig("lookup as a chat message (median)", median(lookups), "ms");
    fig("lookup as a chat message (p95)", p95(lookups), "ms");
    fig("subscription persisted, chat tap (median)", median(taps), "ms");
    fig("subscription persisted, chat tap (p95)", p95(taps), "ms");
  }
  // Ratings: handed-over, unrated dossiers; the tap on a level is timed (rating + state, durable).
  {
    const taps: number[] = [];
    for (let s = 0; s < SAMPLES; s++) {
      const i = drawWhere((n) => statusOf(n) === 10 && !rated(n), taken);
      const c = `telegram:${4_000_000 + s}`;
      await say(c, `/hoso ${codeOf(i)}`);
      await say(c, last4Of(i));
      taps.push(await time(() => pick(c, `d:r:${codeKey(codeOf(i))}:0`)));
    }
    fig("rating persisted, chat tap (median)", median(taps), "ms");
    fig("rating persisted, chat tap (p95)", p95(taps), "ms");
  }
  // 1,000 status changes pushed by the one-stop system (parse, validate, queue notices, store).
  {
    const changed = Array.from({ length: 1_000 }, () => drawWhere((n) => statusOf(n) === 4, taken));
    const csv = [
      "code,procedure_code,applicant_name,phone,received_at,due_at,status,status_note,office",
      ...changed.map((i) =>
        [
          codeOf(i),
          PROCEDURES[i % PROCEDURES.length],
          "Nguyễn Văn An",
          `091234${last4Of(i)}`,
          "03/11/2025",
          "2025-11-28",
          5,
          "Bổ sung bản sao giấy khai sinh",
          `ubnd-${i % WARDS}`,
        ].join(","),
      ),
    ].join("\n");
    const parsed = readExport(csv, "csv");
    if (!parsed.ok) throw new Error(parsed.error);
    const ms = await time(() => dossiers.importRows(parsed.rows));
    fig("import of 1,000 status changes", ms, "ms");
  }
  // The reminder scan: ready dossiers (3%) whose chats are due their day-3 reminder.
  {
    const touched = await rowsTouched(job.databaseUrl);
    let scan = { followed: 0, queued: 0 } as { followed: number; queued: number };
    const first = await time(async () => {
      scan = (await dossiers.remindPendingPickups()) as typeof scan;
    });
    const touchedFirst = await touched();
    fig("reminder scan, first of the day (incl. daily link upkeep)", first, "ms");
    fig("reminder scan: ready dossiers followed", scan.followed, "dossiers");
    fig("reminder scan: reminders queued", scan.queued, "messages");
    const again = await time(async () => {
      scan = (await dossiers.remindPendingPickups()) as typeof scan;
    });
    const touchedAgain = await touched();
    fig("reminder scan, again (steady state)", again, "ms");
    let readyCount = 0;
    for (let i = 0; i < scale; i++) if (statusOf(i) === 9) readyCount++;
    // The store reads only the followed ones (readyWithChats); this is what it chooses from.
    fig("reminder scan: ready dossiers in the data", readyCount, "dossiers");
    if (touchedFirst !== undefined && touchedAgain !== undefined) {
      fig("reminder scan, first: rows read in PostgreSQL (pg_stat)", touchedFirst, "rows");
      fig("reminder scan, again: rows read in PostgreSQL (pg_stat)", touchedAgain, "rows");
    }
  }
  fig("memory at the end (RSS)", process.memoryUsage().rss / 2 ** 20, "MB");
  await service.close();
  return figures;
}

/** Rows PostgreSQL read from dossiers and subscriptions since the last call (pg_stat_user_tables); undefined for files. */
async function rowsTouched(url: string | undefined): Promise<() => Promise<number | undefined>> {
  if (!url) return async () => undefined;
  const read = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // A backend passes its statistics on at most once a second, and one gone idle only after
      // 10 s (PostgreSQL 15's PGSTAT_IDLE_INTERVAL): after 1.5 s a scan's rows were still partly
      // unreported and were counted in the next figure.
      await new Promise((r) => setTimeout(r, 11_000));
      await client.query("SELECT pg_stat_clear_snapshot()");
      const { rows } = await client.query<{ n: string }>(
        `SELECT sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::text AS n
           FROM pg_stat_user_tables WHERE relname IN ('dossiers', 'subscriptions')`,
      );
      return Number(rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  };
  let last = await read();
  return async () => {
    const now = await read();
    const delta = now - last;
    last = now;
    return delta;
  };
}

// ---- the parent: one child per (scale, store, step), so each figure's memory is its own ----------

function child(step: "seed" | "measure", job: Job): Promise<Figure[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [...process.execArgv, "--expose-gc", fileURLToPath(import.meta.url), "--child", step, JSON.stringify(job)],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    proc.stdout.setEncoding("utf8");
    proc.stdout.on("data", (chunk: string) => {
      out += chunk;
    });
    proc.on("error", reject);
    proc.on("exit", (code, signal) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)) as Figure[]);
      else reject(new Error(`${step} ${job.kind} ${job.scale} failed (${signal ?? code}): ${out.slice(-2000)}`));
    });
  });
}

function print(figures: Figure[]): void {
  for (const f of figures) {
    const value = f.unit === "ms" ? f.value.toFixed(2) : f.unit === "s" ? f.value.toFixed(1) : f.value.toFixed(0);
    process.stdout.write(
      `${String(f.scale).padStart(9)}  ${f.store.padEnd(10)} ${f.name.padEnd(58)} ${value.padStart(10)} ${f.unit.padEnd(9)} load ${f.load.toFixed(2)}\n`,
    );
  }
}

async function main(): Promise<void> {
  const scales = (process.argv[2] ?? "100000,1000000").split(",").map(Number);
  const started = performance.now();
  process.stdout.write(
    `Province bench: scales ${scales.join(", ")}; 2 cores shared (load average = 1-minute /proc/loadavg at each figure).\n\n`,
  );
  const cluster = await startDurablePostgres();
  const root = await mkdtemp(path.join(tmpdir(), "motcua-bench-province-"));
  const all: Figure[] = [];
  const cleanUp = async () => {
    await cluster.stop();
    await rm(root, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => void cleanUp().then(() => process.exit(130)));
  try {
    let last: { file: Job; postgres: Job } | undefined;
    for (const scale of scales) {
      const file: Job = { kind: "file", scale, dataDir: path.join(root, `file-${scale}`) };
      const postgres: Job = {
        kind: "postgres",
        scale,
        dataDir: path.join(root, `pg-${scale}`),
        databaseUrl: await cluster.database(`motcua_${scale}`),
      };
      for (const job of [postgres, file]) {
        for (const step of ["seed", "measure"] as const) {
          if (step === "measure" && process.env.BENCH_MEASURE === "0") continue;
          const figures = await child(step, job).catch((err: Error) => {
            const failed: Figure = {
              scale,
              store: job.kind,
              name: `${step} FAILED: ${err.message.slice(0, 300)}`,
              value: 0,
              unit: "",
              load: loadavg(),
            };
            return [failed];
          });
          print(figures);
          all.push(...figures);
        }
      }
      last = { file, postgres };
    }
    if (last && process.env.BENCH_WEBHOOK !== "0") {
      process.stdout.write("\nWebhook throughput (real service processes, fake Telegram API, saturating chats):\n");
      const runs: [string, Job, number][] = [
        ["file", last.file, 1],
        ["postgres", last.postgres, 1],
        ["postgres", last.postgres, 2],
      ];
      for (const [store, job, replicas] of runs) {
        const result: WebhookResult | Error = await benchWebhook({
          replicas,
          dataDir: store === "file" ? job.dataDir : undefined,
          databaseUrl: job.databaseUrl,
          scale: job.scale,
          ...(process.env.BENCH_WEBHOOK_UPDATES ? { updates: Number(process.env.BENCH_WEBHOOK_UPDATES) } : {}),
        }).catch((err: Error) => err);
        const name = `webhook, ${replicas} ${replicas === 1 ? "process" : "replicas"}`;
        const figures: Figure[] =
          result instanceof Error
            ? [
                {
                  scale: job.scale,
                  store,
                  name: `${name} FAILED: ${result.message.slice(0, 300)}`,
                  value: 0,
                  unit: "",
                  load: loadavg(),
                },
              ]
            : [
                {
                  scale: job.scale,
                  store,
                  name: `${name}: updates/s answered`,
                  value: result.updatesPerSec,
                  unit: "upd/s",
                  load: result.load,
                },
                {
                  scale: job.scale,
                  store,
                  name: `${name}: answer latency (median)`,
                  value: result.p50Ms,
                  unit: "ms",
                  load: result.load,
                },
                {
                  scale: job.scale,
                  store,
                  name: `${name}: answer latency (p95)`,
                  value: result.p95Ms,
                  unit: "ms",
                  load: result.load,
                },
                {
                  scale: job.scale,
                  store,
                  name: `${name}: service start`,
                  value: result.startSeconds,
                  unit: "s",
                  load: result.load,
                },
                {
                  scale: job.scale,
                  store,
                  name: `${name}: deliveries repeated (reset or 5xx)`,
                  value: result.retries,
                  unit: "updates",
                  load: result.load,
                },
              ];
        print(figures);
        all.push(...figures);
      }
    }
  } finally {
    await cleanUp();
  }
  process.stdout.write(`\nDone in ${((performance.now() - started) / 60_000).toFixed(1)} min.\n`);
  if (process.env.BENCH_JSON) process.stdout.write(`JSON ${JSON.stringify(all)}\n`);
  // The fakes' keep-alive sockets and timers would hold the process open: the work is done.
  process.exit(0);
}

if (process.argv[2] === "--child") {
  const step = process.argv[3] as "seed" | "measure";
  const job = JSON.parse(process.argv[4] as string) as Job;
  const figures = step === "seed" ? await seed(job) : await measure(job);
  process.stdout.write(`RESULT ${JSON.stringify(figures)}\n`);
  process.exit(0);
} else {
  await main();
}

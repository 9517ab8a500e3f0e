// npm run bench:store — the dossier store with 100,000 dossiers, on real files in a temp dir.
// Prints each figure next to its target. Seeds: 100k dossiers, 20k subscriptions, 20k ratings.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { LiveCatalogue } from "../src/catalogue/live.js";
import { loadConfig } from "../src/config.js";
import type { Sender } from "../src/core/types.js";
import { codeKey } from "../src/dossiers/code.js";
import { ingestRows } from "../src/dossiers/ingest.js";
import { Hasher, loadHashKey } from "../src/dossiers/privacy.js";
import { readExport } from "../src/dossiers/records.js";
import { FileDossierRepository } from "../src/dossiers/repository.js";
import { FileSubscriptionRepository } from "../src/dossiers/subscriptions.js";
import { RatingLevel } from "../src/ratings/schema.js";
import { FileRatingRepository } from "../src/ratings/store.js";
import { createService } from "../src/service.js";

const DOSSIERS = 100_000;
const SUBSCRIBED = 20_000;
const READY = 5_000; // of the subscribed ones: status 9 since two days
const RATED = 20_000;
const SAMPLES = 200;

const dir =
  process.argv[2] === "--seed" ? (process.argv[3] as string) : await mkdtemp(path.join(tmpdir(), "motcua-bench-"));
const config = loadConfig({ DATA_DIR: dir, PHONE_HASH_KEY: "bench-key-0123456789abcdef" });
const logger = pino({ level: "silent" });
const t = Date.parse("2025-11-11T09:00:00+07:00"); // a Tuesday, office hours
const now = () => t;
const results: [string, string, string, boolean][] = [];
/** A figure against its target; without a target it is printed for information. */
const report = (name: string, value: number, unit: string, target?: number) =>
  results.push([
    name,
    `${value.toFixed(unit === "MB" ? 0 : 2)} ${unit}`,
    target === undefined ? "information" : `target ≤ ${target} ${unit}`,
    target === undefined || value <= target,
  ]);

const code = (i: number) =>
  `000.31.20.H49-2511${String(1 + (i % 28)).padStart(2, "0")}-${String(Math.floor(i / 28)).padStart(5, "0")}`;
const phone = (i: number) => `09${String(i).padStart(8, "0")}`;
const row = (i: number, status: number) =>
  [code(i), "1.001193", "Nguyễn Văn An", phone(i), "03/11/2025", "2025-11-20", status, "", "ubnd"].join(",");
const HEADER = "code,procedure_code,applicant_name,phone,received_at,due_at,status,status_note,office";
const csv = (lines: string[]) => [HEADER, ...lines].join("\n");
const rowsOf = (text: string) => {
  const parsed = readExport(text, "csv");
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.rows;
};
const chat = (i: number) => `telegram:${1_000_000 + i}`;

// --- Seed (in a child process, so the figures below are the service's own memory) ---------
if (process.argv[2] === "--seed") {
  await seed();
  process.exit(0);
}
const seedStart = performance.now();
await new Promise<void>((resolve, reject) => {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--seed", dir], {
    stdio: "inherit",
  });
  child.on("error", reject);
  child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seeding failed (${code})`))));
});
const seedMs = performance.now() - seedStart;

async function seed(): Promise<void> {
  const hasher = new Hasher(await loadHashKey(dir, config.PHONE_HASH_KEY));
  const repo = await FileDossierRepository.open(path.join(dir, "dossiers"), hasher.keyId);
  for (let from = 0; from < DOSSIERS; from += 20_000) {
    const lines = [];
    for (let i = from; i < from + 20_000; i++) lines.push(row(i, i < READY ? 9 : 4));
    await ingestRows(
      { dossiers: repo, hasher, now: () => t - 2 * 86_400_000, notify: async () => 0 },
      rowsOf(csv(lines)),
    );
  }
  const subs = await FileSubscriptionRepository.open(path.join(dir, "subscriptions"));
  await Promise.all(Array.from({ length: SUBSCRIBED }, (_, i) => subs.add(chat(i), codeKey(code(i)), t)));
  const ratings = await FileRatingRepository.open(path.join(dir, "ratings"));
  await Promise.all(
    Array.from({ length: RATED }, (_, i) =>
      ratings.save({
        key: `OLD-${i}`,
        procedureCode: "1.001193",
        level: RatingLevel.options[i % 3] as RatingLevel,
        scale: 3,
        criteria: { time: "on_time", visits: "1" },
        comment: i % 5 === 0 ? "Cán bộ hướng dẫn tận tình, thủ tục nhanh gọn." : undefined,
        at: t,
        month: `2025-${String(1 + (i % 10)).padStart(2, "0")}`,
      }),
    ),
  );
}

// --- Open the service as the bot does -------------------------------------------------------
const catalogue = await LiveCatalogue.open(config.catalogueDir);
const sender: Sender = { channel: "telegram", send: async () => undefined };
const openStart = performance.now();
// Built as the bot builds it, not started: no channels, no timers; the bench runs the jobs itself.
const service = await createService(config, { logger, clock: { now }, channels: [], catalogue, senders: [sender] });
const openMs = performance.now() - openStart;
const { assistant } = service;
const dossiers =
  service.dossiers ??
  (() => {
    throw new Error("no data directory");
  })();
const say = (c: string, text: string) => assistant.handle(c, { kind: "text", text });
const pick = (c: string, id: string) => assistant.handle(c, { kind: "choice", id });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;
const time = async (fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

// Verified lookup: the guard, the keyed hash and the record, as a chat's digits trigger it.
{
  const times: number[] = [];
  for (let s = 0; s < 2000; s++) {
    const i = (s * 7919) % DOSSIERS;
    times.push(await time(() => dossiers.lookup(chat(i), code(i), phone(i).slice(-4))));
  }
  report("verified lookup (median)", median(times), "ms", 2);
}

// The same lookup as a chat message, end to end (includes saving the conversation state).
const lookupTimes: number[] = [];
const subscribeTimes: number[] = [];
for (let s = 0; s < SAMPLES; s++) {
  const i = SUBSCRIBED + s * 13;
  const c = chat(i);
  await say(c, `/hoso ${code(i)}`);
  lookupTimes.push(await time(() => say(c, phone(i).slice(-4))));
  subscribeTimes.push(await time(() => pick(c, `d:s:${codeKey(code(i))}`)));
}
report("lookup as a chat message (median, incl. state save)", median(lookupTimes), "ms");
report("subscription persisted (p95, chat tap end to end)", p95(subscribeTimes), "ms", 50);

// Ratings: dossiers handed over, each chat verified, then the tap on a level is timed.
{
  const handed = Array.from({ length: SAMPLES }, (_, s) => 50_000 + s);
  await dossiers.importRows(rowsOf(csv(handed.map((i) => row(i, 10)))));
  const times: number[] = [];
  for (const i of handed) {
    const c = chat(i);
    await say(c, `/hoso ${code(i)}`);
    await say(c, phone(i).slice(-4));
    times.push(await time(() => pick(c, `d:r:${codeKey(code(i))}:0`)));
  }
  report("rating persisted (p95, chat tap end to end)", p95(times), "ms", 50);
}

// 10,000 status changes (1,000 of them followed by a chat): parse, validate, queue notices, store.
{
  const changed = Array.from({ length: 10_000 }, (_, k) => READY + k * 9);
  const text = csv(changed.map((i) => row(i, 5)));
  const ms = await time(() => dossiers.importRows(rowsOf(text)));
  report("import of 10,000 status changes", ms / 1000, "s", 5);
}

// Reminder scan over every followed dossier (5,000 ready for two days → day-1 reminders).
{
  const first = await time(() => dossiers.remindPendingPickups());
  const again = await time(() => dossiers.remindPendingPickups());
  report("reminder scan (first, queues 5,000 reminders)", first, "ms", 200);
  report("reminder scan (steady state)", again, "ms", 200);
}

const rss = process.memoryUsage().rss / 1024 / 1024;
report("process memory (RSS)", rss, "MB", 300);

await service.close();
await rm(dir, { recursive: true, force: true });

process.stdout.write(
  `Seeded ${DOSSIERS} dossiers, ${SUBSCRIBED} subscriptions, ${RATED} ratings in ${(seedMs / 1000).toFixed(1)} s; ` +
    `opened the service in ${openMs.toFixed(0)} ms.\n\n`,
);
const width = Math.max(...results.map((r) => r[0].length));
for (const [name, value, target, ok] of results) {
  process.stdout.write(`${ok ? "✓" : "✗"} ${name.padEnd(width)}  ${value.padStart(10)}  (${target})\n`);
}
process.exitCode = results.every((r) => r[3]) ? 0 : 1;

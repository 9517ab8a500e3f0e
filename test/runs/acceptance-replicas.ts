/**
 * npm run acceptance:replicas — the acceptance day (test/harness/office-day.ts) against two
 * replicas of the service on one PostgreSQL, behind a round-robin proxy standing for the HTTPS
 * load balancer (test/harness/replicas.ts). Telegram polls (only the leader does), Zalo posts
 * its webhook through the proxy (either replica takes it), the dossier pushes and /healthz go
 * through the proxy too, and both replicas run the schedule on the shared test clock: every
 * citizen must receive exactly the expected messages, none twice, none missing.
 *
 * Then: /healthz names the database and each replica's role (one leader); every job tick ran
 * once (job_runs); the logs hold no secret or personal data and no error; the leader stopped
 * with SIGTERM hands polling over (a Telegram message is answered by the other replica); both
 * exit 0.
 *
 * Prints a transcript; exits 1 at the first failure. ACCEPTANCE_KEEP=1 keeps the temp directory.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { OFFICE_DAY_OPTIONS, personalValues, playOfficeDays } from "../harness/office-day.js";
import { ReplicaHarness } from "../harness/replicas.js";
import { printFailure, printPlaySummary, seconds, waitUntil } from "../harness/service-harness.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
const started = performance.now();
const h = await ReplicaHarness.create(OFFICE_DAY_OPTIONS);
h.cleanUpOnSignals();
let failed: unknown;
try {
  out("npm run acceptance:replicas: two replicas on one PostgreSQL behind a round-robin proxy");
  out("  Telegram polling (the leader polls), Zalo webhook (either replica), local fakes, the test clock");
  await h.start();
  const leader = await h.leader();
  if (leader === undefined) throw new Error("no replica says it is the leader");
  out(
    `replicas up on 127.0.0.1:${h.replica(0).port} and :${h.replica(1).port}, proxy ${h.apiUrl}; leader: replica ${leader}; ${seconds(started)} s`,
  );
  out();
  // ReplicaHarness offers what the play uses of a harness (OfficeHarness).
  const result = await playOfficeDays(h, { full: true, out });

  out();
  out("Checks after the play");
  const roles: string[] = [];
  for (const r of h.replicas) {
    const health = await r.health();
    const database = health.database as { reachable?: boolean; migration?: number } | undefined;
    const replica = health.replica as { role?: string; name?: string } | undefined;
    if (!database?.reachable) throw new Error(`replica ${r.index}: /healthz says the database is not reachable`);
    if (!replica?.role) throw new Error(`replica ${r.index}: /healthz has no replica role`);
    roles.push(replica.role);
  }
  if (roles.filter((role) => role === "leader").length !== 1)
    throw new Error(`roles ${roles.join(", ")}: not one leader`);
  out(`  ✓ /healthz on each replica: database reachable, roles ${roles.join(" and ")}`);
  const served = h.proxied.map((n, i) => `replica ${i} ${n}`).join(", ");
  if (h.proxied.some((n) => n === 0)) throw new Error(`the proxy reached one replica only (${served})`);
  out(`  ✓ the proxy spread ${h.proxied.reduce((a, b) => a + b, 0)} requests: ${served}`);

  const db = new pg.Client({ connectionString: h.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ job: string; ticks: string; replicas: string }>(
      "SELECT job, count(*) AS ticks, string_agg(DISTINCT replica, ' ') AS replicas FROM job_runs GROUP BY job ORDER BY job",
    );
    out(
      `  ✓ job ticks, each once (job_runs is keyed by job and tick): ${rows.map((r) => `${r.job} ${r.ticks} (by ${r.replicas.split(" ").length} replica(s))`).join(", ")}`,
    );
    const perReplica = h.logs.filter((l) => l.json?.msg === "pickup reminder scan failed").length;
    if (perReplica > 0) throw new Error(`${perReplica} reminder scans failed`);
  } finally {
    await db.end();
  }

  const leaks = h.leaks([...h.secretValues, ...personalValues()]);
  if (leaks.length > 0) {
    throw new Error(`logs hold secrets or personal data:\n${leaks.map((l) => `  ${l.value}: ${l.line}`).join("\n")}`);
  }
  out(`  ✓ ${h.logs.length} log lines of both replicas: no token, secret, phone number, name, code, chat id or text`);
  const errors = h.logs.filter((l) => typeof l.json?.level === "number" && l.json.level >= 50);
  if (errors.length > 0)
    throw new Error(`errors logged:\n${errors.map((l) => `  [${l.replica}] ${l.text}`).join("\n")}`);
  out("  ✓ no error logged");

  // Take-over: the leader stops; the other replica must poll Telegram from now on.
  const before = await h.leader();
  if (before === undefined) throw new Error("no leader before the hand-over");
  const other = 1 - before;
  const t0 = performance.now();
  const code = await h.replica(before).stop();
  if (code !== 0) throw new Error(`replica ${before} exited with ${code} on SIGTERM`);
  await waitUntil(async () => (await h.leader()) === other, 60_000, `replica ${other} to lead`);
  const chat = 770_009;
  await h.telegram.sendText(chat, "/start", { languageCode: "vi" });
  await waitUntil(() => h.received(`telegram:${chat}`).length === 1, 30_000, "the new leader to answer on Telegram");
  out(
    `  ✓ the leader (replica ${before}) stopped with SIGTERM (exit 0): replica ${other} took polling over and answered, in ${seconds(t0)} s`,
  );
  const last = await h.replica(other).stop();
  if (last !== 0) throw new Error(`replica ${other} exited with ${last} on SIGTERM`);
  out(`  ✓ replica ${other} stopped with SIGTERM: exit 0`);

  printPlaySummary(result, out);
  out(
    `PASSED: ${result.steps} steps, ${result.messagesChecked} messages checked on two replicas, none missing or extra, in ${seconds(started)} s`,
  );
} catch (err) {
  failed = err;
} finally {
  if (failed) {
    printFailure(
      failed,
      h.logs.slice(-20).map((l) => `  [${l.replica}] ${l.text}`),
      out,
    );
  }
  const keep = process.env.ACCEPTANCE_KEEP === "1";
  await h.close(keep);
  if (keep) out(`(kept ${h.root})`);
}
process.exitCode = failed ? 1 : 0;

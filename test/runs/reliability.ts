/**
 * npm run reliability [-- --bad-input] [--load] [--security]   (no flag: all three)
 *
 * The reliability figures of the whole service (issue 6), each part printing its figures and
 * the run exiting 1 when a goal is missed:
 *
 * - Bad input: RELIABILITY_MESSAGES (10,000) seeded hostile messages (RELIABILITY_SEED), each
 *   through Telegram's and Zalo's real webhook paths, plus forged button presses on Telegram and
 *   updates no client sends: 0 crashes, every message answered, every reply within its channel's
 *   limits (Telegram 4,096 characters and 64-byte callback data, Zalo 2,000 characters), no raw
 *   control characters.
 * - Load: RELIABILITY_LOAD_CHATS (1,000) concurrent chats, half per channel, for
 *   RELIABILITY_LOAD_SECONDS (60) with a mean think time of RELIABILITY_THINK_MS (5,000), on the
 *   webhook path: throughput, p50/p95/p99 latency, peak RSS and errors (goal: 0), beside a bare
 *   echo measured in the same run; then a saturated run (no think time) of
 *   RELIABILITY_SATURATED_SECONDS (10; 0 skips it) with RELIABILITY_SATURATED_CHATS (100): the
 *   capacity of the path (at saturation latency is queueing, so more chats only lengthen it).
 * - Security: both webhooks and POST /api/dossiers with missing or wrong secrets, oversized
 *   bodies, malformed JSON, wrong content, methods and paths: all rejected, nothing handled.
 *
 * Only 127.0.0.1 is used; temp data directories are removed; no token or message text is logged.
 */
import { performance } from "node:perf_hooks";
import { type BadInputReport, runBadInput } from "../harness/reliability-bad-input.js";
import { type LoadFigures, type LoadJob, runLoadInChild } from "../harness/reliability-load.js";
import { runSecurity, type SecurityReport } from "../harness/reliability-security.js";

const env = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};

const out = (line = "") => process.stdout.write(`${line}\n`);
const fixed = (x: number, digits = 1) => x.toFixed(digits);

async function main(): Promise<number> {
  const args = new Set(process.argv.slice(2));
  const known = ["--bad-input", "--load", "--security"];
  for (const arg of args) if (!known.includes(arg)) throw new Error(`unknown option ${arg} (use ${known.join(", ")})`);
  const all = args.size === 0;
  const failed: string[] = [];
  const started = performance.now();
  if (all || args.has("--bad-input")) {
    if (!badInputPart(await timed("bad input", () => runBadInputPart()))) failed.push("bad input");
  }
  if (all || args.has("--security")) {
    if (!securityPart(await timed("security", () => runSecurity({ timing: true })))) failed.push("security");
  }
  if (all || args.has("--load")) {
    if (!(await loadPart())) failed.push("load");
  }
  out();
  out(
    `reliability: ${failed.length === 0 ? "every goal met" : `goals missed: ${failed.join(", ")}`} (${fixed((performance.now() - started) / 1000)} s)`,
  );
  return failed.length === 0 ? 0 : 1;
}

async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  out();
  out(`== ${name} ${"=".repeat(Math.max(0, 86 - name.length))}`);
  return run();
}

// ---- bad input -------------------------------------------------------------------------------

function runBadInputPart(): Promise<BadInputReport> {
  const messages = env("RELIABILITY_MESSAGES", 10_000);
  const seed = env("RELIABILITY_SEED", 20_251_106);
  out(
    `${messages} seeded hostile messages (seed ${seed}), each through Telegram and Zalo webhooks; whole service, fake Bot APIs`,
  );
  return runBadInput({ messages, seed, progress: out });
}

function badInputPart(r: BadInputReport): boolean {
  const kinds = Object.entries(r.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  out(`messages: ${r.messages} in ${r.chats} chats (${kinds})`);
  const row = (name: string, c: BadInputReport["zalo"], extra = "") =>
    out(
      `  ${name.padEnd(9)} delivered ${String(c.delivered).padStart(6)}  answered ${String(c.answered).padStart(6)}  replies ${String(c.replies).padStart(6)}  non-200 ${c.non200}  p99 ${fixed(c.p99Ms, 0)} ms  max ${fixed(c.maxMs, 0)} ms${extra}`,
    );
  row("telegram", r.telegram, `  button presses ${r.telegram.callbacksAnswered}/${r.telegram.callbacks} answered`);
  row("zalo", r.zalo);
  const slowest = Object.entries(r.slowestMsByKind)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([kind, ms]) => `${kind} ${fixed(ms, 0)} ms`)
    .join(", ");
  out(`  slowest answers (POST → last reply, ${r.concurrency} chats in flight per channel): ${slowest}`);
  const oddStatuses = Object.entries(r.odd.statuses)
    .map(([k, n]) => `${k}: ${n}`)
    .join(", ");
  out(
    `  odd updates (right secret, shapes no client sends): ${r.odd.posted} posted (${oddStatuses}), failed inside: ${r.odd.handlerErrors}`,
  );
  out(`  crashes (unhandled rejections, uncaught exceptions): ${r.crashes.length}`);
  out(
    `  updates failed inside: telegram ${r.failures.telegram}, zalo ${r.failures.zalo}; error log lines ${r.failures.errorLogs}`,
  );
  out(`  afterwards: /healthz ${r.healthAfter}, a greeting answered on both channels: ${r.aliveAfter ? "yes" : "NO"}`);
  const problems = summarise(r.problems.map((p) => `${p.channel}: ${p.what}${p.kind ? ` [${p.kind}]` : ""}`));
  const k = r.checked;
  out(
    `  checked against the limits: telegram ${k.telegramTexts} texts (≤ 4,096 characters, valid HTML), ${k.telegramKeyboards} keyboards (callback data ≤ 64 bytes), ${k.callbackAnswers} callback answers (≤ 200); zalo ${k.zaloTexts} texts (≤ 2,000); no raw control characters`,
  );
  out(`  limit or answer violations: ${r.problems.length}`);
  for (const [what, n] of problems.slice(0, 20)) out(`    ${n} × ${what}`);
  for (const p of r.problems.slice(0, 5)) if (p.sample) out(`    e.g. ${p.channel} ${p.what}: ${p.sample}`);
  for (const c of r.crashes.slice(0, 5)) out(`    crash: ${c}`);
  const ok =
    r.problems.length === 0 &&
    r.crashes.length === 0 &&
    r.telegram.answered === r.telegram.delivered &&
    r.zalo.answered === r.zalo.delivered &&
    r.telegram.callbacksAnswered === r.telegram.callbacks &&
    r.healthAfter === 200 &&
    r.aliveAfter;
  out(
    `bad input: ${ok ? "goal met" : "GOAL MISSED"} — 0 crashes, every message answered within the channel's limits (${fixed(r.seconds)} s)`,
  );
  return ok;
}

function summarise(lines: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

// ---- security --------------------------------------------------------------------------------

function securityPart(r: SecurityReport): boolean {
  const groups = new Map<string, { total: number; rejected: number }>();
  for (const c of r.cases) {
    const g = groups.get(c.group) ?? { total: 0, rejected: 0 };
    g.total++;
    if (c.rejected) g.rejected++;
    groups.set(c.group, g);
  }
  out("requests, each expected to be rejected with nothing handled (no update taken, no API call, no dossier stored):");
  for (const [group, g] of groups) out(`  ${group.padEnd(17)} ${g.rejected}/${g.total} rejected`);
  const statuses = summarise(r.cases.map((c) => String(c.status === 0 ? "no answer (client hung up)" : c.status)));
  out(`  statuses: ${statuses.map(([s, n]) => `${s} × ${n}`).join(", ")}`);
  for (const c of r.cases.filter((x) => !x.rejected)) {
    out(
      `  NOT REJECTED: ${c.group} — ${c.name}: ${c.status} (expected ${c.expect.join(" or ")})${c.handled ? `; handled: ${c.handled}` : ""}`,
    );
  }
  out(`  handled over the whole matrix: ${r.leaks.length === 0 ? "nothing" : r.leaks.join("; ")}`);
  out(`  crashes: ${r.crashes.length}${r.crashes.length > 0 ? ` (${r.crashes.slice(0, 3).join("; ")})` : ""}`);
  const p = r.properAfter;
  out(
    `  afterwards: /healthz ${r.healthAfter}; proper requests handled: telegram ${yes(p.telegram)}, zalo ${yes(p.zalo)}, dossier import ${yes(p.dossiers)}`,
  );
  let timingOk = true;
  if (r.timing) {
    const t = r.timing.medianUs;
    // Informational: the check hashes both sides, then compares in constant time. Only a gross
    // gap (over 2 ms between medians of 400 interleaved requests each) would mean a leak.
    timingOk = r.timing.spreadUs <= 2_000;
    out(
      `  secret check timing (median of ${r.timing.samples} interleaved 401s each): first char wrong ${t.firstCharWrong} µs, last char wrong ${t.lastCharWrong} µs, 1 char ${t.short} µs, 256 chars ${t.long} µs — spread ${r.timing.spreadUs} µs`,
    );
  }
  const ok =
    r.cases.every((c) => c.rejected) &&
    r.leaks.length === 0 &&
    r.crashes.length === 0 &&
    r.healthAfter === 200 &&
    p.telegram &&
    p.zalo &&
    p.dossiers &&
    timingOk;
  out(
    `security: ${ok ? "goal met" : "GOAL MISSED"} — ${r.cases.length} hostile requests all rejected, nothing handled (${fixed(r.seconds)} s)`,
  );
  return ok;
}

const yes = (b: boolean) => (b ? "yes" : "NO");
const signed = (x: number) => `${x >= 0 ? "+" : "−"}${fixed(Math.abs(x))}`;

// ---- load ------------------------------------------------------------------------------------

async function loadPart(): Promise<boolean> {
  const chats = env("RELIABILITY_LOAD_CHATS", 1_000);
  const seconds = env("RELIABILITY_LOAD_SECONDS", 60);
  const thinkMs = env("RELIABILITY_THINK_MS", 5_000);
  const saturatedSeconds = env("RELIABILITY_SATURATED_SECONDS", 10);
  const saturatedChats = env("RELIABILITY_SATURATED_CHATS", 100);
  const warmUpSeconds = env("RELIABILITY_WARMUP_SECONDS", 3);
  const seed = env("RELIABILITY_SEED", 20_251_106);
  const base: Omit<LoadJob, "bot"> = { chats, seconds, thinkMs, warmUpSeconds, seed };
  const tg = Math.ceil(chats / 2);
  await timed("load", async () => undefined);
  out(
    `${chats} concurrent chats (${tg} Telegram, ${chats - tg} Zalo) for ${seconds} s on the webhook path, each thinking ${fixed((thinkMs * 0.4) / 1000)}–${fixed((thinkMs * 1.6) / 1000)} s (mean ${fixed(thinkMs / 1000)} s) between an answer and its next message`,
  );
  out("each run in its own process: the bot in the main thread, the fake Bot APIs and the chats in a worker thread;");
  out(
    "latency: webhook POST leaving the fake → first message of the answer reaching the fake API; RATE_LIMIT_PER_MINUTE raised",
  );
  out(
    "memory: process RSS (bot and fakes' worker, alike for both bots) idle before the load and at its peak; bot heap: main thread only",
  );
  const started = performance.now();
  const paced = {
    echo: await runLoadInChild({ ...base, bot: "echo" }),
    ours: await runLoadInChild({ ...base, bot: "ours" }),
  };
  loadTable(`paced (people thinking), ${seconds} s`, paced);
  let saturated: typeof paced | undefined;
  if (saturatedSeconds > 0) {
    const job = { ...base, chats: saturatedChats, seconds: saturatedSeconds, thinkMs: 0 };
    saturated = {
      echo: await runLoadInChild({ ...job, bot: "echo" }),
      ours: await runLoadInChild({ ...job, bot: "ours" }),
    };
    loadTable(
      `saturated: ${saturatedChats} chats, no think time (each writes again once answered), ${saturatedSeconds} s — the path's capacity`,
      saturated,
    );
  }
  const runs = [paced.echo, paced.ours, ...(saturated ? [saturated.echo, saturated.ours] : [])];
  const errors = runs.reduce((n, r) => n + r.errors.total, 0);
  for (const r of runs) {
    if (r.errors.total > 0) {
      out(`  errors in ${r.job.bot} (${r.job.thinkMs > 0 ? "paced" : "saturated"}): ${JSON.stringify(r.errors)}`);
      for (const s of r.errorSamples) out(`    ${s}`);
    }
  }
  const ok = errors === 0;
  out(
    `load: ${ok ? "goal met" : "GOAL MISSED"} — 0 errors at ${chats} concurrent chats (${fixed((performance.now() - started) / 1000)} s)`,
  );
  return ok;
}

function loadTable(title: string, runs: { echo: LoadFigures; ours: LoadFigures }): void {
  out();
  out(title);
  const head = [
    "bot",
    "channel",
    "msgs/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "max ms",
    "answered",
    "errors",
    "idle RSS",
    "peak RSS",
    "bot heap",
  ];
  const widths = [6, 9, 8, 8, 8, 8, 8, 11, 7, 10, 10, 10];
  const line = (cells: string[]) =>
    out(`  ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 8) : c.padStart(widths[i] ?? 8))).join(" ")}`);
  line(head);
  for (const bot of ["echo", "ours"] as const) {
    const r = runs[bot];
    for (const channel of ["telegram", "zalo", "all"] as const) {
      const c = r[channel];
      const mem =
        channel === "all"
          ? [`${fixed(r.idleRssMb)} MB`, `${fixed(r.peakRssMb)} MB`, `${fixed(r.peakBotHeapMb)} MB`]
          : ["", "", ""];
      line([
        channel === "telegram" ? bot : "",
        channel,
        fixed(c.perSec),
        fixed(c.p50Ms, 2),
        fixed(c.p95Ms, 2),
        fixed(c.p99Ms, 2),
        fixed(c.maxMs, 1),
        `${c.answered}/${c.sent}`,
        String(channel === "all" ? r.errors.total : c.errors),
        ...mem,
      ]);
    }
  }
  const retried = [runs.echo.all.retried, runs.ours.all.retried];
  if (retried.some((n) => n > 0)) {
    out(
      `  deliveries retried after a kept-alive socket was closed under them (as Telegram and Zalo retry): echo ${retried[0]}, ours ${retried[1]}`,
    );
  }
  const e = runs.echo.all;
  const o = runs.ours.all;
  const ratio = (a: number, b: number) => (b > 0 ? `${fixed(a / b, 2)}×` : "-");
  out(
    `  ours / echo: throughput ${fixed((o.perSec / Math.max(e.perSec, 1e-9)) * 100, 0)}%, p50 ${ratio(o.p50Ms, e.p50Ms)}, p95 ${ratio(o.p95Ms, e.p95Ms)}, p99 ${ratio(o.p99Ms, e.p99Ms)}, peak RSS ${ratio(runs.ours.peakRssMb, runs.echo.peakRssMb)} (${signed(runs.ours.peakRssMb - runs.echo.peakRssMb)} MB)`,
  );
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`reliability: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

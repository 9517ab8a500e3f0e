/**
 * npm run bench:zalo — the Zalo webhook path under load: a citizen's message POSTed to our HTTP
 * server as Zalo would (secret header, wrapped body), checked, de-duplicated, answered 200,
 * handled by the core, and the reply sent with our axios client to a fake Zalo API. Latency
 * runs from the POST leaving "Zalo" to the fake API holding every message of the answer
 * (and, for comparison with the Telegram bench, to the first one).
 *
 * Zalo's side — the fake API and the 100 chats — runs in a worker thread, as Zalo runs
 * elsewhere; the main thread runs only the bot. Each chat waits for its answer before its next
 * message. Two loads: "saturated" (no pause: the most updates per second, with latency that is
 * mostly queueing, by Little's law) and "paced" (0–2×BENCH_THINK_MS between a chat's
 * messages, as people type: the latency a citizen sees with 100 chats active). Beside it: a
 * bare echo on the same path, and the Telegram figures from bench/telegram.ts.
 *
 * Env: BENCH_CHATS (100), BENCH_UPDATES (5000, saturated), BENCH_PACED_UPDATES (2000),
 * BENCH_THINK_MS (500). Goal: p95 ≤ 20 ms at 100 chats.
 */
import { existsSync } from "node:fs";
import { Agent } from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread, workerData } from "node:worker_threads";
import { LiveCatalogue } from "../src/catalogue/live.js";
import { startZalo } from "../src/channels/zalo/index.js";
import { renderForZalo } from "../src/channels/zalo/render.js";
import { loadConfig } from "../src/config.js";
import { MemoryConversationStore } from "../src/core/types.js";
import { createAssistant } from "../src/features/index.js";
import { createLogger } from "../src/logger.js";
import { HttpServer } from "../src/server/http.js";
import { FAKE_TOKEN, FakeZaloApi, textUpdate } from "../test/harness/fake-zalo-api.js";
import { serveJobs, TsxWorker } from "../test/harness/tsx-worker.js";
import {
  type BotUnderTest,
  postZaloWebhook,
  ZALO_BENCH_SECRET,
  ZALO_SCRIPT,
  zaloEchoBot,
} from "../test/harness/webhook-load.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WORKER_ROLE = "bench-zalo-fake";
/** Rounds per chat before measuring: JIT, and full connection pools (a busy server accepts new connections slowly). */
const WARM_UP = 5;

export interface BenchResult {
  updatesPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms?: number;
  /** p95 to the answer's first message (what the Telegram bench measures). */
  p95FirstMs?: number;
}

export interface BenchOptions {
  bot: "ours" | "echo";
  chats: number;
  updates: number;
  /** Mean pause between a chat's messages; 0 (default) sends the next one as soon as the answer is in. */
  thinkMs?: number;
}

/** One run: a fresh bot and server here, a fresh fake Zalo in a worker. Mirrors benchTelegramWebhook. */
export async function benchZaloWebhook(options: BenchOptions): Promise<BenchResult> {
  const zalo = await TsxWorker.start<LoadJob, { apiRoot: string }, BenchResult>(import.meta.url, WORKER_ROLE);
  const server = new HttpServer(createLogger("silent"), () => ({}));
  const steps = WARM_UP + Math.max(1, Math.round(options.updates / options.chats));
  try {
    const bot = await (options.bot === "ours" ? ourBot : zaloEchoBot)(zalo.info.apiRoot, server, steps);
    const { port } = await server.listen(0);
    const result = await zalo.run({ ...options, thinkMs: options.thinkMs ?? 0, port, answerSizes: bot.answerSizes });
    await bot.stop();
    return result;
  } finally {
    await server.close();
    await zalo.close();
  }
}

/** The real channel (startZalo in webhook mode) and core, as production runs them. */
async function ourBot(apiRoot: string, server: HttpServer, steps: number): Promise<BotUnderTest> {
  const catalogue = await LiveCatalogue.open(path.join(ROOT, "data"));
  // No rate limiter: the benchmark's chats write faster than the 20 messages a minute a person may.
  const newAssistant = () => createAssistant({ catalogue, conversations: new MemoryConversationStore() });
  const config = loadConfig({
    ZALO_BOT_TOKEN: FAKE_TOKEN,
    ZALO_API_ROOT: apiRoot,
    ZALO_MODE: "webhook",
    ZALO_WEBHOOK_URL: "https://bench.example.vn/webhook/zalo",
    ZALO_WEBHOOK_SECRET: ZALO_BENCH_SECRET,
  });
  const logger = createLogger("silent");
  const channel = await startZalo({
    config,
    assistant: newAssistant(),
    logger,
    server,
    tuning: { persistSeen: false },
  });
  // A dry run of the script on a fresh chat of the same core says how many messages each answer takes.
  const dryRun = newAssistant();
  const answerSizes: number[] = [];
  for (let i = 0; i < steps; i++) {
    const text = ZALO_SCRIPT[i % ZALO_SCRIPT.length] ?? "";
    answerSizes.push(renderForZalo(await dryRun.handle("zalo:dry-run", { kind: "text", text })).length);
  }
  return { stop: channel.stop, answerSizes };
}

// ---- Zalo's side, in a worker thread ---------------------------------------------------------

interface LoadJob extends Required<BenchOptions> {
  port: number;
  answerSizes: number[];
}

async function workerMain(): Promise<void> {
  const fake = await FakeZaloApi.start();
  serveJobs({ apiRoot: fake.apiRoot }, (job: LoadJob) => load(fake, job));
}

/** The chats: each posts a message, waits until its whole answer reached the fake API, pauses, repeats. */
async function load(fake: FakeZaloApi, job: LoadJob): Promise<BenchResult> {
  const received = new Map<string, number>();
  /** Per chat: the message counts that mean "first message in" and "whole answer in". */
  interface Waiter {
    first: number;
    all: number;
    firstAt?: number;
    resolve: () => void;
  }
  const waiters = new Map<string, Waiter>();
  fake.on("sent", ({ chatId }) => {
    const count = (received.get(chatId) ?? 0) + 1;
    received.set(chatId, count);
    const waiter = waiters.get(chatId);
    if (!waiter) return;
    if (count >= waiter.first) waiter.firstAt ??= performance.now();
    if (count >= waiter.all) {
      waiters.delete(chatId);
      waiter.resolve();
    }
  });
  // Idle sockets are dropped before the server's 5 s keep-alive timeout, so a request never races its close.
  const agent = new Agent({ keepAlive: true, maxSockets: job.chats, timeout: 4_000 });
  const all: number[] = [];
  const first: number[] = [];
  const talk = async (chat: string, from: number, steps: number, record: boolean) => {
    let target = received.get(chat) ?? 0;
    for (let i = from; i < from + steps; i++) {
      if (record && job.thinkMs > 0) await sleep(Math.random() * 2 * job.thinkMs);
      const waiter: Waiter = { first: target + 1, all: target + (job.answerSizes[i] ?? 1), resolve: () => {} };
      target = waiter.all;
      const answered = new Promise<void>((resolve) => {
        waiter.resolve = resolve;
      });
      waiters.set(chat, waiter);
      const started = performance.now();
      const body = JSON.stringify({ ok: true, result: textUpdate(chat, ZALO_SCRIPT[i % ZALO_SCRIPT.length] ?? "") });
      // A reused socket the server has just closed fails the POST; Zalo would deliver again (and we de-duplicate).
      const status = await postZaloWebhook(agent, job.port, body).catch(() => postZaloWebhook(agent, job.port, body));
      if (status !== 200) throw new Error(`webhook answered ${status}`);
      await answered;
      if (record) {
        const now = performance.now();
        all.push(now - started);
        first.push((waiter.firstAt ?? now) - started);
      }
    }
  };
  const chats = Array.from({ length: job.chats }, (_, i) => `bench${i.toString(16).padStart(4, "0")}`);
  const perChat = job.answerSizes.length - WARM_UP;
  await Promise.all(chats.map((c) => talk(c, 0, WARM_UP, false)));
  const started = performance.now();
  await Promise.all(chats.map((c) => talk(c, WARM_UP, perChat, true)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  all.sort((a, b) => a - b);
  first.sort((a, b) => a - b);
  return {
    updatesPerSec: Math.round(all.length / seconds),
    p50Ms: round(quantile(all, 0.5)),
    p95Ms: round(quantile(all, 0.95)),
    p99Ms: round(quantile(all, 0.99)),
    p95FirstMs: round(quantile(first, 0.95)),
  };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

// ---- The report -----------------------------------------------------------------------------

type TelegramBench = (o: { bot: "ours" | "echo"; chats: number; updates: number }) => Promise<BenchResult>;

/** The Telegram figures from the same run, when the Telegram benchmark exists. */
async function telegramBench(): Promise<TelegramBench | string> {
  const file = path.join(ROOT, "bench", "telegram.ts");
  if (!existsSync(file)) return "bench/telegram.ts not found";
  const mod = (await import(pathToFileURL(file).href)) as { benchTelegramWebhook?: unknown };
  return typeof mod.benchTelegramWebhook === "function"
    ? (mod.benchTelegramWebhook as TelegramBench)
    : "bench/telegram.ts has no benchTelegramWebhook export";
}

async function main(): Promise<void> {
  const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const chats = env("BENCH_CHATS", 100);
  const updates = env("BENCH_UPDATES", 5000);
  const paced = env("BENCH_PACED_UPDATES", 2000);
  const thinkMs = env("BENCH_THINK_MS", 500);

  const rows: { bot: string; load: string; result: BenchResult | string }[] = [];
  for (const bot of ["ours", "echo"] as const) {
    rows.push({ bot: `zalo ${bot}`, load: "saturated", result: await benchZaloWebhook({ bot, chats, updates }) });
    rows.push({
      bot: `zalo ${bot}`,
      load: `paced ${thinkMs} ms`,
      result: await benchZaloWebhook({ bot, chats, updates: paced, thinkMs }),
    });
  }
  const telegram = await telegramBench().catch((err: unknown) => `failed to load: ${String(err)}`);
  if (typeof telegram === "string") rows.push({ bot: "telegram", load: "-", result: telegram });
  else {
    for (const bot of ["ours", "echo"] as const) {
      const result = await telegram({ bot, chats, updates }).catch((err: unknown) => `failed: ${String(err)}`);
      rows.push({ bot: `telegram ${bot}`, load: "saturated", result });
    }
  }

  const widths = [15, 16, 10, 9, 9, 9, 12];
  const line = (cells: string[]) =>
    `${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("")}\n`;
  const ms = (v: number | undefined) => (v === undefined ? "-" : v.toFixed(2));
  const out = process.stdout;
  out.write(`Webhook path, ${chats} concurrent chats; the fake API and the chats in a worker thread\n`);
  out.write("Latency: POST → whole answer at the API (p95 first: → first message, as bench:telegram)\n\n");
  out.write(line(["bot", "load", "updates/s", "p50 ms", "p95 ms", "p99 ms", "p95 first"]));
  for (const { bot, load, result: r } of rows) {
    if (typeof r === "string") out.write(`${bot.padEnd(15)}${load.padEnd(16)}${r}\n`);
    else
      out.write(
        line([
          bot,
          load,
          r.updatesPerSec.toFixed(0),
          ms(r.p50Ms),
          ms(r.p95Ms),
          ms(r.p99Ms),
          ms(r.p95FirstMs ?? r.p95Ms),
        ]),
      );
  }
  const ours = rows[1]?.result;
  if (ours && typeof ours !== "string") {
    out.write(
      `\nGoal p95 ≤ 20 ms at ${chats} chats (paced): ${ours.p95Ms <= 20 ? "met" : "NOT met"} (${ours.p95Ms} ms)\n`,
    );
  }
  out.write(`${JSON.stringify(rows)}\n`);
}

if (!isMainThread && workerData?.role === WORKER_ROLE) {
  await workerMain();
} else if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}

/**
 * Load: many concurrent chats on the webhook path, Telegram and Zalo at once, against the whole
 * service (built as main.ts builds it: dossiers, conversations on disk, both channels) or a bare
 * echo on the same HTTP path (the grammY echo bot and the Zalo echo of webhook-load.ts).
 *
 * Each measured run is a child process of its own, so its peak RSS is its own: the bot in the
 * main thread, the fake Bot APIs and the chats in a worker thread (as in the benches, so they do
 * not share the bot's event loop; their memory is in the same process, alike for both bots).
 * A chat writes, waits for its answer, thinks (0.4–1.6 × the mean think time, like a person
 * reading and typing), and writes again until the time is up; the first message of each chat
 * comes at a random moment of its first think time, so the chats do not start in step.
 *
 * Latency: from the POST leaving the fake (Telegram waits for one of the 40 webhook connections,
 * as Telegram does) to the first message of the answer reaching the fake API, as bench/telegram.ts
 * measures it. Errors: webhook answers other than 200, messages not answered within 10 s,
 * updates failing inside the service, error log lines, unhandled rejections.
 */
import { spawn } from "node:child_process";
import { Agent } from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { isMainThread, workerData } from "node:worker_threads";
import type { UserFromGetMe } from "grammy/types";
import { registerTelegramWebhook, setTelegramWebhook } from "../../src/channels/telegram/webhook.js";
import { createLogger } from "../../src/logger.js";
import { HttpServer } from "../../src/server/http.js";
import { FakeTelegramApi } from "./fake-telegram-api.js";
import { FakeZaloApi, textUpdate, FAKE_TOKEN as ZALO_TOKEN } from "./fake-zalo-api.js";
import { Rng } from "./reliability-generator.js";
import { countingCrashes, ROOT, startService, TELEGRAM_SECRET, TELEGRAM_WEBHOOK_URL } from "./reliability-service.js";
import { serveJobs, TsxWorker } from "./tsx-worker.js";
import {
  postZaloWebhook,
  questions,
  telegramEchoBot,
  ZALO_BENCH_SECRET,
  ZALO_SCRIPT,
  zaloEchoBot,
} from "./webhook-load.js";

const WORKER_ROLE = "reliability-load-fakes";
const CHILD_FLAG = "--reliability-load-child";
const ANSWER_TIMEOUT_MS = 10_000;

export interface LoadJob {
  bot: "ours" | "echo";
  /** Chats in all, half on Telegram and half on Zalo. */
  chats: number;
  seconds: number;
  /** Mean think time between an answer and the chat's next message; 0 saturates. */
  thinkMs: number;
  /** Seconds of unreported load first (JIT, connection pools). */
  warmUpSeconds: number;
  seed: number;
}

export interface ChannelLoad {
  chats: number;
  sent: number;
  answered: number;
  errors: number;
  /** Deliveries retried after their connection failed (kept-alive socket closed by the server as it was reused). */
  retried: number;
  perSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LoadFigures {
  job: LoadJob;
  telegram: ChannelLoad;
  zalo: ChannelLoad;
  all: ChannelLoad;
  /** Peak RSS of the process while measuring (the bot and the fakes' worker), MB. */
  peakRssMb: number;
  /** RSS with the service started and idle, before any load (after a GC), MB. */
  idleRssMb: number;
  /** Peak heap of the main thread alone: the bot's own JavaScript memory, MB. */
  peakBotHeapMb: number;
  /** Inside the service: failed updates, error log lines, unhandled rejections; and what the chats saw. */
  errors: {
    total: number;
    nonOk: number;
    unanswered: number;
    failedUpdates: number;
    errorLogs: number;
    crashes: number;
  };
  errorSamples: string[];
  seconds: number;
}

// ---- parent: one child process per measured run ---------------------------------------------

/** Runs one measured load in a fresh child process; resolves to its figures. */
export function runLoadInChild(job: LoadJob): Promise<LoadFigures> {
  const file = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", file, CHILD_FLAG, JSON.stringify(job)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
    });
    // Bounded: the run, its warm-up and a generous margin for start-up and the last answers.
    const limit = setTimeout(() => child.kill("SIGKILL"), (job.seconds + job.warmUpSeconds + 120) * 1000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(limit);
      const last = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(last) as LoadFigures);
      } catch {
        reject(new Error(`load run (${job.bot}) ended with ${signal ?? `code ${code}`} and no figures`));
      }
    });
  });
}

// ---- child: the bot here, the fakes and chats in a worker ------------------------------------

async function childMain(job: LoadJob): Promise<void> {
  const worker = await TsxWorker.start<WorkerJob, FakesInfo, RawResult>(import.meta.url, WORKER_ROLE);
  const { value, crashes } = await countingCrashes(async () => {
    const bot = job.bot === "ours" ? await ours(worker.info) : await echo(worker.info);
    try {
      gc();
      const idleRss = process.memoryUsage.rss();
      if (job.warmUpSeconds > 0) {
        await worker.run({
          ...job,
          seconds: job.warmUpSeconds,
          chats: Math.min(job.chats, 100),
          thinkMs: 0,
          port: bot.port,
          prefix: 1,
        });
      }
      // The warm-up's garbage is not the run's memory.
      gc();
      const failedBefore = bot.failedUpdates();
      const errorLogsBefore = bot.errorLogs();
      const memory = sampleMemory();
      const result = await worker.run({ ...job, port: bot.port, prefix: 2 });
      const peak = memory.stop();
      // Updates still in flight at the end are not failures; give them a moment to finish.
      await sleep(200);
      return {
        result,
        peak: { ...peak, idleRss },
        failed: bot.failedUpdates() - failedBefore,
        errorLogs: bot.errorLogs() - errorLogsBefore,
        bot,
      };
    } finally {
      await bot.stop();
    }
  });
  await worker.close();
  const { result, peak, failed, errorLogs, bot } = value;
  const nonOk = result.telegram.nonOk + result.zalo.nonOk;
  const unanswered = result.telegram.unanswered + result.zalo.unanswered;
  const figures: LoadFigures = {
    job,
    telegram: channelFigures(result.telegram, result.seconds),
    zalo: channelFigures(result.zalo, result.seconds),
    all: channelFigures(merge(result.telegram, result.zalo), result.seconds),
    peakRssMb: mb(peak.rss),
    idleRssMb: mb(peak.idleRss),
    peakBotHeapMb: mb(peak.heap),
    errors: {
      total: nonOk + unanswered + failed + errorLogs + crashes.length,
      nonOk,
      unanswered,
      failedUpdates: failed,
      errorLogs,
      crashes: crashes.length,
    },
    errorSamples: [...result.telegram.samples, ...result.zalo.samples, ...bot.lastErrors(), ...crashes].slice(0, 8),
    seconds: result.seconds,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

interface BotUnderLoad {
  port: number;
  failedUpdates(): number;
  errorLogs(): number;
  lastErrors(): string[];
  stop(): Promise<void>;
}

/** The whole service, as main.ts builds it; the rate limit raised so saturating chats are answered. */
async function ours(info: FakesInfo): Promise<BotUnderLoad> {
  const service = await startService({
    telegram: { apiRoot: info.telegram.apiRoot, token: info.telegram.token },
    zalo: { apiRoot: info.zalo.apiRoot, token: ZALO_TOKEN },
    // the bench poster (webhook-load.ts) sends the bench secret.
    zaloSecret: ZALO_BENCH_SECRET,
    rateLimitPerMinute: 1_000_000,
  });
  const counters = () => ({ ...service.telegram.health(), zalo: service.zalo.health() }) as Record<string, unknown>;
  return {
    port: service.port,
    failedUpdates: () => {
      const c = counters();
      return Number(c.failed ?? 0) + Number((c.zalo as Record<string, unknown>).failed ?? 0);
    },
    errorLogs: () => service.logs.error + service.logs.fatal,
    lastErrors: () => service.logs.lastErrors,
    stop: service.stop,
  };
}

/** Bare echo bots on the same HTTP server path: grammY's for Telegram, webhook-load's for Zalo. */
async function echo(info: FakesInfo): Promise<BotUnderLoad> {
  const logger = createLogger("silent");
  const server = new HttpServer(logger, () => ({}));
  const { port } = await server.listen(0, "127.0.0.1");
  const bot = telegramEchoBot(info.telegram.token, info.telegram.botInfo, info.telegram.apiRoot);
  const webhook = registerTelegramWebhook(server, bot, { secret: TELEGRAM_SECRET, logger });
  await setTelegramWebhook(bot, TELEGRAM_WEBHOOK_URL, TELEGRAM_SECRET);
  const zalo = await zaloEchoBot(info.zalo.apiRoot, server, 0);
  return {
    port,
    failedUpdates: () => 0,
    errorLogs: () => 0,
    lastErrors: () => [],
    stop: async () => {
      await webhook.close();
      await zalo.stop();
      await server.close();
    },
  };
}

function sampleMemory(): { stop(): { rss: number; heap: number } } {
  const startRss = process.memoryUsage.rss();
  let rss = startRss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return { rss, heap };
    },
  };
}

/** A full collection when the process runs with --expose-gc (the child does), so figures start clean. */
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

// ---- the worker: fake Bot APIs and the chats -------------------------------------------------

interface FakesInfo {
  telegram: { apiRoot: string; token: string; botInfo: UserFromGetMe };
  zalo: { apiRoot: string };
}

interface WorkerJob extends LoadJob {
  port: number;
  /** Keeps the chat ids of a warm-up and of the measured run apart. */
  prefix: number;
}

interface RawChannel {
  chats: number;
  sent: number;
  latencies: number[];
  nonOk: number;
  unanswered: number;
  /** Deliveries tried a second time after the first POST's connection failed. */
  retried: number;
  samples: string[];
}

interface RawResult {
  telegram: RawChannel;
  zalo: RawChannel;
  seconds: number;
}

async function workerMain(): Promise<void> {
  const telegram = await FakeTelegramApi.start({ record: false });
  const zalo = await FakeZaloApi.start();
  // The Zalo fake keeps every call and message; the chats count their own, so it is emptied as it goes.
  const trim = setInterval(() => {
    zalo.calls.splice(0);
    zalo.sent.splice(0);
  }, 1_000);
  trim.unref();
  const info: FakesInfo = {
    telegram: { apiRoot: telegram.apiRoot, token: telegram.token, botInfo: telegram.botInfo },
    zalo: { apiRoot: zalo.apiRoot },
  };
  serveJobs(info, (job: WorkerJob) => drive(telegram, zalo, job));
}

/** What chat `i` says as its `k`-th message: the Zalo bench's script, with a real question every third turn. */
function textFor(asked: readonly string[], i: number, k: number): string {
  if (k % 3 === 2) return asked[(i * 7 + k) % asked.length] as string;
  return ZALO_SCRIPT[(i + k) % ZALO_SCRIPT.length] as string;
}

async function drive(telegram: FakeTelegramApi, zalo: FakeZaloApi, job: WorkerJob): Promise<RawResult> {
  const asked = questions();
  const rng = new Rng(job.seed + job.prefix);
  telegram.webhookOrigin = `http://127.0.0.1:${job.port}`;
  const started = performance.now();
  const deadline = started + job.seconds * 1000;
  const think = () => (job.thinkMs > 0 ? sleep(job.thinkMs * (0.4 + 1.2 * rng.next())) : Promise.resolve());
  const newChannel = (chats: number): RawChannel => ({
    chats,
    sent: 0,
    latencies: [],
    nonOk: 0,
    unanswered: 0,
    retried: 0,
    samples: [],
  });
  const tgChats = Math.ceil(job.chats / 2);
  const zaloChats = job.chats - tgChats;
  const tg = newChannel(tgChats);
  const zl = newChannel(zaloChats);
  const note = (channel: RawChannel, what: string) => {
    if (channel.samples.length < 3) channel.samples.push(what);
  };

  // Telegram: the webhook is answered once the update is handled; the first sendMessage for the chat is the answer.
  const firstReply = new Map<number, number>();
  const waiting = new Set<number>();
  telegram.on("request", ({ method, params }: { method: string; params: Record<string, unknown> }) => {
    if (method !== "sendMessage") return;
    const chatId = Number(params.chat_id);
    if (waiting.has(chatId) && !firstReply.has(chatId)) firstReply.set(chatId, performance.now());
  });
  const telegramChat = async (i: number) => {
    const chatId = job.prefix * 10_000_000 + i;
    if (job.thinkMs > 0) await sleep(rng.next() * 2 * job.thinkMs);
    for (let k = 0; performance.now() < deadline; k++) {
      firstReply.delete(chatId);
      waiting.add(chatId);
      const t0 = performance.now();
      // A kept-alive socket the server closed as it was reused fails the POST (status 0);
      // Telegram delivers again, so does this (the bot de-duplicates on update_id).
      const delivery = await telegram.sendText(chatId, textFor(asked, i, k)).catch(() => undefined);
      let status = delivery?.status ?? 0;
      if (status === 0 && delivery) {
        tg.retried++;
        const secret = telegram.webhook?.secret_token ?? null;
        status = await telegram.postToWebhook(delivery.update, secret).then(
          (r) => r.status,
          () => 0,
        );
      }
      waiting.delete(chatId);
      tg.sent++;
      const at = firstReply.get(chatId);
      if (status !== 200) {
        tg.nonOk++;
        note(tg, `telegram webhook answered ${status}`);
      } else if (at === undefined || at - t0 > ANSWER_TIMEOUT_MS) {
        tg.unanswered++;
        note(tg, "telegram message not answered in 10 s");
      } else {
        tg.latencies.push(at - t0);
      }
      await think();
    }
  };

  // Zalo: the webhook is answered at once; the answer is the chat's next message at the fake.
  const counts = new Map<string, { count: number; lastAt: number; wake?: () => void }>();
  zalo.on("sent", ({ chatId }) => {
    const entry = counts.get(chatId) ?? { count: 0, lastAt: 0 };
    entry.count++;
    entry.lastAt = performance.now();
    counts.set(chatId, entry);
    entry.wake?.();
  });
  const until = (chatId: string, target: number, timeoutMs: number) =>
    new Promise<number | undefined>((resolve) => {
      const entry = counts.get(chatId) ?? { count: 0, lastAt: 0 };
      counts.set(chatId, entry);
      if (entry.count >= target) return resolve(entry.lastAt);
      const timer = setTimeout(() => {
        entry.wake = undefined;
        resolve(undefined);
      }, timeoutMs);
      entry.wake = () => {
        if (entry.count < target) return;
        clearTimeout(timer);
        entry.wake = undefined;
        resolve(entry.lastAt);
      };
    });
  /** An answer may be several messages: the chat writes again once its chat has been quiet for 30 ms. */
  const quiet = async (chatId: string) => {
    for (let n = 0; n < 100; n++) {
      const last = counts.get(chatId)?.lastAt ?? 0;
      const idle = performance.now() - last;
      if (idle >= 30) return;
      await sleep(30 - idle);
    }
  };
  // Idle sockets are dropped before the server's 5 s keep-alive timeout, so a request never races its close.
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(1, zaloChats), timeout: 4_000 });
  let messageNo = 0;
  const zaloChat = async (i: number) => {
    const chatId = `load${job.prefix}x${i.toString(16).padStart(5, "0")}`;
    if (job.thinkMs > 0) await sleep(rng.next() * 2 * job.thinkMs);
    for (let k = 0; performance.now() < deadline; k++) {
      const before = counts.get(chatId)?.count ?? 0;
      const body = JSON.stringify({
        ok: true,
        result: textUpdate(
          chatId,
          textFor(asked, i, k),
          `${job.prefix}f${(messageNo++).toString(16).padStart(10, "0")}`,
        ),
      });
      const t0 = performance.now();
      // A reused socket the server has just closed fails the POST; Zalo would deliver again (and we de-duplicate).
      const status = await postZaloWebhook(agent, job.port, body)
        .catch(() => {
          zl.retried++;
          return postZaloWebhook(agent, job.port, body);
        })
        .catch(() => 0);
      zl.sent++;
      if (status !== 200) {
        zl.nonOk++;
        note(zl, `zalo webhook answered ${status}`);
      } else {
        const at = await until(chatId, before + 1, ANSWER_TIMEOUT_MS);
        if (at === undefined) {
          zl.unanswered++;
          note(zl, "zalo message not answered in 10 s");
        } else {
          zl.latencies.push(at - t0);
          await quiet(chatId);
        }
      }
      await think();
    }
  };

  await Promise.all([
    ...Array.from({ length: tgChats }, (_, i) => telegramChat(i)),
    ...Array.from({ length: zaloChats }, (_, i) => zaloChat(i)),
  ]);
  agent.destroy();
  telegram.removeAllListeners("request");
  zalo.removeAllListeners("sent");
  return { telegram: tg, zalo: zl, seconds: (performance.now() - started) / 1000 };
}

// ---- figures ---------------------------------------------------------------------------------

function merge(a: RawChannel, b: RawChannel): RawChannel {
  return {
    chats: a.chats + b.chats,
    sent: a.sent + b.sent,
    latencies: [...a.latencies, ...b.latencies],
    nonOk: a.nonOk + b.nonOk,
    unanswered: a.unanswered + b.unanswered,
    retried: a.retried + b.retried,
    samples: [],
  };
}

function channelFigures(raw: RawChannel, seconds: number): ChannelLoad {
  const sorted = [...raw.latencies].sort((x, y) => x - y);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return {
    chats: raw.chats,
    sent: raw.sent,
    answered: sorted.length,
    errors: raw.nonOk + raw.unanswered,
    retried: raw.retried,
    perSec: round(sorted.length / seconds),
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

if (!isMainThread && workerData?.role === WORKER_ROLE) {
  await workerMain();
} else if (
  isMainThread &&
  process.argv[2] === CHILD_FLAG &&
  path.resolve(process.argv[1] ?? "") === fileURLToPath(import.meta.url)
) {
  childMain(JSON.parse(process.argv[3] ?? "{}") as LoadJob).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`load run failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}

import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import pino from "pino";
import { LiveCatalogue } from "../src/catalogue/live.js";
import { createTelegramBot } from "../src/channels/telegram/bot.js";
import { registerTelegramWebhook, setTelegramWebhook } from "../src/channels/telegram/webhook.js";
import { MemoryConversationStore } from "../src/core/types.js";
import { createAssistant } from "../src/features/index.js";
import { HttpServer } from "../src/server/http.js";
import { FakeTelegramApi } from "../test/harness/fake-telegram-api.js";
import { questions, telegramEchoBot } from "../test/harness/webhook-load.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECRET = "bench_secret_0123456789abcdef";

export interface BenchOptions {
  bot: "ours" | "echo";
  chats: number;
  updates: number;
  /**
   * Each chat sends one update every `paceMs` (a load of chats × 1000 / paceMs updates/s), as
   * people would, each still waiting for its answer before writing again.
   * Without it, each chat sends its next update as soon as the previous one is answered, which
   * saturates the bot: throughput is its capacity and latency mostly time spent queueing.
   */
  paceMs?: number;
}

export interface BenchResult {
  updatesPerSec: number;
  p50Ms: number;
  p95Ms: number;
}

let catalogue: Promise<LiveCatalogue> | undefined;

/**
 * `chats` users each send questions one after another (a user waits for the answer, and with
 * `paceMs` also for its next turn) until `updates` have been handled in all, our bot answering
 * from the bundled catalogue or a bare grammY echo bot. The fake Bot API and the users run in a worker thread,
 * as Telegram runs elsewhere; it POSTs to the webhook as Telegram does, at most
 * max_connections (40 by default) at a time. Latency runs from a POST leaving the fake to the
 * bot's first sendMessage for that update reaching it.
 */
export async function benchTelegramWebhook(options: BenchOptions): Promise<BenchResult> {
  const logger = pino({ level: "silent" });
  const telegram = await FakeTelegramWorker.shared();
  const { apiRoot, token, botInfo } = await telegram.openFake();
  const server = new HttpServer(logger, () => ({}));
  try {
    const { port } = await server.listen(0);
    let bot: Bot;
    if (options.bot === "ours") {
      catalogue ??= LiveCatalogue.open(path.join(ROOT, "data"));
      // No rate limiter: each bench user sends far more than a person would.
      const assistant = createAssistant({ catalogue: await catalogue, conversations: new MemoryConversationStore() });
      bot = createTelegramBot({ assistant, logger, token, apiRoot, botInfo }).bot;
    } else {
      bot = telegramEchoBot(token, botInfo, apiRoot);
    }
    const webhook = registerTelegramWebhook(server, bot, { secret: SECRET, logger });
    await setTelegramWebhook(bot, "https://bench.example.org/webhook/telegram", SECRET);
    const result = await telegram.run({ ...options, webhookOrigin: `http://127.0.0.1:${port}`, texts: questions() });
    await webhook.close();
    return result;
  } finally {
    await server.close();
  }
}

interface LoadJob extends BenchOptions {
  webhookOrigin: string;
  texts: string[];
}

type ToWorker = { type: "open" } | { type: "run"; job: LoadJob };
type FakeInfo = { type: "ready"; apiRoot: string; token: string; botInfo: UserFromGetMe };
type FromWorker = FakeInfo | { type: "done"; result: BenchResult } | { type: "failed"; message: string };

/**
 * The fake Bot API and its users live in a worker thread, so they do not share the bot's event
 * loop. One worker serves every run (its code stays warm); each run gets a fresh fake.
 */
class FakeTelegramWorker {
  private static instance: Promise<FakeTelegramWorker> | undefined;

  private constructor(private readonly worker: Worker) {}

  static shared(): Promise<FakeTelegramWorker> {
    FakeTelegramWorker.instance ??= (async () => {
      // The worker loads this file through tsx, like the main thread.
      const tsx = import.meta.resolve("tsx/esm/api");
      const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(import.meta.url)});`;
      const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
        workerData: { role: WORKER_ROLE },
      });
      worker.unref();
      return new FakeTelegramWorker(worker);
    })();
    return FakeTelegramWorker.instance;
  }

  async openFake(): Promise<FakeInfo> {
    const reply = await this.ask({ type: "open" });
    if (reply.type !== "ready") throw new Error("the fake Bot API did not start");
    return reply;
  }

  /** Plays the users against the webhook; the fake is closed afterwards. */
  async run(job: LoadJob): Promise<BenchResult> {
    const reply = await this.ask({ type: "run", job });
    if (reply.type !== "done") throw new Error(reply.type === "failed" ? reply.message : "unexpected worker reply");
    return reply.result;
  }

  private ask(message: ToWorker): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      // Referenced only while a reply is awaited, so the process can exit once the benchmark is done.
      this.worker.ref();
      const onMessage = (reply: FromWorker) => {
        this.worker.off("error", onError);
        this.worker.unref();
        resolve(reply);
      };
      const onError = (err: Error) => {
        this.worker.off("message", onMessage);
        this.worker.unref();
        reject(err);
      };
      this.worker.once("message", onMessage);
      this.worker.once("error", onError);
      this.worker.postMessage(message);
    });
  }
}

const WORKER_ROLE = "bench-telegram-fake";

/** Worker side: opens a fake Bot API on request, then plays the users and times each update. */
function workerMain(): void {
  const port = parentPort as NonNullable<typeof parentPort>;
  let fake: FakeTelegramApi | undefined;
  const reply = (message: FromWorker) => port.postMessage(message);
  port.on("message", async (message: ToWorker) => {
    try {
      if (message.type === "open") {
        fake = await FakeTelegramApi.start({ record: false });
        reply({ type: "ready", apiRoot: fake.apiRoot, token: fake.token, botInfo: fake.botInfo });
      } else {
        const current = fake as FakeTelegramApi;
        const result = await load(current, message.job).finally(() => current.close());
        reply({ type: "done", result });
      }
    } catch (err) {
      reply({ type: "failed", message: String(err) });
    }
  });
}

async function load(fake: FakeTelegramApi, job: LoadJob): Promise<BenchResult> {
  fake.webhookOrigin = job.webhookOrigin;
  const postedAt = new Map<number, number>();
  const latencies: number[] = [];
  fake.on("webhook-post", (update: { message?: { chat: { id: number } } }) => {
    const chatId = update.message?.chat.id;
    if (chatId !== undefined) postedAt.set(chatId, performance.now());
  });
  fake.on("request", ({ method, params }: { method: string; params: Record<string, unknown> }) => {
    if (method !== "sendMessage") return;
    const start = postedAt.get(Number(params.chat_id));
    if (start === undefined) return; // a second message for the same update
    postedAt.delete(Number(params.chat_id));
    latencies.push(performance.now() - start);
  });

  let next = 0;
  const user = async (chatId: number) => {
    for (let n = next++; n < job.updates; n = next++) {
      const { status } = await fake.sendText(chatId, job.texts[n % job.texts.length] as string);
      if (status !== 200) throw new Error(`webhook answered ${status}`);
    }
  };
  // A chat writes every paceMs (starts staggered across chats), or later if still waiting for its answer.
  const pacedUser = async (i: number, paceMs: number) => {
    let due = started + (i * paceMs) / job.chats;
    for (let n = next++; n < job.updates; n = next++) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const { status } = await fake.sendText(100_000 + i, job.texts[n % job.texts.length] as string);
      if (status !== 200) throw new Error(`webhook answered ${status}`);
      due += paceMs;
    }
  };
  const started = performance.now();
  const { paceMs } = job;
  await Promise.all(Array.from({ length: job.chats }, (_, i) => (paceMs ? pacedUser(i, paceMs) : user(100_000 + i))));
  const seconds = (performance.now() - started) / 1000;
  if (latencies.length !== job.updates) throw new Error(`${job.updates} updates posted, ${latencies.length} answered`);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number;
  return { updatesPerSec: job.updates / seconds, p50Ms: at(0.5), p95Ms: at(0.95) };
}

async function main(): Promise<void> {
  const chats = 100;
  const updates = Number(process.argv[2] ?? 5_000);
  const paceMs = 200; // each of the 100 chats writes every 200 ms: 500 updates/s
  // Warm-up (JIT, catalogue, sockets), not reported.
  await benchTelegramWebhook({ bot: "echo", chats, updates: 1_000 });
  await benchTelegramWebhook({ bot: "ours", chats, updates: 1_000 });

  // Rounds alternate the two bots, so load from other processes falls on both alike.
  const bots = ["echo", "ours"] as const;
  const saturated: Record<(typeof bots)[number], BenchResult[]> = { echo: [], ours: [] };
  const steady: Record<(typeof bots)[number], BenchResult[]> = { echo: [], ours: [] };
  for (let round = 0; round < 3; round++) {
    for (const bot of bots) saturated[bot].push(await benchTelegramWebhook({ bot, chats, updates }));
    for (const bot of bots) steady[bot].push(await benchTelegramWebhook({ bot, chats, updates: 2_500, paceMs }));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const summary = (runs: BenchResult[]): BenchResult => ({
    updatesPerSec: median(runs.map((r) => r.updatesPerSec)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p95Ms: median(runs.map((r) => r.p95Ms)),
  });
  const row = (name: string, r: BenchResult) =>
    `  ${name.padEnd(24)} ${r.updatesPerSec.toFixed(0).padStart(9)} ${r.p50Ms.toFixed(2).padStart(8)} ${r.p95Ms.toFixed(2).padStart(8)}`;
  const header = `  ${"bot".padEnd(24)} ${"updates/s".padStart(9)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}`;
  const table = (title: string, runs: typeof saturated) => {
    console.log(title);
    console.log(header);
    console.log(row("grammY echo bot", summary(runs.echo)));
    console.log(row("motcua bot (catalogue)", summary(runs.ours)));
  };
  console.log(`Telegram webhook path, ${chats} chats, median of 3 alternating rounds`);
  console.log("(latency: from the fake Bot API's POST to the bot's sendMessage reaching it)\n");
  table(`Saturated: each chat writes again as soon as answered (${updates} updates per run)`, saturated);
  table(`\nSteady: each chat writes every ${paceMs} ms, ${(chats * 1000) / paceMs} updates/s (2500 per run)`, steady);
  const ratio = summary(saturated.ours).updatesPerSec / summary(saturated.echo).updatesPerSec;
  const p95 = summary(steady.ours).p95Ms;
  console.log(`\nthroughput ours/echo: ${(ratio * 100).toFixed(0)}% (goal ≥ 50%)`);
  console.log(`p95 at ${chats} chats, steady load: ${p95.toFixed(2)} ms (goal ≤ 20 ms)`);
  if (ratio < 0.5 || p95 > 20) process.exitCode = 1;
}

if (!isMainThread && workerData?.role === WORKER_ROLE) {
  workerMain();
} else if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}

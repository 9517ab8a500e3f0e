/**
 * Webhook throughput of real service processes (node --import tsx src/main.ts, started by the
 * test harness's ServiceHarness, one per replica, each with its own DATA_DIR) sharing one
 * database, against ONE fake Telegram API that all replicas call and that POSTs the users'
 * updates round-robin to the replicas (as a load balancer in front of them would, but without
 * an extra process on this machine). Each chat writes again as soon as its update is answered
 * (saturation): throughput is the replicas' capacity on this machine.
 */
import { randomBytes } from "node:crypto";
import { FakeTelegramApi } from "../test/harness/fake-telegram-api.js";
import { ServiceHarness } from "../test/harness/service-harness.js";
import { questions } from "../test/harness/webhook-load.js";
import { codeOf, HASH_KEY, last4Of, loadavg, statusOf } from "./province-data.js";

export interface WebhookOptions {
  replicas: number;
  /** The file store's DATA_DIR (one process only); without it each replica gets an empty one. */
  dataDir?: string;
  databaseUrl?: string;
  /** Dossiers in the store: chats look up codeOf(i) for i below this. */
  scale: number;
  chats?: number;
  warmup?: number;
  updates?: number;
}

export interface WebhookResult {
  updatesPerSec: number;
  p50Ms: number;
  p95Ms: number;
  /** Seconds until the slowest replica said "started". */
  startSeconds: number;
  /** Mean 1-minute load average over the timed run. */
  load: number;
  messagesSent: number;
  /** Deliveries repeated after a connection reset or a 5xx. */
  retries: number;
}

export async function benchWebhook(options: WebhookOptions): Promise<WebhookResult> {
  const { replicas, scale } = options;
  const chats = options.chats ?? 40;
  const warmup = options.warmup ?? 200;
  const updates = options.updates ?? 1_500;
  const secret = `tg_${randomBytes(16).toString("hex")}`;
  const fake = await FakeTelegramApi.start({ record: false });
  const harnesses: ServiceHarness[] = [];
  try {
    const started = performance.now();
    for (let r = 0; r < replicas; r++) {
      const harness = await ServiceHarness.create({
        telegramMode: "webhook",
        zaloMode: "polling",
        start: "2025-11-11 09:00",
        env: {
          TELEGRAM_API_ROOT: fake.apiRoot,
          TELEGRAM_WEBHOOK_SECRET: secret,
          ZALO_BOT_TOKEN: "",
          PHONE_HASH_KEY: HASH_KEY,
          RATE_LIMIT_PER_MINUTE: "1000000",
          STAFF_CONSOLE: "off",
          LOG_LEVEL: "info",
          ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}),
          ...(options.databaseUrl && !options.dataDir ? { DATABASE_URL: options.databaseUrl } : {}),
        },
      });
      harness.cleanUpOnSignals();
      harnesses.push(harness);
    }
    // Replicas start together, as after a deployment.
    await Promise.all(harnesses.map((h) => h.start(300_000)));
    const startSeconds = (performance.now() - started) / 1000;
    // Round robin per POST: the fake reads webhookOrigin once for each update it delivers.
    const origins = harnesses.map((h) => h.apiUrl);
    let turn = 0;
    Object.defineProperty(fake, "webhookOrigin", { get: () => origins[turn++ % origins.length], configurable: true });

    let sent = 0;
    let retries = 0;
    fake.on("request", ({ method }: { method: string }) => {
      if (method === "sendMessage") sent++;
    });
    const texts = questions();
    // Seeded: each chat's next dossier.
    let seed = 0x2026_1202;
    const draw = () => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return seed % scale;
    };
    const play = async (total: number, latencies: number[]) => {
      let next = 0;
      const user = async (c: number) => {
        const chatId = 7_000_000 + c;
        let step = 0;
        let dossier = 0;
        for (let n = next++; n < total; n = next++) {
          // A citizen's turn: a question, /hoso CODE, the phone's last 4 digits, another question.
          let text: string;
          switch (step++ % 4) {
            case 1:
              do dossier = draw();
              while (statusOf(dossier) === 10 && dossier % 3 !== 0);
              text = `/hoso ${codeOf(dossier)}`;
              break;
            case 2:
              text = last4Of(dossier);
              break;
            default:
              text = texts[(c * 7 + n) % texts.length] as string;
          }
          const t0 = performance.now();
          let { status } = await fake.sendText(chatId, text);
          // A connection reset (0) or a 5xx: Telegram would deliver it again; the bench sends the text again, counted.
          for (let again = 0; status !== 200 && again < 3; again++) {
            retries++;
            status = (await fake.sendText(chatId, text)).status ?? 0;
          }
          latencies.push(performance.now() - t0);
          if (status !== 200) throw new Error(`webhook answered ${status}`);
        }
      };
      await Promise.all(Array.from({ length: chats }, (_, c) => user(c)));
    };
    await play(warmup, []);
    const loads: number[] = [loadavg()];
    const sampler = setInterval(() => loads.push(loadavg()), 1_000);
    const latencies: number[] = [];
    sent = 0;
    const t0 = performance.now();
    await play(updates, latencies);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return {
      updatesPerSec: updates / seconds,
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      startSeconds,
      load: loads.reduce((a, b) => a + b, 0) / loads.length,
      messagesSent: sent,
      retries,
    };
  } catch (err) {
    // What the replicas said last, to see why.
    const tails = harnesses.map(
      (h, r) =>
        `replica ${r} (running: ${h.running}): ${h.logs
          .slice(-4)
          .map((l) => l.text)
          .join(" | ")}`,
    );
    throw new Error(`${(err as Error).message}\n${tails.join("\n")}`);
  } finally {
    // The file store's DATA_DIR belongs to the caller: the harness's own root is removed.
    await Promise.allSettled(harnesses.map((h) => h.close()));
    await fake.close();
  }
}

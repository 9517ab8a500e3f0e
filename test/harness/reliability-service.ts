/**
 * The service as src/main.ts builds it, for the reliability runs: createService on a temp DATA_DIR,
 * the HTTP server listening on 127.0.0.1, then Telegram and Zalo in webhook mode against local
 * fake Bot APIs, the dossier API on. Its logs are counted by level (errors kept as scrubbed
 * summaries, never message text) so a run can say whether anything failed inside.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { TelegramChannel } from "../../src/channels/telegram/index.js";
import type { ZaloChannel } from "../../src/channels/zalo/index.js";
import { type Config, loadConfig } from "../../src/config.js";
import type { Assistant } from "../../src/core/assistant.js";
import { createLogger } from "../../src/logger.js";
import type { HttpServer } from "../../src/server/http.js";
import { createService, type Service, type ServiceHealth } from "../../src/service.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export const TELEGRAM_SECRET = "reliability_tg_secret_0123456789";
export const ZALO_SECRET = "reliability-zalo-secret-0123456789";
export const DOSSIER_TOKEN = "reliability-dossier-token-0123456789";
/** Public URLs given to the fakes' setWebhook; the fakes post to 127.0.0.1 instead (see webhookOrigin). */
export const TELEGRAM_WEBHOOK_URL = "https://bot.example.org/webhook/telegram";
export const ZALO_WEBHOOK_URL = "https://bot.example.org/webhook/zalo";

export interface ServiceOptions {
  telegram: { apiRoot: string; token: string };
  zalo: { apiRoot: string; token: string };
  /** RATE_LIMIT_PER_MINUTE; the runs raise it so every message gets an answer. */
  rateLimitPerMinute?: number;
  /** Overrides of the webhook secrets (the load run uses the bench poster of webhook-load.ts and its secret). */
  zaloSecret?: string;
  telegramSecret?: string;
  logLevel?: "warn" | "error" | "info";
}

export interface LogCounts {
  warn: number;
  error: number;
  fatal: number;
  /** The last error lines: message, error class and scrubbed message only. */
  lastErrors: string[];
}

export interface RunningService {
  port: number;
  origin: string;
  config: Config;
  assistant: Assistant;
  server: HttpServer;
  telegram: TelegramChannel;
  zalo: ZaloChannel;
  logs: LogCounts;
  dataDir: string;
  health(): ServiceHealth;
  /** Stops the service (channels, server, jobs, storage, catalogue) and removes DATA_DIR. */
  stop(): Promise<void>;
}

/** Starts the whole service in this process (createService, as main.ts does), both channels in webhook mode. */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "motcua-reliability-"));
  const logs: LogCounts = { warn: 0, error: 0, fatal: 0, lastErrors: [] };
  let service: Service | undefined;
  try {
    const config = loadConfig({
      CATALOGUE_DIR: path.join(ROOT, "data"),
      DATA_DIR: dataDir,
      LOG_LEVEL: options.logLevel ?? "warn",
      HOST: "127.0.0.1",
      PORT: "0",
      RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 20),
      TELEGRAM_BOT_TOKEN: options.telegram.token,
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_URL,
      TELEGRAM_WEBHOOK_SECRET: options.telegramSecret ?? TELEGRAM_SECRET,
      TELEGRAM_API_ROOT: options.telegram.apiRoot,
      ZALO_BOT_TOKEN: options.zalo.token,
      ZALO_MODE: "webhook",
      ZALO_WEBHOOK_URL,
      ZALO_WEBHOOK_SECRET: options.zaloSecret ?? ZALO_SECRET,
      ZALO_API_ROOT: options.zalo.apiRoot,
      DOSSIER_API_TOKEN: DOSSIER_TOKEN,
    });
    service = await createService(config, { logger: createLogger(config.LOG_LEVEL, countingStream(logs)) });
    await service.start();
    const running = service;
    const port = running.address?.port ?? 0;
    let stopping: Promise<void> | undefined;
    return {
      port,
      origin: `http://127.0.0.1:${port}`,
      config,
      assistant: running.assistant,
      server: running.server,
      telegram: running.channels.get("telegram") as TelegramChannel,
      zalo: running.channels.get("zalo") as ZaloChannel,
      logs,
      dataDir,
      health: running.health,
      stop: () => {
        stopping ??= (async () => {
          await running.close();
          await rm(dataDir, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  } catch (err) {
    // start() closes what it started when a channel fails; a failure before it leaves the stores open.
    await service?.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** A pino destination that counts lines by level and keeps the last few errors, without their context. */
function countingStream(logs: LogCounts): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) {
        if (line === "") continue;
        let entry: { level?: number; msg?: string; err?: { type?: string; message?: string }; error?: unknown };
        try {
          entry = JSON.parse(line);
        } catch {
          continue;
        }
        const level = entry.level ?? 0;
        if (level >= 60) logs.fatal++;
        else if (level >= 50) logs.error++;
        else if (level >= 40) logs.warn++;
        if (level >= 50) {
          const err = (entry.err ?? entry.error) as { type?: string; message?: string } | undefined;
          logs.lastErrors.push(
            `${entry.msg ?? ""}${err ? ` (${err.type}: ${String(err.message).slice(0, 160)})` : ""}`,
          );
          if (logs.lastErrors.length > 5) logs.lastErrors.shift();
        }
      }
      done();
    },
  });
}

/** Unhandled rejections and uncaught exceptions while `run` lasts: each one is a crash of the service. */
export async function countingCrashes<T>(run: () => Promise<T>): Promise<{ value: T; crashes: string[] }> {
  const crashes: string[] = [];
  const onRejection = (reason: unknown) => crashes.push(`unhandled rejection: ${describe(reason)}`);
  const onException = (err: unknown) => crashes.push(`uncaught exception: ${describe(err)}`);
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  try {
    const value = await run();
    // Rejections are reported after a turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { value, crashes };
  } finally {
    process.off("unhandledRejection", onRejection);
    process.off("uncaughtException", onException);
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message.slice(0, 200)}` : String(err).slice(0, 200);
}

import { setTimeout as sleep } from "node:timers/promises";
import { GrammyError } from "grammy";
import type { Config } from "../../config.js";
import type { Sender } from "../../core/types.js";
import { errorSummary, type Logger } from "../../logger.js";
import type { ChatTurns, Leadership } from "../../replicas/index.js";
import type { HttpServer } from "../../server/http.js";
import { type Backoff, backoffDelay } from "../../util/backoff.js";
import type { ChannelHandle } from "../channel.js";
import { createTelegramBot, type TelegramAssistant, type TelegramStats } from "./bot.js";
import { registerCommands } from "./commands.js";
import { startPolling, type TelegramPollingHealth } from "./polling.js";
import { TelegramSender } from "./sender.js";
import { registerTelegramWebhook, setTelegramWebhook, type TelegramWebhookHealth, webhookTarget } from "./webhook.js";

export interface StartTelegramOptions {
  config: Config;
  assistant: TelegramAssistant;
  logger: Logger;
  /** The service's HTTP server; webhook mode adds its route (best listening already: Telegram posts at once). */
  server: HttpServer;
  /** Several replicas: polling runs only while this replica leads (webhooks: every replica takes updates). */
  leadership?: Leadership;
  /** Several replicas: a chat's updates take turns across them. */
  turns?: ChatTurns;
  tuning?: TelegramTuning;
}

/** What tests shorten; production keeps the defaults. */
export interface TelegramTuning {
  /** How long one attempt to reach the Bot API (getMe) may take before it counts as unreachable (default 20 s). */
  reachTimeoutMs?: number;
  /** Pauses between attempts while the Bot API cannot be reached (default 5 s, doubling to 60 s). */
  retry?: Backoff;
}

/** For /healthz: the bot, the mode's state and the update counters. */
export type TelegramHealth = { bot: string } & (TelegramPollingHealth | TelegramWebhookHealth) & TelegramStats;

/** Stopping it: no new updates, those in flight finish, polling confirms its offset. */
export interface TelegramChannel extends ChannelHandle<TelegramHealth> {
  readonly name: "telegram";
  readonly sender: Sender;
}

/** Starts the Telegram channel in the configured mode (TELEGRAM_MODE): long polling or webhook. */
export async function startTelegram({
  config,
  assistant,
  logger,
  server,
  leadership,
  turns,
  tuning = {},
}: StartTelegramOptions): Promise<TelegramChannel> {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error("TELEGRAM_BOT_TOKEN is not set");
  const log = logger.child({ channel: "telegram" });
  const telegram = createTelegramBot({
    assistant,
    logger: log,
    token,
    apiRoot: config.TELEGRAM_API_ROOT,
    turns,
  });
  const { bot } = telegram;
  const background = new AbortController();
  const retry = tuning.retry ?? RETRY;
  const reach = () => reachTelegram(bot, log, apiRootOf(config), tuning.reachTimeoutMs ?? INIT_ATTEMPT_MS);
  // A rejected token stops the start (nothing to retry); an API that cannot be reached does not:
  // it is said within INIT_ATTEMPT_MS, retried with a log line each time, and the rest of the
  // service (the other channel, the HTTP server) keeps running meanwhile.
  const first = await reach();
  if (first !== "ok") {
    log.warn(
      { err: first, apiRoot: apiRootOf(config), retryInSeconds: retry.initialMs / 1000 },
      "telegram API unreachable; retrying in the background (the other channels keep running)",
    );
  }

  let stopMode: (() => Promise<void>) | undefined;
  let modeState: (() => TelegramPollingHealth | TelegramWebhookHealth) | undefined;
  let lastError = first === "ok" ? undefined : first.message;
  const startMode = async () => {
    // The command menu is a convenience: a failure is logged, the bot still starts.
    await registerCommands(bot.api, assistant.translator).catch((err: unknown) =>
      log.warn({ err: errorSummary(err) }, "telegram commands not registered"),
    );
    if (config.TELEGRAM_MODE === "webhook") {
      const secret = config.TELEGRAM_WEBHOOK_SECRET;
      if (!config.TELEGRAM_WEBHOOK_URL || !secret) {
        throw new Error("TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET are required when TELEGRAM_MODE=webhook");
      }
      const target = webhookTarget(config.TELEGRAM_WEBHOOK_URL);
      const webhook = registerTelegramWebhook(server, bot, { path: target.path, secret, logger: log });
      await setTelegramWebhook(bot, target.url, secret);
      log.info({ mode: "webhook", bot: bot.botInfo.username, path: target.path }, "telegram bot started");
      stopMode = () => webhook.close();
      modeState = webhook.state;
    } else if (leadership) {
      // One poller per bot: the replica holding the lease polls; another takes over when it goes.
      let polling: Awaited<ReturnType<typeof startPolling>> | undefined;
      let ended = false;
      const idle: TelegramPollingHealth = { mode: "polling", running: false, inFlight: 0 };
      leadership.follow({
        name: "telegram polling",
        start: async () => {
          if (ended) return;
          const started = await startPolling(bot, { logger: log });
          if (ended) await started.stop();
          else polling = started;
        },
        stop: async () => {
          const stopping = polling;
          polling = undefined;
          await stopping?.stop();
        },
      });
      // The role stops with the lease (Replicas.close); stopping the channel stops its poll now.
      stopMode = async () => {
        ended = true;
        const stopping = polling;
        polling = undefined;
        await stopping?.stop();
      };
      modeState = () => polling?.state() ?? idle;
    } else {
      const polling = await startPolling(bot, { logger: log });
      stopMode = polling.stop;
      modeState = polling.state;
    }
  };
  let connecting: Promise<void> = Promise.resolve();
  if (first === "ok") await startMode();
  else {
    connecting = (async () => {
      for (let attempt = 0; !background.signal.aborted; attempt++) {
        const wait = backoffDelay(attempt, retry);
        await sleep(wait, undefined, { signal: background.signal }).catch(() => undefined);
        if (background.signal.aborted) return;
        const outcome = await reach();
        if (outcome === "ok") {
          log.info({ apiRoot: apiRootOf(config) }, "telegram API reachable again; starting the bot");
          lastError = undefined;
          await startMode();
          return;
        }
        lastError = outcome.message;
        log.warn(
          { err: outcome, apiRoot: apiRootOf(config), retryInSeconds: backoffDelay(attempt + 1, retry) / 1000 },
          "telegram API still unreachable; retrying",
        );
      }
    })().catch((err: unknown) => log.error({ err: errorSummary(err) }, "telegram bot could not start"));
  }

  const waiting = (): TelegramPollingHealth | TelegramWebhookHealth =>
    config.TELEGRAM_MODE === "webhook"
      ? { mode: "webhook", path: "", accepting: false, received: 0, refused: 0, inFlight: 0 }
      : { mode: "polling", running: false, inFlight: 0, ...(lastError ? { lastError } : {}) };

  return {
    name: "telegram",
    stop: async () => {
      background.abort();
      await connecting;
      await stopMode?.();
    },
    health: () => ({
      bot: stopMode ? bot.botInfo.username : "",
      ...(modeState ? modeState() : waiting()),
      ...telegram.stats,
    }),
    sender: new TelegramSender(telegram.deliver),
  };
}

/** How long one attempt to reach the Bot API (getMe) may take before it counts as unreachable. */
const INIT_ATTEMPT_MS = 20_000;
/** Pauses between attempts while the Bot API cannot be reached. */
const RETRY: Backoff = { initialMs: 5_000, maxMs: 60_000 };

function apiRootOf(config: Config): string {
  return config.TELEGRAM_API_ROOT ?? "https://api.telegram.org";
}

/**
 * One getMe: "ok"; the summary of why the API could not be reached (no answer within
 * INIT_ATTEMPT_MS, refused, DNS…); or a throw when Telegram answered and refused the token.
 */
async function reachTelegram(
  bot: ReturnType<typeof createTelegramBot>["bot"],
  log: Logger,
  apiRoot: string,
  timeoutMs: number,
): Promise<"ok" | { type: string; message: string }> {
  try {
    await bot.init(AbortSignal.timeout(timeoutMs) as Parameters<typeof bot.init>[0]);
    return "ok";
  } catch (err) {
    if (err instanceof GrammyError) {
      // The message names the failed call (getMe) and Telegram's reason; grammY keeps the token out of it.
      throw new Error(`Telegram did not accept the bot (check TELEGRAM_BOT_TOKEN): ${errorSummary(err).message}`);
    }
    log.debug({ apiRoot }, "telegram getMe failed");
    return errorSummary(err);
  }
}

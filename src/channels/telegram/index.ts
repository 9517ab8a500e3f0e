import type { Config } from "../../config.js";
import type { Sender } from "../../core/types.js";
import { errorSummary, type Logger } from "../../logger.js";
import type { HttpServer } from "../../server/http.js";
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
}: StartTelegramOptions): Promise<TelegramChannel> {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error("TELEGRAM_BOT_TOKEN is not set");
  const log = logger.child({ channel: "telegram" });
  const telegram = createTelegramBot({
    assistant,
    logger: log,
    token,
    apiRoot: config.TELEGRAM_API_ROOT,
  });
  const { bot } = telegram;
  try {
    await bot.init();
  } catch (err) {
    // The message names the failed call (getMe) and Telegram's reason; grammY keeps the token out of it.
    throw new Error(`Telegram did not accept the bot (check TELEGRAM_BOT_TOKEN): ${errorSummary(err).message}`);
  }
  // The command menu is a convenience: a failure is logged, the bot still starts.
  await registerCommands(bot.api, assistant.translator).catch((err: unknown) =>
    log.warn({ err: errorSummary(err) }, "telegram commands not registered"),
  );

  let stopMode: () => Promise<void>;
  let modeState: () => TelegramPollingHealth | TelegramWebhookHealth;
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
  } else {
    const polling = await startPolling(bot, { logger: log });
    stopMode = polling.stop;
    modeState = polling.state;
  }

  return {
    name: "telegram",
    stop: stopMode,
    health: () => ({ bot: bot.botInfo.username, ...modeState(), ...telegram.stats }),
    sender: new TelegramSender(telegram.deliver),
  };
}

import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Config } from "../../config.js";
import type { Assistant } from "../../core/assistant.js";
import type { Sender } from "../../core/types.js";
import { errorSummary, type Logger } from "../../logger.js";
import type { ChatTurns, Leadership } from "../../replicas/index.js";
import type { HttpServer } from "../../server/http.js";
import { type Backoff, backoffDelay } from "../../util/backoff.js";
import type { ChannelHandle } from "../channel.js";
import { DEFAULT_API_ROOT, type RetryPolicy, ZaloBot, ZaloError } from "./client/index.js";
import { type ZaloCounters, ZaloUpdateHandler } from "./handler.js";
import { FileUpdateInbox, type UpdateInbox } from "./inbox.js";
import { type PostgresInboxOptions, PostgresUpdateInbox } from "./inbox-postgres.js";
import { SeenUpdates } from "./seen.js";
import { ZaloSender } from "./sender.js";
import { registerZaloWebhook, ZALO_WEBHOOK_PATH } from "./webhook.js";

/** Knobs the environment does not set; tests and the benchmark turn them down. */
export interface ZaloTuning {
  /** Long-poll wait in seconds (the API's `timeout`). */
  pollTimeoutSec?: number;
  /** How long the first getMe may take before the API counts as unreachable (default 20 s). */
  reachTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Pauses after failures: the poller's, and the background retry of setWebhook. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** "typing…" once an answer takes longer than this (default 300 ms; 0: for every message). */
  typingDelayMs?: number;
  typingIntervalMs?: number;
  unsupportedWindowMs?: number;
  seenCapacity?: number;
  /** Persist seen update keys under DATA_DIR (default true). */
  persistSeen?: boolean;
  /** With DATABASE_URL: the shared inbox's claim period and sweeps. */
  inbox?: Pick<PostgresInboxOptions, "claimMs" | "renewMs" | "sweepMs">;
}

export interface StartZaloOptions {
  config: Config;
  assistant: Assistant;
  logger: Logger;
  /** Needed in webhook mode: the route is added to it (the caller listens and closes it). */
  server?: HttpServer;
  tuning?: ZaloTuning;
  /** Several replicas: polling runs only while this replica leads (webhooks: every replica takes updates). */
  leadership?: Leadership;
  /** Several replicas: a chat's updates take turns across them. */
  turns?: ChatTurns;
}

/** For /healthz: the mode, the bot, polling or webhook state and the update counters. */
export type ZaloHealth = {
  mode: "polling" | "webhook";
  bot?: string;
  polling: boolean;
  pollFailures: number;
  lastUpdateAt?: string;
  webhookRegistered?: boolean;
  seenKeys: number;
} & ZaloCounters;

export interface ZaloChannel extends ChannelHandle<ZaloHealth> {
  readonly name: "zalo";
  readonly sender: Sender;
}

/** Error codes that no retry will cure: the token or the configuration is wrong. */
const FATAL_CODES = new Set([400, 401, 404]);

/**
 * Starts the Zalo channel from the configuration: checks the token (getMe), then either polls
 * (the poller deletes any webhook first) or adds the webhook route and registers the URL with
 * Zalo. A rejected token throws; Zalo being unreachable does not — polling backs off and the
 * webhook registration is retried in the background — so Telegram keeps running beside it.
 */
export async function startZalo({
  config,
  assistant,
  logger,
  server,
  tuning = {},
  leadership,
  turns,
}: StartZaloOptions): Promise<ZaloChannel> {
  const token = config.ZALO_BOT_TOKEN;
  if (!token) throw new Error("ZALO_BOT_TOKEN is not set");
  const mode = config.ZALO_MODE;
  const log = logger.child({ channel: "zalo" });
  const bot = new ZaloBot(token, {
    baseApiUrl: config.ZALO_API_ROOT ?? DEFAULT_API_ROOT,
    retry: tuning.retry,
    polling: { autoStart: false, params: { timeout: tuning.pollTimeoutSec ?? 30 }, backoff: tuning.backoff },
  });
  const seen = await SeenUpdates.open({
    file: tuning.persistSeen === false ? undefined : path.join(config.dataDir, "zalo-seen-updates.json"),
    capacity: tuning.seenCapacity,
    onError: (err) => log.warn({ err: errorSummary(err) }, "zalo seen-updates file unusable; continuing in memory"),
  });
  let account: string | undefined;
  try {
    // One attempt with a deadline: an unreachable API is said within 20 s (polling then retries with a log line each time).
    account = (await bot.getMe({ retries: 0, timeoutMs: tuning.reachTimeoutMs ?? 20_000 })).account_name;
    log.info({ mode, bot: account }, "zalo bot connected");
  } catch (err) {
    if (err instanceof ZaloError && FATAL_CODES.has(err.error_code)) {
      throw new Error(`Zalo rejected ZALO_BOT_TOKEN (${err.error_code} ${err.description})`);
    }
    log.warn(
      { err: errorSummary(err), apiRoot: config.ZALO_API_ROOT ?? DEFAULT_API_ROOT },
      "zalo API unreachable (getMe failed); starting anyway, polling retries with backoff",
    );
  }

  const inbox = await openInbox(config, tuning, log);
  const sender = new ZaloSender(bot);
  const handler = new ZaloUpdateHandler({
    bot,
    assistant,
    sender,
    seen,
    inbox,
    logger: log,
    typingDelayMs: tuning.typingDelayMs,
    typingIntervalMs: tuning.typingIntervalMs,
    unsupportedWindowMs: tuning.unsupportedWindowMs,
    turns,
  });

  // Before any new update can arrive, so each chat's questions are answered in order. With a
  // database, later too: whenever a replica that took updates is gone (its claims lapsed).
  await inbox.start(({ unanswered, expired, givenUp, unreadable }) => {
    if (unanswered.length + expired + givenUp + unreadable === 0) return;
    log.warn(
      { unanswered: unanswered.length, expired, givenUp, unreadable },
      "zalo: messages taken before a crash and not answered (the unanswered ones are answered now)",
    );
    handler.replay(unanswered);
  });

  let stopped = false;
  const background = new AbortController();
  let webhookRegistered = false;
  let webhookTask: Promise<void> = Promise.resolve();

  if (mode === "webhook") {
    const url = config.ZALO_WEBHOOK_URL;
    const secret = config.ZALO_WEBHOOK_SECRET;
    if (!server || !url || !secret)
      throw new Error("Zalo webhook mode needs the HTTP server, ZALO_WEBHOOK_URL and ZALO_WEBHOOK_SECRET");
    registerZaloWebhook(server, { secret, sink: handler, logger: log, accepting: () => !stopped });
    if (new URL(url).pathname !== ZALO_WEBHOOK_PATH) {
      log.warn(
        { path: ZALO_WEBHOOK_PATH },
        "ZALO_WEBHOOK_URL's path differs from the route: the proxy must forward to it",
      );
    }
    const register = () => bot.setWebHook(url, { secret_token: secret }, { signal: background.signal });
    try {
      await register();
      webhookRegistered = true;
    } catch (err) {
      if (err instanceof ZaloError && FATAL_CODES.has(err.error_code)) {
        throw new Error(`Zalo refused setWebhook (${err.error_code} ${err.description})`);
      }
      log.warn({ err: errorSummary(err) }, "zalo setWebhook failed; retrying in the background");
      const pauses = { initialMs: tuning.backoff?.initialMs ?? 1_000, maxMs: tuning.backoff?.maxMs ?? 60_000 };
      webhookTask = retryUntilDone(register, pauses, background.signal, (e) =>
        log.warn({ err: errorSummary(e) }, "zalo setWebhook failed again"),
      ).then((done) => {
        webhookRegistered = done;
        if (done) log.info("zalo webhook registered");
      });
    }
  } else {
    bot.on("update", (update) => {
      if (handler.claim(update)) void handler.handle(update);
    });
    bot.on("polling_error", (err) => log.warn({ err: errorSummary(err) }, "zalo polling failed; backing off"));
    if (leadership) {
      // One poller per bot (Zalo hands each update to one poll): the replica holding the lease polls.
      leadership.follow({
        name: "zalo polling",
        start: async () => {
          if (!stopped) await bot.startPolling();
        },
        stop: () => bot.stopPolling({ cancel: true }),
      });
    } else {
      await bot.startPolling();
    }
  }

  return {
    name: "zalo",
    // Messages the bot starts (notifications, rating requests): their numbered choices become
    // the ones a typed "1" picks, as Zalo has no buttons. Not awaited: the outbox records the
    // send at once (a crash before that record makes it send again), and a failure here must
    // not count as a failed send. The service waits for it at shutdown (Assistant.idle).
    sender: {
      channel: sender.channel,
      async send(chatKey, replies, progress) {
        await sender.send(chatKey, replies, progress);
        void assistant
          .offered(chatKey, replies)
          .catch((err: unknown) => log.warn({ err: errorSummary(err) }, "zalo: choices of a notification not kept"));
      },
    },
    health: () => {
      const polling = bot.pollingState();
      return {
        mode,
        bot: account,
        polling: bot.isPolling(),
        pollFailures: polling.failures,
        lastUpdateAt: polling.lastUpdateAt ? new Date(polling.lastUpdateAt).toISOString() : undefined,
        webhookRegistered: mode === "webhook" ? webhookRegistered : undefined,
        seenKeys: seen.size,
        ...handler.counters,
      };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      background.abort();
      // Cancelling the long poll: waiting for it could take the whole poll timeout.
      await bot.stopPolling({ cancel: true });
      await webhookTask;
      await handler.idle();
      await inbox.close();
      await seen.flush();
      bot.removeAllListeners();
    },
  };
}

/**
 * The file in DATA_DIR, or with DATABASE_URL the table the replicas share (the database is
 * migrated by then: the service opens its stores before the channels).
 */
async function openInbox(config: Config, tuning: ZaloTuning, log: Logger): Promise<UpdateInbox> {
  const onError = (err: unknown) =>
    log.warn({ err: errorSummary(err) }, "zalo inbox not written; messages are answered all the same");
  const file = path.join(config.dataDir, "zalo-inbox.log");
  if (!config.DATABASE_URL) {
    // Zalo message dates are real time, whatever clock the rest of the service runs on.
    return FileUpdateInbox.open(file, Date.now(), onError).inbox;
  }
  // Its claims' name: the same when this replica restarts (DATA_DIR is held by one process at a time).
  const claimant = `${hostname()} ${path.resolve(config.dataDir)}`;
  const inbox = PostgresUpdateInbox.open({ url: config.DATABASE_URL, claimant, onError, ...tuning.inbox });
  if (existsSync(file)) await moveLeftFile(file, inbox, log);
  return inbox;
}

/**
 * A file inbox left in DATA_DIR (the ward ran on files and stopped in a crash before moving to
 * the database): what it holds goes into the table and is answered; the file, message texts
 * and all, goes. Kept when the database refuses it, for the next start.
 */
async function moveLeftFile(file: string, inbox: PostgresUpdateInbox, log: Logger): Promise<void> {
  const left = FileUpdateInbox.open(file, Date.now());
  try {
    await inbox.adopt(left.unanswered);
  } catch (err) {
    await left.inbox.close();
    log.warn({ err: errorSummary(err) }, "zalo: the inbox file left in DATA_DIR not moved to the database; kept");
    return;
  }
  await left.inbox.close();
  await rm(file, { force: true });
  const { unanswered, expired, givenUp, unreadable } = left;
  if (unanswered.length + expired + givenUp + unreadable > 0) {
    log.warn(
      { unanswered: unanswered.length, expired, givenUp, unreadable },
      "zalo: the inbox file left in DATA_DIR moved to the database (the unanswered ones are answered now)",
    );
  }
}

/** Repeats `task` with doubling pauses until it succeeds or `signal` aborts; resolves to whether it succeeded. */
async function retryUntilDone(
  task: () => Promise<unknown>,
  pauses: Backoff,
  signal: AbortSignal,
  failed: (err: unknown) => void,
): Promise<boolean> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    const wait = backoffDelay(attempt, pauses);
    const waited = await sleep(wait, true, { signal }).catch(() => false);
    if (!waited) return false;
    try {
      await task();
      return true;
    } catch (err) {
      if (signal.aborted) return false;
      failed(err);
    }
  }
  return false;
}

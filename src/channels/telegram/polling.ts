import { createConcurrentSink, createRunner, createSource, createUpdateFetcher } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { errorSummary, type Logger } from "../../logger.js";
import { InFlight } from "../../util/in-flight.js";
import { ALLOWED_UPDATES } from "./bot.js";

export interface PollingOptions {
  logger: Logger;
  /** Long-poll timeout of each getUpdates call, in seconds. */
  timeoutSeconds?: number;
  /** Updates handled at once (across chats; one chat's updates are sequential anyway). */
  concurrency?: number;
  /** How long stop() waits for updates in flight before giving up on them. */
  stopGraceMs?: number;
}

export interface TelegramPollingHealth {
  mode: "polling";
  running: boolean;
  inFlight: number;
  lastUpdateId?: number;
  lastError?: string;
}

export interface Polling {
  /** Stops fetching, finishes the updates in flight, then confirms them to Telegram. */
  stop(): Promise<void>;
  state(): TelegramPollingHealth;
}

/**
 * Long polling with @grammyjs/runner (concurrent across chats; the bot sequentialises per chat).
 * Assembled from the runner's parts rather than `run()` so that stop() can wait for the
 * updates in flight and confirm the last fetched offset: otherwise a batch fetched just
 * before a stop is never confirmed and a restart handles it a second time.
 */
export async function startPolling(bot: Bot, options: PollingOptions): Promise<Polling> {
  const { logger } = options;
  await bot.init();
  // getUpdates is refused while a webhook is set; pending updates are kept for us.
  await bot.api.deleteWebhook({ drop_pending_updates: false });

  let lastFetched: number | undefined;
  let lastError: string | undefined;
  let stopping = false;
  const inFlight = new InFlight();

  const fetchUpdates = createUpdateFetcher<Update, unknown>(
    {
      handleUpdate: (u) => bot.handleUpdate(u),
      errorHandler: () => undefined,
      api: {
        getUpdates: async (args, signal) => {
          try {
            const updates = await bot.api.getUpdates(args, signal as Parameters<typeof bot.api.getUpdates>[1]);
            lastError = undefined;
            return updates;
          } catch (err) {
            if (!signal.aborted) {
              lastError = errorSummary(err).message;
              logger.warn({ err: errorSummary(err) }, "telegram getUpdates failed, retrying");
            }
            throw err;
          }
        },
      },
    },
    {
      fetch: { timeout: options.timeoutSeconds ?? 30, allowed_updates: ALLOWED_UPDATES },
      silent: true,
      // Waits grow by 0.1 s per failure (exponential would reach hours) and give up after a day.
      retryInterval: "quadratic",
      maxRetryTime: 24 * 60 * 60 * 1000,
    },
  );
  const source = createSource<Update>({
    supply: async (batchSize, signal) => {
      const updates = await fetchUpdates(batchSize, signal);
      const last = updates.at(-1);
      if (last) lastFetched = last.update_id;
      return updates;
    },
  });
  const sink = createConcurrentSink<Update, unknown>(
    {
      consume: (update) => {
        return inFlight.track(bot.handleUpdate(update));
      },
    },
    async (err) => {
      try {
        await bot.errorHandler(err as Parameters<typeof bot.errorHandler>[0]);
      } catch (handlerErr) {
        logger.error({ err: errorSummary(handlerErr) }, "telegram error handler failed");
      }
    },
    { concurrency: options.concurrency ?? 100 },
  );
  const runner = createRunner(source, sink);
  runner.start();
  let failed = false;
  void runner.task()?.catch((err: unknown) => {
    // Unrecoverable (401: token revoked, 409: another instance polls): nothing more will arrive.
    failed = true;
    lastError = errorSummary(err).message;
    logger.error({ err: errorSummary(err) }, "telegram polling stopped");
  });
  logger.info({ mode: "polling", bot: bot.botInfo.username }, "telegram bot started");

  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      await runner.stop();
      const grace = options.stopGraceMs ?? 10_000;
      const finished = await inFlight.drainWithin(grace);
      if (!finished) logger.warn({ inFlight: inFlight.size }, "telegram updates still running at shutdown");
      // After a 409 another instance polls: a getUpdates from here would cut its poll short too.
      if (lastFetched !== undefined && !failed) {
        // Telegram forgets updates below the offset of a getUpdates call; limit 1 and no wait keep it cheap.
        await bot.api
          .getUpdates({ offset: lastFetched + 1, limit: 1, timeout: 0 })
          .catch((err: unknown) => logger.warn({ err: errorSummary(err) }, "telegram offset not confirmed"));
      }
      logger.info("telegram polling stopped");
    },
    state: () => ({
      mode: "polling" as const,
      running: runner.isRunning(),
      inFlight: inFlight.size,
      lastUpdateId: lastFetched,
      ...(lastError ? { lastError } : {}),
    }),
  };
}

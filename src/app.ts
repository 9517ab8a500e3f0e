import { LiveCatalogue } from "./catalogue/live.js";
import { type ClockTimers, createClock, runJobsOnClock } from "./clock.js";
import type { Config } from "./config.js";
import { Assistant } from "./core/assistant.js";
import { RateLimiter } from "./core/rate-limit.js";
import { MemoryConversationStore, type Sender } from "./core/types.js";
import { type Dossiers, startDossiers } from "./dossiers/start.js";
import { localTime } from "./dossiers/time.js";
import type { Logger } from "./logger.js";
import type { HttpServer } from "./server/http.js";

export interface AppOptions {
  /** Where the dossier API is registered (when DOSSIER_API_TOKEN is set). */
  server?: HttpServer;
  /** Dossiers, reminders and ratings need the data directory (and its lock); the catalogue-only chat does not. */
  dossiers?: boolean;
}

export interface App {
  catalogue: LiveCatalogue;
  assistant: Assistant;
  dossiers?: Dossiers;
  /** Channels push their Sender here once started; notifications read it at each send. */
  senders: Sender[];
  /** Only with the test clock (MOTCUA_FAKE_CLOCK_FILE): its time and how far the scheduled jobs have run. */
  clock?: ClockTimers["state"];
}

/** The pieces every channel shares, built once from the configuration. */
export async function createApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const catalogue = await LiveCatalogue.open(config.catalogueDir, {
    reloaded: (s) =>
      logger.info({ version: s.catalogue.version, procedures: s.catalogue.procedures.length }, "catalogue reloaded"),
    rejected: (problems, report) =>
      logger.warn(
        { problems: problems.length },
        `catalogue change refused, still serving the last good one\n${report}`,
      ),
  });
  const senders: Sender[] = [];
  // The test clock (unset in production: Date.now) is the dossiers' clock: imports, reminders,
  // send windows, lockouts, rating months. The rate limiter keeps the real clock: it counts
  // what people send per real minute, and a clock standing still would never let them go.
  const clock = createClock(config.MOTCUA_FAKE_CLOCK_FILE);
  if (clock.file)
    logger.warn({ testTime: new Date(clock.now()).toISOString() }, "test clock in use (MOTCUA_FAKE_CLOCK_FILE)");
  const started =
    options.dossiers === false
      ? undefined
      : await startDossiers({
          config,
          catalogue,
          logger,
          server: options.server,
          senders,
          now: clock.now,
          timers: clock.file === undefined,
        });
  // With the test clock, the reminder scan and the outbox flush follow it (see runJobsOnClock).
  const timers =
    started && clock.file
      ? runJobsOnClock(
          clock,
          [
            {
              // node-cron's "*/10 * * * *" in TIMEZONE: scan, then flush (as in startDossiers).
              name: "pickup reminder scan",
              period: (t) => {
                const local = localTime(t, config.TIMEZONE);
                return `${local.date} ${Math.floor(local.minutes / 10)}`;
              },
              run: async () => {
                await started.remindPendingPickups();
                await started.flushOutbox();
              },
            },
            { name: "outbox flush", period: (t) => Math.floor(t / 30_000), run: started.flushOutbox, atStart: true },
          ],
          logger,
        )
      : undefined;
  const dossiers: Dossiers | undefined =
    started && timers
      ? {
          ...started,
          stop: async () => {
            await timers.stop();
            await started.stop();
          },
        }
      : started;
  const assistant = new Assistant({
    catalogue,
    conversations: dossiers?.conversations ?? new MemoryConversationStore(),
    features: dossiers ? [dossiers.feature] : [],
    answerFeedback: dossiers?.answerFeedback,
    rateLimiter: new RateLimiter(config.RATE_LIMIT_PER_MINUTE),
  });
  return { catalogue, assistant, dossiers, senders, clock: timers?.state };
}

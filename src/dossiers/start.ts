import path from "node:path";
import cron, { type ScheduledTask } from "node-cron";
import type { LiveCatalogue } from "../catalogue/live.js";
import type { Config } from "../config.js";
import type { Assistant } from "../core/assistant.js";
import { Translator } from "../core/i18n.js";
import type { ConversationStore, Feature, Sender } from "../core/types.js";
import { errorSummary, type Logger } from "../logger.js";
import { parseRanges, parseWeekdays } from "../notifications/hours.js";
import { createRenderer } from "../notifications/messages.js";
import { noticesFor } from "../notifications/notices.js";
import { type FlushReport, Outbox } from "../notifications/outbox.js";
import { type ReminderScan, remindPendingPickups } from "../notifications/reminders.js";
import { AnswerFeedbackStore } from "../ratings/feedback.js";
import { RatingFlow } from "../ratings/flow.js";
import { asScale } from "../ratings/schema.js";
import { FileRatingRepository } from "../ratings/store.js";
import type { HttpServer } from "../server/http.js";
import { FileConversationStore } from "../storage/conversations.js";
import { DataDirLock } from "../storage/lock.js";
import { registerDossierApi } from "./api.js";
import { codeKey } from "./code.js";
import { createDossierFeature } from "./feature.js";
import { type ImportReport, ingestRows } from "./ingest.js";
import { LookupGuard } from "./lockouts.js";
import { type LookupOutcome, lookupDossier } from "./lookup.js";
import { Hasher, loadHashKey } from "./privacy.js";
import type { RawRow } from "./records.js";
import { FileDossierRepository } from "./repository.js";
import { dropFinishedLinks, FileSubscriptionRepository } from "./subscriptions.js";
import { localTime } from "./time.js";

export type DossierConfig = Pick<
  Config,
  | "dataDir"
  | "PHONE_HASH_KEY"
  | "DOSSIER_API_TOKEN"
  | "REMINDER_DAYS"
  | "RATING_SCALE"
  | "TIMEZONE"
  | "OFFICE_HOURS"
  | "WORKING_DAYS"
  | "HOLIDAYS"
  | "NOTIFY_HOURS"
>;

export interface StartDossiersOptions {
  config: DossierConfig;
  /** Optional: its translator and chats' languages are used when given. */
  assistant?: Assistant;
  catalogue: LiveCatalogue;
  logger: Logger;
  /** POST /api/dossiers is registered on it when DOSSIER_API_TOKEN is set. */
  server?: HttpServer;
  senders: Sender[];
  /** Tests and CLIs: the clock, no timers, no fsync. */
  now?: () => number;
  random?: () => number;
  timers?: boolean;
  fsync?: boolean;
}

export interface Dossiers {
  feature: Feature;
  /** Persistent; give it to the Assistant so restarts keep half-finished exchanges. */
  conversations: ConversationStore;
  stop(): Promise<void>;
  /** Counts for /healthz; nothing personal. */
  state(): Record<string, unknown>;
  /** Counts a "helpful / not helpful" tap on an answer (once per chat, procedure and month). */
  recordAnswerFeedback(chatKey: string, procedureCode: string, helpful: boolean): Promise<void>;
  /** The same, shaped as the core's AnswerFeedbackSink: `new Assistant({ …, answerFeedback })`. */
  answerFeedback: { record(chatKey: string, procedureCode: string, helpful: boolean): Promise<void> };
  importRows(rows: RawRow[]): Promise<ImportReport>;
  /** The verified lookup behind /hoso, for other front-ends; counts failures like a chat's. */
  lookup(chatKey: string, code: string, last4: string): Promise<LookupOutcome>;
  flushOutbox(): Promise<FlushReport>;
  remindPendingPickups(): Promise<ReminderScan>;
}

/** Reminders are looked for every 10 minutes; the scan itself keeps to office hours. */
const REMINDER_CRON = "*/10 * * * *";
const OUTBOX_EVERY_MS = 30_000;
/** Links to dossiers that are over (handed over, withdrawn…) are deleted after this. */
const FINISHED_LINK_DAYS = 30;

/** Opens the dossier data in DATA_DIR, plugs the feature in, and starts the outbox and the reminder schedule. */
export async function startDossiers(options: StartDossiersOptions): Promise<Dossiers> {
  const { config, catalogue, logger, senders } = options;
  const now = options.now ?? Date.now;
  const fsync = options.fsync ?? true;
  const dir = config.dataDir;
  const lock = await DataDirLock.acquire(dir);
  try {
    const hasher = new Hasher(await loadHashKey(dir, config.PHONE_HASH_KEY));
    const timeZone = config.TIMEZONE;
    const [dossiers, subscriptions, guard, ratings, feedback, conversations] = await Promise.all([
      FileDossierRepository.open(path.join(dir, "dossiers"), hasher.keyId, fsync),
      FileSubscriptionRepository.open(path.join(dir, "subscriptions"), fsync),
      LookupGuard.open(dir, hasher, timeZone, fsync),
      FileRatingRepository.open(path.join(dir, "ratings"), fsync),
      AnswerFeedbackStore.open(dir, (v) => hasher.pseudonym("voter", v), fsync),
      FileConversationStore.open(path.join(dir, "conversations"), now, fsync),
    ]);
    const translator = options.assistant?.translator ?? new Translator();
    const languageOf = async (chatKey: string) =>
      options.assistant ? options.assistant.languageOf(chatKey) : ((await conversations.get(chatKey))?.lang ?? "vi");
    const ratingFlow = new RatingFlow(ratings, asScale(config.RATING_SCALE), timeZone);
    const office = {
      timeZone,
      ranges: parseRanges(config.OFFICE_HOURS),
      weekdays: parseWeekdays(config.WORKING_DAYS),
      holidays: new Set(config.HOLIDAYS),
    };
    const daytime = { timeZone, ranges: parseRanges(config.NOTIFY_HOURS) };
    const render = createRenderer({
      dossiers,
      subscriptions,
      ratingFlow,
      catalogue,
      translator,
      languageOf,
      timeZone,
      now,
    });
    const outbox = await Outbox.open(
      dir,
      {
        senders,
        render,
        windows: { reminder: office, status: daytime, rating: daytime },
        logger,
        now,
        random: options.random,
      },
      fsync,
    );

    const counts = { dossiers: await dossiers.count(), subscriptions: await subscriptions.count() };
    const importRows = async (rows: RawRow[]) => {
      const report = await ingestRows(
        { dossiers, hasher, now, notify: async (changes) => outbox.enqueue(await noticesFor(changes, subscriptions)) },
        rows,
      );
      counts.dossiers = await dossiers.count();
      return report;
    };
    const feature = createDossierFeature({
      dossiers,
      subscriptions,
      guard,
      hasher,
      ratingFlow,
      catalogue,
      forgetChat: (chatKey) => outbox.forgetChat(chatKey),
      timeZone,
      logger,
      now,
    });

    const recordAnswerFeedback = (chatKey: string, procedureCode: string, helpful: boolean) =>
      feedback.record(chatKey, procedureCode, helpful, localTime(now(), timeZone).date.slice(0, 7));
    const stats = { lastScan: undefined as number | undefined, lastQueued: 0, lastMaintenanceDay: "" };
    const flushOutbox = async () => {
      const report = await outbox.flush();
      if (report.sent + report.failed > 0) logger.info(report, "notifications sent");
      return report;
    };
    // Once a day, with the first scan in office hours.
    const dailyUpkeep = async () => {
      const day = localTime(now(), timeZone).date;
      if (stats.lastMaintenanceDay === day) return;
      stats.lastMaintenanceDay = day;
      await dropFinishedLinks(subscriptions, dossiers, now() - FINISHED_LINK_DAYS * 86_400_000);
    };
    let scanning: Promise<ReminderScan> | undefined;
    const remind = () => {
      // No overlapping runs, whatever calls it (cron, a test, a slow disk).
      scanning ??= (async () => {
        const scan = await remindPendingPickups(
          { dossiers, subscriptions, outbox, days: config.REMINDER_DAYS, office },
          now(),
        );
        stats.lastScan = now();
        stats.lastQueued = scan.queued;
        if (!scan.closed) await dailyUpkeep();
        counts.subscriptions = await subscriptions.count();
        return scan;
      })().finally(() => {
        scanning = undefined;
      });
      return scanning;
    };

    if (options.server) {
      registerDossierApi(options.server, {
        token: config.DOSSIER_API_TOKEN,
        ingest: importRows,
        afterImport: async () => void (await flushOutbox()),
      });
    }

    let task: ScheduledTask | undefined;
    let interval: NodeJS.Timeout | undefined;
    const guarded = (name: string, run: () => Promise<unknown>) => () =>
      run().catch((err: unknown) => logger.error({ err: errorSummary(err) }, `${name} failed`));
    if (options.timers ?? true) {
      task = cron.schedule(
        REMINDER_CRON,
        guarded("pickup reminder scan", async () => {
          await remind();
          await flushOutbox();
        }),
        { timezone: timeZone, noOverlap: true, name: "pickup-reminders", unref: true },
      );
      interval = setInterval(guarded("outbox flush", flushOutbox), OUTBOX_EVERY_MS);
      interval.unref();
      void guarded("outbox flush", flushOutbox)();
    }
    logger.info({ ...counts, queued: outbox.pending.length }, "dossier service ready");

    return {
      feature,
      conversations,
      recordAnswerFeedback,
      answerFeedback: { record: recordAnswerFeedback },
      importRows,
      lookup: (chatKey, code, last4) =>
        lookupDossier({ dossiers, guard, hasher }, chatKey, [codeKey(code)], last4, now()),
      flushOutbox,
      remindPendingPickups: remind,
      state: () => ({
        dossiers: counts.dossiers,
        subscriptions: counts.subscriptions,
        notificationsQueued: outbox.pending.length,
        lastReminderScan: stats.lastScan ? new Date(stats.lastScan).toISOString() : null,
        remindersQueuedLastScan: stats.lastQueued,
      }),
      async stop() {
        await task?.destroy();
        clearInterval(interval);
        await Promise.allSettled([scanning, outbox.close()]);
        await lock.release();
      },
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

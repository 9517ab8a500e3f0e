import type { Config } from "../config.js";
import type { DossierChange } from "../dossiers/schema.js";
import type { Logger } from "../logger.js";
import type { Pool } from "../storage/postgres/database.js";
import { parseRanges, parseWeekdays } from "../time/hours.js";
import { createRenderer, type RenderDeps } from "./messages.js";
import { noticesFor } from "./notices.js";
import { type FlushReport, type NotificationQueue, Outbox, type OutboxDeps } from "./outbox.js";
import { PostgresOutbox } from "./postgres-outbox.js";
import { type ReminderScan, remindPendingPickups } from "./reminders.js";
import type { SenderLookup } from "./senders.js";

export type NotificationRules = Pick<
  Config,
  "TIMEZONE" | "OFFICE_HOURS" | "WORKING_DAYS" | "HOLIDAYS" | "NOTIFY_HOURS" | "REMINDER_DAYS"
>;

/** What the messages are written from at send time (RenderDeps), and the outbox's own needs. */
export interface NotificationsDeps extends Omit<RenderDeps, "timeZone"> {
  dataDir: string;
  rules: NotificationRules;
  senders: SenderLookup;
  /** Runs after each reminder scan (the dossiers' daily upkeep); told whether the office was open. */
  afterScan?(inOfficeHours: boolean): Promise<void>;
  logger: Logger;
  random?: () => number;
  fsync: boolean;
  /**
   * DATABASE_URL's pool, migrated: the outbox is rows there, claimed by whichever replica
   * flushes; nothing of it stays in DATA_DIR.
   */
  database?: Pool;
}

export interface NotificationModule {
  /** Queues the status notices (or rating requests) these dossier changes call for; resolves to how many. */
  notify(changes: DossierChange[]): Promise<number>;
  /** Sends what is due now (logged when anything went out or failed). */
  flush(): Promise<FlushReport>;
  /** Queues due pickup reminders; a call while a scan runs shares it. */
  remindPendingPickups(): Promise<ReminderScan>;
  /** Drops what is queued for a chat and what it was sent (/huy, /xoadulieu). */
  forgetChat(chatKey: string): Promise<void>;
  /** Counts for /healthz. */
  state(): { notificationsQueued: number; lastReminderScan: string | null; remindersQueuedLastScan: number };
  /** Lets a running flush finish, then closes the outbox. */
  close(): Promise<void>;
}

/**
 * Opens the outbox (DATA_DIR, or the database's rows) with its send windows: reminders in
 * office hours, the rest in daytime.
 */
export async function openNotifications(deps: NotificationsDeps): Promise<NotificationModule> {
  const { rules, logger, now } = deps;
  const timeZone = rules.TIMEZONE;
  const office = {
    timeZone,
    ranges: parseRanges(rules.OFFICE_HOURS),
    weekdays: parseWeekdays(rules.WORKING_DAYS),
    holidays: new Set(rules.HOLIDAYS),
  };
  const daytime = { timeZone, ranges: parseRanges(rules.NOTIFY_HOURS) };
  const render = createRenderer({ ...deps, timeZone });
  const outboxDeps: OutboxDeps = {
    senders: deps.senders,
    render,
    windows: { reminder: office, status: daytime, rating: daytime },
    logger,
    now,
    random: deps.random,
  };
  const outbox: NotificationQueue = deps.database
    ? await PostgresOutbox.open(deps.database, outboxDeps, { dataDir: deps.dataDir })
    : await Outbox.open(deps.dataDir, outboxDeps, deps.fsync);

  const stats = { lastScan: undefined as number | undefined, lastQueued: 0 };
  let scanning: Promise<ReminderScan> | undefined;
  const remind = () => {
    // No overlapping runs, whatever calls it (the schedule, a test, a slow disk).
    scanning ??= (async () => {
      const { dossiers, subscriptions } = deps;
      const scan = await remindPendingPickups(
        { dossiers, subscriptions, outbox, days: rules.REMINDER_DAYS, office },
        now(),
      );
      stats.lastScan = now();
      stats.lastQueued = scan.queued;
      await deps.afterScan?.(!scan.closed);
      return scan;
    })().finally(() => {
      scanning = undefined;
    });
    return scanning;
  };

  return {
    notify: async (changes) => outbox.enqueue(await noticesFor(changes, deps.subscriptions)),
    async flush() {
      const report = await outbox.flush();
      if (report.sent + report.failed > 0) logger.info(report, "notifications sent");
      return report;
    },
    remindPendingPickups: remind,
    forgetChat: (chatKey) => outbox.forgetChat(chatKey),
    state: () => ({
      notificationsQueued: outbox.queuedCount(),
      lastReminderScan: stats.lastScan ? new Date(stats.lastScan).toISOString() : null,
      remindersQueuedLastScan: stats.lastQueued,
    }),
    async close() {
      await Promise.allSettled([scanning]);
      await outbox.close();
    },
  };
}

import path from "node:path";
import type { LiveCatalogue } from "../catalogue/live.js";
import type { Config } from "../config.js";
import type { Translator } from "../core/i18n.js";
import { type ConversationState, StoredConversationState } from "../core/types.js";
import { openDossiers } from "../dossiers/open.js";
import type { WardMap } from "../dossiers/wards.js";
import type { Logger } from "../logger.js";
import { openNotifications } from "../notifications/open.js";
import type { SenderRegistry } from "../notifications/senders.js";
import { UnansweredQuestionStore } from "../questions/store.js";
import { openRatings } from "../ratings/open.js";
import { openReplicas, type Replicas } from "../replicas/index.js";
import { FileConversationStore } from "../storage/conversations.js";
import { DataDirLock } from "../storage/lock.js";
import { PostgresConversationStore } from "../storage/postgres/conversations.js";
import { createPool, type Pool } from "../storage/postgres/database.js";
import { migrate } from "../storage/postgres/migrate.js";

/** What the service's stores are opened with: the configuration and the service's shared parts. */
export interface DataDeps {
  config: Config;
  logger: Logger;
  now: () => number;
  fsync: boolean;
  wards: WardMap;
  senders: SenderRegistry;
  catalogue: LiveCatalogue;
  translator: Translator;
  /** Jitter of the outbox's retries. */
  random?: () => number;
}

export type ServiceData = Awaited<ReturnType<typeof openData>>;

/**
 * Opens DATA_DIR under its lock, and with DATABASE_URL the database (schema migrated) and the
 * replicas' coordination; everything opened is closed again, and the lock released, if any part
 * fails to open. The stores with a database implementation live there (docs/province.md).
 */
export async function openData(deps: DataDeps) {
  const { config, logger, now, fsync, wards } = deps;
  const dir = config.dataDir;
  const lock = await DataDirLock.acquire(dir);
  let database: Pool | undefined;
  /** With DATABASE_URL: job ticks once across replicas, one poller, a chat's updates in turn (src/replicas). */
  let replicas: Replicas | undefined;
  try {
    if (config.DATABASE_URL) {
      database = await openDatabase(config.DATABASE_URL, logger);
      replicas = await openReplicas({ pool: database, url: config.DATABASE_URL, logger });
    }
    const dossiers = await openDossiers({
      dataDir: dir,
      phoneHashKey: config.PHONE_HASH_KEY,
      timeZone: config.TIMEZONE,
      now,
      fsync,
      database,
      wards,
    });
    const [ratings, conversations, questions] = await Promise.all([
      openRatings({
        dataDir: dir,
        scale: config.RATING_SCALE,
        timeZone: config.TIMEZONE,
        pseudonym: (v) => dossiers.hasher.pseudonym("voter", v),
        // A rating counts for the ward of its dossier.
        wardOfDossier: async (key) => (await dossiers.dossiers.get(key))?.ward,
        now,
        fsync,
        database,
      }),
      database
        ? PostgresConversationStore.open<ConversationState>(database, now)
        : FileConversationStore.open<ConversationState>(
            path.join(dir, "conversations"),
            now,
            fsync,
            StoredConversationState,
          ),
      UnansweredQuestionStore.open(dir, { now, fsync, database }),
    ]);
    const notifications = await openNotifications({
      dataDir: dir,
      rules: config,
      senders: deps.senders,
      dossiers: dossiers.dossiers,
      subscriptions: dossiers.subscriptions,
      ratingFlow: ratings.flow,
      catalogue: deps.catalogue,
      translator: deps.translator,
      languageOf: async (chatKey) => (await conversations.get(chatKey))?.lang ?? "vi",
      afterScan: dossiers.upkeep,
      logger,
      now,
      random: deps.random,
      fsync,
      database,
    });
    const state = dossiers.state();
    logger.info({ ...state, queued: notifications.state().notificationsQueued }, "dossier service ready");
    return { lock, database, replicas, dossiers, ratings, conversations, questions, notifications };
  } catch (err) {
    await replicas?.close();
    await database?.end();
    await lock.release();
    throw err;
  }
}

/** The pool for DATABASE_URL, its schema brought up to date (replicas starting together take turns). */
async function openDatabase(url: string, logger: Logger): Promise<Pool> {
  const pool = createPool(url);
  try {
    const { version, applied } = await migrate(pool);
    logger.info({ migration: version, applied }, "database ready");
    return pool;
  } catch (err) {
    await pool.end();
    throw err;
  }
}

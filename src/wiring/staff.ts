import type { LiveCatalogue } from "../catalogue/live.js";
import { loadCatalogue } from "../catalogue/load.js";
import type { Config } from "../config.js";
import type { Translator } from "../core/i18n.js";
import { commitImport } from "../dossiers/import/commit.js";
import type { WardMap } from "../dossiers/wards.js";
import type { Logger } from "../logger.js";
import type { ConsoleExamples, StaffConsole } from "../staff/console.js";
import type { Queryable } from "../storage/postgres/database.js";
import type { ServiceData } from "./data.js";

export interface StaffWiring {
  config: Config;
  logger: Logger;
  now: () => number;
  fsync: boolean;
  wards: WardMap;
  catalogue: LiveCatalogue;
  translator: Translator;
  /** What each started channel reports, read at each request (channels start after the console opens). */
  channelHealth: () => Record<string, Record<string, unknown>>;
  /** The service's editor of examples.json and, with several replicas, where changes made here are announced. */
  examples?: ConsoleExamples;
}

/** The console's view of the live catalogue: what is served, its warnings, and a fresh check of the files. */
export function consoleCatalogue(catalogue: LiveCatalogue) {
  return {
    current: () => catalogue.current(),
    warnings: () => catalogue.warnings(),
    check: async () => {
      const r = await loadCatalogue(catalogue.dataDir);
      return r.ok ? r.warnings : [...r.problems, ...r.warnings];
    },
    // Staff labels (câu mẫu) are written into the catalogue's folder and served at once, without waiting for the watcher.
    dataDir: catalogue.dataDir,
    reload: () => catalogue.reload(),
  };
}

/**
 * The staff console (issue 13): reads what the service holds; imports go through the same stores
 * and notices as the dossier API's. Loaded only when it runs: the CLIs and tests that build the
 * service need none of it (nor exceljs behind it).
 */
export async function openStaffConsole(data: ServiceData, deps: StaffWiring): Promise<StaffConsole> {
  const { config, now, catalogue, wards } = deps;
  const [{ createStaffConsole }, { dossierImport }, { counterLookup }] = await Promise.all([
    import("../staff/console.js"),
    import("../staff/import-adapter.js"),
    import("../staff/lookup-adapter.js"),
  ]);
  const current = () => catalogue.current().catalogue;
  const database = data.database;
  return createStaffConsole({
    dataDir: config.dataDir,
    database,
    timeZone: config.TIMEZONE,
    now,
    logger: deps.logger,
    fsync: deps.fsync,
    secureCookies: config.STAFF_COOKIE_SECURE,
    // Failed-login rows are keyed with the service's secret key, which lives outside the database.
    pseudonym: (kind, value) => data.dossiers.hasher.pseudonym(kind, value),
    wards,
    catalogue: consoleCatalogue(catalogue),
    examples: deps.examples,
    health: () => ({ channels: deps.channelHealth() }),
    // Behind a load balancer each replica counts only its own messages: the database counts them all.
    ...(database ? { messagesToday: () => answeredToday(database, config.TIMEZONE) } : {}),
    ratings: { all: () => data.ratings.all() },
    questions: data.questions,
    imports: dossierImport({
      catalogue: current,
      now,
      timeZone: config.TIMEZONE,
      wards,
      stored: (key) => data.dossiers.dossiers.get(key),
      commit: async (preview) => {
        const { dossiers, hasher } = data.dossiers;
        const report = await commitImport(preview, { dossiers, hasher, now, notify: data.notifications.notify });
        void data.notifications.flush().catch(() => undefined);
        return report;
      },
    }),
    lookup: counterLookup({
      dossiers: data.dossiers.dossiers,
      catalogue: current,
      translator: deps.translator,
      now,
      timeZone: config.TIMEZONE,
      wards,
    }),
  });
}

/**
 * Updates answered since local midnight by any replica (Telegram and Zalo: each answered update
 * with a chat leaves its row in handled_updates, kept a day). Midnight is taken on the database's
 * clock, the one that stamped the rows.
 */
export async function answeredToday(db: Queryable, timeZone: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM handled_updates
      WHERE handled_at >= (date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1)`,
    [timeZone],
  );
  return rows[0]?.n ?? 0;
}

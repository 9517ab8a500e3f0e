import path from "node:path";
import type { Pool } from "../storage/postgres/database.js";
import { localTime } from "../time/local.js";
import { codeKey } from "./code.js";
import { type ImportReport, ingestRows } from "./ingest.js";
import { LookupGuard } from "./lockouts.js";
import { type LookupOutcome, lookupDossier } from "./lookup.js";
import { PostgresDossierRepository, PostgresSubscriptionRepository } from "./postgres.js";
import { Hasher, loadHashKey } from "./privacy.js";
import type { RawRow } from "./records.js";
import { type DossierRepository, FileDossierRepository } from "./repository.js";
import type { DossierChange } from "./schema.js";
import { dropFinishedLinks, FileSubscriptionRepository, type SubscriptionRepository } from "./subscriptions.js";
import type { WardMap } from "./wards.js";

export interface DossiersDeps {
  /** DATA_DIR; the caller holds its lock. */
  dataDir: string;
  /** PHONE_HASH_KEY; without it a key is generated once into the data directory. */
  phoneHashKey?: string;
  timeZone: string;
  now: () => number;
  fsync: boolean;
  /** DATABASE_URL's pool, migrated: dossiers and subscriptions live there instead of DATA_DIR's files. */
  database?: Pool;
  /** The wards served: imports give each dossier its ward and warn of codes no ward has. Default: a single ward. */
  wards?: WardMap;
}

export interface DossierModule {
  dossiers: DossierRepository;
  subscriptions: SubscriptionRepository;
  guard: LookupGuard;
  hasher: Hasher;
  /** Upserts an export's rows; `notify` queues what the changes call for and says how many. */
  importRows(rows: RawRow[], notify: (changes: DossierChange[]) => Promise<number>): Promise<ImportReport>;
  /** The verified lookup behind /hoso, for other front-ends; counts failures like a chat's. */
  lookup(chatKey: string, code: string, last4: string): Promise<LookupOutcome>;
  /**
   * After each reminder scan: once a day, with the first scan in office hours, links to dossiers
   * over for FINISHED_LINK_DAYS are deleted; the subscription count is refreshed every time.
   */
  upkeep(inOfficeHours: boolean): Promise<void>;
  /** Counts for /healthz; nothing personal. */
  state(): { dossiers: number; subscriptions: number };
}

/** Links to dossiers that are over (handed over, withdrawn…) are deleted after this. */
const FINISHED_LINK_DAYS = 30;

/** Opens the dossier records and the chats' subscriptions (in DATA_DIR or the database) and the lookup brakes. */
export async function openDossiers(deps: DossiersDeps): Promise<DossierModule> {
  const { dataDir: dir, now, fsync, timeZone } = deps;
  const hasher = new Hasher(await loadHashKey(dir, deps.phoneHashKey));
  const db = deps.database;
  const [dossiers, subscriptions, guard] = await Promise.all([
    db
      ? PostgresDossierRepository.open(db, hasher.keyId)
      : FileDossierRepository.open(path.join(dir, "dossiers"), hasher.keyId, fsync),
    db
      ? new PostgresSubscriptionRepository(db)
      : FileSubscriptionRepository.open(path.join(dir, "subscriptions"), fsync),
    LookupGuard.open(dir, hasher, timeZone, fsync, db),
  ]);
  const counts = { dossiers: await dossiers.count(), subscriptions: await subscriptions.count() };
  let upkeepDay = "";

  return {
    dossiers,
    subscriptions,
    guard,
    hasher,
    async importRows(rows, notify) {
      const report = await ingestRows({ dossiers, hasher, now, notify, wards: deps.wards }, rows);
      counts.dossiers = await dossiers.count();
      return report;
    },
    lookup: (chatKey, code, last4) =>
      lookupDossier({ dossiers, guard, hasher }, chatKey, [codeKey(code)], last4, now()),
    async upkeep(inOfficeHours) {
      const day = localTime(now(), timeZone).date;
      if (inOfficeHours && upkeepDay !== day) {
        upkeepDay = day;
        await dropFinishedLinks(subscriptions, dossiers, now() - FINISHED_LINK_DAYS * 86_400_000);
      }
      counts.subscriptions = await subscriptions.count();
    },
    state: () => ({ ...counts }),
  };
}

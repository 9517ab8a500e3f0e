import type { Example } from "../catalogue/examples.js";
import type { ProvinceData } from "../catalogue/load.js";
import type { Problem } from "../catalogue/problems.js";
import type { Procedure } from "../catalogue/schema.js";
import type { WardMap } from "../dossiers/wards.js";
import type { Logger } from "../logger.js";
import type { UnansweredQuestion, WardView } from "../questions/store.js";
import type { Rating } from "../ratings/schema.js";
import type { SynonymsFile } from "../search/records.js";
import type { Pool } from "../storage/postgres/database.js";

/** One row of an import preview, as staff see it before anything is stored. */
export interface PreviewRow {
  /** "dòng 5" — where it is in the file. */
  place: string;
  /** The dossier code as written in the file, when there is one. */
  code?: string;
  /** The procedure's name in the catalogue, else its code as written. */
  procedure?: string;
  /** The name of the ward the dossier will belong to, when the deployment serves several. */
  ward?: string;
  verdict: "accepted" | "warned" | "rejected";
  /** Why it is warned or rejected, in Vietnamese. */
  messages: string[];
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Notices queued for citizens who follow these dossiers. */
  notices: number;
}

/** A file read and checked, not stored: `commit` stores its accepted and warned rows. */
export type ImportPreview =
  | { ok: false; error: string }
  | {
      ok: true;
      rows: PreviewRow[] /** About the file as a whole (a converted encoding…). */;
      notes?: string[];
      /** Data rows in the file (a row replaced by a later one with the same code is not in `rows`). */
      received?: number;
      commit(): Promise<ImportSummary>;
    };

/** What the console needs from the dossier import (STAFF-IMPORT's pipeline, or the basic one in import-basic.ts). */
export interface DossierImport {
  /** `ward`: the importing account's ward; rows of other wards are refused (src/dossiers/import/scope.ts). */
  preview(file: { name: string; bytes: Buffer }, ward?: string): Promise<ImportPreview>;
}

/** A dossier as the counter may see it: the text the chat shows after a verified lookup (masked). */
export interface CounterLookup {
  /**
   * Undefined when no dossier has this code. With `ward` (a ward-bound account), a dossier of
   * another ward is not shown: `{ otherWard }` names the ward that holds it.
   */
  describe(code: string, ward?: string): Promise<string | { otherWard: string } | undefined>;
}

/** Health of one channel, as the service reports it (see ServiceHealth in src/service.ts). */
export type ChannelHealthView = Record<string, unknown>;

export interface StaffConsoleDeps {
  /** DATA_DIR: without a database, accounts (written by `npm run staff:add`) and the audit log live in DATA_DIR/staff. */
  dataDir: string;
  /**
   * DATABASE_URL's pool, migrated: accounts, sessions, failed logins, import previews and the audit
   * log are its rows (migrations 003, 005), so any replica serves any staff request.
   */
  database?: Pool;
  catalogue: {
    /** `province`: the province's and wards' data (overlays due for review are listed too); absent on a single ward. */
    current(): {
      catalogue: {
        version: string;
        procedures: readonly Procedure[];
        province?: ProvinceData;
        examples?: readonly Example[];
        /** What the search maps words with: read to tell which questions the served search answers from a câu mẫu. */
        synonyms?: SynonymsFile;
      };
    };
    /** Accepted with the serving catalogue but to be fixed. */
    warnings(): readonly Problem[];
    /** Problems of the files as they are on disk now (a refused edit shows here while the last good one serves). */
    check?(): Promise<readonly Problem[]>;
    /**
     * The folder the catalogue is loaded from (CATALOGUE_DIR), and its reload: with both, staff may
     * label unanswered questions as câu mẫu (written to its examples.json, then reloaded at once).
     */
    dataDir?: string;
    reload?(): Promise<boolean>;
  };
  health(): { channels: Record<string, ChannelHealthView> };
  /** Absent without the data directory: the pages say so. */
  ratings?: { all(): Promise<readonly Rating[]> };
  questions?: { list(days?: number, view?: WardView): Promise<UnansweredQuestion[]> };
  /** The wards served (src/staff/wards.ts wardMapOf); absent: a single ward, every account sees everything. */
  wards?: WardMap;
  imports?: DossierImport;
  lookup?: CounterLookup;
  /**
   * Messages citizens sent today (office time zone), e.g. counted in the database across replicas;
   * absent: counted from this process's channel counters.
   */
  messagesToday?(): number | Promise<number>;
  /**
   * The service's keyed hash (src/dossiers/privacy.ts Hasher.pseudonym: the phone-hash key, kept
   * outside the database): with `database`, failed-login rows are keyed by it. Absent: by a key
   * the database keeps in store_meta (a copy of the whole database then holds the key too).
   */
  pseudonym?(kind: string, value: string): string;
  /** The office's zone: "today", months and dates are counted in it. */
  timeZone: string;
  now(): number;
  logger: Logger;
  /** Add `Secure` to the session cookie: set when the console is reached over HTTPS (a proxy in front). */
  secureCookies: boolean;
  /** Tests shorten these. */
  fsync?: boolean;
}

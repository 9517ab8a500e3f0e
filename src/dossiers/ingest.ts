import { commitImport } from "./import/commit.js";
import { type ImportCatalogue, previewRows } from "./import/preview.js";
import type { Hasher } from "./privacy.js";
import type { RawRow, RejectedRow, RowPlace } from "./records.js";
import type { DossierRepository } from "./repository.js";
import type { DossierChange } from "./schema.js";
import type { WardMap } from "./wards.js";

export interface WarnedRow {
  at: RowPlace;
  code: string;
  warnings: string[];
}

export interface ImportReport {
  /** Data rows received (header excluded). */
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows not stored, each with its place, code and reason. */
  rejected: RejectedRow[];
  /** Rows stored that deserve a look (a repeated code, an unknown procedure, odd dates). */
  warned: WarnedRow[];
  /** Messages queued for subscribers. */
  notices: number;
}

export interface IngestDeps {
  dossiers: DossierRepository;
  hasher: Hasher;
  now: () => number;
  /** Queues (and persists) the notices these changes call for; resolves to how many. */
  notify(changes: DossierChange[]): Promise<number>;
}

/**
 * Upserts the rows of an API push in one step (previewRows then commitImport). Bad rows are
 * reported with their place and reason and skipped; they never stop the good ones, and nothing is
 * stored for them. With `catalogue`, unknown procedure codes and offices are warned about too.
 */
export async function ingestRows(
  deps: IngestDeps & { catalogue?: ImportCatalogue; timeZone?: string; wards?: WardMap },
  rows: RawRow[],
): Promise<ImportReport> {
  const preview = previewRows(
    rows,
    { catalogue: deps.catalogue, now: deps.now(), timeZone: deps.timeZone, wards: deps.wards },
    { fileName: "", format: "json" },
  );
  return commitImport(preview, deps);
}

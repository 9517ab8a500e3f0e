import type { Hasher } from "./privacy.js";
import { type RawRow, type RejectedRow, toRecord } from "./records.js";
import type { DossierRepository } from "./repository.js";
import type { DossierChange, DossierRecord } from "./schema.js";

export interface ImportReport {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
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
 * Upserts the rows of an export or an API push. Bad rows are reported with their line and
 * reason and skipped; they never stop the good ones, and nothing is stored for them.
 */
export async function ingestRows(deps: IngestDeps, rows: RawRow[]): Promise<ImportReport> {
  const rejected: RejectedRow[] = [];
  const records: DossierRecord[] = [];
  for (const row of rows) {
    const result = toRecord(row, deps.hasher);
    if ("error" in result) rejected.push(result.error);
    else records.push(result.record);
  }
  let notices = 0;
  const result = await deps.dossiers.upsert(records, deps.now(), async (changes) => {
    notices = await deps.notify(changes);
  });
  return {
    received: rows.length,
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    rejected,
    notices,
  };
}

import type { ImportReport, IngestDeps } from "../ingest.js";
import { type RawRow, type RejectedRow, type RowPlace, recordOf } from "../records.js";
import type { ImportPreview } from "./preview.js";

/**
 * Stores the rows of a preview (accepted and warned; rejected rows are only reported) by dossier
 * code, queuing the notices subscribers are owed before the change is stored. Importing the same
 * preview twice changes nothing the second time.
 */
export async function commitImport(preview: ImportPreview, deps: IngestDeps): Promise<ImportReport> {
  const rows = [...preview.accepted, ...preview.warned];
  const records = rows.map((row) => recordOf(row, deps.hasher));
  let notices = 0;
  const result = await deps.dossiers.upsert(records, deps.now(), async (changes) => {
    notices = await deps.notify(changes);
  });
  return reportOfPreview(preview, { ...result, notices });
}

/**
 * The stored rows of a preview as export fields (name already masked, phone cut to its last 4
 * digits), each keeping its place in the file: what a process that does not hold the repository
 * sends to one that does (POST /api/dossiers, or DossierOperations.importRows).
 */
export function rowsOfPreview(preview: ImportPreview): RawRow[] {
  return [...preview.accepted, ...preview.warned]
    .sort((a, b) => order(a.at) - order(b.at))
    .map((r) => ({
      at: r.at,
      fields: {
        code: r.code,
        procedure_code: r.procedureCode,
        applicant_name: r.applicant,
        phone: r.phoneLast4,
        received_at: r.receivedAt,
        due_at: r.dueAt,
        status: r.status,
        status_note: r.statusNote,
        office: r.office,
      },
    }));
}

const order = (at: RowPlace) => ("line" in at ? at.line : at.record);

/**
 * The report of a preview stored through `rowsOfPreview`: the file's row count, its rejected rows
 * (with those the store refused, at their places in the file) and its warnings.
 */
export function reportOfPreview(
  preview: ImportPreview,
  stored: Pick<ImportReport, "created" | "updated" | "unchanged" | "notices"> & { rejected?: RejectedRow[] },
): ImportReport {
  return {
    received: preview.received,
    created: stored.created,
    updated: stored.updated,
    unchanged: stored.unchanged,
    rejected: [...preview.rejected, ...(stored.rejected ?? [])].sort((a, b) => order(a.at) - order(b.at)),
    warned: preview.warned.map((r) => ({ at: r.at, code: r.code, warnings: r.warnings })),
    notices: stored.notices,
  };
}

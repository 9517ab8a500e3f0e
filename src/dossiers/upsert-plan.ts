import { type Dossier, type DossierChange, type DossierRecord, NOTE_STATUSES, STATUS } from "./schema.js";

/** The fields an import compares: a record equal on all of them changes nothing. */
const COMPARED = [
  "code",
  "procedureCode",
  "applicant",
  "phoneHash",
  "receivedAt",
  "dueAt",
  "status",
  "statusNote",
  "office",
  "ward",
] as const satisfies readonly (keyof DossierRecord)[];

export interface UpsertPlan {
  /** The records to store (new or changed), as they will be stored. */
  next: Dossier[];
  changes: DossierChange[];
  created: number;
  unchanged: number;
}

/**
 * What an upsert of `records` does to the stored dossiers (`stored(key)`): the same rules for
 * every store — a code twice in one batch: the last row wins; subscribers hear of a new status,
 * or of a new note on a status whose note says what to bring, pay, or why.
 */
export function planUpsert(
  records: readonly DossierRecord[],
  stored: (key: string) => Dossier | undefined,
  now: number,
): UpsertPlan {
  const latest = new Map(records.map((r) => [r.key, r]));
  const plan: UpsertPlan = { next: [], changes: [], created: 0, unchanged: 0 };
  for (const row of latest.values()) {
    const old = stored(row.key);
    // A row whose ward is not known keeps the ward already stored: "not known" is not "none".
    const record = row.ward === undefined && old?.ward !== undefined ? { ...row, ward: old.ward } : row;
    if (old && COMPARED.every((f) => old[f] === record[f])) {
      plan.unchanged++;
      continue;
    }
    const statusChanged = !old || old.status !== record.status;
    const noteChanged = old?.statusNote !== record.statusNote && NOTE_STATUSES.has(record.status);
    const tell = old !== undefined && (statusChanged || noteChanged);
    const seq = (old?.seq ?? 0) + (tell ? 1 : 0);
    const readyAt = record.status === STATUS.ready ? (old?.status === STATUS.ready ? old.readyAt : now) : undefined;
    const dossier: Dossier = {
      ...record,
      seq,
      statusSince: statusChanged ? now : (old?.statusSince ?? now),
      updatedAt: now,
      ...(readyAt === undefined ? {} : { readyAt }),
    };
    for (const k of Object.keys(dossier) as (keyof Dossier)[]) if (dossier[k] === undefined) delete dossier[k];
    plan.next.push(dossier);
    if (!old) plan.created++;
    if (tell) plan.changes.push({ key: record.key, status: record.status, previous: old?.status, seq });
  }
  return plan;
}

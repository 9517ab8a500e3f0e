import type { Catalogue } from "../catalogue/load.js";
import type { Office } from "../catalogue/schema.js";
import type { Translate } from "../core/i18n.js";
import { displayDate, localTime } from "../time/local.js";
import { type Dossier, NOTE_STATUSES, STATUS } from "./schema.js";

/** @deprecated The one translate type is Translate (src/core/i18n.ts); kept until notifications/messages.ts switches. */
export type T = Translate;

/**
 * Statuses during which the office is the one working, so a passed appointment date means
 * "overdue". Not while it waits for the citizen (5: documents, 6: fees) or once it is done.
 */
const RUNNING: ReadonlySet<number> = new Set([1, 2, 4]);

export function procedureName(catalogue: Catalogue, dossier: Dossier): string {
  return catalogue.procedures.find((p) => p.code === dossier.procedureCode)?.name ?? dossier.procedureCode;
}

/** The dossier's `office` column when it names an office id, else the procedure's office, else the default. */
export function officeOf(catalogue: Catalogue, dossier: Dossier): Office {
  const byId = dossier.office ? catalogue.offices.get(dossier.office) : undefined;
  const procedure = catalogue.procedures.find((p) => p.code === dossier.procedureCode);
  return byId ?? (procedure && catalogue.offices.get(procedure.office)) ?? catalogue.defaultOffice;
}

export function isOverdue(dossier: Dossier, now: number, timeZone: string): boolean {
  return RUNNING.has(dossier.status) && !!dossier.dueAt && dossier.dueAt < localTime(now, timeZone).date;
}

/** The answer to a verified lookup: procedure, masked applicant, dates, status in plain words. */
export function describeDossier(
  t: Translate,
  catalogue: Catalogue,
  dossier: Dossier,
  now: number,
  timeZone: string,
): string {
  const lines = [
    t("dossier-title", { code: dossier.code }),
    t("dossier-procedure", { name: procedureName(catalogue, dossier) }),
    ...(dossier.applicant ? [t("dossier-applicant", { name: dossier.applicant })] : []),
    t("dossier-received", { date: displayDate(dossier.receivedAt) }),
    ...(dossier.dueAt ? [t("dossier-due", { date: displayDate(dossier.dueAt) })] : []),
    t("dossier-status-line", { status: t(`dossier-status-${dossier.status}`) }),
    ...(isOverdue(dossier, now, timeZone) ? [t("dossier-overdue")] : []),
    ...statusDetails(t, catalogue, dossier),
  ];
  return lines.join("\n");
}

/** What the citizen must know or do at this status: the reason, the documents, the fees, where to pick up. */
export function statusDetails(t: Translate, catalogue: Catalogue, dossier: Dossier): string[] {
  const note =
    dossier.statusNote && NOTE_STATUSES.has(dossier.status)
      ? [t(`dossier-note-${dossier.status}`, { note: dossier.statusNote })]
      : [];
  return dossier.status === STATUS.ready ? [...note, ...pickupLines(t, catalogue, dossier)] : note;
}

export function pickupLines(t: Translate, catalogue: Catalogue, dossier: Dossier): string[] {
  const office = officeOf(catalogue, dossier);
  return [
    t("dossier-pickup", { office: office.name, address: office.address, hours: office.hours }),
    t("dossier-bring"),
  ];
}

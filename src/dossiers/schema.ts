import { z } from "zod";

/** The national portal's statuses, 1 (new) … 10 (result handed over); see docs/dossiers.md. */
export const DossierStatus = z.number().int().min(1).max(10);
export type DossierStatus = z.infer<typeof DossierStatus>;

export const STATUS = {
  notAccepted: 3,
  moreDocuments: 5,
  fees: 6,
  withdrawn: 7,
  stopped: 8,
  ready: 9,
  handedOver: 10,
} as const;
/** Statuses after which nothing more happens to a dossier. */
export const FINAL_STATUSES: ReadonlySet<number> = new Set([3, 7, 8, 10]);
/** Statuses whose note says something the citizen must act on or know (reason, documents, fees). */
export const NOTE_STATUSES: ReadonlySet<number> = new Set([3, 5, 6, 8]);

/** YYYY-MM-DD. Imports check that the date exists; stored data only needs its shape re-checked (fast on 100k records). */
const StoredDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A dossier as the one-stop system describes it, personal data already reduced. */
export const DossierRecord = z.object({
  /** Lookup key (see code.ts); `code` keeps the form printed on the slip, for display. */
  key: z.string(),
  code: z.string(),
  procedureCode: z.string(),
  /** Masked: "Nguyễn V. A.". */
  applicant: z.string().optional(),
  /** Keyed hash of the code and the phone's last 4 digits; the phone itself is never stored. */
  phoneHash: z.string(),
  receivedAt: StoredDate,
  dueAt: StoredDate.optional(),
  status: DossierStatus,
  statusNote: z.string().optional(),
  office: z.string().optional(),
  /**
   * The ward (phường, xã) that received it, from its code's unit or the import's office column
   * (src/dossiers/wards.ts). Absent: imported before wards, or a single-ward install.
   */
  ward: z.string().optional(),
});
export type DossierRecord = z.infer<typeof DossierRecord>;

export const Dossier = DossierRecord.extend({
  /** Counts changes citizens are told about; a notice is sent once per value. */
  seq: z.number().int().nonnegative(),
  statusSince: z.number(),
  /** When the result became ready (status 9): reminders count days from it. */
  readyAt: z.number().optional(),
  updatedAt: z.number(),
});
export type Dossier = z.infer<typeof Dossier>;

/** A change worth telling subscribers about. */
export interface DossierChange {
  key: string;
  status: DossierStatus;
  previous?: DossierStatus;
  seq: number;
}

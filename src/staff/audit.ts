import path from "node:path";
import { z } from "zod";
import { Journal } from "../storage/journal.js";
import { PostgresAuditLog, RECENT_AUDIT_LINES } from "../storage/postgres/audit.js";
import type { Pool } from "../storage/postgres/database.js";
import { STAFF_DIR } from "./accounts.js";

export const AuditEntry = z.object({
  at: z.string(),
  /** The staff username (for a failed login: the name that was typed, cut to 40 characters). */
  user: z.string(),
  action: z.enum([
    "login",
    "login-failed",
    "login-locked",
    "logout",
    "import-committed",
    "lookup",
    "example-added",
    "example-deleted",
  ]),
  /**
   * What was done, without personal data: counts for an import, the dossier code for a lookup,
   * the (scrubbed) question and its label for a câu mẫu.
   */
  detail: z.string().optional(),
  /** The ward of the account that acted, for a ward-bound account (its ward's staff see only these). */
  ward: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Lines kept in memory for the console's audit page; the file keeps everything. */
const RECENT = RECENT_AUDIT_LINES;

/**
 * Where the console writes what staff did and reads it back: the file log (one ward, one
 * process) or the database's rows (every replica, every ward). A line is written before the
 * request answers: a failure to write fails the request, so no action goes unrecorded.
 */
export interface AuditTrail {
  record(user: string, action: AuditEntry["action"], detail?: string, ward?: string): void | Promise<void>;
  /** The newest lines, newest first; with `ward`, that ward's only. */
  recent(ward?: string): AuditEntry[] | Promise<AuditEntry[]>;
  close(): void;
}

/**
 * The user as an audit row names them: cut to 40 characters (a failed login's typed name may be longer). Every writer
 * of rows cuts alike (src/staff/examples-sync.ts too): its check for a row written already compares the names stored.
 */
export function auditUser(user: string): string {
  return user.slice(0, 40);
}

/** The entry as stored (the user cut to 40 characters, no empty ward). */
function entryOf(at: number, user: string, action: AuditEntry["action"], detail?: string, ward?: string): AuditEntry {
  return {
    at: new Date(at).toISOString(),
    user: auditUser(user),
    action,
    detail,
    ...(ward ? { ward } : {}),
  };
}

/** DATA_DIR/staff/audit.jsonl: one line per staff action, appended synchronously (it survives a crash). */
export class AuditLog implements AuditTrail {
  private readonly recentEntries: AuditEntry[];

  private constructor(
    private readonly journal: Journal<AuditEntry>,
    entries: AuditEntry[],
    private readonly now: () => number,
  ) {
    this.recentEntries = entries.slice(-RECENT);
  }

  static open(dataDir: string, now: () => number, fsync = true): AuditLog {
    const { journal, entries } = Journal.open(path.join(dataDir, STAFF_DIR, "audit.jsonl"), AuditEntry, fsync);
    return new AuditLog(journal, entries, now);
  }

  record(user: string, action: AuditEntry["action"], detail?: string, ward?: string): void {
    const entry = entryOf(this.now(), user, action, detail, ward);
    this.journal.append(entry);
    this.recentEntries.push(entry);
    if (this.recentEntries.length > RECENT) this.recentEntries.shift();
  }

  /** Newest first, of the last RECENT lines (with `ward`: that ward's among them). */
  recent(ward?: string): AuditEntry[] {
    const entries = [...this.recentEntries].reverse();
    return ward === undefined ? entries : entries.filter((e) => e.ward === ward);
  }

  close(): void {
    this.journal.close();
  }
}

/**
 * The audit log as rows of `staff_audit` (with DATABASE_URL): what staff do on any replica is
 * read on every other, and a ward's lines are read by the ward's index, not filtered from the
 * newest lines of all wards. The pool is the service's: closing this closes nothing.
 */
export class DatabaseAuditLog implements AuditTrail {
  private readonly rows: PostgresAuditLog;

  constructor(
    pool: Pool,
    private readonly now: () => number,
  ) {
    this.rows = new PostgresAuditLog(pool);
  }

  async record(user: string, action: AuditEntry["action"], detail?: string, ward?: string): Promise<void> {
    const entry = entryOf(this.now(), user, action, detail, ward);
    await this.rows.append(entry);
  }

  /** Rows another version wrote with an action this one does not know are shown as they are stored. */
  async recent(ward?: string): Promise<AuditEntry[]> {
    return (await this.rows.recent(RECENT, ward)) as AuditEntry[];
  }

  close(): void {}
}

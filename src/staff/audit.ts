import path from "node:path";
import { z } from "zod";
import { Journal } from "../storage/journal.js";
import { STAFF_DIR } from "./accounts.js";

export const AuditEntry = z.object({
  at: z.string(),
  /** The staff username (for a failed login: the name that was typed, cut to 40 characters). */
  user: z.string(),
  action: z.enum(["login", "login-failed", "login-locked", "logout", "import-committed", "lookup"]),
  /** What was done, without personal data: counts for an import, the dossier code for a lookup. */
  detail: z.string().optional(),
  /** The ward of the account that acted, for a ward-bound account (its ward's staff see only these). */
  ward: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Lines kept in memory for the console's audit page; the file keeps everything. */
const RECENT = 200;

/** DATA_DIR/staff/audit.jsonl: one line per staff action, appended synchronously (it survives a crash). */
export class AuditLog {
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
    const entry: AuditEntry = {
      at: new Date(this.now()).toISOString(),
      user: user.slice(0, 40),
      action,
      detail,
      ...(ward ? { ward } : {}),
    };
    this.journal.append(entry);
    this.recentEntries.push(entry);
    if (this.recentEntries.length > RECENT) this.recentEntries.shift();
  }

  /** Newest first. */
  recent(): AuditEntry[] {
    return [...this.recentEntries].reverse();
  }

  close(): void {
    this.journal.close();
  }
}

import type { Pool } from "./database.js";

/** A staff account as stored; `role` is 'province', 'ward:<id>' or null (made before wards). */
export interface StaffAccountRow {
  username: string;
  passwordHash: string;
  role: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Staff accounts as rows of `staff_accounts` (migration 003): each sign-in reads its one row,
 * each `staff:add` writes its one row, so any replica sees an account the moment it is saved.
 */
export class PostgresStaffAccounts {
  private constructor(private readonly pool: Pool) {}

  /** Moves a documents row the previous release wrote (migration 002) into the rows, once. */
  static async open(pool: Pool): Promise<PostgresStaffAccounts> {
    await pool.query("SELECT documents_to_rows(ARRAY['staff-accounts'])");
    return new PostgresStaffAccounts(pool);
  }

  async get(username: string): Promise<StaffAccountRow | undefined> {
    const { rows } = await this.pool.query<{
      password_hash: string;
      role: string | null;
      created_at: string;
      updated_at: string;
    }>("SELECT password_hash, role, created_at, updated_at FROM staff_accounts WHERE username = $1", [username]);
    const row = rows[0];
    return (
      row && {
        username,
        passwordHash: row.password_hash,
        role: row.role,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }
    );
  }

  /**
   * Creates the account or sets a new password (and, when given, a role: an existing account
   * keeps its own otherwise); says which, in one statement.
   */
  async save(username: string, passwordHash: string, at: string, role?: string): Promise<"created" | "updated"> {
    const { rows } = await this.pool.query<{ created: boolean }>(
      `INSERT INTO staff_accounts AS a (username, password_hash, role, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (username) DO UPDATE SET
         password_hash = EXCLUDED.password_hash, updated_at = EXCLUDED.updated_at,
         role = COALESCE(EXCLUDED.role, a.role)
       RETURNING (xmax = 0) AS created`,
      [username, passwordHash, role ?? null, at],
    );
    return rows[0]?.created ? "created" : "updated";
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM staff_accounts");
    return rows[0]?.n ?? 0;
  }
}

/** One staff action as the audit log keeps it (src/staff/audit.ts's AuditEntry). */
export interface AuditRow {
  at: string;
  user: string;
  action: string;
  detail?: string;
}

/**
 * The staff audit log as an append-only table (`staff_audit`, migration 003): every replica's
 * console appends there, and the audit page reads the newest rows whichever replica serves it.
 * Rows are only ever inserted; nothing here updates or deletes one.
 */
export class PostgresAuditLog {
  constructor(private readonly pool: Pool) {}

  async append(entry: AuditRow): Promise<void> {
    await this.pool.query("INSERT INTO staff_audit (at, username, action, detail) VALUES ($1, $2, $3, $4)", [
      entry.at,
      entry.user,
      entry.action,
      entry.detail ?? null,
    ]);
  }

  /** Copies lines of a ward's audit.jsonl in their order (the move command), in the caller's transaction. */
  static async copy(db: Pick<Pool, "query">, entries: readonly AuditRow[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 1000) {
      const chunk = entries.slice(i, i + 1000);
      await db.query(
        `INSERT INTO staff_audit (at, username, action, detail)
         SELECT e.at, e.u, e.a, e.d
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS e(at, u, a, d, n)
          ORDER BY e.n`,
        [
          chunk.map((e) => e.at),
          chunk.map((e) => e.user),
          chunk.map((e) => e.action),
          chunk.map((e) => e.detail ?? null),
        ],
      );
    }
  }

  /** The newest `limit` entries, newest first (in the order they were appended). */
  async recent(limit = 200): Promise<AuditRow[]> {
    const { rows } = await this.pool.query<{ at: string; username: string; action: string; detail: string | null }>(
      "SELECT at, username, action, detail FROM staff_audit ORDER BY id DESC LIMIT $1",
      [limit],
    );
    return rows.map((r) => ({
      at: r.at,
      user: r.username,
      action: r.action,
      ...(r.detail === null ? {} : { detail: r.detail }),
    }));
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM staff_audit");
    return rows[0]?.n ?? 0;
  }
}

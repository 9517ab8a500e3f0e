import type { Pool, Queryable } from "./database.js";

/** One staff action as the audit log keeps it (src/staff/audit.ts's AuditEntry). */
export interface AuditRow {
  at: string;
  user: string;
  action: string;
  detail?: string;
  /** The ward of the ward-bound account that acted; absent for the administrator or a failed login. */
  ward?: string;
}

/** How many lines the console's audit page shows by default (the file log keeps as many in memory). */
export const RECENT_AUDIT_LINES = 200;

/**
 * The staff audit log as an append-only table (`staff_audit`, migrations 003 and 005): every
 * replica's console appends there, and the audit page reads the newest rows (one ward's, or
 * all) whichever replica serves it. Rows are only ever inserted; nothing here updates or
 * deletes one.
 */
export class PostgresAuditLog {
  constructor(private readonly pool: Pool) {}

  async append(entry: AuditRow): Promise<void> {
    await this.pool.query("INSERT INTO staff_audit (at, username, action, detail, ward) VALUES ($1, $2, $3, $4, $5)", [
      entry.at,
      entry.user,
      entry.action,
      entry.detail ?? null,
      entry.ward ?? null,
    ]);
  }

  /** Copies lines of a ward's audit.jsonl in their order, ward included (the move command), in the caller's transaction. */
  static async copy(db: Queryable, entries: readonly AuditRow[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 1000) {
      const chunk = entries.slice(i, i + 1000);
      await db.query(
        `INSERT INTO staff_audit (at, username, action, detail, ward)
         SELECT e.at, e.u, e.a, e.d, e.w
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS e(at, u, a, d, w, n)
          ORDER BY e.n`,
        [
          chunk.map((e) => e.at),
          chunk.map((e) => e.user),
          chunk.map((e) => e.action),
          chunk.map((e) => e.detail ?? null),
          chunk.map((e) => e.ward ?? null),
        ],
      );
    }
  }

  /**
   * The newest `limit` entries, newest first (in the order they were appended); with `ward`,
   * only that ward's (the index staff_audit_ward_recent serves it).
   */
  async recent(limit = RECENT_AUDIT_LINES, ward?: string): Promise<AuditRow[]> {
    const { rows } = await this.pool.query<{
      at: string;
      username: string;
      action: string;
      detail: string | null;
      ward: string | null;
    }>(
      ward === undefined
        ? "SELECT at, username, action, detail, ward FROM staff_audit ORDER BY id DESC LIMIT $1"
        : "SELECT at, username, action, detail, ward FROM staff_audit WHERE ward = $2 ORDER BY id DESC LIMIT $1",
      ward === undefined ? [limit] : [limit, ward],
    );
    return rows.map((r) => ({
      at: r.at,
      user: r.username,
      action: r.action,
      ...(r.detail === null ? {} : { detail: r.detail }),
      ...(r.ward === null ? {} : { ward: r.ward }),
    }));
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM staff_audit");
    return rows[0]?.n ?? 0;
  }
}

import { randomBytes } from "node:crypto";
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

// The audit log's rows moved to audit.ts; re-exported for the callers that import them from here.
export { type AuditRow, PostgresAuditLog } from "./audit.js";

/** The key's failures still in the window, before this one (the row being updated is `t`). */
const KEPT = "ARRAY(SELECT f FROM unnest(t.failures) AS f WHERE $2::bigint - f < $4::bigint)";

/** The login limits' rules (src/staff/throttle.ts ThrottleRules) for one counter. */
export interface FailureRule {
  /** Failures within `windowMs` that lock. */
  limit: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Failed staff logins as rows of `staff_login_failures` (migration 005), so the replicas count
 * together: an attacker spreading guesses over several replicas gets no more tries than on one.
 * `key` is what the caller counts on (a username's or an address's), already hashed with a
 * secret key (`secret()`): no name or address is stored, nor one found again by hashing guesses.
 * Each failure is one upsert, atomic against the other replicas'.
 */
export class PostgresLoginFailures {
  constructor(private readonly pool: Pool) {}

  /**
   * The key the row keys are hashed with: 32 random bytes, written to store_meta by the first
   * replica that needs it (the others read that one, so every replica finds the same rows).
   */
  async secret(): Promise<Buffer> {
    await this.pool.query(
      "INSERT INTO store_meta (name, value) VALUES ('staffLoginKey', $1) ON CONFLICT (name) DO NOTHING",
      [randomBytes(32).toString("hex")],
    );
    const { rows } = await this.pool.query<{ value: string }>(
      "SELECT value FROM store_meta WHERE name = 'staffLoginKey'",
    );
    const value = rows[0]?.value;
    if (value === undefined) throw new Error("store_meta holds no staffLoginKey");
    return Buffer.from(value, "hex");
  }

  /** The latest lock of these keys still running at `at`, if any. */
  async lockedUntil(keys: readonly string[], at: number): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ until: number | null }>(
      "SELECT max(locked_until) AS until FROM staff_login_failures WHERE key = ANY($1::text[]) AND locked_until > $2",
      [keys, at],
    );
    return rows[0]?.until ?? undefined;
  }

  /**
   * Counts a failure at `at`: failures older than the window are dropped, and reaching the
   * limit locks the key until `at + lockMs` (its failures start again from none). Returns the
   * lock's end when this failure caused one.
   */
  async fail(key: string, at: number, rule: FailureRule): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ locked: boolean; locked_until: number | null }>(
      `INSERT INTO staff_login_failures AS t (key, failures, locked_until, last_at)
       VALUES ($1, CASE WHEN 1 >= $3::int THEN '{}'::bigint[] ELSE ARRAY[$2::bigint] END,
               CASE WHEN 1 >= $3::int THEN $2::bigint + $5::bigint END, $2::bigint)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN cardinality(${KEPT}) + 1 >= $3::int THEN '{}'::bigint[] ELSE ${KEPT} || $2::bigint END,
         locked_until = CASE WHEN cardinality(${KEPT}) + 1 >= $3::int THEN $2::bigint + $5::bigint ELSE t.locked_until END,
         last_at = $2::bigint
       RETURNING cardinality(failures) = 0 AND locked_until = $2::bigint + $5::bigint AS locked, locked_until`,
      [key, at, rule.limit, rule.windowMs, rule.lockMs],
    );
    const row = rows[0];
    return row?.locked ? (row.locked_until ?? undefined) : undefined;
  }

  /** Forgets a key's failures (a username that signed in). */
  async clear(key: string): Promise<void> {
    await this.pool.query("DELETE FROM staff_login_failures WHERE key = $1", [key]);
  }

  /** Deletes rows with no running lock and no failure left in the window. */
  async prune(at: number, windowMs: number): Promise<void> {
    await this.pool.query("DELETE FROM staff_login_failures WHERE last_at <= $1 AND coalesce(locked_until, 0) < $2", [
      at - windowMs,
      at,
    ]);
  }
}

/** An uploaded import file waiting for its commit, sealed by the caller (src/staff/previews.ts). */
export interface ImportPreviewRow {
  fileName: string;
  sealed: Buffer;
  ward: string | null;
  createdAt: number;
}

/**
 * Import previews as rows of `staff_import_previews` (migration 005), so the commit click may
 * reach any replica. Keys arrive hashed (the preview id's and the session token's SHA-256).
 */
export class PostgresImportPreviews {
  constructor(private readonly pool: Pool) {}

  /** Stores a preview; rows made before `expiredBefore` are deleted on the way. */
  async put(idHash: string, tokenHash: string, row: ImportPreviewRow, expiredBefore: number): Promise<void> {
    await this.pool.query("DELETE FROM staff_import_previews WHERE created_at < $1", [expiredBefore]);
    await this.pool.query(
      `INSERT INTO staff_import_previews (id_hash, token_hash, file_name, sealed, ward, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [idHash, tokenHash, row.fileName, row.sealed, row.ward, row.createdAt],
    );
  }

  /**
   * Takes the preview out (one statement: of two clicks, on one replica or two, one gets it) when
   * it belongs to this session and was made at or after `notBefore`; an expired one is deleted too.
   */
  async take(idHash: string, tokenHash: string, notBefore: number): Promise<ImportPreviewRow | undefined> {
    const { rows } = await this.pool.query<{
      file_name: string;
      sealed: Buffer;
      ward: string | null;
      created_at: number;
    }>(
      "DELETE FROM staff_import_previews WHERE id_hash = $1 AND token_hash = $2 RETURNING file_name, sealed, ward, created_at",
      [idHash, tokenHash],
    );
    const row = rows[0];
    if (!row || row.created_at < notBefore) return undefined;
    return { fileName: row.file_name, sealed: row.sealed, ward: row.ward, createdAt: row.created_at };
  }
}

import { createHash } from "node:crypto";
import type { Pool } from "./database.js";

/** A signed-in staff member as `staff_sessions` (migration 005) keeps it: never the token itself. */
export interface StaffSessionRow {
  username: string;
  /** SHA-256 of the account's password hash at sign-in (a new password ends the session). */
  accountStamp: string;
  csrf: string;
  /** 'province', 'ward:<id>' or null, as at sign-in. */
  role: string | null;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionLimits {
  idleMs: number;
  maxAgeMs: number;
}

/** The stored key of a session token: its SHA-256 (hex). The token is 256 random bits, so no salt is needed. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Staff sessions as rows, so the replicas behind a load balancer share them: sign in on one,
 * go on (forms and their CSRF token included) on any other, sign out on one and every other
 * refuses the cookie. The token is hashed here, before any statement sees it.
 */
export class PostgresStaffSessions {
  constructor(
    private readonly pool: Pool,
    private readonly limits: SessionLimits,
  ) {}

  /** Stores a new session; dead rows (past their idle or hard end) are deleted on the way. */
  async create(token: string, row: StaffSessionRow): Promise<void> {
    await this.pool.query("DELETE FROM staff_sessions WHERE expires_at < $1", [row.createdAt]);
    await this.pool.query(
      `INSERT INTO staff_sessions (token_hash, username, account_stamp, csrf, role, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        tokenHash(token),
        row.username,
        row.accountStamp,
        row.csrf,
        row.role,
        row.createdAt,
        row.lastSeenAt,
        this.expiry(row.createdAt, row.lastSeenAt),
      ],
    );
  }

  /**
   * The live session of this token, its idle clock restarted at `at` (one statement); a session
   * past its idle or hard end is deleted and undefined is returned, as the in-memory store does.
   */
  async touch(token: string, at: number): Promise<StaffSessionRow | undefined> {
    const { rows } = await this.pool.query<{
      username: string;
      account_stamp: string;
      csrf: string;
      role: string | null;
      created_at: number;
      last_seen_at: number;
    }>(
      // The two conditions exclude each other: a dead row is deleted, a live one touched.
      `WITH dead AS (DELETE FROM staff_sessions WHERE token_hash = $1 AND expires_at < $2)
       UPDATE staff_sessions SET last_seen_at = $2, expires_at = LEAST(created_at + $3, $2 + $4)
        WHERE token_hash = $1 AND expires_at >= $2
        RETURNING username, account_stamp, csrf, role, created_at, last_seen_at`,
      [tokenHash(token), at, this.limits.maxAgeMs, this.limits.idleMs],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      username: row.username,
      accountStamp: row.account_stamp,
      csrf: row.csrf,
      role: row.role,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
    };
  }

  async end(token: string): Promise<void> {
    await this.pool.query("DELETE FROM staff_sessions WHERE token_hash = $1", [tokenHash(token)]);
  }

  private expiry(createdAt: number, lastSeenAt: number): number {
    return Math.min(createdAt + this.limits.maxAgeMs, lastSeenAt + this.limits.idleMs);
  }
}

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Pool } from "../storage/postgres/database.js";
import { PostgresStaffSessions } from "../storage/postgres/staff-sessions.js";
import { roleOf, roleText, type StaffRole } from "./accounts.js";

export interface StaffSession {
  /** The session token: the cookie's value (the database keeps only its SHA-256). */
  id: string;
  user: string;
  /** accountStamp of the account's password hash at sign-in: a new password (or a deleted account) ends the session. */
  accountStamp: string;
  /** Sent in every form and compared in constant time (CSRF). */
  csrf: string;
  createdAt: number;
  lastSeenAt: number;
  /** The account's role, read with the account at each request (a changed role applies at once). */
  role?: StaffRole;
}

/**
 * What a session remembers of the account's password hash: its SHA-256, so a session row
 * holds no copy of the hash itself. Equal stamps: the password is unchanged since sign-in.
 */
export function accountStamp(passwordHash: string): string {
  return createHash("sha256").update(passwordHash, "utf8").digest("base64url");
}

/**
 * Where signed-in staff are kept: in this process's memory (one service), or in the database
 * (several replicas behind a load balancer, any of which serves any request).
 */
export interface StaffSessions {
  readonly rules: SessionRules;
  create(user: string, passwordHash: string, role?: StaffRole): Promise<StaffSession>;
  /** The live session with this token (its idle clock restarts), or undefined. */
  touch(id: string | undefined): Promise<StaffSession | undefined>;
  end(id: string): Promise<void>;
  /** Seconds the cookie may live: until the session's hard end. */
  cookieMaxAge(session: StaffSession): number;
}

export interface SessionRules {
  /** Signed out after this long without a request. */
  idleMs: number;
  /** Signed out this long after signing in, whatever happens. */
  maxAgeMs: number;
  /** Bounds memory: past it, the least recently used session is dropped. */
  maxSessions: number;
}

export const DEFAULT_SESSION_RULES: SessionRules = {
  idleMs: 30 * 60_000,
  maxAgeMs: 10 * 60 * 60_000,
  maxSessions: 500,
};

export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Sessions in memory: a restart signs everyone out, which is acceptable for a ward office and
 * keeps session ids off the disk. Ids are 256 random bits.
 */
export class SessionStore implements StaffSessions {
  private readonly sessions = new Map<string, StaffSession>();

  constructor(
    private readonly now: () => number,
    readonly rules: SessionRules = DEFAULT_SESSION_RULES,
  ) {}

  async create(user: string, passwordHash: string, role?: StaffRole): Promise<StaffSession> {
    const session = newSession(user, passwordHash, role, this.now());
    this.sessions.set(session.id, session);
    while (this.sessions.size > this.rules.maxSessions) {
      const oldest = [...this.sessions.values()].reduce((a, b) => (a.lastSeenAt <= b.lastSeenAt ? a : b));
      this.sessions.delete(oldest.id);
    }
    return session;
  }

  async touch(id: string | undefined): Promise<StaffSession | undefined> {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastSeenAt > this.rules.idleMs || at - session.createdAt > this.rules.maxAgeMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = at;
    return session;
  }

  async end(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  cookieMaxAge(session: StaffSession): number {
    return cookieSeconds(session, this.rules, this.now());
  }
}

/** A new session: a 256-bit token (the cookie) and a 256-bit CSRF token of its own. */
function newSession(user: string, passwordHash: string, role: StaffRole | undefined, at: number): StaffSession {
  return {
    id: randomToken(),
    user,
    accountStamp: accountStamp(passwordHash),
    csrf: randomToken(),
    createdAt: at,
    lastSeenAt: at,
    ...(role ? { role } : {}),
  };
}

function cookieSeconds(session: StaffSession, rules: SessionRules, at: number): number {
  return Math.max(0, Math.floor((session.createdAt + rules.maxAgeMs - at) / 1000));
}

/**
 * Sessions as rows of `staff_sessions` (with DATABASE_URL), same rules: a session started on
 * one replica works on every other, and signing out on one ends it everywhere. The token stays
 * in the cookie; the row is found by its SHA-256. `maxSessions` does not apply: rows live on
 * disk, and dead ones are deleted at each sign-in.
 */
export class DatabaseSessions implements StaffSessions {
  private readonly rows: PostgresStaffSessions;

  constructor(
    pool: Pool,
    private readonly now: () => number,
    readonly rules: SessionRules = DEFAULT_SESSION_RULES,
  ) {
    this.rows = new PostgresStaffSessions(pool, rules);
  }

  async create(user: string, passwordHash: string, role?: StaffRole): Promise<StaffSession> {
    const session = newSession(user, passwordHash, role, this.now());
    await this.rows.create(session.id, {
      username: user,
      accountStamp: session.accountStamp,
      csrf: session.csrf,
      role: role ? roleText(role) : null,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
    });
    return session;
  }

  async touch(id: string | undefined): Promise<StaffSession | undefined> {
    if (!id) return undefined;
    const row = await this.rows.touch(id, this.now());
    if (!row) return undefined;
    const role = roleOf(row.role);
    return {
      id,
      user: row.username,
      accountStamp: row.accountStamp,
      csrf: row.csrf,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      ...(role ? { role } : {}),
    };
  }

  async end(id: string): Promise<void> {
    await this.rows.end(id);
  }

  cookieMaxAge(session: StaffSession): number {
    return cookieSeconds(session, this.rules, this.now());
  }
}

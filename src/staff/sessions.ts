import { randomBytes, timingSafeEqual } from "node:crypto";
import type { StaffRole } from "./accounts.js";

export interface StaffSession {
  id: string;
  user: string;
  /** The account's hash when signing in: a new password (or a deleted account) ends the session. */
  passwordHash: string;
  /** Sent in every form and compared in constant time (CSRF). */
  csrf: string;
  createdAt: number;
  lastSeenAt: number;
  /** The account's role, read with the account at each request (a changed role applies at once). */
  role?: StaffRole;
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
export class SessionStore {
  private readonly sessions = new Map<string, StaffSession>();

  constructor(
    private readonly now: () => number,
    readonly rules: SessionRules = DEFAULT_SESSION_RULES,
  ) {}

  create(user: string, passwordHash: string): StaffSession {
    const at = this.now();
    const session = { id: randomToken(), user, passwordHash, csrf: randomToken(), createdAt: at, lastSeenAt: at };
    this.sessions.set(session.id, session);
    while (this.sessions.size > this.rules.maxSessions) {
      const oldest = [...this.sessions.values()].reduce((a, b) => (a.lastSeenAt <= b.lastSeenAt ? a : b));
      this.sessions.delete(oldest.id);
    }
    return session;
  }

  /** The live session with this id (its idle clock restarts), or undefined. */
  touch(id: string | undefined): StaffSession | undefined {
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

  end(id: string): void {
    this.sessions.delete(id);
  }

  /** Seconds the cookie may live: until the session's hard end. */
  cookieMaxAge(session: StaffSession): number {
    return Math.max(0, Math.floor((session.createdAt + this.rules.maxAgeMs - this.now()) / 1000));
  }
}

import path from "node:path";
import { z } from "zod";
import type { StoredDocument } from "../storage/document.js";
import type { Pool } from "../storage/postgres/database.js";
import { type FileSpec, VersionedFile } from "../storage/versioned-file.js";
import { localTime } from "../time/local.js";
import type { Hasher } from "./privacy.js";

const CHAT_MAX_FAILURES = 5;
const DOSSIER_MAX_FAILURES_PER_DAY = 10;
const HOUR = 3_600_000;

// Chats and codes appear only as keyed pseudonyms: the file says nobody's chat id or dossier.
const Lockouts = z.object({
  chats: z.record(z.string(), z.object({ failures: z.array(z.number()), lockedUntil: z.number().optional() })),
  dossiers: z.record(z.string(), z.object({ day: z.string(), failures: z.number().int() })),
});
type Lockouts = z.infer<typeof Lockouts>;
export const LOCKOUTS_FILE = "lockouts.json";
/** The file's kind and shape (migration 002's documents row had the same; 003 moved it into rows). */
export const LOCKOUTS: FileSpec<Lockouts> = {
  kind: "lockouts",
  version: 1,
  schema: Lockouts,
  empty: () => ({ chats: {}, dossiers: {} }),
};

export type GuardVerdict = { kind: "open" } | { kind: "chat-locked"; until: number } | { kind: "dossier-locked" };

/**
 * Brute-force brakes on lookups: 5 wrong answers within an hour lock a chat out for an hour;
 * 10 wrong answers on one code in a (local) day lock that code for chat lookups until midnight.
 * Counted for unknown codes too, so the brakes behave the same whether a code exists or not.
 * Chats and codes are kept only as keyed pseudonyms.
 */
export abstract class LookupGuard {
  protected constructor(
    private readonly hasher: Hasher,
    private readonly timeZone: string,
  ) {}

  /**
   * In DATA_DIR/lockouts.json (one process), or with `database` (DATABASE_URL) in the
   * lockout_chats and lockout_codes rows, counted by atomic upserts so replicas add up.
   */
  static async open(
    dataDir: string,
    hasher: Hasher,
    timeZone: string,
    fsync = true,
    database?: Pool,
  ): Promise<LookupGuard> {
    if (database) return new PostgresLookupGuard(database, hasher, timeZone);
    const file = await VersionedFile.open(path.join(dataDir, LOCKOUTS_FILE), LOCKOUTS, fsync);
    return new FileLookupGuard(file, hasher, timeZone);
  }

  /** Whether this chat may try this code now. */
  abstract check(chatKey: string, codeKey: string, now: number): Promise<GuardVerdict>;

  /** Counts a wrong answer (stored before the reply); says how many tries the chat has left. */
  abstract fail(chatKey: string, codeKey: string, now: number): Promise<{ remaining: number; lockedUntil?: number }>;

  protected today(now: number): string {
    return localTime(now, this.timeZone).date;
  }

  protected chatId(chatKey: string): string {
    return this.hasher.pseudonym("chat", chatKey);
  }

  protected codeId(codeKey: string): string {
    return this.hasher.pseudonym("code", codeKey);
  }
}

/** The brakes as one JSON file, held in memory and rewritten whole (a single process). */
class FileLookupGuard extends LookupGuard {
  constructor(
    private readonly file: StoredDocument<Lockouts>,
    hasher: Hasher,
    timeZone: string,
  ) {
    super(hasher, timeZone);
  }

  async check(chatKey: string, codeKey: string, now: number): Promise<GuardVerdict> {
    const chat = this.file.data.chats[this.chatId(chatKey)];
    if (chat?.lockedUntil && chat.lockedUntil > now) return { kind: "chat-locked", until: chat.lockedUntil };
    if (codeKey) {
      const dossier = this.file.data.dossiers[this.codeId(codeKey)];
      if (dossier && dossier.day === this.today(now) && dossier.failures >= DOSSIER_MAX_FAILURES_PER_DAY) {
        return { kind: "dossier-locked" };
      }
    }
    return { kind: "open" };
  }

  async fail(chatKey: string, codeKey: string, now: number): Promise<{ remaining: number; lockedUntil?: number }> {
    const data = this.file.data;
    const chatId = this.chatId(chatKey);
    const chat = data.chats[chatId] ?? { failures: [] };
    chat.failures = [...chat.failures.filter((t) => now - t < HOUR), now];
    if (chat.failures.length >= CHAT_MAX_FAILURES) {
      chat.lockedUntil = now + HOUR;
      chat.failures = [];
    }
    data.chats[chatId] = chat;
    const codeId = this.codeId(codeKey);
    const today = this.today(now);
    const dossier = data.dossiers[codeId];
    data.dossiers[codeId] = { day: today, failures: dossier?.day === today ? dossier.failures + 1 : 1 };
    this.prune(now);
    await this.file.write();
    const locked = chat.lockedUntil && chat.lockedUntil > now ? chat.lockedUntil : undefined;
    return { remaining: locked ? 0 : CHAT_MAX_FAILURES - chat.failures.length, lockedUntil: locked };
  }

  private prune(now: number): void {
    const { chats, dossiers } = this.file.data;
    for (const [id, c] of Object.entries(chats)) {
      if (!(c.lockedUntil && c.lockedUntil > now) && c.failures.every((t) => now - t >= HOUR)) delete chats[id];
    }
    const today = this.today(now);
    for (const [id, d] of Object.entries(dossiers)) if (d.day !== today) delete dossiers[id];
  }
}

/** Old rows are deleted at most this often per process (the brakes read only recent ones). */
const PRUNE_EVERY_MS = HOUR;

/**
 * The brakes as rows (migration 003), for several replicas: each wrong answer is one atomic
 * upsert per row (the chat's failures of the last hour, the code's count for the day), so
 * counts from any number of replicas add up and none is lost.
 */
class PostgresLookupGuard extends LookupGuard {
  private prunedAt = 0;

  constructor(
    private readonly pool: Pool,
    hasher: Hasher,
    timeZone: string,
  ) {
    super(hasher, timeZone);
  }

  async check(chatKey: string, codeKey: string, now: number): Promise<GuardVerdict> {
    const { rows } = await this.pool.query<{ locked_until: number | null; code_failures: number | null }>(
      `SELECT (SELECT locked_until FROM lockout_chats WHERE id = $1) AS locked_until,
              (SELECT failures FROM lockout_codes WHERE id = $2 AND day = $3) AS code_failures`,
      [this.chatId(chatKey), codeKey ? this.codeId(codeKey) : "", this.today(now)],
    );
    const row = rows[0];
    if (row?.locked_until && row.locked_until > now) return { kind: "chat-locked", until: row.locked_until };
    if (codeKey && (row?.code_failures ?? 0) >= DOSSIER_MAX_FAILURES_PER_DAY) return { kind: "dossier-locked" };
    return { kind: "open" };
  }

  async fail(chatKey: string, codeKey: string, now: number): Promise<{ remaining: number; lockedUntil?: number }> {
    // The failures of the last hour plus this one, computed in the upsert itself: a row lock
    // orders two replicas counting the same chat, each seeing the other's failure.
    const recent = `ARRAY(SELECT t FROM unnest(c.failures) AS t WHERE $2 - t < ${HOUR}) || $2::bigint`;
    const { rows } = await this.pool.query<{ failures: number; locked_until: number | null }>(
      `INSERT INTO lockout_chats AS c (id, failures) VALUES ($1, ARRAY[$2::bigint])
       ON CONFLICT (id) DO UPDATE SET
         failures = CASE WHEN cardinality(${recent}) >= ${CHAT_MAX_FAILURES} THEN '{}'::bigint[] ELSE ${recent} END,
         locked_until = CASE WHEN cardinality(${recent}) >= ${CHAT_MAX_FAILURES} THEN $2 + ${HOUR} ELSE c.locked_until END
       RETURNING cardinality(failures) AS failures, locked_until`,
      [this.chatId(chatKey), now],
    );
    await this.pool.query(
      `INSERT INTO lockout_codes AS c (id, day, failures) VALUES ($1, $2, 1)
       ON CONFLICT (id) DO UPDATE SET
         failures = CASE WHEN c.day = EXCLUDED.day THEN c.failures + 1 ELSE 1 END, day = EXCLUDED.day`,
      [this.codeId(codeKey), this.today(now)],
    );
    await this.prune(now);
    const chat = rows[0];
    const locked = chat?.locked_until && chat.locked_until > now ? chat.locked_until : undefined;
    return { remaining: locked ? 0 : CHAT_MAX_FAILURES - (chat?.failures ?? 0), lockedUntil: locked };
  }

  private async prune(now: number): Promise<void> {
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    await this.pool.query(
      `DELETE FROM lockout_chats
        WHERE (locked_until IS NULL OR locked_until <= $1)
          AND NOT EXISTS (SELECT 1 FROM unnest(failures) AS t WHERE $1 - t < ${HOUR})`,
      [now],
    );
    await this.pool.query("DELETE FROM lockout_codes WHERE day <> $1", [this.today(now)]);
  }
}

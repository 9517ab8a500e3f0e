import path from "node:path";
import { z } from "zod";
import type { StoredDocument } from "../storage/document.js";
import type { Pool } from "../storage/postgres/database.js";
import { PostgresDocument } from "../storage/postgres/document.js";
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
/** The file's (and the database document's) kind and shape. */
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
 */
export class LookupGuard {
  private constructor(
    private readonly file: StoredDocument<Lockouts>,
    private readonly hasher: Hasher,
    private readonly timeZone: string,
  ) {}

  /** In DATA_DIR/lockouts.json, or with `database` (DATABASE_URL) in its documents table. */
  static async open(
    dataDir: string,
    hasher: Hasher,
    timeZone: string,
    fsync = true,
    database?: Pool,
  ): Promise<LookupGuard> {
    const file = database
      ? await PostgresDocument.open(database, LOCKOUTS)
      : await VersionedFile.open(path.join(dataDir, LOCKOUTS_FILE), LOCKOUTS, fsync);
    return new LookupGuard(file, hasher, timeZone);
  }

  check(chatKey: string, codeKey: string, now: number): GuardVerdict {
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

  /** Counts a wrong answer (on disk before the reply); says how many tries the chat has left. */
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

  private today(now: number): string {
    return localTime(now, this.timeZone).date;
  }

  private chatId(chatKey: string): string {
    return this.hasher.pseudonym("chat", chatKey);
  }

  private codeId(codeKey: string): string {
    return this.hasher.pseudonym("code", codeKey);
  }
}

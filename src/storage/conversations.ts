import { z } from "zod";
import { LANGUAGES } from "../core/i18n.js";
import type { ConversationState, ConversationStore } from "../core/types.js";
import { ShardedRecords } from "./sharded.js";

// The core owns the state's shape; only what a restart needs to trust is checked here.
const StoredState = z.object({ lang: z.enum(LANGUAGES) }).loose();
const Entry = z.object({ at: z.number(), state: StoredState });
type Entry = z.infer<typeof Entry>;

const IDLE_DAYS = 180;

/**
 * Conversation states on disk, so a restart keeps half-finished exchanges (a pending
 * verification, the last choices). Spread over shard files: a message rewrites one small file.
 * States idle for half a year are dropped on open: only what a feature needs is kept.
 */
export class FileConversationStore implements ConversationStore {
  private constructor(
    private readonly records: ShardedRecords<Entry>,
    private readonly now: () => number,
  ) {}

  static async open(dir: string, now: () => number = Date.now, fsync = true): Promise<FileConversationStore> {
    const records = await ShardedRecords.open(
      dir,
      { kind: "conversations", version: 1, record: Entry, shards: 16 },
      fsync,
    );
    const cutoff = now() - IDLE_DAYS * 86_400_000;
    const stale = [...records.entries()].filter(([, e]) => e.at < cutoff).map(([k]) => k);
    for (const key of stale) records.delete(key);
    if (stale.length > 0) await records.persist(stale);
    return new FileConversationStore(records, now);
  }

  async get(key: string): Promise<ConversationState | undefined> {
    const entry = this.records.get(key);
    // A copy: the caller mutates it, and only `set` may change what is stored.
    return entry ? (structuredClone(entry.state) as ConversationState) : undefined;
  }

  async set(key: string, state: ConversationState): Promise<void> {
    this.records.set(key, { at: this.now(), state: structuredClone(state) as Entry["state"] });
    await this.records.persist([key]);
  }

  async delete(key: string): Promise<void> {
    if (this.records.delete(key)) await this.records.persist([key]);
  }

  get size(): number {
    return this.records.size;
  }

  /** Every state with when it was last set (npm run store:migrate-to-postgres copies them). */
  entries(): IterableIterator<[string, { at: number; state: object }]> {
    return this.records.entries();
  }
}

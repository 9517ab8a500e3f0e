import { z } from "zod";
import { ShardedRecords } from "./sharded.js";

/** What a state must be to be stored: an object. Its owner (the core) passes a stricter schema. */
const AnyState = z.object({}).loose();
type Entry = { at: number; state: Record<string, unknown> };

const IDLE_DAYS = 180;

/**
 * Conversation states on disk, so a restart keeps half-finished exchanges (a pending
 * verification, the last choices). Spread over shard files: a message rewrites one small file.
 * States idle for half a year are dropped on open: only what a feature needs is kept.
 *
 * The state's shape is its owner's (the core's ConversationState): `state` is the schema of what
 * a restart must be able to trust in it, checked on open like every stored file.
 */
export class FileConversationStore<S extends object = Record<string, unknown>> {
  private constructor(
    private readonly records: ShardedRecords<Entry>,
    private readonly now: () => number,
  ) {}

  static async open<S extends object = Record<string, unknown>>(
    dir: string,
    now: () => number = Date.now,
    fsync = true,
    state: z.ZodType<Record<string, unknown>> = AnyState,
  ): Promise<FileConversationStore<S>> {
    const entry: z.ZodType<Entry> = z.object({ at: z.number(), state });
    const records = await ShardedRecords.open(
      dir,
      { kind: "conversations", version: 1, record: entry, shards: 16 },
      fsync,
    );
    const cutoff = now() - IDLE_DAYS * 86_400_000;
    const stale = [...records.entries()].filter(([, e]) => e.at < cutoff).map(([k]) => k);
    for (const key of stale) records.delete(key);
    if (stale.length > 0) await records.persist(stale);
    return new FileConversationStore<S>(records, now);
  }

  async get(key: string): Promise<S | undefined> {
    const entry = this.records.get(key);
    // A copy: the caller mutates it, and only `set` may change what is stored.
    return entry ? (structuredClone(entry.state) as S) : undefined;
  }

  async set(key: string, state: S): Promise<void> {
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

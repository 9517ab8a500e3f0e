import path from "node:path";
import { z } from "zod";
import { StorageError } from "../storage/atomic-file.js";
import { ShardedRecords } from "../storage/sharded.js";
import { VersionedFile } from "../storage/versioned-file.js";
import { Dossier, type DossierChange, type DossierRecord, type DossierStatus, STATUS } from "./schema.js";
import type { SubscriptionRepository } from "./subscriptions.js";
import { planUpsert } from "./upsert-plan.js";

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
  changes: DossierChange[];
}

/** Where dossiers live; the file implementation can be swapped for a server database. */
export interface DossierRepository {
  get(key: string): Promise<Dossier | undefined>;
  /**
   * Creates or updates by code; a record equal to the stored one changes nothing.
   * `beforeCommit` gets the changes subscribers must hear about before anything is stored,
   * so their notices are persisted first and a crash in between cannot lose them.
   */
  upsert(
    records: DossierRecord[],
    now: number,
    beforeCommit?: (changes: DossierChange[]) => Promise<void>,
  ): Promise<UpsertResult>;
  withStatus(status: DossierStatus): Promise<Dossier[]>;
  /**
   * The reminder scan's input: ready dossiers (status 9) whose result has been ready since before
   * `readyBefore` (readyAt < readyBefore) and that at least one chat of `links` follows, each with
   * those chats in the order they subscribed. PostgreSQL answers with one query joining its own
   * subscriptions table, instead of a query per ready dossier.
   */
  readyWithChats(links: SubscriptionRepository, readyBefore: number): Promise<FollowedDossier[]>;
  count(): Promise<number>;
}

/** A dossier with the chats that follow it. */
export interface FollowedDossier {
  dossier: Dossier;
  chats: string[];
}

/** readyWithChats over any two stores: a chatsOf per ready dossier (cheap in memory, a query each in a database). */
export async function readyWithChatsOneByOne(
  ready: readonly Dossier[],
  links: SubscriptionRepository,
  readyBefore: number,
): Promise<FollowedDossier[]> {
  const found: FollowedDossier[] = [];
  for (const dossier of ready) {
    if (dossier.status !== STATUS.ready || dossier.readyAt === undefined || dossier.readyAt >= readyBefore) continue;
    const chats = await links.chatsOf(dossier.key);
    if (chats.length > 0) found.push({ dossier, chats });
  }
  return found;
}

const Meta = z.object({ hashKeyId: z.string().optional() });

export class HashKeyMismatchError extends StorageError {
  override name = "HashKeyMismatchError";
}

/** Dossiers in 32 shard files (a push of one record rewrites ~1/32 of the table), indexed by status in memory. */
export class FileDossierRepository implements DossierRepository {
  private readonly byStatus = new Map<number, Set<string>>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly strings = new Map<string, string>();

  private constructor(private readonly records: ShardedRecords<Dossier>) {
    for (const [key, d] of records.entries()) {
      this.intern(d);
      this.index(key, undefined, d.status);
    }
  }

  /** Opens the table; refuses to when its phone hashes were made with another key (lookups would all fail). */
  static async open(dir: string, hashKeyId: string, fsync = true): Promise<FileDossierRepository> {
    const meta = await VersionedFile.open<z.infer<typeof Meta>>(
      path.join(dir, "meta.json"),
      { kind: "dossiers-meta", version: 1, schema: Meta, empty: () => ({}) },
      fsync,
    );
    if (meta.data.hashKeyId && meta.data.hashKeyId !== hashKeyId) {
      throw new HashKeyMismatchError(
        "Khoá băm số điện thoại (PHONE_HASH_KEY, hoặc tệp phone-hash.key trong thư mục dữ liệu) khác với khoá đã dùng khi " +
          "nhập hồ sơ; hãy đặt lại khoá cũ. | The phone hash key (PHONE_HASH_KEY, or the data folder's phone-hash.key) " +
          "differs from the one the stored dossiers were imported with; restore the old key.",
      );
    }
    if (!meta.data.hashKeyId) {
      meta.data.hashKeyId = hashKeyId;
      await meta.write();
    }
    const records = await ShardedRecords.open(
      dir,
      { kind: "dossiers", version: 1, record: Dossier, shards: 32 },
      fsync,
    );
    return new FileDossierRepository(records);
  }

  async get(key: string): Promise<Dossier | undefined> {
    return this.records.get(key);
  }

  async withStatus(status: DossierStatus): Promise<Dossier[]> {
    return [...(this.byStatus.get(status) ?? [])].flatMap((k) => this.records.get(k) ?? []);
  }

  async readyWithChats(links: SubscriptionRepository, readyBefore: number): Promise<FollowedDossier[]> {
    return readyWithChatsOneByOne(await this.withStatus(STATUS.ready), links, readyBefore);
  }

  async count(): Promise<number> {
    return this.records.size;
  }

  upsert(
    records: DossierRecord[],
    now: number,
    beforeCommit?: (changes: DossierChange[]) => Promise<void>,
  ): Promise<UpsertResult> {
    // One upsert at a time: each sees the previous one's result.
    const run = this.queue.then(() => this.upsertNow(records, now, beforeCommit));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async upsertNow(
    records: DossierRecord[],
    now: number,
    beforeCommit?: (changes: DossierChange[]) => Promise<void>,
  ): Promise<UpsertResult> {
    const plan = planUpsert(records, (key) => this.records.get(key), now);
    if (plan.next.length > 0) {
      await beforeCommit?.(plan.changes);
      for (const d of plan.next) {
        this.intern(d);
        this.index(d.key, this.records.get(d.key)?.status, d.status);
        this.records.set(d.key, d);
      }
      await this.records.persist(plan.next.map((d) => d.key));
    }
    const { created, unchanged, changes } = plan;
    return { created, updated: plan.next.length - created, unchanged, changes };
  }

  /**
   * One copy of the values thousands of dossiers share (procedure, dates, office, masked
   * names): JSON.parse makes a string per field, which adds up to a good part of the table.
   * Also drops undefined fields, so a stored record equals the same record read back.
   */
  private intern(d: Dossier): Dossier {
    for (const field of SHARED) {
      const value = d[field];
      if (value === undefined) {
        delete d[field];
        continue;
      }
      const known = this.strings.get(value);
      if (known === undefined) {
        if (this.strings.size < 200_000) this.strings.set(value, value);
      } else d[field] = known;
    }
    if (d.readyAt === undefined) delete d.readyAt;
    return d;
  }

  private index(key: string, from: number | undefined, to: number): void {
    if (from !== undefined) this.byStatus.get(from)?.delete(key);
    const set = this.byStatus.get(to);
    if (set) set.add(key);
    else this.byStatus.set(to, new Set([key]));
  }
}

const SHARED = ["procedureCode", "applicant", "receivedAt", "dueAt", "statusNote", "office", "ward"] as const;

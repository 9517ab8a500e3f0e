import { z } from "zod";
import { inTransaction, lockId, type Pool, type Queryable } from "../storage/postgres/database.js";
import {
  type DossierRepository,
  type FollowedDossier,
  HashKeyMismatchError,
  readyWithChatsOneByOne,
  type UpsertResult,
} from "./repository.js";
import {
  Dossier,
  type DossierChange,
  type DossierRecord,
  type DossierStatus,
  FINAL_STATUSES,
  STATUS,
} from "./schema.js";
import { dropFinishedOneByOne, type SubscriptionRepository } from "./subscriptions.js";
import { planUpsert } from "./upsert-plan.js";

/** The `record` column: the dossier as JSON text, validated on the way out. */
const StoredDossier = z
  .string()
  .transform((t): unknown => JSON.parse(t))
  .pipe(Dossier);
const Rows = z.array(z.object({ record: StoredDossier }));
const UPSERT_LOCK = lockId("motcua-bot dossiers upsert");

/**
 * A dossier's statusSince, read in SQL from `record` (JSON.stringify output, as text). Not with
 * `::json->>`: that fails the whole statement on any record holding a \u0000 escape (migration
 * 003), so one citizen's odd note would stop the upkeep. `"statusSince":` can only be the real
 * key (a quote inside a string is always escaped, and Dossier is flat); strpos finds it, an
 * anchored pattern takes the digits (the integer part is enough for a `<` on epoch
 * milliseconds). No key gives NULL, which no comparison passes: the link is kept. strpos, not an
 * unanchored regular expression over the record: 2–3 times faster (measured on 300,000 dossiers).
 */
const STATUS_SINCE = `(CASE WHEN strpos(d.record, '"statusSince":') > 0
  THEN substring(substr(d.record, strpos(d.record, '"statusSince":') + 14, 24) FROM '^-?[0-9]+')::bigint END)`;

const Followed = z.array(z.object({ record: StoredDossier, chats: z.array(z.string()) }));

/**
 * Dossiers in PostgreSQL (DATABASE_URL): the same rules as the file store (upsert-plan.ts).
 * An upsert is one transaction under an advisory lock, so imports through any replica take
 * turns and each sees the one before; the notices `beforeCommit` queues are written before
 * the dossiers change, as in the file store.
 */
export class PostgresDossierRepository implements DossierRepository {
  /**
   * Upserts from this process take turns in the order they were called, as in the file store:
   * the advisory lock alone orders them across replicas, but not in call order within one.
   */
  private upserts: Promise<unknown> = Promise.resolve();

  private constructor(readonly pool: Pool) {}

  /** Refuses a database whose phone hashes were made with another key (lookups would all fail). */
  static async open(pool: Pool, hashKeyId: string): Promise<PostgresDossierRepository> {
    await pool.query("INSERT INTO store_meta (name, value) VALUES ('hashKeyId', $1) ON CONFLICT (name) DO NOTHING", [
      hashKeyId,
    ]);
    const { rows } = await pool.query<{ value: string }>("SELECT value FROM store_meta WHERE name = 'hashKeyId'");
    if (rows[0]?.value !== hashKeyId) {
      throw new HashKeyMismatchError(
        "Khoá băm số điện thoại (PHONE_HASH_KEY) khác với khoá đã dùng khi nhập hồ sơ vào cơ sở dữ liệu; hãy đặt lại khoá cũ. | " +
          "The phone hash key (PHONE_HASH_KEY) differs from the one the database's dossiers were imported with; restore the old key.",
      );
    }
    return new PostgresDossierRepository(pool);
  }

  async get(key: string): Promise<Dossier | undefined> {
    const { rows } = await this.pool.query("SELECT record FROM dossiers WHERE key = $1", [key]);
    return Rows.parse(rows)[0]?.record;
  }

  async withStatus(status: DossierStatus): Promise<Dossier[]> {
    const { rows } = await this.pool.query("SELECT record FROM dossiers WHERE status = $1", [status]);
    return Rows.parse(rows).map((r) => r.record);
  }

  /**
   * One query joining the subscriptions table: only followed ready dossiers travel (about one in
   * ten), where a chatsOf per ready dossier cost a round trip each. The readiness bound is checked
   * here, not in SQL: readyAt is inside `record`, and reading it out of 30,000 ready records cost
   * more than sending the few not yet due (measured on 300,000 dossiers). Links kept elsewhere
   * (another pool, the files) are asked one by one.
   */
  async readyWithChats(links: SubscriptionRepository, readyBefore: number): Promise<FollowedDossier[]> {
    if (!(links instanceof PostgresSubscriptionRepository && links.pool === this.pool)) {
      return readyWithChatsOneByOne(await this.withStatus(STATUS.ready), links, readyBefore);
    }
    const { rows } = await this.pool.query(
      `SELECT d.record, array_agg(s.chat_key ORDER BY s.created_at, s.chat_key) AS chats
         FROM dossiers d JOIN subscriptions s ON s.dossier_key = d.key
        WHERE d.status = $1
        GROUP BY d.key
        ORDER BY d.key`,
      [STATUS.ready],
    );
    return Followed.parse(rows).flatMap(({ record: dossier, chats }) =>
      dossier.readyAt !== undefined && dossier.readyAt < readyBefore ? [{ dossier, chats }] : [],
    );
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM dossiers");
    return rows[0]?.n ?? 0;
  }

  upsert(
    records: DossierRecord[],
    now: number,
    beforeCommit?: (changes: DossierChange[]) => Promise<void>,
  ): Promise<UpsertResult> {
    const run = this.upserts.then(() => this.upsertNow(records, now, beforeCommit));
    this.upserts = run.catch(() => undefined);
    return run;
  }

  private upsertNow(
    records: DossierRecord[],
    now: number,
    beforeCommit?: (changes: DossierChange[]) => Promise<void>,
  ): Promise<UpsertResult> {
    return inTransaction(this.pool, async (db) => {
      await db.query("SELECT pg_advisory_xact_lock($1)", [UPSERT_LOCK]);
      const keys = [...new Set(records.map((r) => r.key))];
      const { rows } = await db.query("SELECT record FROM dossiers WHERE key = ANY($1::text[])", [keys]);
      const stored = new Map(Rows.parse(rows).map((r) => [r.record.key, r.record]));
      const plan = planUpsert(records, (k) => stored.get(k), now);
      if (plan.next.length > 0) {
        await beforeCommit?.(plan.changes);
        await db.query(
          `INSERT INTO dossiers (key, status, record, ward)
           SELECT * FROM unnest($1::text[], $2::smallint[], $3::text[], $4::text[])
           ON CONFLICT (key) DO UPDATE SET status = EXCLUDED.status, record = EXCLUDED.record, ward = EXCLUDED.ward`,
          [
            plan.next.map((d) => d.key),
            plan.next.map((d) => d.status),
            plan.next.map((d) => JSON.stringify(d)),
            plan.next.map((d) => d.ward ?? null),
          ],
        );
      }
      return {
        created: plan.created,
        updated: plan.next.length - plan.created,
        unchanged: plan.unchanged,
        changes: plan.changes,
      };
    });
  }
}

/** Chats' links to dossiers in PostgreSQL: one row per link, so replicas see each other's at once. */
export class PostgresSubscriptionRepository implements SubscriptionRepository {
  /** Public so the dossiers of the same pool can join this table (readyWithChats, dropFinished). */
  constructor(readonly pool: Pool) {}

  async add(chatKey: string, key: string, now: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      "INSERT INTO subscriptions (chat_key, dossier_key, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
      [chatKey, key, now],
    );
    return rowCount === 1;
  }

  async remove(chatKey: string, key: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("DELETE FROM subscriptions WHERE chat_key = $1 AND dossier_key = $2", [
      chatKey,
      key,
    ]);
    return rowCount === 1;
  }

  async removeChat(chatKey: string): Promise<number> {
    const { rowCount } = await this.pool.query("DELETE FROM subscriptions WHERE chat_key = $1", [chatKey]);
    return rowCount ?? 0;
  }

  async chatsOf(key: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ chat_key: string }>(
      "SELECT chat_key FROM subscriptions WHERE dossier_key = $1 ORDER BY created_at, chat_key",
      [key],
    );
    return rows.map((r) => r.chat_key);
  }

  async codesOf(chatKey: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ dossier_key: string }>(
      "SELECT dossier_key FROM subscriptions WHERE chat_key = $1 ORDER BY created_at, dossier_key",
      [chatKey],
    );
    return rows.map((r) => r.dossier_key);
  }

  async followed(): Promise<Map<string, string[]>> {
    const { rows } = await this.pool.query<{ dossier_key: string; chats: string[] }>(
      "SELECT dossier_key, array_agg(chat_key ORDER BY created_at, chat_key) AS chats FROM subscriptions GROUP BY dossier_key",
    );
    return new Map(rows.map((r) => [r.dossier_key, r.chats]));
  }

  /**
   * One DELETE joining the dossiers table, where a get per followed dossier cost a round trip
   * each (100,000 at a million dossiers). Dossiers kept elsewhere are asked one by one.
   */
  async dropFinished(dossiers: DossierRepository, overBefore: number): Promise<number> {
    if (!(dossiers instanceof PostgresDossierRepository && dossiers.pool === this.pool)) {
      return dropFinishedOneByOne(this, dossiers, overBefore);
    }
    const { rowCount } = await this.pool.query(
      `DELETE FROM subscriptions
        WHERE dossier_key IN (
          SELECT f.dossier_key
            FROM (SELECT DISTINCT dossier_key FROM subscriptions) f
            LEFT JOIN dossiers d ON d.key = f.dossier_key
           WHERE d.key IS NULL OR (d.status = ANY($1::smallint[]) AND ${STATUS_SINCE} < $2))`,
      [[...FINAL_STATUSES], overBefore],
    );
    return rowCount ?? 0;
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM subscriptions");
    return rows[0]?.n ?? 0;
  }
}

const COPY_BATCH = 5_000;

/**
 * Copies dossiers as they are stored (seq, dates, readyAt kept), for moving a ward's files
 * into the database (npm run store:migrate-to-postgres); inside the caller's transaction.
 */
export async function copyDossiers(db: Queryable, dossiers: readonly Dossier[]): Promise<void> {
  for (let i = 0; i < dossiers.length; i += COPY_BATCH) {
    const batch = dossiers.slice(i, i + COPY_BATCH);
    await db.query(
      `INSERT INTO dossiers (key, status, record, ward)
       SELECT * FROM unnest($1::text[], $2::smallint[], $3::text[], $4::text[])`,
      [
        batch.map((d) => d.key),
        batch.map((d) => d.status),
        batch.map((d) => JSON.stringify(d)),
        batch.map((d) => d.ward ?? null),
      ],
    );
  }
}

export async function copySubscriptions(
  db: Queryable,
  links: readonly { chatKey: string; key: string; at: number }[],
): Promise<void> {
  for (let i = 0; i < links.length; i += COPY_BATCH) {
    const batch = links.slice(i, i + COPY_BATCH);
    await db.query(
      `INSERT INTO subscriptions (chat_key, dossier_key, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])`,
      [batch.map((l) => l.chatKey), batch.map((l) => l.key), batch.map((l) => l.at)],
    );
  }
}

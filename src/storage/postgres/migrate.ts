import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { StorageError } from "../atomic-file.js";
import { checkOut, lockId } from "./database.js";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered SQL files (001_initial.sql …), in order; a gap or a repeated number is refused. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".sql")).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = /^(\d+)_[\w-]+\.sql$/.exec(name);
    if (!match) throw new StorageError(`${name}: a migration is named NNN_what.sql`);
    const version = Number(match[1]);
    if (version !== migrations.length + 1)
      throw new StorageError(`${name}: expected migration ${migrations.length + 1}`);
    migrations.push({ version, name, sql: await readFile(path.join(dir, name), "utf8") });
  }
  return migrations;
}

/**
 * Brings the schema up to date, each migration in its own transaction with its row in
 * schema_migrations. An advisory lock held for the whole run makes two replicas starting
 * together take turns: the second finds the work done. A database migrated by a newer
 * version of the bot is refused (no downgrade), like a newer data file.
 */
/** How long a migration (or the wait for another replica's) may take: a day, i.e. no bound a migration meets. */
const MIGRATION_WAIT_MS = 86_400_000;

export async function migrate(
  pool: pg.Pool,
  migrations?: Migration[],
): Promise<{ version: number; applied: number[] }> {
  const all = migrations ?? (await readMigrations());
  const { client, release } = await checkOut(pool);
  const lock = lockId("motcua-bot schema migrations");
  // A replica waits here while another migrates, and a migration may rewrite a large table: neither is bounded by the
  // pool's statement and query timeouts (database.ts), lifted on this connection until it goes back to the pool.
  // (query_timeout per query: node-postgres reads it from the query's config; its types omit it.)
  const unbounded = (text: string, values?: unknown[]) =>
    client.query({ text, values, query_timeout: MIGRATION_WAIT_MS } as pg.QueryConfig);
  try {
    await unbounded("SET statement_timeout = 0");
    await unbounded("SELECT pg_advisory_lock($1)", [lock]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
    const done = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    const known = all.length;
    if (newest > known) {
      throw new StorageError(
        `database schema is at migration ${newest}, newer than this version knows (${known}); refusing to downgrade`,
      );
    }
    const applied: number[] = [];
    for (const m of all) {
      if (done.has(m.version)) continue;
      await client.query("BEGIN");
      try {
        await unbounded(m.sql);
        await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new StorageError(`migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.version);
    }
    return { version: known, applied };
  } finally {
    // A connection that could not unlock still holds the lock (or, not reset, no statement timeout): closed, not pooled.
    const unlocked = await client
      .query("SELECT pg_advisory_unlock($1)", [lock])
      .then(() => client.query("RESET statement_timeout"))
      .then(
        () => true,
        () => false,
      );
    release(!unlocked);
  }
}

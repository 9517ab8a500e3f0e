import type { Pool, Queryable } from "./database.js";

const IDLE_DAYS = 180;

/**
 * Each chat's conversation state in PostgreSQL (DATABASE_URL), so any replica can take a chat's
 * next message. Generic over the state: the core owns its shape (storage imports nothing above
 * it); states idle for half a year are dropped on open, as in the file store.
 */
export class PostgresConversationStore<State extends object> {
  private constructor(
    private readonly pool: Pool,
    private readonly now: () => number,
  ) {}

  static async open<State extends object>(
    pool: Pool,
    now: () => number = Date.now,
  ): Promise<PostgresConversationStore<State>> {
    await pool.query("DELETE FROM conversations WHERE updated_at < $1", [now() - IDLE_DAYS * 86_400_000]);
    return new PostgresConversationStore<State>(pool, now);
  }

  async get(key: string): Promise<State | undefined> {
    const { rows } = await this.pool.query<{ state: string }>("SELECT state FROM conversations WHERE chat_key = $1", [
      key,
    ]);
    return rows[0] ? (JSON.parse(rows[0].state) as State) : undefined;
  }

  async set(key: string, state: State): Promise<void> {
    await this.pool.query(
      `INSERT INTO conversations (chat_key, updated_at, state) VALUES ($1, $2, $3)
       ON CONFLICT (chat_key) DO UPDATE SET updated_at = EXCLUDED.updated_at, state = EXCLUDED.state`,
      [key, this.now(), JSON.stringify(state)],
    );
  }

  async delete(key: string): Promise<void> {
    await this.pool.query("DELETE FROM conversations WHERE chat_key = $1", [key]);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM conversations");
    return rows[0]?.n ?? 0;
  }
}

/** Copies conversation states with their last-set time (npm run store:migrate-to-postgres). */
export async function copyConversations(
  db: Queryable,
  entries: readonly [string, { at: number; state: object }][],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 5_000) {
    const batch = entries.slice(i, i + 5_000);
    await db.query(
      "INSERT INTO conversations (chat_key, updated_at, state) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])",
      [batch.map(([k]) => k), batch.map(([, e]) => e.at), batch.map(([, e]) => JSON.stringify(e.state))],
    );
  }
}

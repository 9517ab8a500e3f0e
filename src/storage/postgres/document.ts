import { StorageError } from "../atomic-file.js";
import type { StoredDocument } from "../document.js";
import type { FileSpec } from "../versioned-file.js";
import type { Pool } from "./database.js";

/**
 * One data set as one row of `documents` (migration 002), the database twin of a VersionedFile:
 * validated and migrated on open with the file's own spec, written whole in one statement.
 * Writes asked for while one runs are coalesced into the next, and each resolves only once a
 * snapshot taken after it was asked for is stored.
 */
export class PostgresDocument<T> implements StoredDocument<T> {
  private running?: Promise<void>;
  private next?: Promise<void>;

  private constructor(
    private readonly pool: Pool,
    private readonly spec: FileSpec<T>,
    public data: T,
  ) {}

  static async open<T>(pool: Pool, spec: FileSpec<T>): Promise<PostgresDocument<T>> {
    const { rows } = await pool.query<{ version: number; body: string }>(
      "SELECT version, body FROM documents WHERE kind = $1",
      [spec.kind],
    );
    const row = rows[0];
    if (!row) return new PostgresDocument(pool, spec, spec.empty());
    let { version } = row;
    if (version > spec.version) {
      throw new StorageError(
        `database document "${spec.kind}": written by a newer version (${version} > ${spec.version}); refusing to downgrade`,
      );
    }
    let data: unknown = JSON.parse(row.body);
    for (; version < spec.version; version++) {
      const step = spec.migrations?.[version];
      if (!step) throw new StorageError(`database document "${spec.kind}": no migration from version ${version}`);
      data = step(data);
    }
    const parsed = spec.schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StorageError(
        `database document "${spec.kind}": invalid data at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
      );
    }
    const opened = new PostgresDocument(pool, spec, parsed.data);
    if (row.version < spec.version) await opened.write();
    return opened;
  }

  write(): Promise<void> {
    if (this.next) return this.next;
    if (!this.running) return this.run();
    const ignore = () => undefined;
    this.next = this.running.then(ignore, ignore).then(() => {
      this.next = undefined;
      return this.run();
    });
    return this.next;
  }

  private run(): Promise<void> {
    // Serialised when the write starts, so it carries every change made before.
    const body = JSON.stringify(this.data);
    const done = this.pool
      .query(
        `INSERT INTO documents (kind, version, body) VALUES ($1, $2, $3)
         ON CONFLICT (kind) DO UPDATE SET version = EXCLUDED.version, body = EXCLUDED.body, updated_at = now()`,
        [this.spec.kind, this.spec.version, body],
      )
      .then(() => undefined)
      .finally(() => {
        if (this.running === done) this.running = undefined;
      });
    this.running = done;
    return done;
  }
}

import { open, readFile, rename } from "node:fs/promises";
import path from "node:path";
import type { Adapter } from "lowdb";

export class StorageError extends Error {
  override name = "StorageError";
}

/**
 * lowdb adapter writing JSON atomically: a temp file is written and flushed to disk, then
 * renamed over the old one, so a crash leaves the old file or the new one, never half of one.
 * Writes asked for while one is running are coalesced into the next one; each promise resolves
 * only once a snapshot taken after it was asked for is on disk.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  private running?: Promise<void>;
  private next?: { data: T; promise: Promise<void> };
  private readonly temp: string;

  constructor(
    readonly file: string,
    private readonly fsync = true,
  ) {
    this.temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      // Never start over on an unreadable file: that would silently lose data.
      throw new StorageError(`${this.file}: not valid JSON (${(err as Error).message})`);
    }
  }

  write(data: T): Promise<void> {
    if (this.next) {
      this.next.data = data;
      return this.next.promise;
    }
    if (!this.running) return this.run(data);
    const ignore = () => undefined;
    const next = { data } as { data: T; promise: Promise<void> };
    next.promise = this.running.then(ignore, ignore).then(() => {
      this.next = undefined;
      return this.run(next.data);
    });
    this.next = next;
    return next.promise;
  }

  private run(data: T): Promise<void> {
    // Serialised when the write starts, so it carries every change made before.
    const done = this.persist(JSON.stringify(data)).finally(() => {
      if (this.running === done) this.running = undefined;
    });
    this.running = done;
    return done;
  }

  private async persist(text: string): Promise<void> {
    const handle = await open(this.temp, "w", 0o600);
    try {
      await handle.writeFile(text, "utf8");
      if (this.fsync) await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(this.temp, this.file);
    if (this.fsync) await syncDirectory(path.dirname(this.file));
  }
}

/** Makes the rename itself durable (a power cut right after it could otherwise undo it). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";

/**
 * An append-only file of JSON lines, written synchronously: once `append` returns, the line is
 * in the kernel and survives the process being killed at any later instant. It records facts
 * the moment they happen — what an API just accepted, what a webhook just took — where
 * rewriting a whole JSON store would take milliseconds and leave a window for a crash. Each
 * user empties it (or rewrites it shorter) once its main store holds what the lines say.
 */
export class Journal<T> {
  private closed = false;

  private constructor(
    private fd: number,
    readonly file: string,
    private readonly fsync: boolean,
  ) {}

  /** Opens (creating) the journal; returns its lines. A torn or invalid line is skipped and counted. */
  static open<T>(
    file: string,
    schema: z.ZodType<T>,
    fsync = true,
  ): { journal: Journal<T>; entries: T[]; unreadable: number } {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    const entries: T[] = [];
    let unreadable = 0;
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const parsed = schema.safeParse(parseJson(line));
      if (parsed.success) entries.push(parsed.data);
      else unreadable++;
    }
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    return { journal: new Journal<T>(openSync(file, "a", 0o600), file, fsync), entries, unreadable };
  }

  /** Returns the bytes written. */
  append(entry: T): number {
    this.assertOpen();
    return writeSync(this.fd, `${JSON.stringify(entry)}\n`);
  }

  /** Empties the journal: only once the main store holds everything it says. */
  clear(): void {
    this.assertOpen();
    ftruncateSync(this.fd, 0);
  }

  /** Replaces the journal by `entries`, atomically (a kill leaves the old lines or the new ones). */
  rewrite(entries: readonly T[]): void {
    this.assertOpen();
    const temp = `${this.file}.tmp`;
    const tempFd = openSync(temp, "w", 0o600);
    try {
      writeSync(tempFd, entries.map((e) => `${JSON.stringify(e)}\n`).join(""));
      if (this.fsync) fsyncSync(tempFd);
    } finally {
      closeSync(tempFd);
    }
    // Opened before the old descriptor is closed, so a failure leaves this journal usable.
    renameSync(temp, this.file);
    const fd = openSync(this.file, "a", 0o600);
    closeSync(this.fd);
    this.fd = fd;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  /** A closed descriptor number can be reused by another file: writing through it would corrupt that one. */
  private assertOpen(): void {
    if (this.closed) throw new Error(`${this.file}: journal used after close`);
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

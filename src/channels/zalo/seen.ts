import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { RecentSet } from "../../util/recent.js";

const SeenFileSchema = z.object({ version: z.literal(1), keys: z.array(z.string()) });

export interface SeenUpdatesOptions {
  /** JSON file the keys are kept in across restarts; in memory only when omitted. */
  file?: string;
  /** Keys remembered; the oldest are forgotten first. Far above any redelivery window. */
  capacity?: number;
  /** Delay before a write, so a burst of updates costs one write. */
  flushDelayMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * The update keys (`event_name:message_id`) already taken, so a repeated delivery — a
 * webhook retry, a duplicate poll result — is handled once. Bounded, insertion-ordered, and
 * written to a small JSON file (atomically, debounced) so a restart still knows recent keys.
 */
export class SeenUpdates {
  private readonly keys: RecentSet<string>;
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(
    keys: Iterable<string>,
    private readonly options: SeenUpdatesOptions,
  ) {
    this.keys = new RecentSet(options.capacity ?? 10_000, keys);
  }

  /** Loads the file when there is one; a missing or unreadable file starts empty (reported, not fatal). */
  static async open(options: SeenUpdatesOptions = {}): Promise<SeenUpdates> {
    let keys: string[] = [];
    if (options.file) {
      try {
        keys = SeenFileSchema.parse(JSON.parse(await readFile(options.file, "utf8"))).keys;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") options.onError?.(err);
      }
    }
    return new SeenUpdates(keys, options);
  }

  get size(): number {
    return this.keys.size;
  }

  /** Records `key` and returns true the first time; false for a repeat. Synchronous, so two concurrent deliveries cannot both win. */
  claim(key: string): boolean {
    if (!this.keys.add(key)) return false;
    this.scheduleFlush();
    return true;
  }

  /** Writes pending keys now (on shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const file = this.options.file;
    if (!file || !this.dirty) return this.writing;
    this.dirty = false;
    const body = JSON.stringify({ version: 1, keys: this.keys.toArray() });
    this.writing = this.writing.then(async () => {
      try {
        await mkdir(path.dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        await writeFile(temp, body);
        await rename(temp, file);
      } catch (err) {
        this.options.onError?.(err);
      }
    });
    return this.writing;
  }

  private scheduleFlush(): void {
    if (!this.options.file) return;
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.options.flushDelayMs ?? 500);
    this.timer.unref();
  }
}

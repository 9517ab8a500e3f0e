import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { z } from "zod";

/**
 * One line per fact: `parts` messages of outbox message `id` were accepted by the channel, or
 * (`done`) all of them were. A message is one API call; a long notification may take several.
 */
const Entry = z.object({ id: z.string(), parts: z.number().int().nonnegative(), done: z.boolean().optional() });
export type SentEntry = z.infer<typeof Entry>;

/**
 * What the channels accepted since outbox.json was last written. Neither Telegram nor Zalo can
 * tell afterwards what they delivered, so the moment a send is accepted is written down at
 * once, synchronously and before anything else runs: rewriting the whole outbox file takes
 * milliseconds, a line appended here microseconds. A SIGKILL after that line cannot make the
 * next process send the message again; only the HTTP round trip itself is left in doubt.
 * The journal is emptied whenever outbox.json holds everything in it.
 */
export class SentJournal {
  private constructor(
    private readonly fd: number,
    readonly file: string,
  ) {}

  /** Opens (creating) the journal; returns what it holds. A torn or unreadable line is skipped and counted. */
  static open(file: string): { journal: SentJournal; entries: SentEntry[]; unreadable: number } {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    const entries: SentEntry[] = [];
    let unreadable = 0;
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const parsed = Entry.safeParse(parseJson(line));
      if (parsed.success) entries.push(parsed.data);
      else unreadable++;
    }
    return { journal: new SentJournal(openSync(file, "a", 0o600), file), entries, unreadable };
  }

  /** Appends one entry; on return it is in the kernel, so it survives the process being killed. */
  record(entry: SentEntry): void {
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
  }

  /** Empties the journal: call only once outbox.json holds every entry written so far. */
  clear(): void {
    ftruncateSync(this.fd, 0);
  }

  close(): void {
    closeSync(this.fd);
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

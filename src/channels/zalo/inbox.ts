import { z } from "zod";
import { Journal } from "../../storage/journal.js";
import { updateKey, type ZaloUpdate, ZaloUpdateSchema } from "./client/index.js";

/** A line of zalo-inbox.log: an update taken (with its content) or, later, its key answered. */
const Line = z.union([z.object({ taken: z.string(), update: ZaloUpdateSchema }), z.object({ answered: z.string() })]);
type Line = z.infer<typeof Line>;

/** Above this many bytes of lines the journal is rewritten with only what is still open. */
const COMPACT_BYTES = 1_000_000;
/** A question older than this when the service comes back is not answered any more. */
export const REPLAY_MAX_AGE_MS = 24 * 3_600_000;

/**
 * Updates taken from Zalo but not answered yet. Zalo hands an update out once (getUpdates has
 * no acknowledgement) and does not re-post one its webhook answered 200, so an update taken
 * and lost in a crash would be a citizen's question never answered. Each is written down
 * synchronously when taken (before the webhook's 200), crossed out once answered, and
 * handled again by the next process if it was not. The file holds message texts only while
 * they are being answered: it is emptied whenever nothing is open.
 */
export class UpdateInbox {
  private readonly open = new Map<string, ZaloUpdate>();
  private bytes = 0;
  private closed = false;

  private constructor(private readonly journal: Journal<Line>) {}

  /**
   * Opens the journal; returns the updates a previous process took and did not answer, oldest
   * first, leaving out those older than REPLAY_MAX_AGE_MS (`expired` counts them).
   */
  static open(
    file: string,
    now: number,
  ): { inbox: UpdateInbox; unanswered: ZaloUpdate[]; expired: number; unreadable: number } {
    const { journal, entries, unreadable } = Journal.open(file, Line);
    const taken = new Map<string, ZaloUpdate>();
    for (const line of entries) {
      if ("taken" in line) taken.set(line.taken, line.update);
      else taken.delete(line.answered);
    }
    // Zalo's date is epoch ms (a number or a numeric string); without one, the update is kept.
    const age = (u: ZaloUpdate) => now - (Number(u.message?.date) || now);
    const unanswered = [...taken.values()].filter((u) => age(u) <= REPLAY_MAX_AGE_MS);
    const inbox = new UpdateInbox(journal);
    // They are open again in this process, until answered here.
    for (const update of unanswered) inbox.open.set(updateKey(update) ?? "", update);
    journal.rewrite([...inbox.open].map(([key, update]) => ({ taken: key, update })));
    return { inbox, unanswered, expired: taken.size - unanswered.length, unreadable };
  }

  get size(): number {
    return this.open.size;
  }

  /** Records an update as taken; on return it survives a crash. */
  taken(key: string, update: ZaloUpdate): void {
    if (this.closed) return;
    this.open.set(key, update);
    this.write({ taken: key, update });
  }

  /** Crosses an update out; empties the file when nothing is left open. */
  answered(key: string): void {
    if (this.closed || !this.open.delete(key)) return;
    if (this.open.size === 0) {
      this.journal.clear();
      this.bytes = 0;
    } else {
      this.write({ answered: key });
    }
  }

  /** After a clean stop everything taken was answered, so the file is empty. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.journal.close();
  }

  private write(line: Line): void {
    if (this.bytes > COMPACT_BYTES) {
      // Busy for long enough never to be empty: keep only what is open (this line included).
      this.journal.rewrite([...this.open].map(([key, update]) => ({ taken: key, update })));
      this.bytes = 0;
      return;
    }
    this.bytes += this.journal.append(line);
  }
}

import { z } from "zod";
import { type Reply, ReplySchema } from "../../core/types.js";
import { Journal } from "../../storage/journal.js";
import { type ZaloUpdate, ZaloUpdateSchema } from "./client/index.js";

/**
 * A line of zalo-inbox.log. An update is `taken` (what the bot needs to answer it, nothing
 * more), then `replied` once the assistant worked out the answer and saved the conversation
 * (the replies themselves), then `sent` part by part, then `answered`.
 */
const Line = z.union([
  z.object({ taken: z.string(), update: ZaloUpdateSchema, tries: z.number().int().nonnegative() }),
  z.object({ replied: z.string(), replies: z.array(ReplySchema) }),
  z.object({ sent: z.string(), parts: z.number().int().nonnegative() }),
  z.object({ answered: z.string() }),
]);
type Line = z.infer<typeof Line>;

/** An update taken and not answered yet, and how far its answer got. */
export interface OpenUpdate {
  update: ZaloUpdate;
  /** The answer, once worked out: sent again as it was, never worked out twice. */
  replies?: Reply[];
  /** Messages of the answer Zalo accepted already. */
  parts: number;
  /** Earlier processes that took it and stopped before answering it. */
  tries: number;
}

/**
 * Where the Zalo updates taken are written down until answered, so a crash loses none: a file in
 * DATA_DIR (FileUpdateInbox, below), or with DATABASE_URL a table the replicas share
 * (PostgresUpdateInbox, inbox-postgres.ts), so another replica answers what a dead one took.
 * Writing never throws: a failure is reported, and the citizen is answered all the same.
 */
export interface UpdateInbox {
  /** Records an update as taken (`stored` says when it is kept). */
  taken(key: string, update: ZaloUpdate): void;
  /** Records the answer worked out for an update (the conversation is saved by then). */
  replied(key: string, replies: Reply[]): void;
  /** Records that Zalo accepted the first `parts` messages of the answer. */
  sent(key: string, parts: number): void;
  /** Crosses an update out: answered, or failed for good. */
  answered(key: string): void;
  /** Resolves once what was recorded for `key` so far is kept (the webhook waits for it before its 200). */
  stored(key: string): Promise<void>;
  /**
   * Hands `replay` the updates taken by an earlier process (or a replica gone since) and not
   * answered, oldest first: once at start (the file), or whenever such claims lapse (the table).
   */
  start(replay: (found: Unanswered) => void): Promise<void>;
  /** After the updates taken were handled: stops, keeping what is still open for the next one. */
  close(): Promise<void>;
}

/** What an inbox found taken and not answered. */
export interface Unanswered {
  /** Oldest first; each now counts one more try. */
  unanswered: OpenUpdate[];
  /** Left out: older than REPLAY_MAX_AGE_MS, or taken MAX_TRIES times already. */
  expired: number;
  givenUp: number;
  unreadable: number;
}

/** Rewritten with only what is open once this many bytes of lines have been appended. */
const COMPACT_BYTES = 64 * 1024;
/** A question older than this when the service comes back is not answered any more. */
export const REPLAY_MAX_AGE_MS = 24 * 3_600_000;
/** Taken this many times without an answer: the update itself is likely what stops the bot. */
export const MAX_TRIES = 3;

export interface InboxOpened extends Unanswered {
  inbox: FileUpdateInbox;
}

/**
 * Updates taken from Zalo but not answered yet, in a file of DATA_DIR. Zalo hands an update out once (getUpdates has
 * no acknowledgement) and does not re-post one its webhook answered 200, so an update taken
 * and lost in a crash would be a citizen's question never answered. Each is written down
 * synchronously when taken (before the webhook's 200), its answer once worked out, and it is
 * crossed out once sent; the next process finishes what is left, resending a stored answer
 * rather than working it out again (the conversation moved on already). Message texts stay on
 * disk only while they are being answered: the file is emptied whenever nothing is open, and
 * compacted every 64 KB when it never is. A failing disk is reported, never thrown: the
 * citizen is still answered, only the protection against a crash is lost.
 */
export class FileUpdateInbox implements UpdateInbox {
  private readonly open = new Map<string, OpenUpdate>();
  private bytes = 0;
  private closed = false;
  private found: Unanswered = { unanswered: [], expired: 0, givenUp: 0, unreadable: 0 };

  private constructor(
    private readonly journal: Journal<Line>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** `now` is real time: Zalo's message dates are epoch ms. */
  static open(file: string, now: number, onError: (err: unknown) => void = () => undefined): InboxOpened {
    // No fsync, for the compactions as for the lines: they run on the answer path, and what
    // they guard against is the process dying, which page-cached writes survive.
    const { journal, entries, unreadable } = Journal.open(file, Line, false);
    const found = new Map<string, OpenUpdate>();
    for (const line of entries) {
      if ("taken" in line) found.set(line.taken, { update: line.update, parts: 0, tries: line.tries });
      else if ("answered" in line) found.delete(line.answered);
      else if ("replied" in line) {
        const open = found.get(line.replied);
        if (open) open.replies = line.replies;
      } else {
        const open = found.get(line.sent);
        if (open) open.parts = Math.max(open.parts, line.parts);
      }
    }
    const inbox = new FileUpdateInbox(journal, onError);
    let expired = 0;
    let givenUp = 0;
    const age = (u: ZaloUpdate) => now - dateOf(u, now);
    for (const [key, open] of found) {
      if (age(open.update) > REPLAY_MAX_AGE_MS) expired++;
      else if (open.tries + 1 >= MAX_TRIES) givenUp++;
      else inbox.open.set(key, { ...open, tries: open.tries + 1 });
    }
    journal.rewrite(inbox.lines());
    inbox.found = { unanswered: [...inbox.open.values()], expired, givenUp, unreadable };
    return { inbox, ...inbox.found };
  }

  /** What `open` found, once: one process owns DATA_DIR, so nobody else answers it. */
  async start(replay: (found: Unanswered) => void): Promise<void> {
    replay(this.found);
  }

  /** Kept on return already: the lines are written synchronously. */
  stored(): Promise<void> {
    return Promise.resolve();
  }

  get size(): number {
    return this.open.size;
  }

  /** Records an update as taken; on return it survives the process being killed. */
  taken(key: string, update: ZaloUpdate): void {
    const open = { update: essentials(update), parts: 0, tries: 0 };
    this.write(() => this.open.set(key, open), { taken: key, update: open.update, tries: 0 });
  }

  /** Records the answer worked out for an update (the conversation is saved by then). */
  replied(key: string, replies: Reply[]): void {
    const open = this.open.get(key);
    if (open) this.write(() => (open.replies = replies), { replied: key, replies });
  }

  /** Records that Zalo accepted the first `parts` messages of the answer. */
  sent(key: string, parts: number): void {
    const open = this.open.get(key);
    if (open) this.write(() => (open.parts = parts), { sent: key, parts });
  }

  /** Crosses an update out; empties the file when nothing is left open. */
  answered(key: string): void {
    if (!this.open.has(key)) return;
    this.write(() => this.open.delete(key), { answered: key });
  }

  /** After a clean stop everything taken was answered, so the file is empty. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.journal.close();
  }

  /** Applies `change` in memory, then puts it on disk: as one line, or as a shorter file. */
  private write(change: () => unknown, line: Line): void {
    change();
    if (this.closed) return;
    try {
      if (this.open.size === 0) {
        this.journal.clear();
        this.bytes = 0;
      } else if (this.bytes > COMPACT_BYTES) {
        this.journal.rewrite(this.lines());
        this.bytes = 0;
      } else {
        this.bytes += this.journal.append(line);
      }
    } catch (err) {
      this.onError(err);
    }
  }

  /** Lines that say what is open now, and nothing else. */
  private lines(): Line[] {
    return [...this.open].flatMap(([key, { update, replies, parts, tries }]) => [
      { taken: key, update, tries },
      ...(replies ? [{ replied: key, replies }] : []),
      ...(parts > 0 ? [{ sent: key, parts }] : []),
    ]);
  }
}

/** When the message was sent: Zalo's date is epoch ms (a number or a numeric string); without one, `now` (kept). */
export function dateOf(update: ZaloUpdate, now: number): number {
  return Number(update.message?.date) || now;
}

/** What answering needs, and no more: the sender's name and the like never reach the disk (or the database). */
export function essentials(update: ZaloUpdate): ZaloUpdate {
  const m = update.message;
  if (!m) return { event_name: update.event_name };
  return {
    event_name: update.event_name,
    message: {
      message_id: m.message_id,
      date: m.date,
      from: m.from ? { id: m.from.id, is_bot: m.from.is_bot } : undefined,
      chat: m.chat ? { id: m.chat.id } : undefined,
      text: m.text,
    },
  };
}

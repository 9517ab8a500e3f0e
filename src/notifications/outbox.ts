import path from "node:path";
import { z } from "zod";
import type { Reply, Sender } from "../core/types.js";
import { errorSummary, type Logger } from "../logger.js";
import type { StoredDocument } from "../storage/document.js";
import { Journal } from "../storage/journal.js";
import { type FileSpec, VersionedFile } from "../storage/versioned-file.js";
import { isWithin, type OpeningRules } from "../time/hours.js";
import { backoffDelay } from "../util/backoff.js";
import { CoalescedRun } from "../util/coalesced-run.js";
import type { SenderLookup } from "./senders.js";

export const OutboxMessage = z.object({
  /**
   * Also the de-duplication key: an id already queued or sent is not queued again.
   * Ids end with "|<chatKey>" so a chat's traces can be found and deleted.
   */
  id: z.string(),
  chatKey: z.string(),
  kind: z.enum(["status", "reminder", "rating"]),
  /** The dossier's key; the text is written at send time, in the chat's language then. */
  key: z.string(),
  seq: z.number().int(),
  attempts: z.number().int(),
  /** Messages of this notification the channel accepted already (a long one takes several). */
  sentParts: z.number().int().optional(),
  nextAt: z.number(),
  createdAt: z.number(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;
export type NewMessage = Pick<OutboxMessage, "id" | "chatKey" | "kind" | "key" | "seq">;

const OutboxFile = z.object({
  pending: z.array(OutboxMessage),
  /** Ids delivered (or given up on), with when: kept long enough to refuse any repeat. */
  done: z.record(z.string(), z.number()),
});
type OutboxFile = z.infer<typeof OutboxFile>;
export const OUTBOX_FILE = "outbox.json";
/** The file's (and the database document's) kind and shape. */
export const OUTBOX: FileSpec<OutboxFile> = {
  kind: "outbox",
  version: 1,
  schema: OutboxFile,
  empty: () => ({ pending: [], done: {} }),
};

/**
 * The sent journal (outbox.sent.log): `parts` messages of outbox message `id` were accepted by
 * the channel, or (`done`) all of them were. Neither Telegram nor Zalo can tell afterwards
 * what they delivered, so each acceptance is written down the moment the API answers, before
 * anything else runs; outbox.json catches up at the end of the flush and the journal is emptied.
 */
export const Sent = z.object({ id: z.string(), parts: z.number().int().nonnegative(), done: z.boolean().optional() });
export type Sent = z.infer<typeof Sent>;
export const SENT_LOG = "outbox.sent.log";

/**
 * What to send now: the replies; nothing ever (obsolete: its id stays refused); not yet; or
 * nothing, forgetting the id, so the same message can be queued again (a change never stored).
 */
export type Rendered = { replies: Reply[] } | { drop: true } | { later: true } | { forget: true };

export interface OutboxDeps {
  /** Read at each send, so a channel that registers after the start gets its chats' messages. */
  senders: SenderLookup;
  render(message: OutboxMessage): Promise<Rendered>;
  /** When each kind may go out: reminders in office hours, the rest in daytime. */
  windows: Record<OutboxMessage["kind"], OpeningRules>;
  logger: Logger;
  now: () => number;
  random?: () => number;
}

export const MAX_ATTEMPTS = 10;
const RETRY_BACKOFF = { initialMs: 30_000, maxMs: 3_600_000 };
export const KEEP_DONE_MS = 90 * 86_400_000;
export const BATCH = 200;
export const NO_SENDER_KEEP_MS = 3 * 86_400_000;
/** A message waiting for its change to be stored: looked at again by the next regular flush. */
export const LATER_MS = 30_000;

export interface FlushReport {
  sent: number;
  retrying: number;
  dropped: number;
  failed: number;
}

/**
 * What the notification module needs of a queue: the file `Outbox` (one process, DATA_DIR) or
 * the `PostgresOutbox` (rows claimed by whichever replica flushes).
 */
export interface NotificationQueue {
  /** Queues what is not queued or sent yet; resolves once stored, with how many were new. */
  enqueue(messages: NewMessage[]): Promise<number>;
  /** Drops everything queued for a chat and the record of what it was sent (/huy, /xoadulieu). */
  forgetChat(chatKey: string): Promise<void>;
  /** Sends what is due and allowed now; a call while one runs gets one more run right after it. */
  flush(): Promise<FlushReport>;
  /** Resolves when no flush is running or asked for. */
  idle(): Promise<void>;
  /** How many wait to be sent (as last seen, for /healthz). */
  queuedCount(): number;
  close(): Promise<void>;
}

/**
 * When a failed send is tried again (growing delays, jittered so that chats do not all retry at
 * once), or `undefined`: given up after MAX_ATTEMPTS. `attempts` counts this failure.
 */
export function retryAt(attempts: number, now: number, random: () => number = Math.random): number | undefined {
  if (attempts >= MAX_ATTEMPTS) return undefined;
  const delay = backoffDelay(attempts - 1, RETRY_BACKOFF);
  return now + delay * (0.8 + 0.4 * random());
}

/**
 * Messages the bot sends on its own, persisted before anything else happens so they survive
 * restarts. A send that fails is retried with growing delays. Each message the channel accepts
 * is written to the sent journal the moment it is accepted, so neither a retry nor a restart
 * sends it again; what stays in doubt is only a crash during the HTTP call itself, which the
 * Bot APIs give no way to resolve: such a message is sent again (at least once, never lost).
 */
export class Outbox implements NotificationQueue {
  private closed = false;
  private readonly flushes = new CoalescedRun(() => this.flushNow());
  /** The pending messages by id. */
  private readonly queued: Map<string, OutboxMessage>;

  private constructor(
    private readonly file: StoredDocument<OutboxFile>,
    private readonly journal: Journal<Sent>,
    private readonly deps: OutboxDeps,
  ) {
    this.queued = new Map(file.data.pending.map((m) => [m.id, m]));
  }

  /**
   * The queue in DATA_DIR/outbox.json, with its sent journal beside it (one process; with
   * DATABASE_URL the PostgresOutbox takes its place).
   */
  static async open(dataDir: string, deps: OutboxDeps, fsync = true): Promise<Outbox> {
    const file = await VersionedFile.open(path.join(dataDir, OUTBOX_FILE), OUTBOX, fsync);
    const { journal, entries, unreadable } = Journal.open(path.join(dataDir, SENT_LOG), Sent, fsync);
    if (unreadable > 0) deps.logger.warn({ unreadable }, "outbox journal: unreadable lines skipped");
    const outbox = new Outbox(file, journal, deps);
    if (entries.length > 0) {
      outbox.replay(entries);
      await file.write();
      journal.clear();
    }
    return outbox;
  }

  /** Applies what the previous process had sent but not yet written into outbox.json. */
  private replay(entries: readonly Sent[]): void {
    const now = this.deps.now();
    for (const { id, parts, done } of entries) {
      const message = this.queued.get(id);
      if (!message) continue; // recorded in outbox.json already, or its chat was forgotten
      if (done) this.finish(message, now);
      else message.sentParts = Math.max(message.sentParts ?? 0, parts);
    }
  }

  /** Lets a running flush finish, then closes the journal; flushes asked for after this send nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.idle();
    this.journal.close();
  }

  get pending(): readonly OutboxMessage[] {
    return this.file.data.pending;
  }

  queuedCount(): number {
    return this.file.data.pending.length;
  }

  /** Queues what is not queued or sent yet; resolves once on disk, with how many were new. */
  async enqueue(messages: NewMessage[]): Promise<number> {
    const data = this.file.data;
    const now = this.deps.now();
    let added = 0;
    for (const m of messages) {
      const queued = this.queued.get(m.id);
      if (queued) {
        // Announced again (its change is stored now): one put off for that goes out at once.
        if (queued.attempts === 0 && queued.nextAt > now) queued.nextAt = now;
        continue;
      }
      if (m.id in data.done) continue;
      const message = { ...m, attempts: 0, nextAt: now, createdAt: now };
      this.queued.set(m.id, message);
      data.pending.push(message);
      added++;
    }
    if (added > 0) await this.file.write();
    return added;
  }

  /** Drops everything queued for a chat and the record of what it was sent (/huy, /xoadulieu). */
  async forgetChat(chatKey: string): Promise<void> {
    const data = this.file.data;
    for (const m of data.pending) if (m.chatKey === chatKey) this.queued.delete(m.id);
    data.pending = data.pending.filter((m) => m.chatKey !== chatKey);
    for (const id of Object.keys(data.done)) if (id.endsWith(`|${chatKey}`)) delete data.done[id];
    await this.file.write();
  }

  /**
   * Sends what is due and allowed now. Runs never overlap: a call while one runs is answered by
   * one more run right after it (all such calls share it), so what was queued meanwhile (the
   * notices of an import that just finished) does not wait for the next timer.
   */
  flush(): Promise<FlushReport> {
    if (this.closed) return Promise.resolve({ sent: 0, retrying: 0, dropped: 0, failed: 0 });
    return this.flushes.run();
  }

  /** Resolves when no flush is running or asked for (without starting one). */
  async idle(): Promise<void> {
    await this.flushes.idle();
  }

  private async flushNow(): Promise<FlushReport> {
    const report: FlushReport = { sent: 0, retrying: 0, dropped: 0, failed: 0 };
    const now = this.deps.now();
    const senderOf = (m: OutboxMessage) => this.deps.senders.forChat(m.chatKey);
    // A channel not started yet (the flush at start-up runs before the channels) or switched off
    // for now keeps its messages, untouched, for a later flush; one that never sends (the
    // terminal) loses them after a while.
    const due = this.file.data.pending
      .filter((m) => m.nextAt <= now && isWithin(this.deps.windows[m.kind], now))
      .filter((m) => senderOf(m) || now - m.createdAt >= NO_SENDER_KEEP_MS)
      .slice(0, BATCH);
    for (const message of due) {
      const sender = senderOf(message);
      const rendered: Rendered = sender ? await this.deps.render(message) : { drop: true };
      if ("later" in rendered) {
        message.nextAt = now + LATER_MS;
      } else if ("drop" in rendered) {
        this.finish(message, now);
        report.dropped++;
      } else if ("forget" in rendered) {
        this.finish(message, now, false);
        report.dropped++;
      } else {
        const progress = {
          skip: message.sentParts ?? 0,
          accepted: (parts: number) => {
            message.sentParts = parts;
            this.record({ id: message.id, parts });
          },
        };
        try {
          await (sender as Sender).send(message.chatKey, rendered.replies, progress);
          this.record({ id: message.id, parts: message.sentParts ?? 0, done: true });
          this.finish(message, now);
          report.sent++;
        } catch (err) {
          this.retryOrGiveUp(message, now, err, report);
        }
      }
      // Not awaited one by one: the journal already holds each send, and writes asked for
      // while one runs are coalesced into the next.
      this.file.write().catch(() => undefined);
    }
    // Nothing looked at and nothing old to forget: outbox.json is as it was, the journal empty.
    const pruned = this.prune(now);
    if (due.length > 0 || pruned) {
      await this.file.write();
      this.journal.clear();
    }
    return report;
  }

  /**
   * Writes a sent-journal line. A failing disk must not turn a delivered message into a failed
   * send (and a retry): it is logged, and only the crash protection of that line is lost.
   */
  private record(line: Sent): void {
    try {
      this.journal.append(line);
    } catch (err) {
      this.deps.logger.warn({ err: errorSummary(err) }, "outbox journal not written");
    }
  }

  private retryOrGiveUp(message: OutboxMessage, now: number, err: unknown, report: FlushReport): void {
    message.attempts++;
    // Only the kind and the count: the chat and the dossier stay out of logs.
    const fields = { kind: message.kind, attempts: message.attempts, err: errorSummary(err) };
    const next = retryAt(message.attempts, now, this.deps.random);
    if (next === undefined) {
      this.finish(message, now);
      report.failed++;
      this.deps.logger.warn(fields, "notification given up after repeated failures");
      return;
    }
    message.nextAt = next;
    report.retrying++;
    this.deps.logger.info(fields, "notification not delivered, will retry");
  }

  /** Takes a message off the queue; `remember`: its id is refused from now on (sent, dropped, given up). */
  private finish(message: OutboxMessage, now: number, remember = true): void {
    const data = this.file.data;
    const at = data.pending.indexOf(message);
    if (at >= 0) data.pending.splice(at, 1); // forgetChat may have dropped it meanwhile
    this.queued.delete(message.id);
    if (remember) data.done[message.id] = now;
  }

  /** Forgets ids sent long ago; returns whether it forgot any. */
  private prune(now: number): boolean {
    const done = this.file.data.done;
    let pruned = false;
    for (const [id, at] of Object.entries(done)) {
      if (now - at > KEEP_DONE_MS) {
        delete done[id];
        pruned = true;
      }
    }
    return pruned;
  }
}

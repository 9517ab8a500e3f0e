import { randomUUID } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import type { Sender } from "../core/types.js";
import { errorSummary } from "../logger.js";
import { Journal } from "../storage/journal.js";
import type { Pool } from "../storage/postgres/database.js";
import { isWithin } from "../time/hours.js";
import { CoalescedRun } from "../util/coalesced-run.js";
import {
  BATCH,
  type FlushReport,
  KEEP_DONE_MS,
  LATER_MS,
  type NewMessage,
  NO_SENDER_KEEP_MS,
  type NotificationQueue,
  type OutboxDeps,
  type OutboxMessage,
  type Rendered,
  retryAt,
  SENT_LOG,
  Sent,
} from "./outbox.js";

export interface PostgresOutboxOptions {
  /** Names this process's claims; unique per process (default: a random UUID). */
  claimant?: string;
  /**
   * How long a claim holds without being renewed: a replica that dies mid-flush leaves its rows
   * to the others after this. Renewed before each send, so it must outlast one send (with the
   * channel's own retries), not a whole batch.
   */
  claimMs?: number;
  /** How often a claim is renewed while one send runs (default: a third of claimMs). */
  renewMs?: number;
  /**
   * How often the queued count (/healthz) is read again: other replicas queue and send too, so
   * this replica's own operations alone would not keep it true (default 5 s; 0: never).
   */
  recountMs?: number;
  /** DATA_DIR, if any: a sent journal the file outbox left there is applied once, then removed. */
  dataDir?: string;
}

/** Rows claimed at a time: small, so that flushes on several replicas share a large backlog. */
const CLAIM_CHUNK = 20;
const DEFAULT_CLAIM_MS = 120_000;
const DEFAULT_RECOUNT_MS = 5_000;
const KINDS = ["status", "reminder", "rating"] as const;

interface Row {
  id: string;
  chat_key: string;
  kind: OutboxMessage["kind"];
  key: string;
  seq: number;
  attempts: number;
  sent_parts: number;
  next_at: number;
  created_at: number;
}

/**
 * The outbox as rows of PostgreSQL's `outbox` table (migration 003), for any number of
 * replicas. A flush claims due rows (FOR UPDATE SKIP LOCKED, then `claimed_by`/`claimed_until`),
 * so two flushers never hold the same row; before each send the claim is renewed and what the
 * channel accepted already (`sent_parts`) is read back; each acceptance is written to the row
 * and the row is marked done once sent — the sent journal's job. A replica killed mid-send
 * leaves its claim to expire; the row is then taken again and what was accepted but not yet
 * written is sent again (at least once, never lost). Same rules as the file `Outbox`.
 */
export class PostgresOutbox implements NotificationQueue {
  private closed = false;
  private readonly flushes = new CoalescedRun(() => this.flushNow());
  private queued = 0;
  private recountTimer?: NodeJS.Timeout;

  private constructor(
    private readonly pool: Pool,
    private readonly deps: OutboxDeps,
    private readonly claimant: string,
    private readonly claimMs: number,
    private readonly renewMs: number,
  ) {}

  static async open(pool: Pool, deps: OutboxDeps, options: PostgresOutboxOptions = {}): Promise<PostgresOutbox> {
    const outbox = new PostgresOutbox(
      pool,
      deps,
      options.claimant ?? randomUUID(),
      options.claimMs ?? DEFAULT_CLAIM_MS,
      options.renewMs ?? (options.claimMs ?? DEFAULT_CLAIM_MS) / 3,
    );
    if (options.dataDir) await outbox.replayFileJournal(path.join(options.dataDir, SENT_LOG));
    await outbox.recount();
    const every = options.recountMs ?? DEFAULT_RECOUNT_MS;
    if (every > 0) {
      outbox.recountTimer = setInterval(() => void outbox.recount().catch(() => undefined), every);
      outbox.recountTimer.unref();
    }
    return outbox;
  }

  /**
   * A ward moved from files may leave acceptances its last file-store run had not yet written
   * into outbox.json (the move command copies that file): they are applied to the rows.
   */
  private async replayFileJournal(file: string): Promise<void> {
    if (!existsSync(file)) return;
    const { journal, entries, unreadable } = Journal.open(file, Sent, false);
    journal.close();
    if (unreadable > 0) this.deps.logger.warn({ unreadable }, "outbox journal: unreadable lines skipped");
    const now = this.deps.now();
    for (const { id, parts, done } of entries) {
      await this.pool.query(
        done
          ? "UPDATE outbox SET done_at = $3, outcome = 'sent', sent_parts = GREATEST(sent_parts, $2) WHERE id = $1 AND done_at IS NULL"
          : "UPDATE outbox SET sent_parts = GREATEST(sent_parts, $2) WHERE id = $1 AND done_at IS NULL",
        done ? [id, parts, now] : [id, parts],
      );
    }
    rmSync(file, { force: true });
  }

  queuedCount(): number {
    return this.queued;
  }

  private async recount(): Promise<void> {
    const { rows } = await this.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL",
    );
    this.queued = rows[0]?.n ?? 0;
  }

  async enqueue(messages: NewMessage[]): Promise<number> {
    // One row per id: an id twice in one statement would be an error for ON CONFLICT.
    const byId = new Map<string, NewMessage>();
    for (const m of messages) if (!byId.has(m.id)) byId.set(m.id, m);
    const unique = [...byId.values()];
    if (unique.length === 0) return 0;
    const now = Math.round(this.deps.now());
    // Announced again while not tried yet (its change is stored now): one put off goes out at once.
    const { rows } = await this.pool.query<{ inserted: boolean }>(
      `INSERT INTO outbox (id, chat_key, kind, key, seq, next_at, created_at)
       SELECT m.id, m.chat_key, m.kind, m.key, m.seq, $6, $6
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS m(id, chat_key, kind, key, seq)
       ON CONFLICT (id) DO UPDATE SET next_at = EXCLUDED.next_at
        WHERE outbox.done_at IS NULL AND outbox.attempts = 0 AND outbox.next_at > EXCLUDED.next_at
       RETURNING (xmax = 0) AS inserted`,
      [
        unique.map((m) => m.id),
        unique.map((m) => m.chatKey),
        unique.map((m) => m.kind),
        unique.map((m) => m.key),
        unique.map((m) => m.seq),
        now,
      ],
    );
    const added = rows.filter((r) => r.inserted).length;
    if (added > 0) await this.recount();
    return added;
  }

  async forgetChat(chatKey: string): Promise<void> {
    await this.pool.query("DELETE FROM outbox WHERE chat_key = $1", [chatKey]);
    await this.recount();
  }

  flush(): Promise<FlushReport> {
    if (this.closed) return Promise.resolve({ sent: 0, retrying: 0, dropped: 0, failed: 0 });
    return this.flushes.run();
  }

  async idle(): Promise<void> {
    await this.flushes.idle();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.recountTimer);
    await this.idle();
  }

  private async flushNow(): Promise<FlushReport> {
    const report: FlushReport = { sent: 0, retrying: 0, dropped: 0, failed: 0 };
    const now = Math.round(this.deps.now());
    const kinds = KINDS.filter((k) => isWithin(this.deps.windows[k], now));
    let looked = 0;
    while (kinds.length > 0 && looked < BATCH) {
      const rows = await this.claim(now, kinds, Math.min(CLAIM_CHUNK, BATCH - looked));
      if (rows.length === 0) break;
      looked += rows.length;
      for (const row of rows) await this.deliver(row, now, report);
    }
    await this.pool.query("DELETE FROM outbox WHERE done_at IS NOT NULL AND done_at < $1", [now - KEEP_DONE_MS]);
    // Counted again only when this flush took rows off the queue (every 30 s, most flushes send
    // nothing); what other replicas do reaches the count through the timer (recountMs).
    if (report.sent + report.dropped + report.failed > 0) await this.recount();
    return report;
  }

  /**
   * Claims due rows no live claim holds. A channel not started yet (or switched off) keeps its
   * chats' rows untouched, unless they waited NO_SENDER_KEEP_MS (the terminal never sends).
   */
  private async claim(now: number, kinds: readonly string[], limit: number): Promise<Row[]> {
    const channels = this.deps.senders.channels;
    const { rows } = await this.pool.query<Row>(
      `UPDATE outbox SET claimed_by = $1, claimed_until = $2
        WHERE id IN (
          SELECT id FROM outbox
           WHERE done_at IS NULL AND next_at <= $3 AND kind = ANY($4::text[])
             AND (claimed_until IS NULL OR claimed_until <= $3)
             AND ($6::text[] IS NULL OR split_part(chat_key, ':', 1) = ANY($6::text[]) OR created_at <= $7)
           ORDER BY next_at, id
           LIMIT $5
           FOR UPDATE SKIP LOCKED)
        RETURNING id, chat_key, kind, key, seq, attempts, sent_parts, next_at, created_at`,
      [this.claimant, now + this.claimMs, now, kinds, limit, channels ?? null, now - NO_SENDER_KEEP_MS],
    );
    return rows.sort((a, b) => a.next_at - b.next_at || (a.id < b.id ? -1 : 1));
  }

  private async deliver(row: Row, now: number, report: FlushReport): Promise<void> {
    const message: OutboxMessage = {
      id: row.id,
      chatKey: row.chat_key,
      kind: row.kind,
      key: row.key,
      seq: row.seq,
      attempts: row.attempts,
      sentParts: row.sent_parts || undefined,
      nextAt: row.next_at,
      createdAt: row.created_at,
    };
    const sender = this.deps.senders.forChat(message.chatKey);
    if (!sender && now - message.createdAt < NO_SENDER_KEEP_MS) {
      await this.release(row.id, now + LATER_MS);
      return;
    }
    const rendered: Rendered = sender ? await this.deps.render(message) : { drop: true };
    if ("later" in rendered) {
      await this.release(row.id, now + LATER_MS);
    } else if ("drop" in rendered) {
      await this.finish(row.id, now, "dropped");
      report.dropped++;
    } else if ("forget" in rendered) {
      // Forgotten, not refused: the same message can be queued again.
      await this.pool.query("DELETE FROM outbox WHERE id = $1 AND claimed_by = $2", [row.id, this.claimant]);
      report.dropped++;
    } else {
      await this.send(sender as Sender, message, rendered.replies, now, report);
    }
  }

  private async send(
    sender: Sender,
    message: OutboxMessage,
    replies: Extract<Rendered, { replies: unknown }>["replies"],
    now: number,
    report: FlushReport,
  ): Promise<void> {
    // Still ours (not forgotten, not taken over after an expiry, not sent meanwhile), for one
    // more claim period; and what the channel accepted before, by whoever tried.
    const { rows } = await this.pool.query<{ sent_parts: number }>(
      `UPDATE outbox SET claimed_until = $3 WHERE id = $1 AND claimed_by = $2 AND done_at IS NULL
       RETURNING sent_parts`,
      [message.id, this.claimant, Math.round(this.deps.now()) + this.claimMs],
    );
    const held = rows[0];
    if (!held) return;
    let sentParts = held.sent_parts;
    const writes: Promise<unknown>[] = [];
    const progress = {
      skip: sentParts,
      accepted: (parts: number) => {
        sentParts = parts;
        // The last part is recorded by marking the row sent, one round trip later.
        if (parts >= replies.length) return;
        // A failing write must not turn a delivered message into a failed send (and a retry):
        // only the crash protection of that part is lost.
        writes.push(
          this.pool
            .query("UPDATE outbox SET sent_parts = GREATEST(sent_parts, $2) WHERE id = $1", [message.id, parts])
            .catch((err: unknown) => this.deps.logger.warn({ err: errorSummary(err) }, "outbox progress not written")),
        );
      },
    };
    // A send slower than the claim (a channel waiting out a rate limit) keeps its claim alive,
    // so no other replica takes the row over while this one is still sending it.
    const renew = setInterval(() => {
      this.pool
        .query("UPDATE outbox SET claimed_until = $3 WHERE id = $1 AND claimed_by = $2 AND done_at IS NULL", [
          message.id,
          this.claimant,
          Math.round(this.deps.now()) + this.claimMs,
        ])
        .catch(() => undefined);
    }, this.renewMs);
    renew.unref();
    try {
      await sender.send(message.chatKey, replies, progress);
    } catch (err) {
      await Promise.all(writes);
      await this.retryOrGiveUp(message, now, err, report);
      return;
    } finally {
      clearInterval(renew);
    }
    await Promise.all(writes);
    // Sent is a fact whoever holds the claim now: a replica that took the row over after an
    // expiry sees it done and does not send it again.
    await this.pool.query(
      `UPDATE outbox SET done_at = $2, outcome = 'sent', sent_parts = GREATEST(sent_parts, $3),
              claimed_by = NULL, claimed_until = NULL
        WHERE id = $1 AND done_at IS NULL`,
      [message.id, now, sentParts],
    );
    report.sent++;
  }

  private async retryOrGiveUp(message: OutboxMessage, now: number, err: unknown, report: FlushReport) {
    const attempts = message.attempts + 1;
    // Only the kind and the count: the chat and the dossier stay out of logs.
    const fields = { kind: message.kind, attempts, err: errorSummary(err) };
    const next = retryAt(attempts, now, this.deps.random);
    if (next === undefined) {
      await this.finish(message.id, now, "failed", attempts);
      report.failed++;
      this.deps.logger.warn(fields, "notification given up after repeated failures");
      return;
    }
    await this.pool.query(
      `UPDATE outbox SET attempts = $3, next_at = $4, claimed_by = NULL, claimed_until = NULL
        WHERE id = $1 AND claimed_by = $2 AND done_at IS NULL`,
      [message.id, this.claimant, attempts, Math.round(next)],
    );
    report.retrying++;
    this.deps.logger.info(fields, "notification not delivered, will retry");
  }

  /** Gives the row back, due again at `nextAt`. */
  private async release(id: string, nextAt: number): Promise<void> {
    await this.pool.query(
      `UPDATE outbox SET next_at = $3, claimed_by = NULL, claimed_until = NULL
        WHERE id = $1 AND claimed_by = $2 AND done_at IS NULL`,
      [id, this.claimant, nextAt],
    );
  }

  /** Takes a row off the queue; its id is refused from now on (dropped, given up). */
  private async finish(id: string, now: number, outcome: "dropped" | "failed", attempts?: number): Promise<void> {
    await this.pool.query(
      `UPDATE outbox SET done_at = $3, outcome = $4, attempts = COALESCE($5, attempts),
              claimed_by = NULL, claimed_until = NULL
        WHERE id = $1 AND claimed_by = $2 AND done_at IS NULL`,
      [id, this.claimant, now, outcome, attempts ?? null],
    );
  }
}

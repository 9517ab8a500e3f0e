import { checkOut, type Pool } from "./database.js";

/**
 * The rows of zalo_inbox (migration 006): Zalo updates taken and not answered yet, shared by the
 * replicas. The channel (src/channels/zalo/inbox-postgres.ts) decides what goes in them; this
 * only stores them, as JSON it does not read, and hands out claims.
 */
export interface InboxRow {
  key: string;
  update: unknown;
  /** The answer worked out, when it was. */
  replies?: unknown;
  sentParts: number;
  /** Claimants that held it before and let their claim lapse (their replica died). */
  tries: number;
}

export interface ClaimRules {
  claimant: string;
  /** Real time, epoch ms. */
  now: number;
  /** How long the claims taken hold. */
  claimMs: number;
  /** Rows dated before now - maxAgeMs are deleted (too old to answer). */
  maxAgeMs: number;
  /** A row already tried this many times, less one, is deleted (the update itself likely stops the bot). */
  maxTries: number;
  limit: number;
  /** Also `claimant`'s own rows, lapsed or not: a process restarted under the same name takes them back. */
  ownToo?: boolean;
}

export interface Claimed {
  /** Oldest first; each counts one more try, and is claimed by `claimant` now. */
  rows: InboxRow[];
  expired: number;
  givenUp: number;
}

export class ZaloInboxRows {
  constructor(private readonly pool: Pool) {}

  /** A new row claimed by `claimant`; an update taken already (by any replica) is left as it is. */
  async taken(
    key: string,
    update: unknown,
    datedAt: number,
    claim: { claimant: string; now: number; claimMs: number },
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO zalo_inbox (update_key, "update", dated_at, taken_at, claimed_by, claimed_until)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (update_key) DO NOTHING`,
      [key, JSON.stringify(update), Math.round(datedAt), claim.now, claim.claimant, claim.now + claim.claimMs],
    );
  }

  /**
   * A row as another store held it (a file inbox left in DATA_DIR), claimed by `claimant` but
   * lapsed already, so its first sweep takes it; one there already is left as it is.
   */
  async adopt(row: InboxRow & { datedAt: number }, claim: { claimant: string; now: number }): Promise<void> {
    await this.pool.query(
      `INSERT INTO zalo_inbox (update_key, "update", dated_at, taken_at, replies, sent_parts, tries, claimed_by, claimed_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $4) ON CONFLICT (update_key) DO NOTHING`,
      [
        row.key,
        JSON.stringify(row.update),
        Math.round(row.datedAt),
        claim.now,
        row.replies === undefined ? null : JSON.stringify(row.replies),
        row.sentParts,
        row.tries,
        claim.claimant,
      ],
    );
  }

  /** The answer is a fact whoever holds the claim now, as are the messages Zalo accepted. */
  async replied(key: string, replies: unknown): Promise<void> {
    await this.pool.query("UPDATE zalo_inbox SET replies = $2 WHERE update_key = $1", [key, JSON.stringify(replies)]);
  }

  async sent(key: string, parts: number): Promise<void> {
    await this.pool.query("UPDATE zalo_inbox SET sent_parts = GREATEST(sent_parts, $2) WHERE update_key = $1", [
      key,
      parts,
    ]);
  }

  async answered(key: string): Promise<void> {
    await this.pool.query("DELETE FROM zalo_inbox WHERE update_key = $1", [key]);
  }

  /** Extends `claimant`'s claims on `keys` (those it is still working on) to `until`. */
  async renew(claimant: string, keys: readonly string[], until: number): Promise<void> {
    if (keys.length === 0) return;
    await this.pool.query(
      "UPDATE zalo_inbox SET claimed_until = $3 WHERE claimed_by = $1 AND update_key = ANY($2::text[])",
      [claimant, keys, until],
    );
  }

  /**
   * Claims rows whose claim lapsed (their replica is gone), oldest first (`ownToo`: and the
   * claimant's own, from before a restart): rows another claimant
   * is claiming at the same moment are skipped (FOR UPDATE SKIP LOCKED), so each row goes to one.
   * Rows too old or tried too often are deleted instead, and counted.
   */
  async claimLapsed(rules: ClaimRules): Promise<Claimed> {
    const { client, release } = await checkOut(this.pool);
    let clean = false;
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{
        update_key: string;
        update: unknown;
        dated_at: number;
        replies: unknown;
        sent_parts: number;
        tries: number;
      }>(
        `SELECT update_key, "update", dated_at, replies, sent_parts, tries FROM zalo_inbox
          WHERE claimed_until <= $1 OR (claimed_by = $3 AND $4)
          ORDER BY dated_at, taken_at, update_key LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [rules.now, rules.limit, rules.claimant, rules.ownToo === true],
      );
      const out: Claimed = { rows: [], expired: 0, givenUp: 0 };
      const dropped: string[] = [];
      for (const row of rows) {
        if (rules.now - row.dated_at > rules.maxAgeMs) {
          out.expired++;
          dropped.push(row.update_key);
        } else if (row.tries + 1 >= rules.maxTries) {
          out.givenUp++;
          dropped.push(row.update_key);
        } else {
          out.rows.push({
            key: row.update_key,
            update: row.update,
            replies: row.replies ?? undefined,
            sentParts: row.sent_parts,
            tries: row.tries + 1,
          });
        }
      }
      if (dropped.length > 0)
        await client.query("DELETE FROM zalo_inbox WHERE update_key = ANY($1::text[])", [dropped]);
      if (out.rows.length > 0) {
        await client.query(
          `UPDATE zalo_inbox SET claimed_by = $2, claimed_until = $3, tries = tries + 1
            WHERE update_key = ANY($1::text[])`,
          [out.rows.map((r) => r.key), rules.claimant, rules.now + rules.claimMs],
        );
      }
      await client.query("COMMIT");
      clean = true;
      return out;
    } finally {
      // A transaction that did not end cleanly may still hold the row locks: closed, not pooled.
      release(!clean);
    }
  }
}

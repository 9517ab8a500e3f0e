import type { Pool } from "./database.js";

/** One question over a period: its latest wording, times asked, last day asked (YYYY-MM-DD). */
export interface QuestionCount {
  text: string;
  count: number;
  lastAsked: string;
}

/** Whose questions a list shows: one ward's, with those counted under no ward too when it is the only ward. */
export interface QuestionWardView {
  ward: string;
  withoutWard: boolean;
}

/** Old days are deleted at most this often per process. */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Unanswered-question counts as rows of `unanswered_questions` (migration 003): one row per
 * normalised question, ward ('' for none) and UTC day, counted by an atomic upsert so that
 * replicas add up. The caller (src/questions/store.ts) scrubs the text and makes the key;
 * this keeps only what it is given.
 */
export class PostgresQuestionCounts {
  private prunedAt = 0;

  private constructor(private readonly pool: Pool) {}

  /** Moves a documents row the previous release wrote (migration 002) into the rows, once. */
  static async open(pool: Pool): Promise<PostgresQuestionCounts> {
    await pool.query("SELECT documents_to_rows(ARRAY['unanswered-questions'])");
    return new PostgresQuestionCounts(pool);
  }

  /**
   * Counts one asking of `key` on `day`; the latest wording replaces the day's. Then, at most
   * hourly, deletes days before `keepSince` and the questions asked longest ago beyond `max`.
   */
  async record(
    key: string,
    text: string,
    day: string,
    ward = "",
    keep?: { since: string; max: number; now: number },
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO unanswered_questions AS q (key, ward, day, text, count) VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (key, ward, day) DO UPDATE SET count = q.count + 1, text = EXCLUDED.text`,
      [key, ward, day, text],
    );
    if (keep && keep.now - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prunedAt = keep.now;
      await this.prune(keep.since, keep.max);
    }
  }

  /** Deletes days before `since`, then the (question, ward) pairs asked longest ago beyond `max`. */
  async prune(since: string, max: number): Promise<void> {
    await this.pool.query("DELETE FROM unanswered_questions WHERE day < $1", [since]);
    await this.pool.query(
      `DELETE FROM unanswered_questions AS q USING (
         SELECT key, ward FROM unanswered_questions GROUP BY key, ward
          ORDER BY max(day) DESC, key, ward OFFSET $1) AS old
        WHERE q.key = old.key AND q.ward = old.ward`,
      [max],
    );
  }

  /**
   * Each question asked since `since` (every ward's added up, or one ward's), with the wording of
   * its latest day (any ward's row of that day); most asked first, then most recently asked, then by text.
   */
  async list(since: string, view?: QuestionWardView): Promise<QuestionCount[]> {
    const { rows } = await this.pool.query<{ text: string; count: number; last_asked: string }>(
      `SELECT (array_agg(text ORDER BY day DESC))[1] AS text, sum(count)::int AS count, max(day) AS last_asked
         FROM unanswered_questions
        WHERE day >= $1 AND ($2::text IS NULL OR ward = $2 OR ($3 AND ward = ''))
        GROUP BY key`,
      [since, view?.ward ?? null, view?.withoutWard ?? false],
    );
    return rows
      .map((r) => ({ text: r.text, count: r.count, lastAsked: r.last_asked }))
      .sort((a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked) || a.text.localeCompare(b.text));
  }
}

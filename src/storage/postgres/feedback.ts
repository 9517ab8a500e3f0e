import { inTransaction, lockId, type Pool } from "./database.js";

export interface FeedbackRow {
  month: string;
  procedureCode: string;
  helpful: number;
  notHelpful: number;
}

/**
 * "Helpful / not helpful" taps as rows (migration 003): counts per month and procedure, and the
 * month's votes by voter pseudonym so a second tap changes a vote instead of adding one. A tap
 * is one transaction under an advisory lock on its voter, so two replicas taking the same
 * chat's taps at once still count it once; counts change by increments (no lost update).
 */
export class PostgresFeedbackCounts {
  /** The month whose older votes were deleted by this process (votes only matter in their month). */
  private prunedMonth = "";

  private constructor(private readonly pool: Pool) {}

  /** Moves a documents row the previous release wrote (migration 002) into the rows, once. */
  static async open(pool: Pool): Promise<PostgresFeedbackCounts> {
    await pool.query("SELECT documents_to_rows(ARRAY['answer-feedback'])");
    return new PostgresFeedbackCounts(pool);
  }

  /** Counts `voter`'s tap on `procedureCode` in `month`; says whether any count changed. */
  async record(voter: string, procedureCode: string, helpful: boolean, month: string): Promise<boolean> {
    const changed = await inTransaction(this.pool, async (db) => {
      await db.query("SELECT pg_advisory_xact_lock($1)", [lockId(`answer feedback ${month} ${voter}`)]);
      const { rows } = await db.query<{ helpful: boolean }>(
        "SELECT helpful FROM answer_feedback_votes WHERE month = $1 AND voter = $2",
        [month, voter],
      );
      const previous = rows[0]?.helpful;
      if (previous === helpful) return false;
      await db.query(
        `INSERT INTO answer_feedback_votes (month, voter, helpful) VALUES ($1, $2, $3)
         ON CONFLICT (month, voter) DO UPDATE SET helpful = EXCLUDED.helpful`,
        [month, voter, helpful],
      );
      // The new vote is added; a changed one's old vote is taken back.
      const helpfulDelta = (helpful ? 1 : 0) - (previous === true ? 1 : 0);
      const notHelpfulDelta = (helpful ? 0 : 1) - (previous === false ? 1 : 0);
      await db.query(
        `INSERT INTO answer_feedback AS f (month, procedure_code, helpful, not_helpful) VALUES ($1, $2, $3, $4)
         ON CONFLICT (month, procedure_code) DO UPDATE SET
           helpful = f.helpful + EXCLUDED.helpful, not_helpful = f.not_helpful + EXCLUDED.not_helpful`,
        [month, procedureCode, helpfulDelta, notHelpfulDelta],
      );
      return true;
    });
    if (this.prunedMonth !== month) {
      this.prunedMonth = month;
      await this.pool.query("DELETE FROM answer_feedback_votes WHERE month < $1", [month]);
    }
    return changed;
  }

  async counts(): Promise<FeedbackRow[]> {
    const { rows } = await this.pool.query<{
      month: string;
      procedure_code: string;
      helpful: number;
      not_helpful: number;
    }>("SELECT month, procedure_code, helpful, not_helpful FROM answer_feedback ORDER BY month, procedure_code");
    return rows.map((r) => ({
      month: r.month,
      procedureCode: r.procedure_code,
      helpful: r.helpful,
      notHelpful: r.not_helpful,
    }));
  }
}

import path from "node:path";
import { z } from "zod";
import type { StoredDocument } from "../storage/document.js";
import type { Pool } from "../storage/postgres/database.js";
import { PostgresFeedbackCounts } from "../storage/postgres/feedback.js";
import { type FileSpec, VersionedFile } from "../storage/versioned-file.js";

const Counts = z.object({ helpful: z.number().int(), notHelpful: z.number().int() });
const FeedbackFile = z.object({
  /** "YYYY-MM|procedureCode" → taps. */
  counts: z.record(z.string(), Counts),
  /** This month's voters as keyed pseudonyms (never chat ids), so a second tap changes the vote instead of adding one. */
  month: z.string(),
  votes: z.record(z.string(), z.boolean()),
});
type FeedbackFile = z.infer<typeof FeedbackFile>;
export const FEEDBACK_FILE = "answer-feedback.json";
/** The file's kind and shape (the database's documents row of migration 002 had it too; 003 moves it to rows). */
export const FEEDBACK: FileSpec<FeedbackFile> = {
  kind: "answer-feedback",
  version: 1,
  schema: FeedbackFile,
  empty: () => ({ counts: {}, month: "", votes: {} }),
};

export interface FeedbackCount {
  month: string;
  procedureCode: string;
  helpful: number;
  notHelpful: number;
}

/** "Helpful / not helpful" taps on answers, counted per month and procedure. */
export interface AnswerFeedbackStore {
  /** Counts one chat's tap (once per chat, procedure and month); resolves once stored. */
  record(chatKey: string, procedureCode: string, helpful: boolean, month: string): Promise<void>;
  counts(): Promise<FeedbackCount[]>;
}

export const AnswerFeedbackStore = {
  /**
   * In DATA_DIR/answer-feedback.json (one process), or with `database` (DATABASE_URL) in the
   * answer_feedback rows, counted by increments so that replicas add up.
   */
  async open(
    dataDir: string,
    pseudonym: (value: string) => string,
    fsync = true,
    database?: Pool,
  ): Promise<AnswerFeedbackStore> {
    if (database) {
      const rows = await PostgresFeedbackCounts.open(database);
      return {
        record: async (chatKey, procedureCode, helpful, month) =>
          void (await rows.record(pseudonym(`${chatKey}|${procedureCode}`), procedureCode, helpful, month)),
        counts: () => rows.counts(),
      };
    }
    return new FileFeedback(await VersionedFile.open(path.join(dataDir, FEEDBACK_FILE), FEEDBACK, fsync), pseudonym);
  },
};

class FileFeedback implements AnswerFeedbackStore {
  constructor(
    private readonly file: StoredDocument<FeedbackFile>,
    private readonly pseudonym: (value: string) => string,
  ) {}

  async record(chatKey: string, procedureCode: string, helpful: boolean, month: string): Promise<void> {
    const data = this.file.data;
    if (data.month !== month) {
      data.month = month;
      data.votes = {};
    }
    const voter = this.pseudonym(`${chatKey}|${procedureCode}`);
    const previous = data.votes[voter];
    if (previous === helpful) return;
    const id = `${month}|${procedureCode}`;
    const counts = data.counts[id] ?? { helpful: 0, notHelpful: 0 };
    if (previous !== undefined) counts[previous ? "helpful" : "notHelpful"]--;
    counts[helpful ? "helpful" : "notHelpful"]++;
    data.counts[id] = counts;
    data.votes[voter] = helpful;
    await this.file.write();
  }

  async counts(): Promise<FeedbackCount[]> {
    return Object.entries(this.file.data.counts).map(([id, c]) => {
      const [month = "", procedureCode = ""] = id.split("|");
      return { month, procedureCode, ...c };
    });
  }
}

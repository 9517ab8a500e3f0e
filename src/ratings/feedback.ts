import path from "node:path";
import { z } from "zod";
import type { StoredDocument } from "../storage/document.js";
import type { Pool } from "../storage/postgres/database.js";
import { PostgresDocument } from "../storage/postgres/document.js";
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
/** The file's (and the database document's) kind and shape. */
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
export class AnswerFeedbackStore {
  private constructor(
    private readonly file: StoredDocument<FeedbackFile>,
    private readonly pseudonym: (value: string) => string,
  ) {}

  /** In DATA_DIR/answer-feedback.json, or with `database` (DATABASE_URL) in its documents table. */
  static async open(
    dataDir: string,
    pseudonym: (value: string) => string,
    fsync = true,
    database?: Pool,
  ): Promise<AnswerFeedbackStore> {
    const file = database
      ? await PostgresDocument.open(database, FEEDBACK)
      : await VersionedFile.open(path.join(dataDir, FEEDBACK_FILE), FEEDBACK, fsync);
    return new AnswerFeedbackStore(file, pseudonym);
  }

  /** Counts one chat's tap (once per chat, procedure and month); resolves once on disk. */
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

  counts(): FeedbackCount[] {
    return Object.entries(this.file.data.counts).map(([id, c]) => {
      const [month = "", procedureCode = ""] = id.split("|");
      return { month, procedureCode, ...c };
    });
  }
}

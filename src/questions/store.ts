import path from "node:path";
import { z } from "zod";
import type { StoredDocument } from "../storage/document.js";
import type { Pool } from "../storage/postgres/database.js";
import { PostgresQuestionCounts } from "../storage/postgres/questions.js";
import { type FileSpec, VersionedFile } from "../storage/versioned-file.js";
import { questionKey, scrubQuestion } from "./scrub.js";

/** Questions are kept this long after they were last asked (issue 11: 90 days). */
export const KEEP_DAYS = 90;
const DAY_MS = 86_400_000;
/** Bounds the file: beyond this many distinct questions, the ones asked longest ago go first. */
const MAX_QUESTIONS = 5_000;
export const QUESTIONS_FILE = "unanswered-questions.json";

const Question = z.object({
  /** The latest wording, scrubbed. Never a chat id. */
  text: z.string(),
  /** Times asked per UTC day ("2026-12-01" → 3), only the last KEEP_DAYS days. */
  days: z.record(z.string(), z.number().int().positive()),
  /** The ward the chat had chosen (src/dossiers/wards.ts); absent: none chosen, or a single-ward install. */
  ward: z.string().optional(),
});
const QuestionsFile = z.object({ questions: z.record(z.string(), Question) });
type QuestionsFile = z.infer<typeof QuestionsFile>;
/** The file's (and the database document's) kind and shape. */
export const QUESTIONS: FileSpec<QuestionsFile> = {
  kind: "unanswered-questions",
  version: 1,
  schema: QuestionsFile,
  empty: () => ({ questions: {} }),
};

/** One ward's view: its questions, and those without a ward too when it is the only ward. */
export interface WardView {
  ward: string;
  withoutWard: boolean;
}

export interface UnansweredQuestion {
  text: string;
  count: number;
  lastAsked: string;
}

/**
 * Questions the bot answered "not found", for staff to see what citizens ask that the catalogue
 * lacks: scrubbed of phone numbers, dossier codes and numbers, counted by normalised text.
 */
export class UnansweredQuestionStore {
  private written: Promise<void> = Promise.resolve();

  private constructor(
    /** The file store (DATA_DIR), or with a database its rows (one per question, ward and day: replicas add up). */
    private readonly file: StoredDocument<QuestionsFile> | PostgresQuestionCounts,
    private readonly now: () => number,
  ) {}

  static async open(
    dataDir: string,
    /** `database` (DATABASE_URL): the counts are rows of its unanswered_questions table (migration 003), not in DATA_DIR. */
    options: { now?: () => number; fsync?: boolean; database?: Pool } = {},
  ): Promise<UnansweredQuestionStore> {
    const file = options.database
      ? await PostgresQuestionCounts.open(options.database)
      : await VersionedFile.open(path.join(dataDir, QUESTIONS_FILE), QUESTIONS, options.fsync ?? true);
    return new UnansweredQuestionStore(file, options.now ?? Date.now);
  }

  /**
   * Counts one question (scrubbed here), under the ward the chat chose when it has one; resolves
   * once on disk. Empty ones are not kept.
   */
  async record(text: string, ward?: string): Promise<void> {
    const scrubbed = scrubQuestion(text);
    const base = questionKey(scrubbed);
    if (base === "") return;
    // A ward's count of a question is its own entry; the lists add the entries of one question up.
    const key = ward ? `${ward}\u001f${base}` : base;
    const day = dayOf(this.now());
    if (this.file instanceof PostgresQuestionCounts) {
      const now = this.now();
      await this.file.record(base, scrubbed, day, ward ?? "", {
        since: sinceDay(now, KEEP_DAYS),
        max: MAX_QUESTIONS,
        now,
      });
      return;
    }
    const questions = this.file.data.questions;
    const entry = questions[key] ?? { text: scrubbed, days: {}, ...(ward ? { ward } : {}) };
    entry.text = scrubbed;
    entry.days[day] = (entry.days[day] ?? 0) + 1;
    questions[key] = entry;
    this.prune(questions);
    this.written = this.file.write();
    await this.written;
  }

  /** Resolves once every question recorded so far is on disk (for a clean shutdown). */
  async flushed(): Promise<void> {
    await this.written.catch(() => undefined);
  }

  /**
   * Most asked first (then most recently asked), over the last `days` days (at most KEEP_DAYS);
   * every ward's, or one ward's (`view`).
   */
  async list(days = KEEP_DAYS, view?: WardView): Promise<UnansweredQuestion[]> {
    const since = sinceDay(this.now(), Math.min(days, KEEP_DAYS));
    if (this.file instanceof PostgresQuestionCounts) return this.file.list(since, view);
    const merged = new Map<string, UnansweredQuestion>();
    for (const q of Object.values(this.file.data.questions)) {
      if (view && !(q.ward === undefined ? view.withoutWard : q.ward === view.ward)) continue;
      const kept = Object.entries(q.days).filter(([day]) => day >= since);
      const count = kept.reduce((sum, [, n]) => sum + n, 0);
      if (count === 0) continue;
      const lastAsked =
        kept
          .map(([day]) => day)
          .sort()
          .at(-1) ?? "";
      const key = questionKey(q.text);
      const same = merged.get(key);
      if (!same) merged.set(key, { text: q.text, count, lastAsked });
      else {
        same.count += count;
        if (lastAsked > same.lastAsked) Object.assign(same, { text: q.text, lastAsked });
      }
    }
    return [...merged.values()].sort(
      (a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked) || a.text.localeCompare(b.text),
    );
  }

  /** Drops days older than KEEP_DAYS, questions left with none, and the oldest beyond MAX_QUESTIONS. */
  private prune(questions: QuestionsFile["questions"]): void {
    const since = sinceDay(this.now(), KEEP_DAYS);
    for (const [key, q] of Object.entries(questions)) {
      for (const day of Object.keys(q.days)) if (day < since) delete q.days[day];
      if (Object.keys(q.days).length === 0) delete questions[key];
    }
    const keys = Object.keys(questions);
    if (keys.length <= MAX_QUESTIONS) return;
    const last = (key: string) =>
      Object.keys(questions[key]?.days ?? {})
        .sort()
        .at(-1) ?? "";
    for (const key of keys.sort((a, b) => last(a).localeCompare(last(b))).slice(0, keys.length - MAX_QUESTIONS)) {
      delete questions[key];
    }
  }
}

/** The first UTC day of the last `days` days. */
function sinceDay(now: number, days: number): string {
  return dayOf(now - (days - 1) * DAY_MS);
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

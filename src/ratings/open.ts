import path from "node:path";
import type { Pool } from "../storage/postgres/database.js";
import { localTime } from "../time/local.js";
import { AnswerFeedbackStore } from "./feedback.js";
import { RatingFlow } from "./flow.js";
import { PostgresRatingRepository } from "./postgres.js";
import { asScale, type Rating } from "./schema.js";
import { FileRatingRepository, type RatingRepository } from "./store.js";

export interface RatingsDeps {
  dataDir: string;
  /** RATING_SCALE: 3 or 5 levels. */
  scale: number;
  /** Rating and feedback months are counted in the office's zone. */
  timeZone: string;
  /** A keyed pseudonym of a voter (never the chat id is stored). */
  pseudonym(value: string): string;
  now: () => number;
  fsync: boolean;
  /** DATABASE_URL's pool, migrated: ratings live there instead of DATA_DIR/ratings. */
  database?: Pool;
  /** The ward of a dossier (by key): a rating records its dossier's ward, for reports by ward. */
  wardOfDossier?(key: string): Promise<string | undefined>;
}

export interface RatingModule {
  flow: RatingFlow;
  /** Every rating kept (the staff console's report). */
  all(): Promise<Rating[]>;
  /** Counts a "helpful / not helpful" tap on an answer (once per chat, procedure and month). */
  answerFeedback: { record(chatKey: string, procedureCode: string, helpful: boolean): Promise<void> };
}

/** Opens the ratings of handed-over dossiers and the answers' feedback counts in DATA_DIR. */
export async function openRatings(deps: RatingsDeps): Promise<RatingModule> {
  const { dataDir: dir, fsync, now, timeZone } = deps;
  const [stored, feedback] = await Promise.all([
    deps.database
      ? new PostgresRatingRepository(deps.database)
      : FileRatingRepository.open(path.join(dir, "ratings"), fsync),
    AnswerFeedbackStore.open(dir, deps.pseudonym, fsync, deps.database),
  ]);
  const ratings = deps.wardOfDossier ? withDossierWard(stored, deps.wardOfDossier) : stored;
  return {
    flow: new RatingFlow(ratings, asScale(deps.scale), timeZone),
    all: () => ratings.all(),
    answerFeedback: {
      record: (chatKey, procedureCode, helpful) =>
        feedback.record(chatKey, procedureCode, helpful, localTime(now(), timeZone).date.slice(0, 7)),
    },
  };
}

/**
 * Ratings that record their dossier's ward: the rating flow builds a rating from the dossier it
 * was given, and the ward is added here on the way to the store (a rating that has one keeps it).
 */
export function withDossierWard(
  ratings: RatingRepository,
  wardOf: (key: string) => Promise<string | undefined>,
): RatingRepository {
  return {
    get: (key) => ratings.get(key),
    all: () => ratings.all(),
    async save(rating) {
      const ward = rating.ward ?? (await wardOf(rating.key));
      await ratings.save(ward ? { ...rating, ward } : rating);
    },
  };
}

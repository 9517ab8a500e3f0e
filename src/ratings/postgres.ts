import { z } from "zod";
import type { Pool, Queryable } from "../storage/postgres/database.js";
import { Rating } from "./schema.js";
import type { RatingRepository } from "./store.js";

const Rows = z.array(
  z.object({
    rating: z
      .string()
      .transform((t): unknown => JSON.parse(t))
      .pipe(Rating),
  }),
);

/** Ratings in PostgreSQL (DATABASE_URL), one row per dossier, as the month files hold them. */
export class PostgresRatingRepository implements RatingRepository {
  constructor(private readonly pool: Pool) {}

  async get(key: string): Promise<Rating | undefined> {
    const { rows } = await this.pool.query("SELECT rating FROM ratings WHERE key = $1", [key]);
    return Rows.parse(rows)[0]?.rating;
  }

  async save(rating: Rating): Promise<void> {
    // The update only where the month is the same: a rating keeps the month it was given in.
    const { rowCount } = await this.pool.query(
      `INSERT INTO ratings (key, month, ward, rating) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET ward = EXCLUDED.ward, rating = EXCLUDED.rating
       WHERE ratings.month = EXCLUDED.month`,
      [rating.key, rating.month, rating.ward ?? null, JSON.stringify(rating)],
    );
    if (rowCount !== 1) throw new Error("a rating keeps the month it was given in");
  }

  async all(): Promise<Rating[]> {
    const { rows } = await this.pool.query("SELECT rating FROM ratings ORDER BY month, key");
    return Rows.parse(rows).map((r) => r.rating);
  }
}

/** Copies ratings as stored (npm run store:migrate-to-postgres); inside the caller's transaction. */
export async function copyRatings(db: Queryable, ratings: readonly Rating[]): Promise<void> {
  for (let i = 0; i < ratings.length; i += 5_000) {
    const batch = ratings.slice(i, i + 5_000);
    await db.query(
      "INSERT INTO ratings (key, month, ward, rating) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])",
      [
        batch.map((r) => r.key),
        batch.map((r) => r.month),
        batch.map((r) => r.ward ?? null),
        batch.map((r) => JSON.stringify(r)),
      ],
    );
  }
}

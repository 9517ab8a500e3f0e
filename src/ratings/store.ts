import { readdir } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { VersionedFile } from "../storage/versioned-file.js";
import { Rating } from "./schema.js";

/** Ratings; the file implementation can be swapped for a server database. */
export interface RatingRepository {
  get(key: string): Promise<Rating | undefined>;
  /** Creates or replaces the dossier's rating; resolves once it is on disk. */
  save(rating: Rating): Promise<void>;
  all(): Promise<Rating[]>;
}

const MonthFile = z.object({ ratings: z.record(z.string(), Rating) });
type MonthFile = z.infer<typeof MonthFile>;
const spec = { kind: "ratings", version: 1, schema: MonthFile, empty: (): MonthFile => ({ ratings: {} }) };

/** One file per month (ratings/2025-11.json): a rating rewrites only its month's small file. */
export class FileRatingRepository implements RatingRepository {
  private readonly byKey = new Map<string, Rating>();
  /** Promises, so two ratings arriving together in a new month open its file once. */
  private readonly months = new Map<string, Promise<VersionedFile<MonthFile>>>();

  private constructor(
    private readonly dir: string,
    opened: VersionedFile<MonthFile>[],
    private readonly fsync: boolean,
  ) {
    for (const file of opened) {
      this.months.set(path.basename(file.file, ".json"), Promise.resolve(file));
      for (const r of Object.values(file.data.ratings)) this.byKey.set(r.key, r);
    }
  }

  static async open(dir: string, fsync = true): Promise<FileRatingRepository> {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^\d{4}-\d{2}\.json$/.test(n));
    const opened = await Promise.all(names.map((name) => VersionedFile.open(path.join(dir, name), spec, fsync)));
    return new FileRatingRepository(dir, opened, fsync);
  }

  async get(key: string): Promise<Rating | undefined> {
    return this.byKey.get(key);
  }

  async save(rating: Rating): Promise<void> {
    const previous = this.byKey.get(rating.key);
    if (previous && previous.month !== rating.month) throw new Error("a rating keeps the month it was given in");
    let opening = this.months.get(rating.month);
    if (!opening) {
      opening = VersionedFile.open(path.join(this.dir, `${rating.month}.json`), spec, this.fsync);
      this.months.set(rating.month, opening);
    }
    const file = await opening;
    file.data.ratings[rating.key] = rating;
    this.byKey.set(rating.key, rating);
    await file.write();
  }

  async all(): Promise<Rating[]> {
    return [...this.byKey.values()];
  }
}

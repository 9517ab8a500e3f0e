import { z } from "zod";

/** Best first. The 3-level scale is the national one; some provinces use 5. */
export const RatingLevel = z.enum(["very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied"]);
export type RatingLevel = z.infer<typeof RatingLevel>;
export type RatingScale = 3 | 5;

export const SCALES: Record<RatingScale, readonly RatingLevel[]> = {
  3: ["very_satisfied", "satisfied", "dissatisfied"],
  5: ["very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied"],
};

/** What counts as "satisfied" in the % reported (Decision 766/QĐ-TTg counts both top levels). */
export const SATISFIED: ReadonlySet<RatingLevel> = new Set(["very_satisfied", "satisfied"]);

/** Optional criteria from Decree 61/2018, asked in this order after the level. */
export const CRITERIA = {
  time: ["on_time", "late"],
  visits: ["1", "2", "3"],
  attitude: ["good", "ok", "poor"],
} as const;
export type Criterion = keyof typeof CRITERIA;
export const CRITERION_ORDER = Object.keys(CRITERIA) as Criterion[];

export const Rating = z.object({
  /** The dossier's key: one rating per dossier. No chat id is kept with it. */
  key: z.string(),
  procedureCode: z.string(),
  office: z.string().optional(),
  /** The rated dossier's ward (src/dossiers/wards.ts); absent: not known, or a single-ward install. */
  ward: z.string().optional(),
  level: RatingLevel,
  scale: z.union([z.literal(3), z.literal(5)]),
  criteria: z.object({
    time: z.enum(CRITERIA.time).optional(),
    visits: z.enum(CRITERIA.visits).optional(),
    attitude: z.enum(CRITERIA.attitude).optional(),
  }),
  comment: z.string().max(1000).optional(),
  at: z.number(),
  /** YYYY-MM in the office's time zone; also the file the rating lives in. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
});
export type Rating = z.infer<typeof Rating>;

export function asScale(value: number): RatingScale {
  return value === 5 ? 5 : 3;
}

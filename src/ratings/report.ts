import { csvField } from "../dossiers/csv.js";
import { type Rating, RatingLevel, SATISFIED } from "./schema.js";

export const ALL = "*";

export interface SummaryRow {
  /** YYYY-MM, or ALL for every month. */
  month: string;
  /** A procedure code, or ALL for every procedure. */
  procedureCode: string;
  count: number;
  satisfied: number;
  levels: Record<RatingLevel, number>;
  late: number;
  /** Ratings saying the citizen came two times or more. */
  repeatVisits: number;
  poorAttitude: number;
  comments: number;
}

/** Per month × procedure, per month, per procedure, and overall: counts and satisfaction. */
export function summarize(ratings: readonly Rating[], months?: { from?: string; to?: string }): SummaryRow[] {
  const rows = new Map<string, SummaryRow>();
  const row = (month: string, procedureCode: string) => {
    const id = `${month}|${procedureCode}`;
    let r = rows.get(id);
    if (!r) {
      r = {
        month,
        procedureCode,
        count: 0,
        satisfied: 0,
        levels: zeroLevels(),
        late: 0,
        repeatVisits: 0,
        poorAttitude: 0,
        comments: 0,
      };
      rows.set(id, r);
    }
    return r;
  };
  for (const rating of ratings) {
    if ((months?.from && rating.month < months.from) || (months?.to && rating.month > months.to)) continue;
    for (const r of [
      row(rating.month, rating.procedureCode),
      row(rating.month, ALL),
      row(ALL, rating.procedureCode),
      row(ALL, ALL),
    ]) {
      r.count++;
      if (SATISFIED.has(rating.level)) r.satisfied++;
      r.levels[rating.level]++;
      if (rating.criteria.time === "late") r.late++;
      if (rating.criteria.visits && rating.criteria.visits !== "1") r.repeatVisits++;
      if (rating.criteria.attitude === "poor") r.poorAttitude++;
      if (rating.comment) r.comments++;
    }
  }
  // Months in order, "all" last; procedures likewise.
  const order = (a: string, b: string) => (a === b ? 0 : a === ALL ? 1 : b === ALL ? -1 : a.localeCompare(b));
  return [...rows.values()].sort((a, b) => order(a.month, b.month) || order(a.procedureCode, b.procedureCode));
}

export function percentSatisfied(row: SummaryRow): number {
  return row.count === 0 ? 0 : Math.round((row.satisfied / row.count) * 1000) / 10;
}

export function summaryCsv(rows: readonly SummaryRow[], nameOf: (code: string) => string): string {
  const header = [
    "month",
    "procedure_code",
    "procedure_name",
    "count",
    "satisfied",
    "percent_satisfied",
    ...RatingLevel.options,
    "late",
    "repeat_visits",
    "poor_attitude",
    "comments",
  ];
  const lines = rows.map((r) =>
    [
      r.month === ALL ? "all" : r.month,
      r.procedureCode === ALL ? "all" : r.procedureCode,
      r.procedureCode === ALL ? "" : nameOf(r.procedureCode),
      r.count,
      r.satisfied,
      percentSatisfied(r),
      ...RatingLevel.options.map((l) => r.levels[l]),
      r.late,
      r.repeatVisits,
      r.poorAttitude,
      r.comments,
    ]
      .map(csvField)
      .join(","),
  );
  // The BOM lets Excel open the Vietnamese names as UTF-8.
  return `\uFEFF${[header.join(","), ...lines].join("\r\n")}\r\n`;
}

function zeroLevels(): Record<RatingLevel, number> {
  return Object.fromEntries(RatingLevel.options.map((l) => [l, 0])) as Record<RatingLevel, number>;
}

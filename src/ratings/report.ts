import { csvField } from "../dossiers/csv.js";
import { inWard, type WardMap, wardOfDossier } from "../dossiers/wards.js";
import { displayClock, displayDate, localTime } from "../time/local.js";
import { type Rating, RatingLevel, SATISFIED } from "./schema.js";

export const ALL = "*";

export interface SummaryRow {
  /** YYYY-MM, or ALL for every month. */
  month: string;
  /** A procedure code, or ALL for every procedure. */
  procedureCode: string;
  count: number;
  /** "Rất hài lòng" and "Hài lòng" together: what the % counts. */
  satisfied: number;
  levels: Record<RatingLevel, number>;
  late: number;
  /** Ratings saying the citizen came two times or more. */
  repeatVisits: number;
  poorAttitude: number;
  comments: number;
}

export interface Months {
  from?: string;
  to?: string;
}

const inMonths = (rating: Rating, months?: Months) =>
  !((months?.from && rating.month < months.from) || (months?.to && rating.month > months.to));

/**
 * The ratings of one ward: a rating's own ward, else its dossier code's (ratings given before
 * wards); in a single-ward install a rating without a ward is that ward's.
 */
export function ratingsOfWard(ratings: readonly Rating[], wards: WardMap, ward: string): Rating[] {
  return ratings.filter((r) => inWard(wards, wardOfDossier(wards, r), ward));
}

/** Per month × procedure, per month, per procedure, and overall: counts and satisfaction. */
export function summarize(ratings: readonly Rating[], months?: Months): SummaryRow[] {
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
    if (!inMonths(rating, months)) continue;
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

/** Staff's words for the levels and criteria (the chat's own labels, locales/vi/dossiers.ftl). */
export const LEVEL_LABELS: Record<RatingLevel, string> = {
  very_satisfied: "Rất hài lòng",
  satisfied: "Hài lòng",
  neutral: "Bình thường",
  dissatisfied: "Không hài lòng",
  very_dissatisfied: "Rất không hài lòng",
};
const TIME_LABELS = { on_time: "Đúng hẹn hoặc sớm hơn", late: "Trễ hẹn" } as const;
const VISIT_LABELS = { "1": "Một lần", "2": "Hai lần", "3": "Ba lần trở lên" } as const;
const ATTITUDE_LABELS = { good: "Tận tình, chu đáo", ok: "Bình thường", poor: "Chưa tốt" } as const;

/**
 * The summary's columns: a distinct machine name for the CSV (one per concept: `satisfied_total`
 * is the sum of the two top levels, `level_satisfied` the "Hài lòng" level alone) and the title
 * staff read in the workbook.
 */
const SUMMARY_COLUMNS: {
  csv: string;
  title: string;
  value: (r: SummaryRow, nameOf: (c: string) => string) => string | number;
}[] = [
  { csv: "month", title: "Tháng", value: (r) => (r.month === ALL ? "all" : r.month) },
  { csv: "procedure_code", title: "Mã thủ tục", value: (r) => (r.procedureCode === ALL ? "all" : r.procedureCode) },
  {
    csv: "procedure_name",
    title: "Tên thủ tục",
    value: (r, nameOf) => (r.procedureCode === ALL ? "" : nameOf(r.procedureCode)),
  },
  { csv: "ratings", title: "Số lượt đánh giá", value: (r) => r.count },
  { csv: "satisfied_total", title: "Hài lòng (gồm Rất hài lòng)", value: (r) => r.satisfied },
  { csv: "percent_satisfied", title: "% hài lòng", value: (r) => percentSatisfied(r) },
  ...RatingLevel.options.map((level) => ({
    csv: `level_${level}`,
    title: LEVEL_LABELS[level],
    value: (r: SummaryRow) => r.levels[level],
  })),
  { csv: "late", title: "Trễ hẹn", value: (r) => r.late },
  { csv: "repeat_visits", title: "Phải đi lại từ 2 lần", value: (r) => r.repeatVisits },
  { csv: "poor_attitude", title: "Thái độ chưa tốt", value: (r) => r.poorAttitude },
  { csv: "comments", title: "Số góp ý", value: (r) => r.comments },
];

export function summaryCsv(rows: readonly SummaryRow[], nameOf: (code: string) => string): string {
  const header = SUMMARY_COLUMNS.map((c) => c.csv);
  const lines = rows.map((r) =>
    SUMMARY_COLUMNS.map((c) => c.value(r, nameOf))
      .map(csvField)
      .join(","),
  );
  // The BOM lets Excel open the Vietnamese names as UTF-8.
  return `\uFEFF${[header.join(","), ...lines].join("\r\n")}\r\n`;
}

/** A citizen's comment with what was rated; nothing that identifies the citizen or the dossier. */
export interface CommentRow {
  month: string;
  /** DD/MM/YYYY HH:MM, office time. */
  when: string;
  procedureCode: string;
  level: RatingLevel;
  time?: string;
  visits?: string;
  attitude?: string;
  comment: string;
}

/** The ratings that carry a comment, oldest first. */
export function commentsOf(ratings: readonly Rating[], timeZone: string, months?: Months): CommentRow[] {
  return ratings
    .filter((r) => r.comment && inMonths(r, months))
    .sort((a, b) => a.at - b.at)
    .map((r) => ({
      month: r.month,
      when: `${displayDate(localTime(r.at, timeZone).date)} ${displayClock(r.at, timeZone)}`,
      procedureCode: r.procedureCode,
      level: r.level,
      time: r.criteria.time && TIME_LABELS[r.criteria.time],
      visits: r.criteria.visits && VISIT_LABELS[r.criteria.visits],
      attitude: r.criteria.attitude && ATTITUDE_LABELS[r.criteria.attitude],
      comment: r.comment as string,
    }));
}

export const SUMMARY_SHEET = "Tổng hợp";
export const COMMENTS_SHEET = "Góp ý";

/**
 * The report as an Excel workbook: the summary (Vietnamese column titles, "Tất cả" for the
 * totals) and, on a second sheet, every comment with its procedure, level and answers.
 */
export async function reportWorkbook(
  rows: readonly SummaryRow[],
  comments: readonly CommentRow[],
  nameOf: (code: string) => string,
): Promise<Buffer> {
  // exceljs is large: loaded when a workbook is asked for.
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.creator = "motcua-bot";

  const summary = book.addWorksheet(SUMMARY_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  summary.columns = SUMMARY_COLUMNS.map((c) => ({
    header: c.title,
    key: c.csv,
    width: c.csv === "procedure_name" ? 60 : 14,
  }));
  for (const r of rows) {
    const values = SUMMARY_COLUMNS.map((c) => c.value(r, nameOf));
    // Totals read "Tất cả" for staff, where the CSV keeps the machine word "all".
    const row = summary.addRow(values.map((v) => (v === "all" ? "Tất cả" : v)));
    if (r.month === ALL || r.procedureCode === ALL) row.font = { bold: true };
  }
  summary.getRow(1).font = { bold: true };
  summary.getColumn("percent_satisfied").numFmt = "0.0";

  const sheet = book.addWorksheet(COMMENTS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "Tháng", width: 9 },
    { header: "Thời gian", width: 17 },
    { header: "Mã thủ tục", width: 12 },
    { header: "Tên thủ tục", width: 45 },
    { header: "Mức đánh giá", width: 18 },
    { header: "Thời gian giải quyết", width: 20 },
    { header: "Số lần đi lại", width: 14 },
    { header: "Thái độ cán bộ", width: 16 },
    { header: "Góp ý", width: 80 },
  ];
  for (const c of comments) {
    const row = sheet.addRow([
      c.month,
      c.when,
      c.procedureCode,
      nameOf(c.procedureCode),
      LEVEL_LABELS[c.level],
      c.time ?? "",
      c.visits ?? "",
      c.attitude ?? "",
      // A comment is the citizen's text: never a formula, whatever it starts with.
      c.comment,
    ]);
    row.getCell(9).alignment = { wrapText: true, vertical: "top" };
  }
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

function zeroLevels(): Record<RatingLevel, number> {
  return Object.fromEntries(RatingLevel.options.map((l) => [l, 0])) as Record<RatingLevel, number>;
}

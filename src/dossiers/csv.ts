import { CsvError, parse } from "csv-parse/sync";

export interface CsvRow {
  /** Line of the file where the row starts (1 = the header). */
  line: number;
  values: string[];
}

/** A file csv-parse cannot read (an unclosed quote, a quote inside an unquoted field), with the line. */
export class CsvFormatError extends Error {
  override name = "CsvFormatError";
  constructor(
    readonly line: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * RFC 4180 CSV through csv-parse: quoted fields with doubled quotes and line breaks, CRLF, LF or
 * CR (even mixed, as files edited by hand end up), a leading BOM. The delimiter ("," — or ";" as
 * Excel writes in Vietnamese locales, or tab) is read off the header line. Blank lines and lines of
 * empty cells (",,,," that Excel leaves below a table) are skipped.
 */
export function parseCsv(text: string): CsvRow[] {
  // One line ending, so csv-parse's line count is the line staff see in their editor.
  const src = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(src, {
      delimiter: detectDelimiter(src),
      record_delimiter: "\n",
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = (err as CsvError & { lines?: number }).lines;
    throw new CsvFormatError(line, csvProblem(err.code, line));
  }
  return records.map(({ record, info }) => ({
    // info.lines is where the record ends; line breaks inside quoted fields moved it down.
    line: info.lines - record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0),
    values: record,
  }));
}

function csvProblem(code: string, line: number | undefined): string {
  const at = line === undefined ? "" : `dòng ${line}: `;
  const en = line === undefined ? "" : `line ${line}: `;
  switch (code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `${at}dấu ngoặc kép (") mở mà không đóng | ${en}a quote (") is opened and never closed`;
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_CLOSING_QUOTE":
      return `${at}dấu ngoặc kép (") đặt sai chỗ; ô có dấu ngoặc kép phải được bao trong ngoặc kép và viết "" | ${en}misplaced quote (")`;
    default:
      return `${at}tệp CSV không đúng định dạng (${code}) | ${en}malformed CSV (${code})`;
  }
}

function detectDelimiter(text: string): string {
  const end = text.indexOf("\n");
  const header = end === -1 ? text : text.slice(0, end);
  const counts = [",", ";", "\t"].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** Quotes a value for a CSV file when it needs it. */
export function csvField(value: string | number | undefined): string {
  const text = value === undefined ? "" : String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

import { daysBetween, displayDate, localTime } from "../../time/local.js";
import {
  type ParsedFile,
  type RawRow,
  type RejectedRow,
  type RowPlace,
  readExport,
  rowsOfTable,
  type ValidRow,
  validateRow,
} from "../records.js";
import { NOTE_STATUSES } from "../schema.js";
import { findWard, type WardMap } from "../wards.js";
import { decodeText } from "./decode.js";

/**
 * An import in two steps, so staff see what a file will do before anything is stored:
 * `previewImport` reads and checks a file and changes nothing; `commitImport` (commit.ts) stores
 * the rows of a preview. The CLI (npm run dossiers:import) and the staff console both use them.
 */

export type ImportFormat = "csv" | "json" | "xlsx";

/** What the checks need from the catalogue (a `Catalogue` fits). */
export interface ImportCatalogue {
  procedures: readonly { code: string; name: string }[];
  offices: ReadonlyMap<string, unknown>;
}

export interface PreviewOptions {
  /** Procedure codes and offices the rows are checked against; without it those checks are skipped. */
  catalogue?: ImportCatalogue;
  /** Today, for dates in the future or far past. */
  now: number;
  /** The office's zone (TIMEZONE); default Asia/Ho_Chi_Minh. */
  timeZone?: string;
  /** Default: from the file name's extension, else from the content. */
  format?: ImportFormat;
  /** The deployment's wards: each row gets the ward of its code's unit (or office column). Default: none. */
  wards?: WardMap;
}

/** A row that will be stored, with what deserves a second look. */
export interface PreviewRow extends ValidRow {
  /** The catalogue's name of the procedure, when it has it. */
  procedureName?: string;
  /** Why staff should look at this row (empty: none); one line each, Vietnamese | English. */
  warnings: string[];
  /** Earlier rows of the file with the same dossier code, which this (later) row replaces. */
  replaces: RowPlace[];
}

export interface ImportPreview {
  fileName: string;
  format: ImportFormat;
  /** How the text was read ("UTF-8", "Windows-1258", "UTF-16LE"); absent for .xlsx. */
  encoding?: string;
  /** The worksheet read, for .xlsx. */
  sheet?: string;
  /** About the file as a whole: a converted encoding, columns not used, the header's line. */
  notes: string[];
  /** Data rows in the file (header excluded). */
  received: number;
  /** Rows to store as they are. */
  accepted: PreviewRow[];
  /** Rows to store that have warnings. */
  warned: PreviewRow[];
  /** Rows that will not be stored, each with its place, code and reason. */
  rejected: RejectedRow[];
}

export type PreviewResult = { ok: true; preview: ImportPreview } | { ok: false; error: string };

/** 20 MB, as POST /api/dossiers. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Reads and checks an export (CSV in any encoding Excel writes, XLSX, JSON); stores nothing. */
export async function previewImport(
  bytes: Uint8Array,
  fileName: string,
  options: PreviewOptions,
): Promise<PreviewResult> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    return { ok: false, error: "Tệp lớn hơn 20 MB; hãy chia nhỏ | The file is larger than 20 MB; split it." };
  }
  if (bytes.byteLength === 0) return { ok: false, error: "Tệp rỗng | The file is empty." };
  if (isOldExcel(bytes)) {
    return {
      ok: false,
      error:
        "Đây là tệp Excel cũ (.xls); hãy mở bằng Excel và lưu thành .xlsx hoặc «CSV UTF-8» | " +
        "This is an old .xls workbook; save it as .xlsx or «CSV UTF-8».",
    };
  }
  const format = options.format ?? formatOf(fileName, bytes);
  let parsed: ParsedFile;
  let encoding: string | undefined;
  let sheet: string | undefined;
  const notes: string[] = [];
  if (format === "xlsx") {
    // exceljs is large: loaded only for a workbook.
    const { readXlsx } = await import("./xlsx.js");
    const read = await readXlsx(bytes, (rows) => rowsOfTable(rows).ok);
    if (!read.ok) return read;
    sheet = read.sheet;
    if (read.otherSheets.length > 0) {
      notes.push(
        `Đọc trang tính «${read.sheet}»; bỏ qua: ${read.otherSheets.join(", ")} | Sheet read: ${read.sheet}; others left alone`,
      );
    }
    parsed = rowsOfTable(read.rows);
  } else {
    const decoded = decodeText(bytes);
    if (!decoded.ok) return decoded;
    encoding = decoded.encoding;
    if (!decoded.encoding.startsWith("UTF-8")) {
      notes.push(
        `Tệp mã hoá ${decoded.encoding}, đã chuyển sang Unicode | The file was in ${decoded.encoding} and was converted`,
      );
    }
    parsed = readExport(decoded.text, format);
  }
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    preview: previewRows(parsed.rows, options, {
      fileName,
      format,
      encoding,
      sheet,
      notes: [...notes, ...parsed.notes],
    }),
  };
}

/** Checks rows already split into fields (a JSON body, a parsed file). */
export function previewRows(
  rows: readonly RawRow[],
  options: Omit<PreviewOptions, "format">,
  file: Pick<ImportPreview, "fileName" | "format"> & Partial<Pick<ImportPreview, "encoding" | "sheet" | "notes">>,
): ImportPreview {
  const rejected: RejectedRow[] = [];
  const valid: PreviewRow[] = [];
  for (const raw of rows) {
    const result = validateRow(raw);
    if ("error" in result) rejected.push(result.error);
    else valid.push({ ...result.row, warnings: [], replaces: [] });
  }

  // A code twice: the last row wins (it is the latest state), and says which rows it replaced.
  const last = new Map<string, PreviewRow>();
  for (const row of valid) {
    const earlier = last.get(row.key);
    if (earlier) row.replaces.push(...earlier.replaces, earlier.at);
    last.set(row.key, row);
  }
  const kept = valid.filter((row) => last.get(row.key) === row);

  const names = new Map(options.catalogue?.procedures.map((p) => [p.code, p.name]));
  const today = localTime(options.now, options.timeZone ?? "Asia/Ho_Chi_Minh").date;
  for (const row of kept) {
    row.procedureName = names.get(row.procedureCode);
    const ward = options.wards ? findWard(options.wards, row.code, row.office) : {};
    if (ward.ward) row.ward = ward.ward;
    const officeNamesWard = !!(row.office && options.wards?.byOffice(row.office));
    row.warnings.push(...warningsOf(row, officeNamesWard ? undefined : options.catalogue, today, options.catalogue));
    if (ward.warning) row.warnings.push(ward.warning);
  }
  return {
    fileName: file.fileName,
    format: file.format,
    ...(file.encoding ? { encoding: file.encoding } : {}),
    ...(file.sheet ? { sheet: file.sheet } : {}),
    notes: file.notes ?? [],
    received: rows.length,
    accepted: kept.filter((r) => r.warnings.length === 0),
    warned: kept.filter((r) => r.warnings.length > 0),
    rejected,
  };
}

/** Dates further back than this are questioned (a typo in the year, an Excel date of 1900). */
const FAR_PAST_YEARS = 5;
/** A promised return date more than this after receipt is questioned (ward procedures take days or weeks). */
const LONGEST_DAYS = 366;

function warningsOf(
  row: PreviewRow,
  /** For the office check: absent when the office column names a ward rather than a catalogue office. */
  offices: ImportCatalogue | undefined,
  today: string,
  catalogue: ImportCatalogue | undefined,
): string[] {
  const warnings: string[] = [];
  const place = (at: RowPlace) => ("line" in at ? `dòng ${at.line}` : `bản ghi ${at.record}`);
  const placeEn = (at: RowPlace) => ("line" in at ? `line ${at.line}` : `record ${at.record}`);
  if (row.replaces.length > 0) {
    warnings.push(
      `mã hồ sơ lặp lại ở ${row.replaces.map(place).join(", ")}; dùng ${place(row.at)} (dòng sau cùng) | ` +
        `code repeated on ${row.replaces.map(placeEn).join(", ")}; ${placeEn(row.at)} (the last) is used`,
    );
  }
  if (catalogue && !catalogue.procedures.some((p) => p.code === row.procedureCode)) {
    warnings.push(
      `mã thủ tục ${row.procedureCode} không có trong danh mục; bot sẽ chỉ hiện mã, không có tên thủ tục | ` +
        `procedure code not in the catalogue; the bot will show the bare code`,
    );
  }
  if (offices && row.office && !offices.offices.has(row.office)) {
    warnings.push(
      `nơi trả kết quả «${row.office}» không có trong data/offices.json; tin nhắc sẽ dùng nơi giải quyết của thủ tục | ` +
        `office not in data/offices.json; reminders use the procedure's office`,
    );
  }
  const received = displayDate(row.receivedAt);
  if (row.receivedAt > today) {
    warnings.push(
      `ngày tiếp nhận ${received} ở tương lai (hôm nay ${displayDate(today)}) | received_at is in the future`,
    );
  } else if (daysBetween(row.receivedAt, today) > FAR_PAST_YEARS * 365) {
    warnings.push(
      `ngày tiếp nhận ${received} cách đây hơn ${FAR_PAST_YEARS} năm | received_at is over ${FAR_PAST_YEARS} years ago`,
    );
  }
  if (row.dueAt && row.dueAt < row.receivedAt) {
    warnings.push(
      `ngày hẹn trả ${displayDate(row.dueAt)} trước ngày tiếp nhận ${received} | due_at is before received_at`,
    );
  } else if (row.dueAt && daysBetween(row.receivedAt, row.dueAt) > LONGEST_DAYS) {
    warnings.push(
      `ngày hẹn trả ${displayDate(row.dueAt)} cách ngày tiếp nhận hơn một năm | due_at is over a year after received_at`,
    );
  }
  if (NOTE_STATUSES.has(row.status) && !row.statusNote) {
    warnings.push(
      `trạng thái ${row.status} nhưng không có ghi chú (lý do, giấy tờ cần bổ sung hay khoản cần nộp): người dân sẽ không biết phải làm gì | ` +
        `status ${row.status} without a note: the citizen will not know what to do`,
    );
  }
  return warnings;
}

/** A ZIP is a workbook whatever its name; else by extension; without one, JSON's bracket or CSV. */
export function formatOf(fileName: string, bytes: Uint8Array): ImportFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "xlsx";
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "json") return "json";
  if (ext === "csv" || ext === "txt" || ext === "tsv") return "csv";
  const start = Buffer.from(bytes.subarray(0, 64))
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  return start.startsWith("[") || start.startsWith("{") ? "json" : "csv";
}

/** The compound-document signature of .xls (Excel 97–2003). */
function isOldExcel(bytes: Uint8Array): boolean {
  return [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => bytes[i] === b);
}

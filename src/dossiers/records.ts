import { z } from "zod";
import { IsoDate } from "../catalogue/schema.js";
import { codeKey, isCodeKey } from "./code.js";
import { CsvFormatError, parseCsv } from "./csv.js";
import { type Hasher, lastFourDigits, maskName } from "./privacy.js";
import type { DossierRecord, DossierStatus } from "./schema.js";

/** The columns of the one-stop system's export. */
export const COLUMNS = [
  "code",
  "procedure_code",
  "applicant_name",
  "phone",
  "received_at",
  "due_at",
  "status",
  "status_note",
  "office",
] as const;
export type Column = (typeof COLUMNS)[number];
const REQUIRED = ["code", "procedure_code", "phone", "received_at", "status"] as const satisfies readonly Column[];

/** What staff call each column (the guide's labels, and the headers one-stop systems export). */
export const COLUMN_LABELS: Record<Column, string> = {
  code: "Mã hồ sơ",
  procedure_code: "Mã thủ tục",
  applicant_name: "Họ tên người nộp",
  phone: "Số điện thoại",
  received_at: "Ngày tiếp nhận",
  due_at: "Ngày hẹn trả",
  status: "Trạng thái",
  status_note: "Ghi chú",
  office: "Nơi trả kết quả",
};

/** Other headers accepted for each column, folded (no diacritics, lower case, single spaces). */
const ALIASES: Record<Column, string[]> = {
  code: ["ma ho so", "so ho so", "ma hs", "so bien nhan", "ma bien nhan"],
  procedure_code: ["ma thu tuc", "ma tthc", "ma thu tuc hanh chinh"],
  applicant_name: [
    "ho ten",
    "ho va ten",
    "ho ten nguoi nop",
    "nguoi nop",
    "ten nguoi nop",
    "chu ho so",
    "to chuc ca nhan",
  ],
  phone: ["so dien thoai", "dien thoai", "sdt", "so dt"],
  received_at: ["ngay tiep nhan", "ngay nhan", "ngay nop"],
  due_at: ["ngay hen tra", "ngay hen tra ket qua", "ngay hen", "hen tra"],
  status: ["trang thai", "ma trang thai", "tinh trang"],
  status_note: ["ghi chu", "ly do", "noi dung", "ghi chu trang thai"],
  office: ["noi tra ket qua", "ma noi tra", "noi tra"],
};

/** A label as compared: no diacritics (đ → d), lower case, punctuation runs as single spaces. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[\s_.\-:]+/g, " ")
    .trim();
}

const BY_HEADER = new Map<string, Column>(
  COLUMNS.flatMap((c) => [
    [fold(c), c] as const,
    [fold(COLUMN_LABELS[c]), c] as const,
    ...ALIASES[c].map((a) => [a, c] as const),
  ]),
);

/** The column a header names, in English, with the guide's label, or as the one-stop systems write it. */
export function columnOf(header: string): Column | undefined {
  return BY_HEADER.get(fold(header));
}

/** Where a row came from: a line of a CSV file (a row of a sheet), or the n-th record of a JSON array. */
export type RowPlace = { line: number } | { record: number };
export interface RawRow {
  at: RowPlace;
  fields: Record<string, unknown>;
}
export interface RejectedRow {
  at: RowPlace;
  /** The dossier code as written in the row, when it has one: staff find the row by it. */
  code?: string;
  reason: string;
}

/** Empty cells count as missing, as exports leave optional columns blank. */
const blankToUndefined = (v: unknown) =>
  v === null || (typeof v === "string" && v.trim() === "") ? undefined : typeof v === "string" ? v.trim() : v;

/** U+FFFD is what a wrong decoding left behind: such text is refused, never stored garbled. */
const NOT_GARBLED = {
  check: (s: string) => !s.includes("\uFFFD"),
  message:
    "có ký tự lỗi «�» (tệp đã bị đổi bảng mã sai ở đâu đó); hãy xuất lại tệp | " +
    "holds the replacement character «�» (a wrong encoding somewhere); export the file again",
};

const Text = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(max, { message: `dài quá ${max} ký tự | longer than ${max} characters` })
      .refine(NOT_GARBLED.check, { message: NOT_GARBLED.message })
      .optional(),
  );

/**
 * YYYY-MM-DD, or day first as written in Vietnam: DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY (a time after
 * the date is ignored) → YYYY-MM-DD. A Date (a JSON body built in code) counts by its UTC date.
 */
const DateField = z.preprocess((v) => {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "?" : v.toISOString().slice(0, 10);
  const s = blankToUndefined(v);
  if (typeof s !== "string") return s;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T].*)?$/.exec(s);
  if (dmy) return `${dmy[3]}-${dmy[2]?.padStart(2, "0")}-${dmy[1]?.padStart(2, "0")}`;
  const ymd = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?$/.exec(s);
  return ymd ? `${ymd[1]}-${ymd[2]?.padStart(2, "0")}-${ymd[3]?.padStart(2, "0")}` : s;
}, z.string({ message: "thiếu ngày | date missing" }).pipe(IsoDate).optional());

/** Status names as one-stop systems print them, folded, for exports that carry the name, not the number. */
const STATUS_NAMES = new Map<string, DossierStatus>([
  ["moi dang ky", 1],
  ["moi", 1],
  ["duoc tiep nhan", 2],
  ["da tiep nhan", 2],
  ["tiep nhan", 2],
  ["khong duoc tiep nhan", 3],
  ["tu choi tiep nhan", 3],
  ["dang xu ly", 4],
  ["dang giai quyet", 4],
  ["yeu cau bo sung giay to", 5],
  ["yeu cau bo sung", 5],
  ["bo sung ho so", 5],
  ["yeu cau thuc hien nghia vu tai chinh", 6],
  ["nghia vu tai chinh", 6],
  ["cong dan yeu cau rut ho so", 7],
  ["rut ho so", 7],
  ["dung xu ly", 8],
  ["da xu ly xong", 9],
  ["cho tra ket qua", 9],
  ["da tra ket qua", 10],
]);

const STATUS_MESSAGE = "trạng thái phải là số 1–10 (hoặc tên trạng thái) | status must be a number 1–10";

export const ImportRow = z.object({
  code: z.preprocess(
    blankToUndefined,
    z
      .string({ message: "thiếu mã hồ sơ | code missing" })
      .refine((c) => isCodeKey(codeKey(c)), { message: "mã hồ sơ không hợp lệ | invalid dossier code" }),
  ),
  procedure_code: z.preprocess(
    blankToUndefined,
    z
      .string({ message: "thiếu mã thủ tục | procedure code missing" })
      .max(40, { message: "mã thủ tục quá dài | too long" }),
  ),
  applicant_name: Text(200).refine((name) => !name || !/\p{L}\?/u.test(name), {
    // Excel's plain "CSV" on an English Windows keeps "Nguy?n": all ASCII, so it even reads as UTF-8.
    message:
      "họ tên có dấu «?» thay cho chữ có dấu (tệp được lưu bằng bảng mã ANSI); hãy lưu lại bằng «CSV UTF-8» hoặc nhập tệp .xlsx | " +
      'the name has "?" for Vietnamese letters (saved in an ANSI code page); save as «CSV UTF-8» or import the .xlsx',
  }),
  phone: z.preprocess(
    (v) => (typeof v === "number" ? String(v) : blankToUndefined(v)),
    z
      .string({ message: "thiếu số điện thoại | phone missing" })
      // Excel shows a long number as 9.12E+08 and writes it so into a CSV: the digits are gone.
      .refine((p) => !/\d[.,]?\d*E\+?\d+$/i.test(p), {
        message:
          "số điện thoại đã bị Excel đổi thành dạng số mũ (ví dụ 9.12E+08), mất các chữ số cuối; hãy định dạng cột là Văn bản (Text) rồi xuất lại | " +
          "Excel turned the phone number into 9.12E+08 and lost its digits; format the column as Text and export again",
        abort: true,
      })
      .refine((p) => lastFourDigits(p) !== undefined, {
        message: "số điện thoại cần ít nhất 4 chữ số | phone needs at least 4 digits",
      }),
  ),
  received_at: DateField.refine((d) => d !== undefined, { message: "thiếu ngày tiếp nhận | received_at missing" }),
  due_at: DateField,
  status: z.preprocess(
    (v) => {
      if (typeof v === "string" && /^\s*\d+\s*$/.test(v)) return Number(v);
      if (typeof v === "string")
        return STATUS_NAMES.get(fold(v.replace(/^\s*\d+\s*[-–.:)]\s*/, ""))) ?? blankToUndefined(v);
      return blankToUndefined(v);
    },
    z
      .number({ message: STATUS_MESSAGE })
      .int({ message: STATUS_MESSAGE })
      .min(1, { message: STATUS_MESSAGE })
      .max(10, { message: STATUS_MESSAGE }),
  ),
  status_note: Text(2000),
  office: Text(100),
});
export type ImportRow = z.infer<typeof ImportRow>;

export type ParsedFile = { ok: true; rows: RawRow[]; notes: string[] } | { ok: false; error: string };

/** Rows of a CSV or JSON export (JSON: an array, or `{ dossiers: [...] }` / `{ records: [...] }`). */
export function readExport(text: string, format: "csv" | "json"): ParsedFile {
  return format === "json" ? readJson(text) : readCsv(text);
}

function readCsv(text: string): ParsedFile {
  try {
    return rowsOfTable(parseCsv(text));
  } catch (err) {
    if (err instanceof CsvFormatError) return { ok: false, error: err.message };
    throw err;
  }
}

/** Exports often carry a title ("DANH SÁCH HỒ SƠ…") and blank lines above the header: it is looked for this far. */
const HEADER_SEARCH_ROWS = 10;

/** The header row: the first of the top rows that names every required column. */
export function findHeader(rows: readonly { values: readonly string[] }[]): number {
  return rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => {
    const columns = new Set(r.values.map(columnOf));
    return REQUIRED.every((c) => columns.has(c));
  });
}

/** Rows of a table (CSV lines or a sheet's rows): the header names the columns, the rows below are records. */
export function rowsOfTable(table: readonly { line: number; values: readonly string[] }[]): ParsedFile {
  if (table.length === 0) return { ok: false, error: "tệp rỗng | empty file" };
  const index = findHeader(table);
  if (index === -1) {
    // Name what the first row lacks: that is where staff look.
    const first = table[0] as (typeof table)[number];
    const columns = new Set(first.values.map(columnOf));
    const missing = REQUIRED.filter((c) => !columns.has(c));
    const names = missing.map((c) => `${c} (${COLUMN_LABELS[c]})`).join(", ");
    return {
      ok: false,
      error: `dòng ${first.line}: thiếu cột ${names} | line ${first.line}: missing columns ${missing.join(", ")}`,
    };
  }
  const head = table[index] as (typeof table)[number];
  const columns = head.values.map(columnOf);
  const notes: string[] = [];
  const seen = new Map<Column, number>();
  for (const [i, c] of columns.entries()) {
    if (!c) continue;
    if (seen.has(c)) {
      return {
        ok: false,
        error:
          `dòng ${head.line}: cột ${c} (${COLUMN_LABELS[c]}) có hai lần (cột ${excelColumn((seen.get(c) ?? 0) + 1)} và ${excelColumn(i + 1)}) | ` +
          `line ${head.line}: column ${c} appears twice`,
      };
    }
    seen.set(c, i);
  }
  const ignored = head.values.filter((v, i) => v.trim() !== "" && !columns[i]);
  if (ignored.length > 0) {
    notes.push(`Bỏ qua các cột không dùng | Columns not used: ${ignored.map((v) => v.trim()).join(", ")}`);
  }
  if (index > 0) notes.push(`Dòng tiêu đề cột là dòng ${head.line} | The header is on line ${head.line}`);
  return {
    ok: true,
    notes,
    rows: table.slice(index + 1).map((row) => ({
      at: { line: row.line },
      fields: Object.fromEntries(columns.flatMap((c, i) => (c ? [[c, row.values[i]]] : []))),
    })),
  };
}

/** 1 → A, 27 → AA: the column letters staff see in Excel. */
function excelColumn(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function readJson(text: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    return { ok: false, error: `JSON không hợp lệ | invalid JSON: ${(err as Error).message}` };
  }
  return rowsOfJson(value);
}

/** Rows of an already parsed JSON body (the HTTP API). Keys may be any header `columnOf` knows. */
export function rowsOfJson(value: unknown): ParsedFile {
  const list = Array.isArray(value)
    ? value
    : typeof value === "object" && value !== null
      ? ((value as Record<string, unknown>).dossiers ?? (value as Record<string, unknown>).records)
      : undefined;
  if (!Array.isArray(list)) {
    return { ok: false, error: "cần một mảng hồ sơ | expected an array of dossiers (or { dossiers: [...] })" };
  }
  return {
    ok: true,
    notes: [],
    rows: list.map((fields, i) => ({
      at: { record: i + 1 },
      fields:
        typeof fields === "object" && fields !== null
          ? Object.fromEntries(
              Object.entries(fields as Record<string, unknown>).map(([k, v]) => [columnOf(k) ?? k, v] as const),
            )
          : {},
    })),
  };
}

/** A row that passed validation, its personal data already reduced (name masked, phone cut to 4 digits). */
export interface ValidRow {
  at: RowPlace;
  /** As printed on the slip (spaces removed). */
  code: string;
  /** Lookup key (code.ts). */
  key: string;
  procedureCode: string;
  /** Masked: "Nguyễn V. A.". */
  applicant?: string;
  /** Last 4 digits of the phone: only the keyed hash of them is stored. Not for display. */
  phoneLast4: string;
  receivedAt: string;
  dueAt?: string;
  status: DossierStatus;
  statusNote?: string;
  office?: string;
  /** The ward (src/dossiers/wards.ts), set by the preview when the deployment knows its wards. */
  ward?: string;
}

/** Checks one row; a bad one is reported with its place, its code and the first problem. */
export function validateRow(row: RawRow): { row: ValidRow } | { error: RejectedRow } {
  const parsed = ImportRow.safeParse(row.fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "?";
    const raw = row.fields.code;
    const code = typeof raw === "string" && raw.trim() !== "" ? raw.trim().slice(0, 80) : undefined;
    return {
      error: {
        at: row.at,
        ...(code ? { code } : {}),
        reason: `${field}: ${issue?.message ?? "không hợp lệ | invalid"}`,
      },
    };
  }
  const r = parsed.data;
  return {
    row: {
      at: row.at,
      code: r.code.replace(/\s+/g, ""),
      key: codeKey(r.code),
      procedureCode: r.procedure_code,
      applicant: r.applicant_name ? maskName(r.applicant_name) : undefined,
      phoneLast4: lastFourDigits(r.phone) as string,
      receivedAt: r.received_at as string,
      dueAt: r.due_at,
      status: r.status,
      statusNote: r.status_note,
      office: r.office,
    },
  };
}

/** The stored form of a checked row: the phone digits become a keyed hash bound to the code. */
export function recordOf(row: ValidRow, hasher: Hasher): DossierRecord {
  return {
    key: row.key,
    code: row.code,
    procedureCode: row.procedureCode,
    applicant: row.applicant,
    phoneHash: hasher.phone(row.key, row.phoneLast4),
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    status: row.status,
    statusNote: row.statusNote,
    office: row.office,
    ward: row.ward,
  };
}

/** Validates a row and reduces its personal data: the phone becomes a keyed hash, the name a masked one. */
export function toRecord(row: RawRow, hasher: Hasher): { record: DossierRecord } | { error: RejectedRow } {
  const result = validateRow(row);
  return "error" in result ? result : { record: recordOf(result.row, hasher) };
}

/** "dòng 5 | line 5" or "bản ghi 3 | record 3". */
export function describePlace(at: RowPlace): string {
  return "line" in at ? `dòng ${at.line} | line ${at.line}` : `bản ghi ${at.record} | record ${at.record}`;
}

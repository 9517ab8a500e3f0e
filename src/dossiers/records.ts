import { z } from "zod";
import { IsoDate } from "../catalogue/schema.js";
import { codeKey, isCodeKey } from "./code.js";
import { parseCsv } from "./csv.js";
import { type Hasher, lastFourDigits, maskName } from "./privacy.js";
import type { DossierRecord } from "./schema.js";

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
const REQUIRED = ["code", "procedure_code", "phone", "received_at", "status"] as const;

/** Where a row came from: a line of a CSV file, or the n-th record of a JSON array. */
export type RowPlace = { line: number } | { record: number };
export interface RawRow {
  at: RowPlace;
  fields: Record<string, unknown>;
}
export interface RejectedRow {
  at: RowPlace;
  reason: string;
}

/** Empty cells count as missing, as exports leave optional columns blank. */
const blankToUndefined = (v: unknown) =>
  v === null || (typeof v === "string" && v.trim() === "") ? undefined : typeof v === "string" ? v.trim() : v;

const Text = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(max, { message: `dài quá ${max} ký tự | longer than ${max} characters` })
      .optional(),
  );

/** YYYY-MM-DD or DD/MM/YYYY (a time after the date is ignored) → YYYY-MM-DD. */
const DateField = z.preprocess((v) => {
  const s = blankToUndefined(v);
  if (typeof s !== "string") return s;
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T].*)?$/.exec(s);
  if (dmy) return `${dmy[3]}-${dmy[2]?.padStart(2, "0")}-${dmy[1]?.padStart(2, "0")}`;
  const ymd = /^(\d{4}-\d{2}-\d{2})(?:[ T].*)?$/.exec(s);
  return ymd ? ymd[1] : s;
}, z.string({ message: "thiếu ngày | date missing" }).pipe(IsoDate).optional());

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
  applicant_name: Text(200),
  phone: z.preprocess(
    (v) => (typeof v === "number" ? String(v) : blankToUndefined(v)),
    z.string({ message: "thiếu số điện thoại | phone missing" }).refine((p) => lastFourDigits(p) !== undefined, {
      message: "số điện thoại cần ít nhất 4 chữ số | phone needs at least 4 digits",
    }),
  ),
  received_at: DateField.refine((d) => d !== undefined, { message: "thiếu ngày tiếp nhận | received_at missing" }),
  due_at: DateField,
  status: z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : blankToUndefined(v)),
    z
      .number({ message: "trạng thái phải là số 1–10 | status must be a number 1–10" })
      .int({ message: "trạng thái phải là số 1–10 | status must be a number 1–10" })
      .min(1, { message: "trạng thái phải là số 1–10 | status must be a number 1–10" })
      .max(10, { message: "trạng thái phải là số 1–10 | status must be a number 1–10" }),
  ),
  status_note: Text(2000),
  office: Text(100),
});
export type ImportRow = z.infer<typeof ImportRow>;

export type ParsedFile = { ok: true; rows: RawRow[] } | { ok: false; error: string };

/** Rows of a CSV or JSON export (JSON: an array, or `{ dossiers: [...] }` / `{ records: [...] }`). */
export function readExport(text: string, format: "csv" | "json"): ParsedFile {
  return format === "json" ? readJson(text) : readCsv(text);
}

function readCsv(text: string): ParsedFile {
  const [head, ...body] = parseCsv(text);
  if (!head) return { ok: false, error: "tệp rỗng | empty file" };
  const names = head.values.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    return {
      ok: false,
      error: `dòng 1: thiếu cột ${missing.join(", ")} | line 1: missing columns ${missing.join(", ")}`,
    };
  }
  return {
    ok: true,
    rows: body.map((row) => ({
      at: { line: row.line },
      fields: Object.fromEntries(names.map((n, i) => [n, row.values[i]])),
    })),
  };
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

/** Rows of an already parsed JSON body (the HTTP API). */
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
    rows: list.map((fields, i) => ({
      at: { record: i + 1 },
      fields: typeof fields === "object" && fields !== null ? (fields as Record<string, unknown>) : {},
    })),
  };
}

/** Validates a row and reduces its personal data: the phone becomes a keyed hash, the name a masked one. */
export function toRecord(row: RawRow, hasher: Hasher): { record: DossierRecord } | { error: RejectedRow } {
  const parsed = ImportRow.safeParse(row.fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "?";
    return { error: { at: row.at, reason: `${field}: ${issue?.message ?? "không hợp lệ | invalid"}` } };
  }
  const r = parsed.data;
  const key = codeKey(r.code);
  return {
    record: {
      key,
      code: r.code.replace(/\s+/g, ""),
      procedureCode: r.procedure_code,
      applicant: r.applicant_name ? maskName(r.applicant_name) : undefined,
      phoneHash: hasher.phone(key, lastFourDigits(r.phone) as string),
      receivedAt: r.received_at as string,
      dueAt: r.due_at,
      status: r.status,
      statusNote: r.status_note,
      office: r.office,
    },
  };
}

/** "dòng 5 | line 5" or "bản ghi 3 | record 3". */
export function describePlace(at: RowPlace): string {
  return "line" in at ? `dòng ${at.line} | line ${at.line}` : `bản ghi ${at.record} | record ${at.record}`;
}

import ExcelJS from "exceljs";

/** A row of a sheet: its row number in Excel and each cell as text, numbers and dates made readable. */
export interface SheetRow {
  line: number;
  values: string[];
}

export type ReadSheet =
  | { ok: true; sheet: string; rows: SheetRow[]; otherSheets: string[] }
  | { ok: false; error: string };

/**
 * The rows of the first visible worksheet of an .xlsx workbook in which `isTable` recognises the
 * export (its header row), as the one-stop systems export it; other sheets (a summary,
 * instructions) are left alone. Without such a sheet, the first one (its problems get reported).
 */
export async function readXlsx(bytes: Uint8Array, isTable: (rows: SheetRow[]) => boolean): Promise<ReadSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return {
      ok: false,
      error:
        "Không mở được tệp Excel (.xlsx): tệp hỏng, có mật khẩu, hoặc là tệp .xls cũ — hãy lưu lại thành .xlsx | " +
        "Cannot open the workbook: damaged, password-protected, or an old .xls file (save it as .xlsx).",
    };
  }
  const sheets = workbook.worksheets
    .filter((s) => s.state !== "hidden" && s.state !== "veryHidden")
    .map((s) => ({ name: s.name, rows: sheetRows(s) }));
  const sheet = sheets.find((s) => isTable(s.rows)) ?? sheets[0];
  if (!sheet) return { ok: false, error: "Tệp Excel không có trang tính nào | The workbook has no sheet." };
  return {
    ok: true,
    sheet: sheet.name,
    rows: sheet.rows,
    otherSheets: sheets.filter((s) => s !== sheet).map((s) => s.name),
  };
}

function sheetRows(sheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = rowValues(row);
    if (values.some((v) => v.trim() !== "")) rows.push({ line, values });
  });
  return rows;
}

function rowValues(row: ExcelJS.Row): string[] {
  const out: string[] = [];
  for (let c = 1; c <= row.cellCount; c++) out.push(cellText(row.getCell(c).value));
  return out;
}

/** A cell's value as the text an export would hold: dates as YYYY-MM-DD, formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return isoDate(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "string" || typeof value === "boolean") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  }
  if ("hyperlink" in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? "");
  if ("error" in value) return String((value as ExcelJS.CellErrorValue).error);
  return "";
}

/**
 * Excel keeps dates as serial days and exceljs hands them out as the same wall-clock date at UTC
 * midnight, so the UTC fields are the date typed in the cell (never shifted by the time zone).
 */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

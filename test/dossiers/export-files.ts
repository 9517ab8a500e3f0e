import ExcelJS from "exceljs";
import iconv from "iconv-lite";

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;

/**
 * Text as Excel's "CSV (Comma delimited)" writes it on a Vietnamese Windows: code page 1258, where
 * a letter with a tone mark is its base letter (â, ơ, ư… are single bytes) followed by the mark as
 * a combining byte ("ễ" = "ê" + U+0303).
 */
export function windows1258(text: string): Buffer {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const parts = ch.normalize("NFD");
    const tone = TONE.exec(parts)?.[0];
    out += tone ? parts.replace(TONE, "").normalize("NFC") + tone : ch;
  }
  return iconv.encode(out, "windows1258");
}

/** Text as Excel writes it on an English Windows (code page 1252): letters it cannot hold become "?". */
export function windows1252(text: string): Buffer {
  return iconv.encode(text.normalize("NFC"), "windows1252");
}

/** Excel's "Unicode Text": UTF-16 little-endian with a BOM. */
export function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]);
}

export function utf16be(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf-16be")]);
}

/** An .xlsx workbook with these sheets, each a list of rows of cell values (exceljs writes it as Excel would). */
export async function workbook(sheets: Record<string, ExcelJS.CellValue[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Reads an .xlsx back: each sheet's rows as plain values (formulas by their result, dates as Date). */
export async function readWorkbook(bytes: Uint8Array): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  const out: Record<string, unknown[][]> = {};
  for (const sheet of book.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(
        values.map((v) => (v && typeof v === "object" && "result" in v ? (v as { result: unknown }).result : v)),
      );
    });
    out[sheet.name] = rows;
  }
  return out;
}

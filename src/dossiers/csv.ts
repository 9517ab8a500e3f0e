export interface CsvRow {
  /** Line of the file where the row starts (1 = the header). */
  line: number;
  values: string[];
}

/**
 * RFC 4180 CSV: quoted fields with doubled quotes and line breaks, CRLF or LF, a leading BOM.
 * The delimiter (",", ";" as Excel writes in Vietnamese locales, or tab) is read off the header.
 */
export function parseCsv(text: string): CsvRow[] {
  const src = text.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(src);
  const rows: CsvRow[] = [];
  let values: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endField = () => {
    values.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    if (values.length > 1 || values[0] !== "") rows.push({ line: rowLine, values });
    values = [];
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) endField();
    else if (c === "\n" || c === "\r") {
      endRow();
      if (c === "\r" && src[i + 1] === "\n") i++;
      line++;
      rowLine = line;
    } else field += c;
    i++;
  }
  if (field !== "" || values.length > 0) endRow();
  return rows;
}

function detectDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const header = end === -1 ? text : text.slice(0, end);
  const counts = [",", ";", "\t"].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** Quotes a value for a CSV file when it needs it. */
export function csvField(value: string | number | undefined): string {
  const text = value === undefined ? "" : String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

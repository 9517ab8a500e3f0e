/**
 * Checks on the raw text of a data file that JSON.parse cannot make: it reads `20.000` as 20
 * and stops at the first Word-style quote with a bare "position". Staff paste from Word and
 * write thousands with a dot, so both get their own message with a line and column.
 */

export interface TextIssue {
  line: number;
  column: number;
  message: string;
}

const SMART_QUOTES = /[\u201C\u201D\u201E\u201F\u2018\u2019\u00AB\u00BB]/;

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

/** Numbers written with a dot as thousands separator (20.000, 1.500.000) outside strings. */
export function dottedThousands(text: string): TextIssue[] {
  const issues: TextIssue[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (c !== undefined && c >= "0" && c <= "9" && !/[\d.\w-]/.test(text[i - 1] ?? "")) {
      const match = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 40));
      const literal = match?.[0] ?? "";
      if (/^\d{1,3}(\.\d{3})+$/.test(literal)) {
        const { line, column } = lineColumn(text, i);
        const whole = literal.replaceAll(".", "");
        issues.push({
          line,
          column,
          message: `số ${literal} ở dòng ${line}, cột ${column} sẽ được đọc là ${Number(literal)}, không phải ${whole}: viết ${whole} (không dấu chấm) | ${literal} at line ${line}, column ${column} reads as ${Number(literal)}; write ${whole}`,
        });
      }
      i += Math.max(literal.length - 1, 0);
    }
  }
  return issues;
}

/** A parse error told in staff terms; a Word quote near the error gets named as such. */
export function jsonErrorMessage(text: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  const quote = findSmartQuote(text, pos ? Number(pos[1]) : undefined);
  if (quote !== undefined) {
    const { line, column } = lineColumn(text, quote);
    return `dấu nháy kiểu Word (${text[quote]}) ở dòng ${line}, cột ${column}: tên trường và lời văn phải đặt trong dấu nháy thẳng ("), hãy gõ lại dấu nháy | a curly quote at line ${line}, column ${column}: JSON needs straight quotes (")`;
  }
  if (!pos) return `tệp JSON không hợp lệ | invalid JSON: ${msg}`;
  const { line, column } = lineColumn(text, Number(pos[1]));
  return `tệp JSON không hợp lệ ở dòng ${line}, cột ${column} (thiếu dấu phẩy, ngoặc hoặc nháy?) | invalid JSON at line ${line}, column ${column}`;
}

/** The curly quote that broke parsing: at the error position, else the first one outside a string. */
function findSmartQuote(text: string, position: number | undefined): number | undefined {
  if (position !== undefined && SMART_QUOTES.test(text[position] ?? "")) return position;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (SMART_QUOTES.test(c)) return i;
  }
  return undefined;
}

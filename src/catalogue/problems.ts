import type { z } from "zod";

/** One thing wrong in a data file, told so a staff member can find and fix it. */
export interface Problem {
  file: string;
  /** The procedure code (or office id) of the record, when there is one. */
  record?: string;
  /** Field path inside the record, e.g. `channels[0].fee.amountVnd`. */
  path: string;
  /** Vietnamese first, English after, separated by " | ". */
  message: string;
  /** The same place in the words of the staff guide, e.g. "cách thực hiện 1 (channels) › lệ phí (fee)". */
  label?: string;
  /** A warning is reported but does not refuse the catalogue (e.g. sample office data left in place). */
  severity?: "warning";
}

/** Words that mark the sample office data shipped with the bot; a ward must replace it before go-live. */
export const PLACEHOLDER = /hãy ghi|hãy sửa|dữ liệu mẫu|example\.|xxx/i;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "(toàn bộ bản ghi | whole record)";
}

const TYPE_VI: Record<string, string> = {
  string: "chuỗi văn bản",
  number: "số",
  array: "danh sách",
  object: "đối tượng",
  boolean: "đúng/sai",
};

/** Zod's messages are English only; staff read Vietnamese first. Our own messages are already bilingual. */
export function describeIssue(issue: z.core.$ZodIssue, key?: string): string {
  if (issue.message.includes(" | ")) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      // Needs safeParse(..., { reportInput: true }): without the input every wrong type would read as missing.
      return issue.input === undefined
        ? "thiếu trường bắt buộc | required field is missing"
        : `sai kiểu dữ liệu: đang là ${typeVi(issue.input)}, cần ${TYPE_VI[issue.expected] ?? issue.expected} | wrong type: ${typeEn(issue.input)}, expected ${issue.expected}`;
    case "invalid_union":
      return `sai kiểu dữ liệu: đang là ${typeVi(issue.input)}, cần một chuỗi văn bản hoặc một đối tượng theo mẫu trong hướng dẫn | wrong type: ${typeEn(issue.input)}`;
    case "unrecognized_keys":
      return `trường không được phép: ${key ?? issue.keys.join(", ")} (kiểm tra chính tả) | unknown field: ${key ?? issue.keys.join(", ")}`;
    case "invalid_value":
      return `giá trị không hợp lệ, chỉ được: ${issue.values.join(", ")} | invalid value, expected one of: ${issue.values.join(", ")}`;
    case "too_small":
      return `giá trị quá nhỏ hoặc quá ngắn (tối thiểu ${String(issue.minimum)}) | too small (minimum ${String(issue.minimum)})`;
    case "invalid_format":
      return `sai định dạng (${issue.format}) | invalid format (${issue.format})`;
    default:
      return `giá trị không hợp lệ | ${issue.message}`;
  }
}

function typeEn(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  return typeof input;
}

function typeVi(input: unknown): string {
  if (input === null) return "null (trống)";
  const en = typeEn(input);
  return `${TYPE_VI[en] ?? en}${typeof input === "string" || typeof input === "number" ? ` ${JSON.stringify(input).slice(0, 40)}` : ""}`;
}

export function formatProblem(p: Problem): string {
  const at = p.label ?? p.path;
  const where = p.record ? `${p.file} · ${p.record} · ${at}` : `${p.file} · ${at}`;
  return `${p.severity === "warning" ? "[cảnh báo | warning] " : ""}${where}: ${p.message}`;
}

/** Errors first (they refuse the catalogue), then warnings. */
export function formatReport(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity !== "warning");
  const warnings = problems.filter((p) => p.severity === "warning");
  const lines: string[] = [];
  if (errors.length > 0) {
    lines.push(`Dữ liệu có ${errors.length} lỗi | The data has ${errors.length} error(s):`);
    lines.push(...errors.map((p) => `  - ${formatProblem(p)}`));
  }
  if (warnings.length > 0) {
    lines.push(`${warnings.length} cảnh báo (chưa chặn dữ liệu, nhưng cần sửa) | ${warnings.length} warning(s):`);
    lines.push(...warnings.map((p) => `  - ${formatProblem(p)}`));
  }
  return lines.join("\n");
}

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
}

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
      return issue.input === undefined
        ? "thiếu trường bắt buộc | required field is missing"
        : `sai kiểu dữ liệu, cần ${TYPE_VI[issue.expected] ?? issue.expected} | expected ${issue.expected}`;
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

export function formatProblem(p: Problem): string {
  const where = p.record ? `${p.file} · ${p.record} · ${p.path}` : `${p.file} · ${p.path}`;
  return `${where}: ${p.message}`;
}

export function formatReport(problems: readonly Problem[]): string {
  const head = `Dữ liệu có ${problems.length} lỗi | The data has ${problems.length} problem(s):`;
  return [head, ...problems.map((p) => `  - ${formatProblem(p)}`)].join("\n");
}

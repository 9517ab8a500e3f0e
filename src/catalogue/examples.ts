import { z } from "zod";
import { describeIssue, type Problem } from "./problems.js";
import type { ProvinceData } from "./province.js";
import { IsoDate, ProcedureCode } from "./schema.js";

/**
 * data/examples.json: citizen phrasings ("câu mẫu") labelled with the procedure that answers them,
 * or "none" for what the ward does not handle. Generated from the labelled eval messages and added
 * to by staff from the console's unanswered questions; the search learns from them (src/search/examples.ts).
 */
export const EXAMPLES_FILE = "examples.json";

/** The label of a message that is no procedure of the ward (another agency's service, small talk). */
export const NOT_A_PROCEDURE = "none";

/** Every label staff add says so in its source: "nhân viên lan.nt, 2026-12-02". */
export const STAFF_SOURCE_PREFIX = "nhân viên ";

/** Whether an example is a staff label (from the console), whose word on its message wins over the others'. */
export function isStaffExample(example: Pick<Example, "source">): boolean {
  return example.source.startsWith(STAFF_SOURCE_PREFIX);
}

/** The sections a message may ask for; the same list as src/search/intent.ts (a test keeps them equal). */
export const EXAMPLE_INTENTS = [
  "documents",
  "fee",
  "time",
  "place",
  "steps",
  "online",
  "conditions",
  "general",
] as const;

const EXAMPLE_TEXT_MAX = 1000;

/** A message kept as staff and citizens write it, in NFC so the same words are the same string. */
const ExampleText = z
  .string()
  .transform((s) => s.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(1, { message: "câu không được để trống | the text must not be empty" })
      .max(EXAMPLE_TEXT_MAX, {
        message: `câu dài quá ${EXAMPLE_TEXT_MAX} ký tự | the text is longer than ${EXAMPLE_TEXT_MAX} characters`,
      }),
  );

const ExampleCode = z.string().refine((s) => s === NOT_A_PROCEDURE || ProcedureCode.safeParse(s).success, {
  message: `mã thủ tục phải có dạng 1.001193, hoặc "${NOT_A_PROCEDURE}" khi không phải thủ tục của phường | code must look like 1.001193, or "${NOT_A_PROCEDURE}"`,
});

export const Example = z.strictObject({
  text: ExampleText,
  /** A procedure code of the catalogue, or "none". */
  code: ExampleCode,
  /** Which section the message asks for, when it asks for one. */
  intent: z.enum(EXAMPLE_INTENTS).optional(),
  /** Where the phrasing comes from: "eval/tuning.tsv m0001", "nhân viên nv01, 2026-12-02". */
  source: z.string().trim().min(1, { message: "cần ghi nguồn | the source is required" }),
  /** The day it was added (staff labels carry it). */
  added: IsoDate.optional(),
});

export const ExamplesFile = z.strictObject({
  examples: z.array(Example),
});

export type Example = z.infer<typeof Example>;
export type ExamplesFile = z.infer<typeof ExamplesFile>;

/** The names staff read for each field, as the other files' problems give them. */
const EXAMPLE_FIELD_LABELS: Record<string, string> = {
  text: "câu (text)",
  code: "mã thủ tục (code)",
  intent: "loại câu hỏi (intent)",
  source: "nguồn (source)",
  added: "ngày thêm (added)",
};

/** The intents in staff's words (the console's choice, the problems' list). */
export const EXAMPLE_INTENT_WORDS: Record<(typeof EXAMPLE_INTENTS)[number], string> = {
  documents: "giấy tờ",
  fee: "lệ phí",
  time: "thời hạn",
  place: "nơi nộp",
  steps: "các bước",
  online: "nộp trực tuyến",
  conditions: "điều kiện",
  general: "chung",
};

export interface ExamplesCheck {
  /** The entries, when the file has no error (warnings allowed). */
  examples?: Example[];
  problems: Problem[];
  warnings: Problem[];
}

/**
 * Checks the parsed content of examples.json: its shape, then that every code is a procedure of
 * the catalogue (`knownCodes`). Errors refuse the file (and with it the catalogue's reload); the
 * same text twice is only a warning. Used by the catalogue loader and by the staff console before
 * it writes, so both refuse the same things with the same words.
 */
export function checkExamples(raw: unknown, knownCodes: ReadonlySet<string>, file = EXAMPLES_FILE): ExamplesCheck {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const parsed = ExamplesFile.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
      for (const key of keys) problems.push(issueProblem(file, raw, issue, key));
    }
    return { problems, warnings };
  }
  const examples = parsed.data.examples;
  const firstSeen = new Map<string, number>();
  examples.forEach((example, i) => {
    if (example.code !== NOT_A_PROCEDURE && !knownCodes.has(example.code)) {
      problems.push({
        file,
        record: entryName(i, example.text),
        path: `examples[${i}].code`,
        label: EXAMPLE_FIELD_LABELS.code,
        message: `mã thủ tục ${example.code} không có trong danh mục | procedure ${example.code} is not in the catalogue`,
      });
    }
    const key = sameTextKey(example.text);
    const first = firstSeen.get(key);
    if (first === undefined) {
      firstSeen.set(key, i);
      return;
    }
    const twin = examples[first] as Example;
    warnings.push({
      file,
      record: entryName(i, example.text),
      path: `examples[${i}].text`,
      label: EXAMPLE_FIELD_LABELS.text,
      message:
        twin.code === example.code
          ? `trùng với câu mẫu số ${first + 1} (xoá một trong hai) | the same text as example ${first + 1}`
          : `cùng câu với câu mẫu số ${first + 1} nhưng gán thủ tục khác (${codeWords(twin.code)} và ${codeWords(example.code)}): ${
              isStaffExample(twin) === isStaffExample(example)
                ? `bot không dùng cả hai, hãy giữ một | the same text as example ${first + 1} with another code: neither is used`
                : `bot dùng nhãn của cán bộ | the same text as example ${first + 1} with another code: staff's label is used`
            }`,
      severity: "warning",
    });
  });
  return problems.length > 0 ? { problems, warnings } : { examples, problems, warnings };
}

/**
 * Every procedure code a label may name: the shared catalogue's (`shared`) and those the province
 * or a ward adds in its overlay.
 */
export function labelCodes(shared: Iterable<string>, province: ProvinceData | undefined): Set<string> {
  const codes = new Set(shared);
  for (const p of province?.provinceOverlay.procedures ?? []) codes.add(p.code);
  for (const overlay of province?.wardOverlays.values() ?? []) for (const p of overlay.procedures) codes.add(p.code);
  return codes;
}

/**
 * Two texts count as the same when they differ only in case, spacing or Unicode form: the console
 * uses it too, so a question labelled again replaces its label instead of adding a twin.
 */
export function sameTextKey(text: string): string {
  return text.normalize("NFC").trim().toLocaleLowerCase("vi").replace(/\s+/g, " ");
}

/** "câu mẫu số 12 ("làm giấy khai sinh cho…")": staff count from 1 and find the entry by its words. */
export function entryName(index: number, text: unknown): string {
  const start = typeof text === "string" ? text.normalize("NFC").trim().replace(/\s+/g, " ") : "";
  if (!start) return `câu mẫu số ${index + 1}`;
  const shown = start.length > 30 ? `${cutAtWord(start, 30)}…` : start;
  return `câu mẫu số ${index + 1} ("${shown}")`;
}

/** The first words of a text within `max` characters (a single long word is cut). */
function cutAtWord(text: string, max: number): string {
  const head = text.slice(0, max + 1);
  const space = head.lastIndexOf(" ");
  return (space > max / 2 ? head.slice(0, space) : head.slice(0, max)).trimEnd();
}

function codeWords(code: string): string {
  return code === NOT_A_PROCEDURE ? "không phải thủ tục của phường" : code;
}

function issueProblem(file: string, raw: unknown, issue: z.core.$ZodIssue, key: PropertyKey | undefined): Problem {
  const at = key === undefined ? issue.path : [...issue.path, key];
  const [top, index, field] = at;
  const entries = (raw as { examples?: unknown } | null)?.examples;
  const inEntry = top === "examples" && typeof index === "number";
  const entry = inEntry && Array.isArray(entries) ? (entries[index] as { text?: unknown } | undefined) : undefined;
  const path = at.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
  const label = inEntry
    ? field === undefined
      ? "(cả câu mẫu | whole entry)"
      : (EXAMPLE_FIELD_LABELS[String(field)] ?? String(field))
    : top === "examples"
      ? "danh sách câu mẫu (examples)"
      : "(toàn bộ tệp | whole file)";
  let message = describeIssue(issue, key === undefined ? undefined : String(key));
  if (issue.code === "invalid_value" && field === "intent") {
    message = `loại câu hỏi không hợp lệ, chỉ được: ${EXAMPLE_INTENTS.map((i) => `${i} (${EXAMPLE_INTENT_WORDS[i]})`).join(", ")} | invalid intent, expected one of: ${EXAMPLE_INTENTS.join(", ")}`;
  }
  return {
    file,
    record: inEntry ? entryName(index, entry?.text) : undefined,
    path: path || "-",
    label,
    message,
  };
}

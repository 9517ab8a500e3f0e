import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { checkExamples, EXAMPLES_FILE, type Example, labelCodes } from "./examples.js";
import { dottedThousands, jsonErrorMessage } from "./json-text.js";
import { labelPath } from "./labels.js";
import { describeIssue, formatPath, PLACEHOLDER, type Problem } from "./problems.js";
import { fieldLabel, loadProvince, type ProvinceData } from "./province.js";
import { type Office, OfficesFile, Procedure, type Redirect, RedirectsFile, SynonymsFile } from "./schema.js";
import { withShortForms } from "./short-forms.js";

export type { ProvinceData } from "./province.js";

export interface Catalogue {
  procedures: Procedure[];
  offices: Map<string, Office>;
  defaultOffice: Office;
  synonyms: SynonymsFile;
  /** Requests other agencies handle, with a pointer to them (redirects.json; empty when the file is absent). */
  redirects: Redirect[];
  /** Citizen phrasings labelled with their procedure or "none" (examples.json; empty when the file is absent). */
  examples: Example[];
  /** Short hash of every data file: changes whenever any file does. */
  version: string;
  /** The province and its wards (data/province/, data/wards/); absent on a single-ward install. */
  province?: ProvinceData;
}

/** Warnings never refuse a catalogue; they are reported beside it. */
export type LoadResult =
  | { ok: true; catalogue: Catalogue; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

export const PROCEDURES_DIR = "procedures";
export const OFFICES_FILE = "offices.json";
export const SYNONYMS_FILE = "synonyms.json";
export const REDIRECTS_FILE = "redirects.json";
export { EXAMPLES_FILE } from "./examples.js";

/** Reads and validates every data file under `dataDir`; any problem refuses the whole catalogue. */
export async function loadCatalogue(dataDir: string): Promise<LoadResult> {
  const problems: Problem[] = [];
  const hash = createHash("sha256");

  const warnings: Problem[] = [];
  const readJson = async (rel: string, optional = false): Promise<unknown> => {
    let text: string;
    try {
      text = await readFile(path.join(dataDir, rel), "utf8");
    } catch (err) {
      if (optional && (err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      problems.push({ file: rel, path: "-", message: "không đọc được tệp | cannot read the file" });
      return undefined;
    }
    hash.update(rel).update("\0").update(text).update("\0");
    text = text.replace(/^\uFEFF/, "");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      problems.push({ file: rel, record: recordCodeIn(text), path: "-", message: jsonErrorMessage(text, err) });
      return undefined;
    }
    for (const issue of dottedThousands(text)) {
      problems.push({ file: rel, record: recordCode(value), path: `dòng ${issue.line}`, message: issue.message });
    }
    return value;
  };

  const check = <S extends z.ZodType>(
    schema: S,
    value: unknown,
    file: string,
    record?: string,
    base: PropertyKey[] = [],
  ) => {
    const parsed = schema.safeParse(value, { reportInput: true });
    if (parsed.success) return parsed.data as z.output<S>;
    for (const issue of parsed.error.issues) {
      // One line per unknown field, at its own path, so each misspelling is easy to find.
      const keys = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [k]) : [[]];
      for (const key of keys) {
        const full = [...base, ...issue.path, ...key];
        problems.push({
          file,
          record,
          path: formatPath(full),
          label: fieldLabel(full),
          message: describeIssue(issue, key[0]),
        });
      }
    }
    return undefined;
  };

  const officesRaw = await readJson(OFFICES_FILE);
  const officesFile = officesRaw === undefined ? undefined : check(OfficesFile, officesRaw, OFFICES_FILE);
  const synonymsRaw = await readJson(SYNONYMS_FILE);
  const synonyms = synonymsRaw === undefined ? undefined : check(SynonymsFile, synonymsRaw, SYNONYMS_FILE);
  const redirectsRaw = await readJson(REDIRECTS_FILE, true);
  const redirectsFile =
    redirectsRaw === undefined ? { redirects: [] } : check(RedirectsFile, redirectsRaw, REDIRECTS_FILE);
  const redirectIds = new Set<string>();
  redirectsFile?.redirects.forEach((r, i) => {
    if (redirectIds.has(r.id)) {
      problems.push({
        file: REDIRECTS_FILE,
        record: r.id,
        path: `redirects[${i}].id`,
        label: labelPath(["redirects", i, "id"]),
        message: "mã bị trùng | duplicate id",
      });
    }
    redirectIds.add(r.id);
  });

  const offices = new Map<string, Office>();
  // Told once the province data is read: in a province an office the wards all replace is never shown.
  const officeSampleWarnings: Problem[] = [];
  officesFile?.offices.forEach((office, i) => {
    for (const key of ["name", "address", "hours", "phone"] as const) {
      if (PLACEHOLDER.test(office[key])) {
        officeSampleWarnings.push({
          file: OFFICES_FILE,
          record: office.id,
          path: `offices[${i}].${key}`,
          label: labelPath(["offices", i, key]),
          message: `còn là dữ liệu mẫu ("${office[key].slice(0, 60)}"): hãy ghi thông tin thật của phường trước khi đưa vào sử dụng | still sample data: enter the ward's real details`,
          severity: "warning",
        });
      }
    }
    if (offices.has(office.id)) {
      problems.push({
        file: OFFICES_FILE,
        record: office.id,
        path: `offices[${i}].id`,
        message: "mã cơ quan bị trùng | duplicate office id",
      });
    }
    offices.set(office.id, office);
  });
  if (officesFile && !offices.has(officesFile.defaultOffice)) {
    problems.push({
      file: OFFICES_FILE,
      path: "defaultOffice",
      message: `không có cơ quan "${officesFile.defaultOffice}" | unknown office`,
    });
  }

  const procedures: Procedure[] = [];
  const seen = new Map<string, string>();
  const namedCodes = new Set<string>();
  for (const rel of await listJson(dataDir, PROCEDURES_DIR)) {
    const raw = await readJson(rel);
    if (raw === undefined) continue;
    const record = recordCode(raw);
    // A record with a fault of its own still exists for the examples that name it: one problem, told once.
    if (record) namedCodes.add(record);
    const procedure = check(Procedure, raw, rel, record);
    if (!procedure) continue;
    const other = seen.get(procedure.code);
    if (other) {
      // Told on both files: whichever one staff check, they learn of the clash.
      for (const [file, twin] of [
        [rel, other],
        [other, rel],
      ] as const) {
        problems.push({
          file,
          record: procedure.code,
          path: "code",
          label: labelPath(["code"]),
          message: `mã thủ tục bị trùng với tệp ${twin} | duplicate code, also in ${twin}`,
        });
      }
    }
    seen.set(procedure.code, rel);
    if (!path.basename(rel).startsWith(procedure.code)) {
      problems.push({
        file: rel,
        record: procedure.code,
        path: "code",
        label: labelPath(["code"]),
        message: `tên tệp phải bắt đầu bằng mã thủ tục ${procedure.code} | the file name must start with the code`,
      });
    }
    if (officesFile && !offices.has(procedure.office)) {
      problems.push({
        file: rel,
        record: procedure.code,
        path: "office",
        label: labelPath(["office"]),
        message: `không có cơ quan "${procedure.office}" trong ${OFFICES_FILE} | unknown office`,
      });
    }
    procedures.push(procedure);
  }
  // After the shared procedures and offices: overlays change those and ward offices replace these.
  const province = await loadProvince(
    { readJson, check, listJson: (sub) => listJson(dataDir, sub), problems, warnings },
    { procedures, offices },
  );
  const replaced = province ? replacedEverywhere(province) : new Set<string>();

  // Read last: an example names a procedure of the catalogue, the province's or a ward's own included.
  const examplesRaw = await readJson(EXAMPLES_FILE, true);
  let examples: Example[] | undefined = [];
  if (examplesRaw !== undefined) {
    const checked = checkExamples(examplesRaw, labelCodes(namedCodes, province));
    problems.push(...checked.problems);
    warnings.push(...checked.warnings);
    examples = checked.examples;
  }
  warnings.push(...officeSampleWarnings.filter((w) => !(w.record && replaced.has(w.record))));

  if (procedures.length === 0 && problems.length === 0) {
    problems.push({ file: PROCEDURES_DIR, path: "-", message: "chưa có thủ tục nào | no procedures found" });
  }

  if (problems.length > 0 || !officesFile || !synonyms || !redirectsFile || !examples)
    return { ok: false, problems, warnings };
  procedures.sort((a, b) => a.code.localeCompare(b.code));
  return {
    ok: true,
    warnings,
    catalogue: {
      procedures,
      offices,
      defaultOffice: offices.get(officesFile.defaultOffice) as Office,
      synonyms,
      // (their terms as citizens shorten them too, by the synonyms' short forms: short-forms.ts)
      redirects: withShortForms(redirectsFile.redirects, synonyms),
      examples,
      version: hash.digest("hex").slice(0, 12),
      ...(province ? { province } : {}),
    },
  };
}

/** Procedure files, relative to dataDir, in a stable order (so the version hash is stable too). */
async function listJson(dataDir: string, sub: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(dataDir, sub), { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.endsWith(".json"))
      .map((e) => path.relative(dataDir, path.join(e.parentPath, e.name)))
      .sort();
  } catch {
    return [];
  }
}

function recordCode(raw: unknown): string | undefined {
  const code = (raw as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The code of a record that does not parse, read from its text, so the report still names it. */
function recordCodeIn(text: string): string | undefined {
  return /"code"\s*:\s*"([^"]{1,40})"/.exec(text)?.[1];
}

/**
 * The shared offices (offices.json) a province never serves as they are: those its province file
 * replaces, and those every ward's file replaces. Their sample wording needs no warning. (A citizen
 * who skipped picking a ward still sees offices.json's; docs/wards.md says to keep those generic.)
 */
function replacedEverywhere(data: ProvinceData): Set<string> {
  const replaced = new Set(data.province.offices.map((o) => o.id));
  const [first, ...rest] = data.wards;
  for (const office of first?.offices ?? []) {
    if (rest.every((w) => w.offices.some((o) => o.id === office.id))) replaced.add(office.id);
  }
  return replaced;
}

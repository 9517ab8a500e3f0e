import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { describeIssue, formatPath, type Problem } from "./problems.js";
import { type Office, OfficesFile, Procedure, SynonymsFile } from "./schema.js";

export interface Catalogue {
  procedures: Procedure[];
  offices: Map<string, Office>;
  defaultOffice: Office;
  synonyms: SynonymsFile;
  /** Short hash of every data file: changes whenever any file does. */
  version: string;
}

export type LoadResult = { ok: true; catalogue: Catalogue } | { ok: false; problems: Problem[] };

export const PROCEDURES_DIR = "procedures";
export const OFFICES_FILE = "offices.json";
export const SYNONYMS_FILE = "synonyms.json";

/** Reads and validates every data file under `dataDir`; any problem refuses the whole catalogue. */
export async function loadCatalogue(dataDir: string): Promise<LoadResult> {
  const problems: Problem[] = [];
  const hash = createHash("sha256");

  const readJson = async (rel: string): Promise<unknown> => {
    let text: string;
    try {
      text = await readFile(path.join(dataDir, rel), "utf8");
    } catch {
      problems.push({ file: rel, path: "-", message: "không đọc được tệp | cannot read the file" });
      return undefined;
    }
    hash.update(rel).update("\0").update(text).update("\0");
    try {
      return JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (err) {
      problems.push({ file: rel, path: "-", message: jsonErrorMessage(text, err) });
      return undefined;
    }
  };

  const check = <S extends z.ZodType>(
    schema: S,
    value: unknown,
    file: string,
    record?: string,
    base: PropertyKey[] = [],
  ) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as z.output<S>;
    for (const issue of parsed.error.issues) {
      // One line per unknown field, at its own path, so each misspelling is easy to find.
      const keys = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [k]) : [[]];
      for (const key of keys) {
        const at = formatPath([...base, ...issue.path, ...key]);
        problems.push({ file, record, path: at, message: describeIssue(issue, key[0]) });
      }
    }
    return undefined;
  };

  const officesRaw = await readJson(OFFICES_FILE);
  const officesFile = officesRaw === undefined ? undefined : check(OfficesFile, officesRaw, OFFICES_FILE);
  const synonymsRaw = await readJson(SYNONYMS_FILE);
  const synonyms = synonymsRaw === undefined ? undefined : check(SynonymsFile, synonymsRaw, SYNONYMS_FILE);

  const offices = new Map<string, Office>();
  officesFile?.offices.forEach((office, i) => {
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
  for (const rel of await listJson(dataDir, PROCEDURES_DIR)) {
    const raw = await readJson(rel);
    if (raw === undefined) continue;
    const record = recordCode(raw);
    const procedure = check(Procedure, raw, rel, record);
    if (!procedure) continue;
    const other = seen.get(procedure.code);
    if (other) {
      problems.push({
        file: rel,
        record: procedure.code,
        path: "code",
        message: `mã thủ tục bị trùng với tệp ${other} | duplicate code, also in ${other}`,
      });
    }
    seen.set(procedure.code, rel);
    if (!path.basename(rel).startsWith(procedure.code)) {
      problems.push({
        file: rel,
        record: procedure.code,
        path: "code",
        message: `tên tệp phải bắt đầu bằng mã thủ tục ${procedure.code} | the file name must start with the code`,
      });
    }
    if (officesFile && !offices.has(procedure.office)) {
      problems.push({
        file: rel,
        record: procedure.code,
        path: "office",
        message: `không có cơ quan "${procedure.office}" trong ${OFFICES_FILE} | unknown office`,
      });
    }
    procedures.push(procedure);
  }
  if (procedures.length === 0 && problems.length === 0) {
    problems.push({ file: PROCEDURES_DIR, path: "-", message: "chưa có thủ tục nào | no procedures found" });
  }

  if (problems.length > 0 || !officesFile || !synonyms) return { ok: false, problems };
  procedures.sort((a, b) => a.code.localeCompare(b.code));
  return {
    ok: true,
    catalogue: {
      procedures,
      offices,
      defaultOffice: offices.get(officesFile.defaultOffice) as Office,
      synonyms,
      version: hash.digest("hex").slice(0, 12),
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

/** "line 12, column 5" from V8's JSON error, so staff can go straight to the mistake. */
function jsonErrorMessage(text: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  if (!pos) return `tệp JSON không hợp lệ | invalid JSON: ${msg}`;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `tệp JSON không hợp lệ ở dòng ${line}, cột ${column} (thiếu dấu phẩy, ngoặc hoặc nháy?) | invalid JSON at line ${line}, column ${column}`;
}

import { createHash } from "node:crypto";
import { open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import {
  checkExamples,
  EXAMPLES_FILE,
  type Example,
  type ExamplesFile,
  isStaffExample,
  NOT_A_PROCEDURE,
  STAFF_SOURCE_PREFIX,
  sameTextKey,
} from "../catalogue/examples.js";
import { jsonErrorMessage } from "../catalogue/json-text.js";
import { formatProblem } from "../catalogue/problems.js";

/** A label as staff pick it in the console. */
export interface StaffLabel {
  text: string;
  /** A procedure code of the catalogue, or NOT_A_PROCEDURE. */
  code: string;
  intent?: Example["intent"];
}

/** Why a write did not happen, in Vietnamese for staff; the file is as it was. */
export class ExampleWriteError extends Error {
  override name = "ExampleWriteError";
}

/**
 * The catalogue's examples.json as the console edits it: read afresh, changed, checked with the
 * catalogue loader's own checkExamples, and written atomically (a temp file renamed over it, so the
 * live catalogue's watcher and a crash see the old file or the new one, never half). Writes on one
 * process run one at a time, so two staff labelling at once both keep their label.
 */
export class ExamplesFileEditor {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** The folder the catalogue is loaded from (CATALOGUE_DIR). */
    readonly catalogueDir: string,
    private readonly fsync = true,
  ) {}

  get file(): string {
    return path.join(this.catalogueDir, EXAMPLES_FILE);
  }

  /**
   * Adds the label, replacing the staff label of the same text (labelling a question again
   * changes its label); labels that came from elsewhere are kept. `knownCodes`: the serving
   * catalogue's procedures.
   */
  add(label: StaffLabel, user: string, day: string, knownCodes: ReadonlySet<string>): Promise<Example> {
    const entry: Example = {
      text: label.text.normalize("NFC").trim(),
      code: label.code,
      ...(label.intent ? { intent: label.intent } : {}),
      source: `${STAFF_SOURCE_PREFIX}${user}, ${day}`,
      added: day,
    };
    return this.edit(knownCodes, (examples) => {
      const key = sameTextKey(entry.text);
      return [...examples.filter((e) => !(isStaffExample(e) && sameTextKey(e.text) === key)), entry];
    }).then(() => entry);
  }

  /**
   * Lays a staff label made elsewhere (another replica) over the file as it was made: the staff label of the same
   * text replaced, nothing written when the file holds this very label already (a catalogue folder shared by the
   * replicas). Resolves to whether the file changed.
   */
  async put(example: Example, knownCodes: ReadonlySet<string>): Promise<boolean> {
    const key = sameTextKey(example.text);
    const same = (e: Example) =>
      e.text === example.text &&
      e.code === example.code &&
      e.intent === example.intent &&
      e.source === example.source &&
      e.added === example.added;
    let changed = false;
    await this.edit(knownCodes, (examples) => {
      const others = examples.filter((e) => !(isStaffExample(e) && sameTextKey(e.text) === key));
      if (others.length === examples.length - 1 && examples.some((e) => isStaffExample(e) && same(e))) return examples;
      changed = true;
      return [...others, example];
    });
    return changed;
  }

  /** The file's SHA-256 (absent: of nothing), to tell whether two replicas' files are alike. */
  async digest(): Promise<string> {
    const bytes = await readFile(this.file).catch(() => Buffer.alloc(0));
    return createHash("sha256").update(bytes).digest("hex");
  }

  /**
   * The staff labels of a text as the file holds them once the writes asked for before are done (in the order asked,
   * like a write: so a call made before a change's write sees the file without it); undefined when the file cannot be
   * read as a list of examples. The entries are as written, not parsed.
   */
  staffLabelsOf(text: string): Promise<Example[] | undefined> {
    const key = sameTextKey(text);
    const run = this.queue.then(async () => {
      try {
        const raw = JSON.parse((await readFile(this.file, "utf8")).replace(/^\uFEFF/, "")) as { examples?: unknown };
        if (!Array.isArray(raw.examples)) return undefined;
        return raw.examples.filter(
          (e): e is Example =>
            typeof e === "object" &&
            e !== null &&
            typeof e.text === "string" &&
            typeof e.source === "string" &&
            isStaffExample(e) &&
            sameTextKey(e.text) === key,
        );
      } catch (err) {
        // No file: no labels.
        return (err as NodeJS.ErrnoException).code === "ENOENT" ? [] : undefined;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Removes the staff labels of this text; resolves to the labels removed (none: nothing was written). */
  async remove(text: string, knownCodes: ReadonlySet<string>): Promise<Example[]> {
    const key = sameTextKey(text);
    let removed: Example[] = [];
    await this.edit(knownCodes, (examples) => {
      removed = examples.filter((e) => isStaffExample(e) && sameTextKey(e.text) === key);
      return examples.filter((e) => !removed.includes(e));
    });
    return removed;
  }

  private edit(knownCodes: ReadonlySet<string>, change: (examples: Example[]) => Example[]): Promise<void> {
    const run = this.queue.then(async () => {
      const { raw, examples } = await this.read(knownCodes);
      const next = change(examples);
      // Nothing to change (a label deleted twice): the file, and the catalogue's version, stay as they are.
      if (next.length === examples.length && next.every((e, i) => e === examples[i])) return;
      const content: ExamplesFile = { ...(raw as object), examples: next };
      // The same check the catalogue makes when it reloads: what it would refuse is never written.
      const checked = checkExamples(content, knownCodes);
      if (checked.problems.length > 0) {
        throw new ExampleWriteError(
          `Không lưu: câu mẫu không hợp lệ. ${checked.problems.map(formatProblem).join("; ")}`,
        );
      }
      await this.write(`${JSON.stringify(content, null, 2)}\n`);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The file as it is now (absent: no examples); a file staff broke by hand is never overwritten. */
  private async read(knownCodes: ReadonlySet<string>): Promise<{ raw: unknown; examples: Example[] }> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return { raw: { examples: [] }, examples: [] };
      throw new ExampleWriteError(`Không đọc được tệp ${EXAMPLES_FILE} của danh mục (${errorCode(err)}).`);
    }
    text = text.replace(/^\uFEFF/, "");
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new ExampleWriteError(
        `Tệp ${EXAMPLES_FILE} đang bị lỗi (${jsonErrorMessage(text, err)}); hãy sửa tệp (npm run catalogue:check) rồi gán lại. Chưa có gì bị thay đổi.`,
      );
    }
    const checked = checkExamples(raw, knownCodes);
    if (!checked.examples) {
      throw new ExampleWriteError(
        `Tệp ${EXAMPLES_FILE} đang có lỗi, nên chưa ghi thêm được: ${checked.problems.map(formatProblem).join("; ")}. Hãy sửa tệp (npm run catalogue:check) rồi gán lại. Chưa có gì bị thay đổi.`,
      );
    }
    // Written back as read, not as parsed: the parse trims and normalises texts, the file keeps staff's own.
    return { raw, examples: (raw as ExamplesFile).examples };
  }

  private async write(text: string): Promise<void> {
    // A dot name: the catalogue's watcher ignores it, and sees only the rename.
    const temp = path.join(this.catalogueDir, `.${EXAMPLES_FILE}.${process.pid}.tmp`);
    const mode = await stat(this.file).then(
      (s) => s.mode & 0o777,
      () => 0o644,
    );
    try {
      const handle = await open(temp, "w", mode);
      try {
        await handle.writeFile(text, "utf8");
        if (this.fsync) await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw new ExampleWriteError(
        `Không ghi được tệp ${EXAMPLES_FILE} vào thư mục danh mục (${errorCode(err)}): hãy báo cán bộ CNTT kiểm tra quyền ghi của thư mục. Chưa có gì bị thay đổi.`,
      );
    }
  }
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message ?? "lỗi";
}

/** What a label means, in staff's words: the procedure's name, or that it is none of the ward's. */
export function labelName(code: string, nameOf: (code: string) => string | undefined): string {
  return code === NOT_A_PROCEDURE ? "Không phải thủ tục của phường" : (nameOf(code) ?? code);
}

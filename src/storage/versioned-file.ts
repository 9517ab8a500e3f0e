import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { Low } from "lowdb";
import { z } from "zod";
import { AtomicJsonFile, StorageError } from "./atomic-file.js";

/** What one data file holds and how older versions of it are brought up to date. */
export interface FileSpec<T> {
  /** Written into the file, so a file of another kind put in its place is refused. */
  kind: string;
  version: number;
  schema: z.ZodType<T>;
  empty: () => T;
  /** `migrations[n]` turns the data of version n into version n + 1. */
  migrations?: Record<number, (data: unknown) => unknown>;
}

const Envelope = z.object({ kind: z.string(), version: z.number().int().positive(), data: z.unknown() });
interface Stored<T> {
  kind: string;
  version: number;
  data: T;
}

/** One lowdb `Low` over one JSON file: `{ kind, version, data }`, migrated and validated on open. */
export class VersionedFile<T> {
  private constructor(
    private readonly low: Low<Stored<T>>,
    readonly file: string,
  ) {}

  static async open<T>(file: string, spec: FileSpec<T>, fsync = true): Promise<VersionedFile<T>> {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const low = new Low<Stored<T>>(new AtomicJsonFile(file, fsync), {
      kind: spec.kind,
      version: spec.version,
      data: spec.empty(),
    });
    await low.read();
    const envelope = Envelope.safeParse(low.data);
    if (!envelope.success || envelope.data.kind !== spec.kind) {
      throw new StorageError(`${file}: not a "${spec.kind}" data file`);
    }
    let { version, data } = envelope.data;
    if (version > spec.version) {
      throw new StorageError(
        `${file}: written by a newer version (${version} > ${spec.version}); refusing to downgrade`,
      );
    }
    const migrated = version < spec.version;
    if (migrated) await copyFile(file, `${file}.v${version}.bak`);
    for (; version < spec.version; version++) {
      const step = spec.migrations?.[version];
      if (!step) throw new StorageError(`${file}: no migration from version ${version}`);
      data = step(data);
    }
    const parsed = spec.schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StorageError(`${file}: invalid data at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
    }
    low.data = { kind: spec.kind, version: spec.version, data: parsed.data };
    const opened = new VersionedFile(low, file);
    if (migrated) await opened.write();
    return opened;
  }

  get data(): T {
    return this.low.data.data;
  }

  set data(value: T) {
    this.low.data.data = value;
  }

  /** Resolves once the current data (with every change made so far) is on disk. */
  write(): Promise<void> {
    return this.low.write();
  }
}

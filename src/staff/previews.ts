import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { Pool } from "../storage/postgres/database.js";
import { PostgresImportPreviews } from "../storage/postgres/staff.js";
import { tokenHash } from "../storage/postgres/staff-sessions.js";
import type { DossierImport, ImportSummary } from "./deps.js";

/** A preview not committed within this time is gone: the staff member chooses the file again. */
export const PREVIEW_TTL_MS = 30 * 60_000;
/** Previews one process keeps in memory at most (the oldest goes first). */
const MAX_PENDING = 50;

/** A file read and shown, waiting for "Lưu": committed once, by the session that previewed it. */
export interface PendingImport {
  sessionId: string;
  fileName: string;
  createdAt: number;
  /** The ward limit it was read under (the account's ward then); none for an account of every ward. */
  ward?: string;
  commit(): Promise<ImportSummary>;
}

/** Where previews wait for their commit click: this process's memory, or the database for several replicas. */
export interface PreviewShelf {
  /** `file` (and the job's ward): what another replica needs to read it again. */
  put(id: string, job: PendingImport, file: { name: string; bytes: Buffer }): Promise<void>;
  /**
   * Takes the preview out when it is this session's and not expired; undefined otherwise. Taken
   * out first: a double click cannot store the file twice.
   */
  take(id: string, sessionId: string): Promise<PendingImport | undefined>;
}

/** In memory (one service): at most MAX_PENDING previews, each for PREVIEW_TTL_MS. */
export class MemoryPreviews implements PreviewShelf {
  private readonly pending = new Map<string, PendingImport>();

  constructor(private readonly now: () => number) {}

  async put(id: string, job: PendingImport): Promise<void> {
    for (const [key, old] of this.pending) if (this.now() - old.createdAt > PREVIEW_TTL_MS) this.pending.delete(key);
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    this.pending.set(id, job);
  }

  async take(id: string, sessionId: string): Promise<PendingImport | undefined> {
    const job = this.pending.get(id);
    if (!job || job.sessionId !== sessionId || this.now() - job.createdAt > PREVIEW_TTL_MS) return undefined;
    this.pending.delete(id);
    return job;
  }
}

/**
 * With DATABASE_URL: the click on "Lưu" may reach another replica than the upload did. The file
 * waits in `staff_import_previews`, sealed with a key only the preview's id (in the staff
 * member's form) gives; the commit takes the row, so it is stored once whichever replica gets
 * the click. The replica that made the preview commits it as previewed; another reads the file
 * again first (same rules, same ward limit) and commits that.
 */
export class DatabasePreviews implements PreviewShelf {
  private readonly local: MemoryPreviews;
  private readonly rows: PostgresImportPreviews;

  constructor(
    pool: Pool,
    private readonly now: () => number,
    private readonly imports: DossierImport | undefined,
  ) {
    this.local = new MemoryPreviews(now);
    this.rows = new PostgresImportPreviews(pool);
  }

  async put(id: string, job: PendingImport, file: { name: string; bytes: Buffer }): Promise<void> {
    await this.rows.put(
      idHash(id),
      tokenHash(job.sessionId),
      { fileName: file.name, sealed: seal(id, file.bytes), ward: job.ward ?? null, createdAt: job.createdAt },
      this.now() - PREVIEW_TTL_MS,
    );
    await this.local.put(id, job);
  }

  async take(id: string, sessionId: string): Promise<PendingImport | undefined> {
    const row = await this.rows.take(idHash(id), tokenHash(sessionId), this.now() - PREVIEW_TTL_MS);
    const mine = await this.local.take(id, sessionId);
    if (!row) return undefined;
    if (mine) return mine;
    const ward = row.ward ?? undefined;
    const preview = await this.imports?.preview({ name: row.fileName, bytes: unseal(id, row.sealed) }, ward);
    if (!preview?.ok) return undefined;
    return {
      sessionId,
      fileName: row.fileName,
      createdAt: row.createdAt,
      commit: preview.commit,
      ...(ward ? { ward } : {}),
    };
  }
}

/** The row's key and the file's key both come from the preview id, by different hashes: one does not give the other. */
function idHash(id: string): string {
  return createHash("sha256").update(`motcua import preview id\0${id}`).digest("hex");
}

function sealKey(id: string): Buffer {
  return createHash("sha256").update(`motcua import preview key\0${id}`).digest();
}

/** AES-256-GCM: iv (12 bytes) | tag (16) | ciphertext. */
function seal(id: string, bytes: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(id), iv);
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function unseal(id: string, sealed: Buffer): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", sealKey(id), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

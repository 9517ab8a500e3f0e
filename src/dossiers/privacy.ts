import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { StorageError } from "../storage/atomic-file.js";
import { HashKeyMismatchError } from "./repository.js";

const KEY_FILE = "phone-hash.key";
/** Where the dossier table remembers which key hashed it (FileDossierRepository's meta file). */
const DOSSIERS_META = path.join("dossiers", "meta.json");

/** The key file is missing or unreadable while dossiers hashed with it exist. */
export class HashKeyMissingError extends StorageError {
  override name = "HashKeyMissingError";
}

const LOST_VI = "Nếu không còn khoá cũ: xoá thư mục «dossiers» trong thư mục dữ liệu rồi nhập lại toàn bộ hồ sơ.";
const LOST_EN = "If the old key is lost: delete the data folder's «dossiers» folder and import every dossier again.";

/**
 * The key of every keyed hash: PHONE_HASH_KEY when set, otherwise a random key generated
 * once into the data directory (owner-only), so the hashes stay valid across restarts.
 * When dossiers were stored with another key, or the key file went missing beside them, the
 * refusal names the key's source (the variable or the file) and what to do; a key file is never
 * regenerated next to dossiers it could not read.
 */
export async function loadHashKey(dataDir: string, configured?: string): Promise<Buffer> {
  const file = path.join(dataDir, KEY_FILE);
  const stored = await storedKeyId(dataDir);
  const fileKey = await readKeyFile(file);
  if (configured) {
    const key = Buffer.from(configured, "utf8");
    if (stored && new Hasher(key).keyId !== stored) {
      const fileFits = fileKey !== undefined && new Hasher(fileKey).keyId === stored;
      throw new HashKeyMismatchError(
        `PHONE_HASH_KEY trong cấu hình (.env) khác với khoá đã dùng khi nhập các hồ sơ đang có; ` +
          (fileFits
            ? `các hồ sơ này được nhập bằng tệp khoá ${file}: hãy bỏ PHONE_HASH_KEY khỏi .env. `
            : "hãy đặt lại giá trị PHONE_HASH_KEY cũ. ") +
          `${LOST_VI} | PHONE_HASH_KEY differs from the key the stored dossiers were imported with; ` +
          (fileFits ? `they were hashed with ${file}: remove PHONE_HASH_KEY. ` : "restore the old PHONE_HASH_KEY. ") +
          LOST_EN,
      );
    }
    return key;
  }
  if (fileKey) {
    if (stored && new Hasher(fileKey).keyId !== stored) {
      throw new HashKeyMismatchError(
        `Tệp khoá ${file} khác với khoá đã dùng khi nhập các hồ sơ đang có (tệp bị thay, hoặc trước đây dùng ` +
          `PHONE_HASH_KEY): chép lại tệp khoá cũ từ bản sao lưu, hoặc đặt lại PHONE_HASH_KEY cũ trong .env. ${LOST_VI} | ` +
          `The key file ${file} is not the key the stored dossiers were imported with: restore the old file from a ` +
          `backup, or set the old PHONE_HASH_KEY. ${LOST_EN}`,
      );
    }
    return fileKey;
  }
  if (stored) {
    throw new HashKeyMissingError(
      `Không tìm thấy tệp khoá ${file}, nhưng thư mục dữ liệu đã có hồ sơ được nhập bằng khoá đó. Hãy chép lại tệp ` +
        `${KEY_FILE} từ bản sao lưu vào ${dataDir} (hoặc đặt PHONE_HASH_KEY cũ nếu trước đây dùng biến này). ${LOST_VI} | ` +
        `The key file ${file} is missing but the data folder holds dossiers hashed with it: restore ${KEY_FILE} ` +
        `from a backup (or set the old PHONE_HASH_KEY). ${LOST_EN}`,
    );
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return (await readKeyFile(file)) as Buffer;
}

/** The key in the file, undefined when there is no file; a file that holds no key is refused by name. */
async function readKeyFile(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new HashKeyMissingError(
      `Không đọc được tệp khoá ${file} (${(err as NodeJS.ErrnoException).code}) | Cannot read the key file ${file}`,
    );
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new HashKeyMissingError(
      `Tệp khoá ${file} không chứa khoá do bot tạo ra (bị sửa hoặc bị thay?); hãy chép lại tệp từ bản sao lưu. | ` +
        `${file} does not hold a key written by this program; restore it from a backup.`,
    );
  }
  return Buffer.from(hex, "hex");
}

/** The id of the key the stored dossiers were hashed with, if there are any. */
async function storedKeyId(dataDir: string): Promise<string | undefined> {
  try {
    const meta = JSON.parse(await readFile(path.join(dataDir, DOSSIERS_META), "utf8")) as {
      data?: { hashKeyId?: unknown };
    };
    return typeof meta.data?.hashKeyId === "string" ? meta.data.hashKeyId : undefined;
  } catch {
    return undefined; // no dossiers yet (the table itself reports a damaged meta file)
  }
}

/** Keyed hashes, so stored data and lockout counters never hold a phone number or a chat id. */
export class Hasher {
  /** Identifies the key without revealing it: stored data remembers which key hashed it. */
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    this.keyId = this.digest("key-id", "");
  }

  /**
   * The phone's last 4 digits, bound to the dossier code: the same digits give different
   * hashes on different dossiers, so equal hashes reveal nothing.
   */
  phone(codeKey: string, last4: string): string {
    return this.digest("phone", `${codeKey}:${last4}`);
  }

  /** Constant-time comparison of two hashes from this class. */
  same(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }

  /** A stable pseudonym of an identifier (chat key, dossier code) for counters. */
  pseudonym(kind: string, value: string): string {
    return this.digest(kind, value);
  }

  private digest(purpose: string, value: string): string {
    return createHmac("sha256", this.key).update(`${purpose}\0${value}`).digest("base64url").slice(0, 22);
  }
}

/** The last 4 digits of a phone number, or undefined when it has fewer than 4. */
export function lastFourDigits(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, "");
  return digits.length >= 4 ? digits.slice(-4) : undefined;
}

/** "Nguyễn Văn An" → "Nguyễn V. A.": the family name and initials, enough to recognise one's own file. */
export function maskName(name: string): string {
  const words = name.normalize("NFC").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "";
  const initial = (w: string) => `${(Array.from(w)[0] ?? "").toUpperCase()}.`;
  if (words.length === 1) return initial(words[0] as string);
  return [words[0], ...words.slice(1).map(initial)].join(" ");
}

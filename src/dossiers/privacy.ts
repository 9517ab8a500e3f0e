import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const KEY_FILE = "phone-hash.key";

/**
 * The key of every keyed hash: PHONE_HASH_KEY when set, otherwise a random key generated
 * once into the data directory (owner-only), so the hashes stay valid across restarts.
 */
export async function loadHashKey(dataDir: string, configured?: string): Promise<Buffer> {
  if (configured) return Buffer.from(configured, "utf8");
  const file = path.join(dataDir, KEY_FILE);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const hex = (await readFile(file, "utf8")).trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file}: not a key written by this program`);
  return Buffer.from(hex, "hex");
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

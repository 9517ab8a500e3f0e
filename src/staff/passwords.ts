import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

// scrypt is memory-hard: N = 2^15, r = 8 uses 32 MiB per hash (OWASP's minimum for scrypt is
// N = 2^17 with r = 8 and p = 1, or an equal cost traded for memory; 2^15 keeps a login near 100 ms
// on a 2-core office PC). The parameters are stored with each hash, so they can be raised later
// without invalidating old accounts.
const COST = 2 ** 15;
const BLOCK = 8;
const PARALLEL = 1;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 256 * (options.N ?? COST) * (options.r ?? BLOCK);
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEY_BYTES, { ...options, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/**
 * "scrypt$N$r$p$salt$hash" (base64url). `cost` (N) is for tests only, which hash their accounts
 * cheaply to stay fast; verification always uses the N stored with the hash.
 */
export async function hashPassword(password: string, cost = COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: cost, r: BLOCK, p: PARALLEL });
  return ["scrypt", cost, BLOCK, PARALLEL, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Constant-time check; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split("$");
  if (kind !== "scrypt" || !salt || !hash) return false;
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  if (![options.N, options.r, options.p].every((x) => Number.isInteger(x) && x > 0)) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await derive(password, Buffer.from(salt, "base64url"), options);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Checked against when the username is unknown, so both paths take the same time. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  return decoy;
}

export const MIN_PASSWORD_LENGTH = 12;
/** A common word followed by digits ("matkhau2026", "Password 123…"), or digits alone: the first guesses tried. */
const COMMON =
  /^(\d+|(matkhau|password|passw0rd|admin|administrator|motcua|phuong|ubnd|qwerty|qwertyuiop|abc|abcd|abcdef|iloveyou|welcome)\d*)$/;

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase();

/** Why a password is too weak, in Vietnamese (for staff) and English; undefined when it is good enough. */
export function passwordProblem(password: string, username: string): string | undefined {
  if (Array.from(password).length < MIN_PASSWORD_LENGTH) {
    return `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự (nên dùng một câu dễ nhớ) | The password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  if (password.length > 200) return "Mật khẩu dài quá 200 ký tự | The password is longer than 200 characters";
  const folded = fold(password);
  if (new Set(folded).size < 5) {
    return "Mật khẩu lặp lại quá ít ký tự khác nhau (cần ít nhất 5 ký tự khác nhau) | Too few different characters (at least 5)";
  }
  if (username.length >= 3 && folded.includes(fold(username))) {
    return "Mật khẩu không được chứa tên đăng nhập | The password must not contain the username";
  }
  if (COMMON.test(folded.replace(/[\s._@!-]/g, ""))) {
    return "Mật khẩu quá phổ biến, dễ bị đoán | The password is too common";
  }
  return undefined;
}

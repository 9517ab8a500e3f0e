import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Pool } from "../storage/postgres/database.js";
import { PostgresStaffAccounts } from "../storage/postgres/staff.js";
import { VersionedFile } from "../storage/versioned-file.js";

/** DATA_DIR/staff/accounts.json: written only by `npm run staff:add`, read by the console at each login. */
export const STAFF_DIR = "staff";
const ACCOUNTS_FILE = "accounts.json";

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9._-]{3,32}$/,
    "Tên đăng nhập gồm 3–32 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới",
  );

/**
 * What an account may see: one ward's data (its staff), or every ward's (the province
 * administrator). An account without a role (made before wards) is an administrator: on a
 * single-ward install that is the one ward, as before.
 */
export const StaffRole = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ward"), ward: z.string().min(1) }),
  z.object({ kind: z.literal("province") }),
]);
export type StaffRole = z.infer<typeof StaffRole>;
export const PROVINCE_ADMIN: StaffRole = { kind: "province" };

/** The role as one text ('province', 'ward:<id>'), for a database column and the audit log. */
export function roleText(role: StaffRole): string {
  return role.kind === "province" ? "province" : `ward:${role.ward}`;
}

export function roleOf(text: string | null | undefined): StaffRole | undefined {
  if (text === "province") return PROVINCE_ADMIN;
  return text?.startsWith("ward:") && text.length > 5 ? { kind: "ward", ward: text.slice(5) } : undefined;
}

const Account = z.object({
  passwordHash: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  role: StaffRole.optional(),
});
const AccountsFile = z.object({ accounts: z.record(z.string(), Account) });
type AccountsFile = z.infer<typeof AccountsFile>;
/** The accounts file's (and the database document's) kind and shape. */
export const STAFF_ACCOUNTS = {
  kind: "staff-accounts",
  version: 1,
  schema: AccountsFile,
  empty: (): AccountsFile => ({ accounts: {} }),
};

export function accountsPath(dataDir: string): string {
  return path.join(dataDir, STAFF_DIR, ACCOUNTS_FILE);
}

/**
 * The stored password hash of a username, read afresh from disk: an account added with
 * `npm run staff:add` while the service runs can log in at once, and the service never writes
 * the file, so the two never overwrite each other.
 */
export async function passwordHashOf(dataDir: string, username: string, database?: Pool): Promise<string | undefined> {
  return (await accountOf(dataDir, username, database))?.passwordHash;
}

/** The account's hash and role (absent: administrator), read afresh like passwordHashOf. */
export async function accountOf(
  dataDir: string,
  username: string,
  database?: Pool,
): Promise<{ passwordHash: string; role: StaffRole } | undefined> {
  if (database) {
    const row = await (await rowsOf(database)).get(username);
    return row && { passwordHash: row.passwordHash, role: roleOf(row.role) ?? PROVINCE_ADMIN };
  }
  const file = accountsPath(dataDir);
  if (!existsSync(file)) return undefined;
  const accounts = (await VersionedFile.open(file, STAFF_ACCOUNTS, false)).data.accounts;
  const account = Object.hasOwn(accounts, username) ? accounts[username] : undefined;
  return account && { passwordHash: account.passwordHash, role: account.role ?? PROVINCE_ADMIN };
}

/** The database's account rows (migration 003), opened once per pool: opening moves an old documents row in. */
const opened = new WeakMap<Pool, Promise<PostgresStaffAccounts>>();
function rowsOf(database: Pool): Promise<PostgresStaffAccounts> {
  let rows = opened.get(database);
  if (!rows) {
    rows = PostgresStaffAccounts.open(database);
    rows.catch(() => opened.delete(database));
    opened.set(database, rows);
  }
  return rows;
}

/** Creates the account, or sets a new password on an existing one; says which. */
export async function saveAccount(
  dataDir: string,
  username: string,
  passwordHash: string,
  now: Date,
  /** DATABASE_URL's pool, migrated: the accounts are rows of its staff_accounts table. */
  database?: Pool,
  /** The account's role; absent: an existing account keeps its own (a new one has none: administrator). */
  role?: StaffRole,
): Promise<"created" | "updated"> {
  if (database) return (await rowsOf(database)).save(username, passwordHash, now.toISOString(), role && roleText(role));
  const file = await VersionedFile.open(accountsPath(dataDir), STAFF_ACCOUNTS);
  const existing = Object.hasOwn(file.data.accounts, username) ? file.data.accounts[username] : undefined;
  const at = now.toISOString();
  const kept = role ?? existing?.role;
  file.data.accounts[username] = {
    passwordHash,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
    ...(kept ? { role: kept } : {}),
  };
  await file.write();
  return existing ? "updated" : "created";
}

export async function accountCount(dataDir: string): Promise<number> {
  const file = accountsPath(dataDir);
  if (!existsSync(file)) return 0;
  return Object.keys((await VersionedFile.open(file, STAFF_ACCOUNTS, false)).data.accounts).length;
}

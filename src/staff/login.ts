import type { Pool } from "../storage/postgres/database.js";
import { passwordHashOf } from "./accounts.js";
import { decoyHash, verifyPassword } from "./passwords.js";

/**
 * The account's stored hash when the password is right for the username, else undefined. An
 * unknown (or malformed) username still costs one scrypt, so the time taken does not tell which
 * usernames exist.
 */
export async function verifyLogin(
  dataDir: string,
  username: string | undefined,
  password: string,
  database?: Pool,
): Promise<string | undefined> {
  const stored = username ? await passwordHashOf(dataDir, username, database) : undefined;
  const matches = await verifyPassword(password.slice(0, 200), stored ?? (await decoyHash()));
  return stored !== undefined && matches ? stored : undefined;
}

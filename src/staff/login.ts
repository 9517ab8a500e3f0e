import { passwordHashOf } from "./accounts.js";
import { decoyHash, verifyPassword } from "./passwords.js";

/**
 * Whether the password is right for the username. An unknown (or malformed) username still costs
 * one scrypt, so the time taken does not tell which usernames exist.
 */
export async function verifyLogin(dataDir: string, username: string | undefined, password: string): Promise<boolean> {
  const stored = username ? await passwordHashOf(dataDir, username) : undefined;
  const matches = await verifyPassword(password.slice(0, 200), stored ?? (await decoyHash()));
  return stored !== undefined && matches;
}

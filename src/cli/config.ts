import { existsSync } from "node:fs";
import { type Config, ConfigError, loadConfig } from "../config.js";

/**
 * The configuration every staff command uses: `.env` read and validated exactly as `npm start`
 * does, so a command never works on another data folder than the running bot. A bad value ends
 * the command with the full list of problems, not a stack trace.
 */
export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (existsSync(".env")) process.loadEnvFile(".env");
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
}

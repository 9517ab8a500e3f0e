import { type ParseArgsConfig, parseArgs } from "node:util";
import { CatalogueError } from "../catalogue/live.js";
import { ConfigError } from "../config.js";
import { StorageError } from "../storage/atomic-file.js";

/**
 * A staff command that stops on a problem staff can fix (configuration, catalogue, data folder:
 * a folder in use, a missing key file…) prints its message whole and exits 1, without a stack
 * trace; anything else is a bug and keeps its stack for the report.
 */
process.on("uncaughtException", (err) => {
  if (err instanceof ConfigError || err instanceof CatalogueError || err instanceof StorageError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`${err.stack ?? String(err)}\n`);
  process.exit(1);
});

/**
 * The arguments of a staff command: `-h`/`--help` prints `help` and exits 0; an unknown or
 * malformed option prints what is wrong and the help, and exits 2 — never a stack trace.
 * `config.options` must declare `help: { type: "boolean", short: "h" }`.
 */
export function cliArgs<T extends ParseArgsConfig & { options: { help: { type: "boolean" } } }>(
  help: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    process.stderr.write(`Tham số không hợp lệ | Invalid arguments: ${(err as Error).message}\n\n${help}`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(help);
    process.exit(0);
  }
  return parsed;
}

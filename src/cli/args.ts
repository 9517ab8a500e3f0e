import { type ParseArgsConfig, parseArgs } from "node:util";

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

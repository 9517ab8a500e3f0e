import { existsSync } from "node:fs";
import { CatalogueError } from "./catalogue/live.js";
import { ConfigError, loadConfig } from "./config.js";
import { errorSummary, type Logger } from "./logger.js";
import { configuredChannels, createService } from "./service.js";
import { terminalAttached } from "./staff/mode.js";
import { StorageError } from "./storage/atomic-file.js";

/** Starts whatever is configured (see createService): channels with tokens, the HTTP server, the staff console, the catalogue watcher, the schedule. */
async function main(): Promise<void> {
  // A .env file beside the project is the usual place for tokens on a small server.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig();
  // Nobody at a terminal (systemd, docker without -i): no terminal chat, which would end at once.
  const attached = terminalAttached();
  const service = await createService(config, {
    terminal: attached
      ? {
          input: process.stdin,
          output: process.stdout,
          interactive: process.stdin.isTTY === true,
          languageCode: process.env.LANG?.startsWith("en") ? "en" : undefined,
        }
      : undefined,
  });
  // With no channel token the bot runs as a local terminal chat, so anyone can try it.
  if (configuredChannels(config, attached).includes("terminal")) {
    await service.start();
    await service.ended;
    await service.close();
    return;
  }
  // Chat channels, or the staff console alone: both run until SIGINT/SIGTERM.
  installShutdown(service.logger, service.close);
  await service.start();
}

/** SIGINT/SIGTERM finish work in flight, flush storage and exit 0; a second signal exits at once. */
function installShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      logger.info({ signal }, "shutting down");
      stop().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err: errorSummary(err) }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err: unknown) => {
  // Configuration and data problems are the operator's to fix: print the message alone, no stack.
  // Their messages are ours (never a token: config problems name the variable, not its value) and
  // are printed whole: every config problem at once, not the first 500 characters of the list.
  const known = err instanceof ConfigError || err instanceof CatalogueError || err instanceof StorageError;
  const { type, message } = errorSummary(err);
  process.stderr.write(`${known ? (err as Error).message : `${type}: ${message}`}\n`);
  process.exit(1);
});

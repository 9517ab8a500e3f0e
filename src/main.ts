import { existsSync } from "node:fs";
import { createApp } from "./app.js";
import { CatalogueError } from "./catalogue/live.js";
import { startTelegram } from "./channels/telegram/index.js";
import { runTerminalChat } from "./channels/terminal/chat.js";
import { startZalo } from "./channels/zalo/index.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger, errorSummary, type Logger } from "./logger.js";
import { HttpServer } from "./server/http.js";
import { StorageError } from "./storage/atomic-file.js";

interface Channel {
  name: string;
  stop(): Promise<void>;
  state(): Record<string, unknown>;
}

/** Starts whatever is configured: channels with tokens, the HTTP server, the catalogue watcher, the scheduler. */
async function main(): Promise<void> {
  // A .env file beside the project is the usual place for tokens on a small server.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig();
  const terminal = !config.TELEGRAM_BOT_TOKEN && !config.ZALO_BOT_TOKEN;
  // In the terminal chat, routine info lines would interleave with the conversation.
  const logger = createLogger(terminal && config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL);
  const channels: Channel[] = [];
  const server = new HttpServer(logger, () => health(app, channels));
  const app = await createApp(config, logger, { server });
  const { catalogue, assistant, dossiers } = app;
  catalogue.watch();

  // With no channel token the bot runs as a local terminal chat, so anyone can try it.
  if (terminal) {
    await runTerminalChat({
      assistant,
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY,
    });
    await dossiers?.stop();
    catalogue.close();
    return;
  }

  // Listen first: in webhook mode Telegram and Zalo post as soon as the webhook is set.
  const address = await server.listen(config.PORT, config.HOST);
  logger.info({ host: address.address, port: address.port }, "http server listening");
  const stopping = installShutdown(logger, async () => {
    // Channels first (no new updates, those in flight finish), then the scheduler and storage.
    await Promise.allSettled(channels.map((c) => c.stop()));
    await server.close();
    await dossiers?.stop();
    await assistant.idle();
    catalogue.close();
  });
  try {
    if (config.TELEGRAM_BOT_TOKEN) {
      const telegram = await startTelegram({ config, assistant, logger, server });
      channels.push({ name: "telegram", ...telegram });
      app.senders.push(telegram.sender);
    }
    if (config.ZALO_BOT_TOKEN) {
      const zalo = await startZalo({ config, assistant, logger, server });
      channels.push({ name: "zalo", ...zalo });
      app.senders.push(zalo.sender);
    }
  } catch (err) {
    await stopping.now();
    throw err;
  }
  logger.info({ channels: channels.map((c) => c.name), catalogue: catalogue.current().catalogue.version }, "started");
  // What waited in the outbox while the service was down goes out now, not at the next timer.
  dossiers?.flushOutbox().catch((err: unknown) => logger.error({ err: errorSummary(err) }, "outbox flush failed"));
}

function health(app: Awaited<ReturnType<typeof createApp>> | undefined, channels: Channel[]): Record<string, unknown> {
  const snapshot = app?.catalogue.current().catalogue;
  return {
    catalogue: snapshot && { version: snapshot.version, procedures: snapshot.procedures.length },
    storage: app?.dossiers?.state(),
    channels: Object.fromEntries(channels.map((c) => [c.name, c.state()])),
    // Only with the test clock (MOTCUA_FAKE_CLOCK_FILE); absent in production.
    ...(app?.clock ? { clock: app.clock() } : {}),
  };
}

/** SIGINT/SIGTERM finish work in flight, flush storage and exit 0; a second signal exits at once. */
function installShutdown(logger: Logger, stop: () => Promise<void>): { now: () => Promise<void> } {
  let running: Promise<void> | undefined;
  const now = () => {
    running ??= stop();
    return running;
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (running) process.exit(1);
      logger.info({ signal }, "shutting down");
      now().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err: errorSummary(err) }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
  return { now };
}

main().catch((err: unknown) => {
  // Configuration and data problems are the operator's to fix: print the message alone, no stack.
  const known = err instanceof ConfigError || err instanceof CatalogueError || err instanceof StorageError;
  const { type, message } = errorSummary(err);
  process.stderr.write(`${known ? message : `${type}: ${message}`}\n`);
  process.exit(1);
});

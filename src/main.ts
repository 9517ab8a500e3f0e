import { existsSync } from "node:fs";
import { createApp } from "./app.js";
import { CatalogueError } from "./catalogue/live.js";
import { runTerminalChat } from "./channels/terminal/chat.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

async function main(): Promise<void> {
  // A .env file beside the project is the usual place for tokens on a small server.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const { catalogue, assistant } = await createApp(config, logger);
  catalogue.watch();
  // With no channel token the bot runs as a local terminal chat, so anyone can try it.
  if (!config.TELEGRAM_BOT_TOKEN && !config.ZALO_BOT_TOKEN) {
    await runTerminalChat({
      assistant,
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
    });
    catalogue.close();
    return;
  }
  logger.error("Telegram and Zalo channels are not wired yet; unset the tokens to use the terminal chat");
  process.exitCode = 1;
  catalogue.close();
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof CatalogueError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});

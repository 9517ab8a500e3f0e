// npm run chat: the terminal chat on the bundled data, whatever tokens are set.
import { createApp } from "../app.js";
import { runTerminalChat } from "../channels/terminal/chat.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";

// Output piped into `head` and closed early is not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

const config = loadConfig();
const { catalogue, assistant } = await createApp(
  config,
  createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL),
);
if (process.stdin.isTTY) catalogue.watch();
await runTerminalChat({
  assistant,
  input: process.stdin,
  output: process.stdout,
  interactive: process.stdin.isTTY === true,
});
catalogue.close();

// npm run chat: the terminal chat on the bundled data, whatever tokens are set.
import { loadConfig } from "../config.js";
import { createService } from "../service.js";

// Output piped into `head` and closed early is not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

const interactive = process.stdin.isTTY === true;
const service = await createService(loadConfig(), {
  channels: ["terminal"],
  // A person at the terminal sees catalogue edits at once; a piped transcript needs no watcher.
  watchCatalogue: interactive,
  terminal: {
    input: process.stdin,
    output: process.stdout,
    interactive,
    languageCode: process.env.LANG?.startsWith("en") ? "en" : undefined,
  },
});
await service.start();
await service.ended;
await service.close();

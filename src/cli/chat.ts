// npm run chat: the terminal chat on the bundled data, whatever tokens are set.
import { createService } from "../service.js";
import { cliArgs } from "./args.js";
import { loadCliConfig } from "./config.js";

const HELP = `Cách dùng | Usage: npm run chat

Trò chuyện với bot ngay trong cửa sổ dòng lệnh, trên dữ liệu thủ tục (CATALOGUE_DIR) và thư mục dữ liệu
(DATA_DIR) trong .env, dù có đặt token Telegram/Zalo hay không. Gõ câu hỏi rồi Enter; Ctrl+D hoặc Ctrl+C để thoát.
Có thể đưa câu hỏi vào qua đường ống: echo "khai sinh" | npm run -s chat
Chats with the bot in the terminal, on the configured catalogue and data folder. Ctrl+D or Ctrl+C to quit.
Chỉ một tiến trình dùng một thư mục dữ liệu: nếu bot đang chạy, hãy dừng bot trước
| One process per data folder: stop the running bot first.
  -h, --help     hướng dẫn này | this help
`;
cliArgs(HELP, { options: { help: { type: "boolean", short: "h" } } });

// Output piped into `head` and closed early is not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

const interactive = process.stdin.isTTY === true;
const service = await createService(loadCliConfig(), {
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

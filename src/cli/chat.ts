import { createService, type ServiceOverrides } from "../service.js";
import { DataDirLockedError } from "../storage/lock.js";
import { cliArgs } from "./args.js";
import { loadCliConfig } from "./config.js";

const HELP = `Cách dùng | Usage: npm run chat

Trò chuyện với bot ngay trong cửa sổ dòng lệnh, trên dữ liệu thủ tục (CATALOGUE_DIR) và thư mục dữ liệu
(DATA_DIR) trong .env, dù có đặt token Telegram/Zalo hay không. Gõ câu hỏi rồi Enter; Ctrl+D hoặc Ctrl+C để thoát.
Có thể đưa câu hỏi vào qua đường ống: echo "khai sinh" | npm run -s chat
Chats with the bot in the terminal, on the configured catalogue and data folder. Ctrl+D or Ctrl+C to quit.
Khi bot đang chạy (giữ thư mục dữ liệu), phiên trò chuyện này chỉ trả lời về thủ tục, không tra cứu hồ sơ.
| Beside a running bot (it holds the data folder) this chat answers about procedures only.
  -h, --help     hướng dẫn này | this help
`;
cliArgs(HELP, { options: { help: { type: "boolean", short: "h" } } });

// Output piped into `head` and closed early is not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

const interactive = process.stdin.isTTY === true;
const config = loadCliConfig();
const overrides: ServiceOverrides = {
  channels: ["terminal"],
  // A person at the terminal sees catalogue edits at once; a piped transcript needs no watcher.
  watchCatalogue: interactive,
  terminal: {
    input: process.stdin,
    output: process.stdout,
    interactive,
    languageCode: process.env.LANG?.startsWith("en") ? "en" : undefined,
  },
};
const service = await createService(config, overrides).catch(async (err: unknown) => {
  if (err instanceof DataDirLockedError) {
    // The bot owns the data folder: chat on the catalogue alone rather than not at all.
    process.stderr.write(
      `Thư mục dữ liệu ${config.dataDir} đang được bot (tiến trình ${err.pid}) dùng: phiên trò chuyện này chỉ trả lời ` +
        "về thủ tục; tra cứu hồ sơ, thông báo và đánh giá cần dừng bot trước. | The running bot holds the data folder: " +
        "this chat answers about procedures only.\n",
    );
    return createService(config, { ...overrides, dossiers: false });
  }
  throw err;
});
await service.start();
await service.ended;
await service.close();

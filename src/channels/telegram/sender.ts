import type { Reply, Sender, SendProgress } from "../../core/types.js";
import { telegramChatId } from "./bot.js";

/** Messages the bot starts (notifications, reminders) to "telegram:<id>" chats, rendered like answers. */
export class TelegramSender implements Sender {
  readonly channel = "telegram";

  constructor(
    private readonly deliver: (chatId: number, replies: readonly Reply[], progress?: SendProgress) => Promise<void>,
  ) {}

  async send(chatKey: string, replies: Reply[], progress?: SendProgress): Promise<void> {
    const chatId = telegramChatId(chatKey);
    if (chatId === undefined) throw new Error(`TelegramSender: "${chatKey.split(":")[0]}" is not a Telegram chat key`);
    await this.deliver(chatId, replies, progress);
  }
}

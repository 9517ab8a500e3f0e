import type { Reply, Sender, SendProgress } from "../../core/types.js";
import { chatIdIn } from "../../util/chat-key.js";
import type { ZaloBot } from "./client/index.js";
import { renderForZalo } from "./render.js";

/** "zalo:<chatId>" → chatId; throws on another channel's key, so a message never goes to the wrong place. */
function zaloChatId(chatKey: string): string {
  const id = chatIdIn(chatKey, "zalo");
  if (id === undefined) throw new Error("not a Zalo chat key");
  return id;
}

/**
 * Sends replies to a Zalo chat: each rendered as numbered text and split at 2,000 characters,
 * sent one after another so they arrive in order. Resolves once Zalo accepted every message;
 * rejects at the first one it refused (after the client's retries), sending nothing after it.
 */
export class ZaloSender implements Sender {
  readonly channel = "zalo";

  constructor(private readonly bot: ZaloBot) {}

  async send(chatKey: string, replies: Reply[], progress?: SendProgress): Promise<void> {
    await this.sendTo(zaloChatId(chatKey), replies, progress);
  }

  /** Returns how many messages went out. With `progress`, skips the first `skip` and reports each acceptance. */
  async sendTo(chatId: string, replies: readonly Reply[], progress?: SendProgress): Promise<number> {
    const texts = renderForZalo(replies);
    let sent = 0;
    for (const [i, text] of texts.entries()) {
      if (progress && i < progress.skip) continue;
      await this.bot.sendMessage(chatId, text);
      progress?.accepted(i + 1);
      sent++;
    }
    return sent;
  }
}

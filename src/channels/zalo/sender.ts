import type { Reply, Sender } from "../../core/types.js";
import type { ZaloBot } from "./client/index.js";
import { renderForZalo } from "./render.js";

export const ZALO_PREFIX = "zalo:";

/** "zalo:<chatId>" → chatId; throws on another channel's key, so a message never goes to the wrong place. */
export function zaloChatId(chatKey: string): string {
  if (!chatKey.startsWith(ZALO_PREFIX) || chatKey.length === ZALO_PREFIX.length) {
    throw new Error("not a Zalo chat key");
  }
  return chatKey.slice(ZALO_PREFIX.length);
}

/**
 * Sends replies to a Zalo chat: each rendered as numbered text and split at 2,000 characters,
 * sent one after another so they arrive in order. Resolves once Zalo accepted every message;
 * rejects at the first one it refused (after the client's retries), sending nothing after it.
 */
export class ZaloSender implements Sender {
  readonly channel = "zalo";

  constructor(private readonly bot: ZaloBot) {}

  async send(chatKey: string, replies: Reply[]): Promise<void> {
    await this.sendTo(zaloChatId(chatKey), replies);
  }

  /** Returns how many messages went out. */
  async sendTo(chatId: string, replies: readonly Reply[]): Promise<number> {
    const texts = renderForZalo(replies);
    for (const text of texts) await this.bot.sendMessage(chatId, text);
    return texts.length;
  }
}

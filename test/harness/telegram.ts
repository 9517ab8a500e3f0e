import type { Update, UserFromGetMe } from "grammy/types";
import { createTelegramBot, type TelegramBotDeps } from "../../src/channels/telegram/bot.js";
import type { Assistant } from "../../src/core/assistant.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { type AssistantDeps, createAssistant } from "../../src/features/index.js";
import type { Logger } from "../../src/logger.js";
import { bundledCatalogue, captureLogs } from "./common.js";
import { FAKE_TOKEN, fakeBotInfo } from "./fake-telegram-api.js";

export const BOT_INFO: UserFromGetMe = fakeBotInfo(FAKE_TOKEN);

/** The real core on the bundled catalogue (opened once per test file), with a fresh conversation store. */
export async function bundledAssistant(deps: Partial<AssistantDeps> = {}): Promise<Assistant> {
  return createAssistant({
    catalogue: await bundledCatalogue(),
    conversations: new MemoryConversationStore(),
    ...deps,
  });
}

/** A pino logger writing JSON lines into memory, so tests can read what was logged. */
export function captureLogger(): { logger: Logger; lines: () => Record<string, unknown>[]; raw: () => string } {
  const { logger, lines } = captureLogs();
  const raw = () => lines.join("");
  return {
    logger,
    raw,
    lines: () =>
      raw()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

type Responder = (
  call: ApiCall,
) => { ok: true; result: unknown } | { ok: false; error_code: number; description: string } | undefined;

/**
 * The production bot with an API transformer in front of the network: every call is recorded
 * and answered here (sendMessage gets a message id), so nothing leaves the process.
 * `respond` may answer a call differently (an error, say); undefined means the default.
 */
export function recordingBot(deps: Partial<TelegramBotDeps> & Pick<TelegramBotDeps, "assistant">, respond?: Responder) {
  const { logger, raw, lines } = captureLogger();
  const telegram = createTelegramBot({ logger, token: FAKE_TOKEN, botInfo: BOT_INFO, ...deps });
  const calls: ApiCall[] = [];
  let messageId = 1000;
  telegram.bot.api.config.use(async (_prev, method, payload) => {
    const call = { method, payload: payload as Record<string, unknown> };
    calls.push(call);
    const custom = respond?.(call);
    if (custom) return custom as never;
    if (method === "sendMessage") {
      const p = call.payload;
      return {
        ok: true,
        result: { message_id: ++messageId, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text },
      } as never;
    }
    return { ok: true, result: true } as never;
  });
  let updateId = 5000;
  const update = (content: Omit<Update, "update_id">): Update => ({ update_id: ++updateId, ...content }) as Update;
  return {
    ...telegram,
    calls,
    logs: lines,
    rawLogs: raw,
    /** The bot's messages (sendMessage payloads) to a chat, in order. */
    sent: (chatId?: number) =>
      calls.filter((c) => c.method === "sendMessage" && (chatId === undefined || c.payload.chat_id === chatId)),
    text: (chatId: number, text: string, languageCode?: string) =>
      telegram.bot.handleUpdate(update(textMessage(chatId, text, languageCode))),
    press: (chatId: number, data: string, messageId?: number) =>
      telegram.bot.handleUpdate(update(callbackQuery(chatId, data, messageId))),
    handle: (content: Omit<Update, "update_id">) => telegram.bot.handleUpdate(update(content)),
    /** Same handling as in production: errors go to bot.catch (runner and webhook do this). */
    handleCaught: async (content: Omit<Update, "update_id">) => {
      try {
        await telegram.bot.handleUpdate(update(content));
      } catch (err) {
        await telegram.bot.errorHandler(err as Parameters<typeof telegram.bot.errorHandler>[0]);
      }
    },
  };
}

export function textMessage(chatId: number, text: string, languageCode?: string): Omit<Update, "update_id"> {
  return {
    message: {
      message_id: 1,
      date: 0,
      chat: { id: chatId, type: "private", first_name: "Người dùng" },
      from: {
        id: chatId,
        is_bot: false,
        first_name: "Người dùng",
        ...(languageCode ? { language_code: languageCode } : {}),
      },
      text,
      ...(text.startsWith("/")
        ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 1 }] }
        : {}),
    },
  } as Omit<Update, "update_id">;
}

export function callbackQuery(chatId: number, data: string, messageId = 1): Omit<Update, "update_id"> {
  return {
    callback_query: {
      id: `cq-${chatId}-${data}`,
      chat_instance: "ci",
      from: { id: chatId, is_bot: false, first_name: "Người dùng" },
      message: {
        message_id: messageId,
        date: 0,
        chat: { id: chatId, type: "private", first_name: "Người dùng" },
        text: "…",
      },
      data,
    },
  } as Omit<Update, "update_id">;
}

/** The callback data of every button of a sendMessage payload, row by row. */
export function buttons(payload: Record<string, unknown>): { text: string; data: string }[][] {
  const markup = payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).map((row) => row.map((b) => ({ text: b.text, data: b.callback_data })));
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

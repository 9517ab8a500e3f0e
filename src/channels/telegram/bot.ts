import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotError, type Context, GrammyError, HttpError } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Assistant } from "../../core/assistant.js";
import type { Reply, SendProgress } from "../../core/types.js";
import { errorSummary, type Logger } from "../../logger.js";
import { type ChatTurns, inTurn } from "../../replicas/index.js";
import { chatIdIn, chatKey } from "../../util/chat-key.js";
import { RecentSet } from "../../util/recent.js";
import { TelegramMessages } from "./messages.js";
import { PageStore } from "./pages.js";
import { requestedPage } from "./render.js";

/** What the channel needs from the core; tests may wrap the real Assistant. */
export type TelegramAssistant = Pick<Assistant, "handle" | "languageOf" | "translator">;

/** Updates the bot asks Telegram for; everything else (edits, channel posts…) is never delivered. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

export interface TelegramBotDeps {
  assistant: TelegramAssistant;
  logger: Logger;
  token: string;
  /** A local Bot API server, or a fake one in tests; Telegram's by default. */
  apiRoot?: string;
  /** Skips the getMe call at start (tests). */
  botInfo?: UserFromGetMe;
  /** Retries of API calls refused with 429 (flood control) or 5xx; finite so a stuck chat cannot stall the bot. */
  retry?: { maxRetryAttempts: number; maxDelaySeconds: number };
  /** If the core has not answered after this long, the user sees "typing…". */
  typingAfterMs?: number;
  /** Several replicas: a chat's updates take turns across them, and one answered by any replica is not answered again. */
  turns?: ChatTurns;
}

export interface TelegramStats {
  handled: number;
  failed: number;
  duplicates: number;
  lastUpdateAt?: string;
}

export interface TelegramBot {
  bot: Bot;
  /** Sends replies to a chat (used for answers and by the Sender for messages the bot starts). */
  deliver(chatId: number, replies: readonly Reply[], progress?: SendProgress): Promise<void>;
  stats: TelegramStats;
}

function telegramChatKey(chatId: number): string {
  return chatKey("telegram", chatId);
}

/** The chat id of a "telegram:<id>" key, or undefined for another channel's key. */
export function telegramChatId(key: string): number | undefined {
  const id = chatIdIn(key, "telegram");
  return id !== undefined && /^-?\d+$/.test(id) ? Number(id) : undefined;
}

/**
 * The Telegram bot: it only translates between Telegram and the core. Production and tests
 * build it the same way; only the API root (or an API transformer) differs.
 */
export function createTelegramBot(deps: TelegramBotDeps): TelegramBot {
  const { assistant, logger } = deps;
  const bot = new Bot(deps.token, {
    botInfo: deps.botInfo,
    // 60 s leaves room for 30 s long polls; the 500 s default would hide a dead connection for minutes.
    client: { apiRoot: deps.apiRoot, timeoutSeconds: 60 },
  });
  bot.api.config.use(
    autoRetry({
      maxRetryAttempts: deps.retry?.maxRetryAttempts ?? 3,
      maxDelaySeconds: deps.retry?.maxDelaySeconds ?? 30,
      // Network errors would otherwise be retried forever; the runner retries getUpdates itself.
      rethrowHttpErrors: true,
    }),
  );

  const stats: TelegramStats = { handled: 0, failed: 0, duplicates: 0 };
  const t = async (chatId: number, id: string, args?: Record<string, string | number>) =>
    assistant.translator.t(await assistant.languageOf(telegramChatKey(chatId)), id, args);
  const messages = new TelegramMessages(bot.api, new PageStore(), async (chatId) => {
    const lang = await assistant.languageOf(telegramChatKey(chatId));
    const tr = assistant.translator;
    return {
      previous: tr.t(lang, "tg-page-previous"),
      next: tr.t(lang, "tg-page-next"),
      of: (page, pages) => tr.t(lang, "tg-page-of", { page, pages }),
    };
  });

  // Telegram may deliver an update again (a webhook answer lost on the way back); handle it once.
  const seen = new RecentSet<number>(10_000);
  bot.use((ctx, next) => {
    if (seen.add(ctx.update.update_id)) {
      stats.lastUpdateAt = new Date().toISOString();
      return next();
    }
    stats.duplicates++;
  });
  // One chat's updates run one after another, so replies never interleave; chats run in parallel.
  bot.use(sequentialize((ctx: Context) => chatIdOf(ctx)?.toString()));
  // …and across replicas too, when there are several (src/replicas/chat-turns.ts).
  const { turns } = deps;
  if (turns) {
    bot.use(async (ctx, next) => {
      const chatId = chatIdOf(ctx);
      if (chatId === undefined) return next();
      const ran = await inTurn(turns, telegramChatKey(chatId), `telegram:${ctx.update.update_id}`, next);
      if (!ran) stats.duplicates++;
    });
  }

  const answer = async (ctx: Context, chatId: number, incoming: Parameters<TelegramAssistant["handle"]>[1]) => {
    const typing = setTimeout(
      () => void bot.api.sendChatAction(chatId, "typing").catch(() => undefined),
      deps.typingAfterMs ?? 1_000,
    );
    let replies: Reply[];
    try {
      replies = await assistant.handle(telegramChatKey(chatId), incoming, { languageCode: ctx.from?.language_code });
    } finally {
      clearTimeout(typing);
    }
    await messages.send(chatId, replies);
  };

  bot.on("message:text", async (ctx) => {
    await answer(ctx, ctx.chat.id, { kind: "text", text: ctx.message.text });
    stats.handled++;
  });

  // Only stops the button's spinner: a press Telegram delivers again after a crash (its query
  // answered before, or too old) is refused here with 400, and must still be handled.
  const answerQuery = (ctx: Context, text?: string) =>
    ctx
      .answerCallbackQuery(text === undefined ? undefined : { text })
      .catch((err: unknown) => logger.debug({ err: errorSummary(err) }, "telegram callback query not answered"));

  bot.on("callback_query:data", async (ctx) => {
    const chatId = chatIdOf(ctx);
    const data = ctx.callbackQuery.data;
    const page = requestedPage(data);
    const messageId = ctx.callbackQuery.message?.message_id;
    if (page !== undefined) {
      const turned = chatId && messageId ? await messages.turnPage(chatId, messageId, page) : "expired";
      if (turned === "expired" && chatId) {
        await answerQuery(ctx, await t(chatId, "tg-page-expired"));
      } else {
        await answerQuery(ctx);
      }
    } else {
      // Answered first, so the button stops spinning while the core works.
      await answerQuery(ctx);
      if (chatId) await answer(ctx, chatId, { kind: "choice", id: data });
    }
    stats.handled++;
  });

  // Photos, stickers, voice…: say what the bot can read, in private chats only (groups stay quiet).
  bot.on("message", async (ctx) => {
    if (ctx.chat.type === "private") {
      await messages.send(ctx.chat.id, [{ text: await t(ctx.chat.id, "unsupported-message") }]);
    }
    stats.handled++;
  });

  bot.catch(async (err: BotError) => {
    stats.failed++;
    const { update } = err.ctx;
    logger.error(
      { err: errorSummary(err.error), updateId: update.update_id, updateType: updateType(update) },
      "telegram update failed",
    );
    // Our own failure gets an apology; when Telegram itself refused or was unreachable, another call would fail too.
    const chatId = chatIdOf(err.ctx);
    if (chatId === undefined || err.error instanceof GrammyError || err.error instanceof HttpError) return;
    try {
      await messages.send(chatId, [{ text: await t(chatId, "tg-error") }]);
    } catch (apologyErr) {
      logger.warn({ err: errorSummary(apologyErr), updateId: update.update_id }, "telegram apology not sent");
    }
  });

  return { bot, deliver: (chatId, replies, progress) => messages.send(chatId, replies, progress), stats };
}

/** The chat an update belongs to; a button under a message too old to be attached falls back to its presser. */
function chatIdOf(ctx: Context): number | undefined {
  return ctx.chat?.id ?? ctx.callbackQuery?.from.id;
}

/** "message", "callback_query"…: enough to tell updates apart in logs without their content. */
function updateType(update: Update): string {
  return Object.keys(update).find((k) => k !== "update_id") ?? "unknown";
}

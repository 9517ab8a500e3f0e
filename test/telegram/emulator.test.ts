/**
 * Smoke test against a third-party emulator, `telegram-test-api`, so the bot is not only
 * tested against our own idea of Telegram. The emulator lacks setMyCommands and sendChatAction
 * and ignores long-poll timeouts: the test stubs those on its side, the bot is unchanged.
 */

// The class itself: the package's default export does not type-check as a constructor under NodeNext.
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramBot } from "../../src/channels/telegram/bot.js";
import { registerCommands } from "../../src/channels/telegram/commands.js";
import { type Polling, startPolling } from "../../src/channels/telegram/polling.js";
import { FAKE_TOKEN } from "../harness/fake-telegram-api.js";
import { bundledAssistant, captureLogger, delay } from "../harness/telegram.js";

type Button = { text: string; callback_data: string };

/** The buttons of a message the emulator recorded, in one list. */
function keyboardOf(message: { reply_markup?: unknown } | undefined): Button[] {
  const markup = message?.reply_markup as { inline_keyboard?: Button[][] } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}

const MISSING_METHODS = new Set(["setMyCommands", "sendChatAction"]);

let emulator: TelegramServer;
let polling: Polling;

beforeAll(async () => {
  emulator = new TelegramServer({ host: "127.0.0.1", port: 1 });
  emulator.config.port = 0; // the emulator treats 0 as "unset", so it is set after construction
  await emulator.start();
  const { port } = (emulator as unknown as { server: import("node:http").Server }).server.address() as { port: number };
  emulator.config.apiURL = `http://127.0.0.1:${port}`;

  const { logger } = captureLogger();
  const assistant = await bundledAssistant();
  const { bot } = createTelegramBot({ assistant, logger, token: FAKE_TOKEN, apiRoot: emulator.config.apiURL });
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (MISSING_METHODS.has(method)) return { ok: true, result: true } as never;
    const result = await prev(method, payload, signal);
    // No long polling in the emulator: pause between empty polls instead of spinning.
    if (method === "getUpdates" && result.ok && Array.isArray(result.result) && result.result.length === 0) {
      await delay(20);
    }
    return result;
  });
  await registerCommands(bot.api, assistant.translator);
  polling = await startPolling(bot, { logger });
});

afterAll(async () => {
  await polling?.stop();
  await emulator?.stop();
});

describe("against telegram-test-api", () => {
  it("greets on /start, answers a question and follows an inline button", async () => {
    const client = emulator.getClient(FAKE_TOKEN, { chatId: 31, userId: 31, timeout: 5_000 });

    await client.sendCommand(client.makeCommand("/start"));
    const greeting = (await client.getUpdates()).result[0]?.message;
    expect(greeting?.text).toContain("trợ lý tự động");
    const menu = keyboardOf(greeting);
    expect(menu.map((b) => b.callback_data)).toContain("m:browse");

    await client.sendMessage(client.makeMessage("đăng ký khai sinh cần giấy tờ gì"));
    const answer = (await client.getUpdates()).result[0]?.message;
    expect(answer?.text).toContain("1.001193");
    const sections = keyboardOf(answer);
    const fee = sections.find((b) => b.callback_data === "p:1.001193:f");
    expect(fee?.text).toBe("Lệ phí");

    await client.sendCallback(client.makeCallbackQuery(fee?.callback_data ?? ""));
    const feeAnswer = (await client.getUpdates()).result[0]?.message;
    expect(feeAnswer?.text).toContain("Lệ phí:");
  });
});

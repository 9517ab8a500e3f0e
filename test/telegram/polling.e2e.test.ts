/**
 * Long polling end to end: the production bot, unchanged but for its API root, against the
 * fake Bot API over real HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTelegramBot, type TelegramAssistant } from "../../src/channels/telegram/bot.js";
import { startTelegram } from "../../src/channels/telegram/index.js";
import { startPolling } from "../../src/channels/telegram/polling.js";
import { loadConfig } from "../../src/config.js";
import { HttpServer } from "../../src/server/http.js";
import { FAKE_TOKEN, FakeTelegramApi } from "../harness/fake-telegram-api.js";
import { bundledAssistant, captureLogger, delay } from "../harness/telegram.js";

let fake: FakeTelegramApi;
beforeEach(async () => {
  fake = await FakeTelegramApi.start();
});
afterEach(async () => {
  await fake.close();
});

function pollingConfig(token = FAKE_TOKEN) {
  return loadConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_MODE: "polling", TELEGRAM_API_ROOT: fake.apiRoot });
}

describe("polling mode", () => {
  it("starts from the configuration, registers its commands and holds a conversation with buttons", async () => {
    const { logger } = captureLogger();
    const channel = await startTelegram({
      config: pollingConfig(),
      assistant: await bundledAssistant(),
      logger,
      server: new HttpServer(logger, () => ({})),
    });
    try {
      expect(fake.callsTo("getMe")).toHaveLength(1);
      expect(fake.commands.get("")?.map((c) => c.command)).toEqual([
        "start",
        "help",
        "tim",
        "linhvuc",
        "hoso",
        "danhgia",
        "huy",
        "xoadulieu",
        "ngonngu",
      ]);
      expect(fake.commands.get("en")?.[0]?.description).toMatch(/^Start/);
      expect(fake.callsTo("deleteWebhook")[0]?.params.drop_pending_updates).toBe(false);

      await fake.sendText(7, "/start");
      const [greeting] = await fake.waitForMessages(7, 1);
      expect(greeting?.text).toContain("trợ lý tự động");

      await fake.press(7, { label: "Xem theo lĩnh vực" });
      await fake.waitForMessages(7, 2);
      // The catalogue has more fields than one keyboard page: pick the first field shown.
      const field = fake
        .botMessages(7)[1]
        ?.reply_markup?.inline_keyboard.flat()
        .find((b) => "callback_data" in b && b.callback_data.startsWith("f:"));
      if (!field || !("callback_data" in field)) throw new Error("no field button under the field list");
      await fake.press(7, { data: field.callback_data });
      const [, , procedures] = await fake.waitForMessages(7, 3);
      expect(procedures?.text).toContain(field.text.replace(/\s*\(\d+\)$/, ""));
      expect(fake.callsTo("answerCallbackQuery")).toHaveLength(2);

      await fake.sendText(7, "lệ phí đăng ký kết hôn");
      const answer = (await fake.waitForMessages(7, 4))[3];
      expect(answer?.text).toMatch(/kết hôn/i);
      expect(answer?.text).toContain("Lệ phí");

      const longPolls = fake.callsTo("getUpdates").filter((c) => c.params.timeout === 30);
      expect(longPolls.length).toBeGreaterThan(0);
      expect(longPolls[0]?.params.allowed_updates).toEqual(["message", "callback_query"]);
      // A message the bot starts (a notification), through the channel's Sender.
      await channel.sender.send("telegram:7", [
        { text: "Hồ sơ của bạn đã có kết quả.", choices: [{ id: "m:help", label: "Hướng dẫn" }] },
      ]);
      expect(fake.botMessages(7)[4]?.text).toBe("Hồ sơ của bạn đã có kết quả.");
      await expect(channel.sender.send("telegram:404", [{ text: "x" }])).rejects.toThrow(/chat not found/);

      await fake.waitFor(() => channel.health().handled === 4, 2_000, "4 updates counted");
      expect(channel.health()).toMatchObject({ mode: "polling", running: true, handled: 4, failed: 0 });
    } finally {
      await channel.stop();
    }
  });

  it("loses and repeats no update across a restart, even when stopped while a batch is in flight", async () => {
    const { logger } = captureLogger();
    const real = await bundledAssistant();
    const handledBy = new Map<number, string[]>();
    let stopping: Promise<void> | undefined;
    let polling: Awaited<ReturnType<typeof startPolling>> | undefined;
    let instance = "A";

    // Counts every update the core sees; the first "dừng" starts a graceful stop right as its batch
    // is being handled, before the runner has asked for (and so confirmed) the next batch.
    const counting: TelegramAssistant = {
      translator: real.translator,
      languageOf: (k) => real.languageOf(k),
      handle: async (key, incoming, ctx) => {
        const chatId = Number(key.split(":")[1]);
        handledBy.set(chatId, [...(handledBy.get(chatId) ?? []), instance]);
        if (incoming.kind === "text" && incoming.text === "dừng" && !stopping) {
          stopping = polling?.stop();
          await delay(100); // still in flight while the stop waits
        }
        return real.handle(key, { kind: "text", text: "/help" }, ctx);
      },
    };
    const start = async () =>
      startPolling(createTelegramBot({ assistant: counting, logger, token: FAKE_TOKEN, apiRoot: fake.apiRoot }).bot, {
        logger,
      });

    polling = await start();
    for (let chat = 1; chat <= 10; chat++) await fake.sendText(chat, "/help");
    await fake.waitFor(() => fake.callsTo("sendMessage").length === 10, 5_000, "10 replies");

    // One batch of five; chat 13's update stops the bot while 11–15 are being handled.
    for (let chat = 11; chat <= 15; chat++) void fake.sendText(chat, chat === 13 ? "dừng" : "/help");
    await fake.waitFor(() => stopping, 5_000, "the stop");
    await stopping;
    expect(fake.callsTo("sendMessage")).toHaveLength(15); // the updates in flight were finished

    // While the bot is down, users keep writing.
    instance = "B";
    for (let chat = 16; chat <= 20; chat++) await fake.sendText(chat, "/help");
    await fake.sendText(1, "/help");
    await delay(50);
    expect(fake.callsTo("sendMessage")).toHaveLength(15);

    polling = await start();
    try {
      await fake.waitFor(() => fake.callsTo("sendMessage").length >= 21, 5_000, "21 replies");
      await delay(150); // a repeated update would show up here
    } finally {
      await polling.stop();
    }

    expect(fake.callsTo("sendMessage")).toHaveLength(21);
    for (let chat = 2; chat <= 15; chat++) expect(handledBy.get(chat)).toEqual(["A"]);
    for (let chat = 16; chat <= 20; chat++) expect(handledBy.get(chat)).toEqual(["B"]);
    expect(handledBy.get(1)).toEqual(["A", "B"]);
    expect(fake.pendingUpdates()).toEqual([]);
  });

  it("picks up updates queued for a webhook when switched to polling", async () => {
    const { logger } = captureLogger();
    fake.webhook = { url: "https://bot.example.org/webhook/telegram", max_connections: 40 };
    fake.webhookOrigin = "http://127.0.0.1:1"; // nobody listens: delivery fails, the update waits
    const { status } = await fake.sendText(3, "/help");
    expect(status).toBe(0);
    const telegram = createTelegramBot({
      assistant: await bundledAssistant(),
      logger,
      token: FAKE_TOKEN,
      apiRoot: fake.apiRoot,
    });
    const polling = await startPolling(telegram.bot, { logger });
    try {
      const [reply] = await fake.waitForMessages(3, 1);
      expect(reply?.text).toContain("/linhvuc");
    } finally {
      await polling.stop();
    }
  });

  it("waits out Telegram's flood control (429 retry_after) and delivers the reply", async () => {
    const { logger } = captureLogger();
    fake.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    const telegram = createTelegramBot({
      assistant: await bundledAssistant(),
      logger,
      token: FAKE_TOKEN,
      apiRoot: fake.apiRoot,
    });
    const polling = await startPolling(telegram.bot, { logger });
    try {
      await fake.sendText(4, "/help");
      const sentAt = Date.now();
      await fake.waitForMessages(4, 1, 5_000);
      expect(Date.now() - sentAt).toBeGreaterThanOrEqual(900);
      expect(fake.callsTo("sendMessage")).toHaveLength(2);
      expect(telegram.stats.failed).toBe(0);
    } finally {
      await polling.stop();
    }
  });

  it("gives up after a finite number of retries, and at once when told to wait too long; both are logged", async () => {
    const { logger, lines, raw } = captureLogger();
    const telegram = createTelegramBot({
      assistant: await bundledAssistant(),
      logger,
      token: FAKE_TOKEN,
      apiRoot: fake.apiRoot,
      retry: { maxRetryAttempts: 2, maxDelaySeconds: 5 },
    });
    const polling = await startPolling(telegram.bot, { logger });
    try {
      fake.failNext(
        "sendMessage",
        { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
        3,
      );
      await fake.sendText(5, "/help");
      await fake.waitFor(() => telegram.stats.failed === 1, 8_000, "the first failure");
      // One try and two retries; a fourth try would have succeeded.
      expect(fake.callsTo("sendMessage")).toHaveLength(3);

      fake.failNext("sendMessage", {
        error_code: 429,
        description: "Too Many Requests: retry after 600",
        parameters: { retry_after: 600 },
      });
      await fake.sendText(6, "/help");
      await fake.waitFor(() => telegram.stats.failed === 2, 3_000, "the second failure");
      expect(fake.callsTo("sendMessage")).toHaveLength(4);
    } finally {
      await polling.stop();
    }
    const failures = lines().filter((l) => l.msg === "telegram update failed");
    expect(failures).toHaveLength(2);
    expect(JSON.stringify(failures)).toContain("429");
    expect(raw()).not.toContain(FAKE_TOKEN);
  }, 20_000);

  it("stops with a logged conflict when a second instance polls the same bot", async () => {
    const first = captureLogger();
    const second = captureLogger();
    const assistant = await bundledAssistant();
    const make = (logger: typeof first.logger) =>
      createTelegramBot({ assistant, logger, token: FAKE_TOKEN, apiRoot: fake.apiRoot }).bot;
    const a = await startPolling(make(first.logger), { logger: first.logger });
    await fake.sendText(8, "/help");
    await fake.waitForMessages(8, 1);
    const b = await startPolling(make(second.logger), { logger: second.logger });
    try {
      await fake.waitFor(() => a.state().running === false, 3_000, "the first instance to stop");
      const stopped = first.lines().find((l) => l.msg === "telegram polling stopped");
      expect(JSON.stringify(stopped)).toContain("409");
      expect(a.state().lastError).toMatch(/409/);
      // The second instance carries on, also once the first one is stopped.
      await fake.sendText(8, "/help");
      await fake.waitForMessages(8, 2);
      await a.stop();
      await fake.sendText(8, "/help");
      await fake.waitForMessages(8, 3);
      expect(b.state().running).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it("refuses to start with a token Telegram rejects, saying which variable to check and not echoing it", async () => {
    const { logger, raw } = captureLogger();
    const wrong = "987654321:AAWrongTokenWrongTokenWrongToken123";
    const starting = startTelegram({
      config: pollingConfig(wrong),
      assistant: await bundledAssistant(),
      logger,
      server: new HttpServer(logger, () => ({})),
    });
    await expect(starting).rejects.toThrow(/TELEGRAM_BOT_TOKEN.*401|401.*TELEGRAM_BOT_TOKEN/s);
    await starting.catch((err: Error) => expect(err.message).not.toContain(wrong));
    expect(raw()).not.toContain(wrong);
  });
});

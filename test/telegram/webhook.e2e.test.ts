/**
 * Webhook mode end to end: the fake Bot API POSTs updates to the project's HTTP server over
 * real HTTP (standing in for the HTTPS proxy in front of it), and the bot answers through the
 * fake's API.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TelegramAssistant } from "../../src/channels/telegram/bot.js";
import { startTelegram, type TelegramChannel } from "../../src/channels/telegram/index.js";
import { webhookTarget } from "../../src/channels/telegram/webhook.js";
import { loadConfig } from "../../src/config.js";
import { HttpServer } from "../../src/server/http.js";
import { FAKE_TOKEN, FakeTelegramApi } from "../harness/fake-telegram-api.js";
import { bundledAssistant, captureLogger, delay } from "../harness/telegram.js";

const SECRET = "s3cret_webhook-token_0123456789";
const PUBLIC_URL = "https://bot.example.org/webhook/telegram";

let fake: FakeTelegramApi;
let server: HttpServer;
let channel: TelegramChannel | undefined;
let seen: string[];

/** The real core, counting what reaches it. */
async function countingAssistant(): Promise<TelegramAssistant> {
  const real = await bundledAssistant();
  return {
    translator: real.translator,
    languageOf: (k) => real.languageOf(k),
    handle: (key, incoming, ctx) => {
      seen.push(key);
      return real.handle(key, incoming, ctx);
    },
  };
}

async function start(assistant?: TelegramAssistant): Promise<TelegramChannel> {
  const { logger } = captureLogger();
  server = new HttpServer(logger, () => ({ telegram: channel?.health() }));
  const { port } = await server.listen(0);
  fake.webhookOrigin = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_MODE: "webhook",
    TELEGRAM_WEBHOOK_URL: PUBLIC_URL,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: fake.apiRoot,
  });
  channel = await startTelegram({ config, assistant: assistant ?? (await countingAssistant()), logger, server });
  return channel;
}

beforeEach(async () => {
  seen = [];
  fake = await FakeTelegramApi.start();
});
afterEach(async () => {
  await channel?.stop();
  channel = undefined;
  await server.close();
  await fake.close();
});

describe("webhook mode", () => {
  it("sets the webhook with its secret at start-up and answers updates posted with the right secret", async () => {
    await start();
    expect(fake.webhook).toMatchObject({
      url: PUBLIC_URL,
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query"],
    });
    expect(fake.callsTo("getUpdates")).toHaveLength(0);
    expect(fake.commands.get("en")).toHaveLength(9);

    const first = await fake.sendText(1, "/start");
    expect(first.status).toBe(200);
    // The webhook is answered once the update has been handled: the reply is already there.
    expect(fake.botMessages(1)[0]?.text).toContain("trợ lý tự động");

    expect((await fake.press(1, { label: "Hướng dẫn" })).status).toBe(200);
    expect(fake.botMessages(1)[1]?.text).toContain("/linhvuc");
    expect(fake.callsTo("answerCallbackQuery")).toHaveLength(1);

    expect((await fake.sendText(1, "chứng thực bản sao mất bao nhiêu tiền")).status).toBe(200);
    expect(fake.botMessages(1)[2]?.text).toContain("Lệ phí");
    expect(fake.pendingUpdates()).toEqual([]);
  });

  it("answers 401 and handles nothing when the secret is missing or wrong", async () => {
    await start();
    const update = {
      update_id: 1,
      message: { message_id: 1, date: 0, chat: { id: 5, type: "private" }, text: "/start" },
    };
    const missing = await fake.postToWebhook(update as never, null);
    const wrong = await fake.postToWebhook(update as never, `${SECRET}x`);
    const empty = await fake.postToWebhook(update as never, "");
    expect([missing.status, wrong.status, empty.status]).toEqual([401, 401, 401]);
    await delay(50);
    expect(seen).toEqual([]);
    expect(fake.callsTo("sendMessage")).toHaveLength(0);

    const right = await fake.postToWebhook(update as never, SECRET);
    expect(right.status).toBe(200);
    expect(seen).toEqual(["telegram:5"]);
    expect(channel?.health()).toMatchObject({ mode: "webhook", received: 1, refused: 3 });
  });

  it("refuses a body that is not an update, and keeps /healthz", async () => {
    await start();
    const { port } = new URL(fake.webhookOrigin ?? "");
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${port}/webhook/telegram`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body,
      });
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ message: {} }))).status).toBe(400);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, telegram: { mode: "webhook", bot: "motcua_test_bot" } });
    expect(seen).toEqual([]);
  });

  it("on stop, finishes the update in flight and refuses new ones with 503; after a restart Telegram's retry is handled once", async () => {
    const real = await bundledAssistant();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: TelegramAssistant = {
      translator: real.translator,
      languageOf: (k) => real.languageOf(k),
      handle: async (key, incoming, ctx) => {
        seen.push(key);
        if (key === "telegram:1") await gate;
        return real.handle(key, incoming, ctx);
      },
    };
    const first = await start(slow);
    try {
      const inFlight = fake.sendText(1, "/help");
      await fake.waitFor(() => seen.length === 1, 2_000, "the update to reach the core");
      let stopped = false;
      const stopping = first.stop().then(() => {
        stopped = true;
      });
      await delay(30);
      expect(stopped).toBe(false); // still waiting for chat 1

      const during = await fake.sendText(2, "/help");
      expect(during.status).toBe(503);

      release();
      expect((await inFlight).status).toBe(200);
      await stopping;
      expect(fake.botMessages(1)).toHaveLength(1);
      expect(fake.pendingUpdates().map((u) => u.update_id)).toEqual([during.update.update_id]);
    } finally {
      release();
    }
    await server.close();

    // The restarted service gets Telegram's retry of the refused update, and only that.
    await start();
    expect(await fake.redeliver()).toEqual([200]);
    expect(fake.botMessages(2)).toHaveLength(1);
    expect(fake.botMessages(1)).toHaveLength(1);
    expect(fake.pendingUpdates()).toEqual([]);
  });

  it("handles a press Telegram posts again after a crash, though its query was answered before", async () => {
    await start();
    await fake.sendText(1, "/start");
    const { update } = await fake.press(1, { label: "Hướng dẫn" });
    expect(fake.botMessages(1)).toHaveLength(2);
    // A new process gets the update again (the old one died before Telegram had its 200).
    await channel?.stop();
    await server.close();
    await start();
    expect((await fake.postToWebhook(update, SECRET)).status).toBe(200);
    // answerCallbackQuery is refused now (400: query already answered), but the press is not lost.
    expect(fake.botMessages(1)).toHaveLength(3);
    expect(fake.botMessages(1)[2]?.text).toContain("/linhvuc");
  });

  it("serves 100 chats posting at once, each getting exactly its answer", async () => {
    await start();
    const deliveries = await Promise.all(
      Array.from({ length: 100 }, (_, i) => fake.sendText(1000 + i, i % 2 ? "làm giấy khai sinh cần gì" : "/help")),
    );
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    for (let i = 0; i < 100; i++) {
      const messages = fake.botMessages(1000 + i);
      expect(messages).toHaveLength(1);
      expect(messages[0]?.text).toContain(i % 2 ? "khai sinh" : "/linhvuc");
    }
  });
});

describe("webhookTarget", () => {
  it("serves the path of the public URL, or /webhook/telegram when it has none", () => {
    expect(webhookTarget("https://bot.example.org/tg/hook")).toEqual({
      url: "https://bot.example.org/tg/hook",
      path: "/tg/hook",
    });
    expect(webhookTarget("https://bot.example.org")).toEqual({
      url: "https://bot.example.org/webhook/telegram",
      path: "/webhook/telegram",
    });
  });
});

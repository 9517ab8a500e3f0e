import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startZalo, type ZaloChannel } from "../../src/channels/zalo/index.js";
import type { Assistant } from "../../src/core/assistant.js";
import { HttpServer } from "../../src/server/http.js";
import { FAKE_TOKEN, FakeZaloApi, stickerUpdate, textUpdate } from "../harness/fake-zalo-api.js";
import {
  capturedLogger,
  eventually,
  expectedTexts,
  FAST,
  newAssistant,
  tempDir,
  WEBHOOK_SECRET,
  zaloConfig,
} from "../harness/zalo.js";

const PUBLIC_URL = "https://bot.example.vn/webhook/zalo";

let fake: FakeZaloApi;
let server: HttpServer;
let url: string;
let dir: string;
let cleanup: () => Promise<void>;
let assistant: Assistant;
let channel: ZaloChannel;
let log: ReturnType<typeof capturedLogger>;

beforeEach(async () => {
  fake = await FakeZaloApi.start();
  ({ dir, cleanup } = await tempDir());
  assistant = await newAssistant();
  log = capturedLogger();
  server = new HttpServer(log.logger, () => ({}));
  const config = zaloConfig(fake, dir, {
    ZALO_MODE: "webhook",
    ZALO_WEBHOOK_URL: PUBLIC_URL,
    ZALO_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  channel = await startZalo({ config, assistant, logger: log.logger, server, tuning: FAST });
  const { port } = await server.listen(0);
  url = `http://127.0.0.1:${port}/webhook/zalo`;
});
afterEach(async () => {
  await channel.stop();
  await server.close();
  await fake.close();
  await cleanup();
});

const texts = (chatId: string) => fake.sentTo(chatId).map((m) => m.text);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Zalo channel, webhook", () => {
  it("registers the webhook URL and secret with Zalo at start-up", () => {
    expect(fake.webhook).toEqual({ url: PUBLIC_URL, secret: WEBHOOK_SECRET });
    expect(fake.callsOf("getUpdates")).toHaveLength(0);
    expect(channel.health()).toMatchObject({ mode: "webhook", webhookRegistered: true, polling: false });
  });

  it("accepts the documented wrapped body and the flat one, and holds a numbered-choice conversation", async () => {
    expect(await fake.deliver(url, textUpdate("w1", "khai sinh"))).toMatchObject({ status: 200 });
    await fake.waitFor(() => fake.sentTo("w1").length === 1);
    expect(await fake.deliver(url, textUpdate("w1", "1"), { flat: true })).toMatchObject({ status: 200 });
    await fake.waitFor(() => fake.sentTo("w1").length === 2);
    expect(texts("w1")[1]).toMatch(/^📄 /);
    expect(texts("w1")).toEqual((await expectedTexts(["khai sinh", "1"])).flat());
  });

  it("answers 401 to a missing or wrong secret and handles nothing", async () => {
    const update = textUpdate("w2", "xin chào");
    expect((await fake.deliver(url, update, { secret: null })).status).toBe(401);
    expect((await fake.deliver(url, update, { secret: "wrong-secret-0123456789" })).status).toBe(401);
    expect((await fake.deliver(url, update, { secret: `${WEBHOOK_SECRET}x` })).status).toBe(401);
    await pause(100);
    expect(fake.sentTo("w2")).toHaveLength(0);
    // Not even recorded as seen: the genuine delivery of the same update is answered.
    expect((await fake.deliver(url, update)).status).toBe(200);
    await fake.waitFor(() => fake.sentTo("w2").length === 1);
  });

  it("refuses a body over 1 MB with 413, and a body that is not an update with 400", async () => {
    const huge = JSON.stringify({ ok: true, result: textUpdate("w3", "x".repeat(1024 * 1024 + 10)) });
    expect((await fake.deliver(url, undefined, { raw: huge })).status).toBe(413);
    expect((await fake.deliver(url, undefined, { raw: "{ not json" })).status).toBe(400);
    expect((await fake.deliver(url, { hello: "world" })).status).toBe(400);
    await pause(100);
    expect(fake.sentTo("w3")).toHaveLength(0);
    expect((await fake.deliver(url, textUpdate("w3", "xin chào"))).status).toBe(200);
    await fake.waitFor(() => fake.sentTo("w3").length === 1);
  });

  it("answers a duplicated delivery once, even when the copies arrive together", async () => {
    const update = textUpdate("w4", "đăng ký kết hôn");
    const statuses = await Promise.all([1, 2, 3].map(() => fake.deliver(url, update)));
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200]);
    await fake.deliver(url, update, { flat: true });
    await fake.waitFor(() => fake.sentTo("w4").length === 1);
    await pause(150);
    expect(fake.sentTo("w4")).toHaveLength(1);
    await eventually(() => expect(channel.health()).toMatchObject({ duplicates: 3, handled: 1 }));
  });

  it("answers 200 at once and does the work after", async () => {
    fake.fail("sendMessage", { delayMs: 1_500 });
    // The reply is held 1.5 s at the API: a 200 that arrives while nothing is sent came before the work.
    expect((await fake.deliver(url, textUpdate("w5", "xin chào"))).status).toBe(200);
    expect(fake.sentTo("w5")).toHaveLength(0);
    await fake.waitFor(() => fake.sentTo("w5").length === 1, 3_000);
  });

  it("retries a reply Zalo refused with 429 or 500: delivered once", async () => {
    fake.fail("sendMessage", { status: 429 }, 2);
    fake.fail("sendMessage", { status: 500 });
    await fake.deliver(url, textUpdate("w6", "chứng thực bản sao"));
    await fake.waitFor(() => fake.sentTo("w6").length === 1);
    await pause(100);
    expect(fake.sentTo("w6")).toHaveLength(1);
    expect(fake.callsOf("sendMessage")).toHaveLength(4);
  });

  it("answers a sticker politely", async () => {
    await fake.deliver(url, stickerUpdate("w7"));
    await fake.waitFor(() => fake.sentTo("w7").length === 1);
    expect(texts("w7")).toEqual(["Tôi chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi về thủ tục nhé."]);
  });

  it("keeps the token and the citizens' words out of the logs, also for rejected deliveries", async () => {
    await fake.deliver(url, textUpdate("w8", "số 0912345678"), { secret: "wrong-secret-0123456789" });
    fake.fail("sendMessage", { status: 500 }, 10);
    await fake.deliver(url, textUpdate("w8", "số 0912345678"));
    await eventually(() => expect(channel.health()).toMatchObject({ failed: 1 }));
    const logs = log.lines.join("\n");
    expect(logs).toContain("zalo update failed");
    expect(logs).not.toContain(FAKE_TOKEN.split(":")[1]);
    expect(logs).not.toContain(WEBHOOK_SECRET);
    expect(logs).not.toContain("0912345678");
    expect(logs).not.toContain("w8");
  });
});

describe("Zalo channel, webhook start-up", () => {
  it("keeps running and registers in the background when Zalo is down at start-up", async () => {
    const other = await FakeZaloApi.start();
    const otherServer = new HttpServer(log.logger, () => ({}));
    other.fail("setWebhook", { status: 503 }, 4); // the first attempt and its 3 retries
    const config = zaloConfig(other, dir, {
      ZALO_MODE: "webhook",
      ZALO_WEBHOOK_URL: PUBLIC_URL,
      ZALO_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    const started = await startZalo({ config, assistant, logger: log.logger, server: otherServer, tuning: FAST });
    try {
      expect(started.health()).toMatchObject({ webhookRegistered: false });
      await other.waitFor(() => other.webhook !== undefined, 3_000, "background setWebhook");
      await eventually(() => expect(started.health()).toMatchObject({ webhookRegistered: true }));
    } finally {
      await started.stop();
      await other.close();
    }
  });
});

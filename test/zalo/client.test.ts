import { createServer } from "node:net";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ZaloBot,
  ZaloError,
  ZaloFatalError,
  type ZaloMessage,
  ZaloParseError,
} from "../../src/channels/zalo/client/index.js";
import { errorSummary } from "../../src/logger.js";
import {
  FAKE_TOKEN,
  FakeZaloApi,
  imageUpdate,
  stickerUpdate,
  textUpdate,
  unsupportedUpdate,
} from "../harness/fake-zalo-api.js";

const FAST_RETRY = { retries: 3, baseDelayMs: 5, maxDelayMs: 20 };

let fake: FakeZaloApi;
beforeEach(async () => {
  fake = await FakeZaloApi.start({ maxPollWaitMs: 300 });
});
afterEach(() => fake.close());

const newBot = (options: ConstructorParameters<typeof ZaloBot>[1] = {}) =>
  new ZaloBot(FAKE_TOKEN, { baseApiUrl: fake.apiRoot, retry: FAST_RETRY, ...options });

/** Everything an error could leak through: message, stack, JSON, inspection. */
const everything = (value: unknown) =>
  [String(value), (value as Error)?.stack ?? "", JSON.stringify(value) ?? "", inspect(value, { depth: 10 })].join("\n");

describe("ZaloBot: the API methods", () => {
  it("POSTs JSON to {root}/bot{token}/{method} and returns typed results", async () => {
    const bot = newBot();
    expect(await bot.getMe()).toMatchObject({ id: "b0t1d", account_name: "bot.motcua" });
    const sent = await bot.sendMessage("c0ffee", "Xin chào");
    expect(sent.message_id).toMatch(/^[0-9a-f]+$/);
    await bot.sendPhoto("c0ffee", "https://example.test/a.jpg", { caption: "ảnh" });
    await bot.sendSticker("c0ffee", "d063f44dc80821567819");
    expect(await bot.sendChatAction("c0ffee", "typing")).toBe(true);
    expect(fake.callsOf("sendMessage")[0]?.body).toEqual({ chat_id: "c0ffee", text: "Xin chào" });
    expect(fake.callsOf("sendPhoto")[0]?.body).toEqual({
      chat_id: "c0ffee",
      photo: "https://example.test/a.jpg",
      caption: "ảnh",
    });
    expect(fake.sentTo("c0ffee").map((m) => m.method)).toEqual(["sendMessage", "sendPhoto", "sendSticker"]);
  });

  it("sets, reads and deletes the webhook", async () => {
    const bot = newBot();
    const set = await bot.setWebHook("https://bot.example.vn/webhook/zalo", { secret_token: "s3cret-s3cret" });
    expect(set.url).toBe("https://bot.example.vn/webhook/zalo");
    expect(fake.webhook).toEqual({ url: "https://bot.example.vn/webhook/zalo", secret: "s3cret-s3cret" });
    expect((await bot.getWebHookInfo()).url).toBe("https://bot.example.vn/webhook/zalo");
    expect((await bot.deleteWebHook()).url).toBe("");
    expect(fake.webhook).toBeUndefined();
  });

  it("gets ONE update per getUpdates, with the timeout as a string, and null for the 408 of an empty poll", async () => {
    const bot = newBot();
    fake.push(textUpdate("c1", "một"), textUpdate("c1", "hai"));
    expect((await bot.getUpdates({ timeout: 1 }))?.message?.text).toBe("một");
    expect((await bot.getUpdates({ timeout: 1 }))?.message?.text).toBe("hai");
    expect(await bot.getUpdates({ timeout: 1 })).toBeNull();
    expect(fake.callsOf("getUpdates")[0]?.body).toEqual({ timeout: "1" });
  });

  it("waits out a long poll: the client's timeout is above the poll timeout", async () => {
    const slowPoll = await FakeZaloApi.start(); // no cap: waits the full 1 s asked for
    try {
      const bot = new ZaloBot(FAKE_TOKEN, { baseApiUrl: slowPoll.apiRoot, requestTimeoutMs: 100, retry: FAST_RETRY });
      expect(await bot.getUpdates({ timeout: 1 })).toBeNull();
      // One poll, ended by the API's own timeout: the client neither gave up at 100 ms nor retried.
      expect(slowPoll.pollEnds).toEqual(["timeout"]);
    } finally {
      await slowPoll.close();
    }
  });
});

describe("ZaloBot: errors", () => {
  it("rejects with ZaloError carrying error_code and description, and never the token", async () => {
    const wrongToken = "987654321:wrongAccessToken_xyzxyzxyzxyzxyz";
    const bot = new ZaloBot(wrongToken, { baseApiUrl: fake.apiRoot, retry: FAST_RETRY });
    const err = await bot.getMe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloError);
    expect(err).toMatchObject({ error_code: 401, description: "Unauthorized", method: "getMe" });
    expect(everything(err)).not.toContain("wrongAccessToken");
    expect(inspect(bot, { depth: 10 })).not.toContain("wrongAccessToken");
    expect(ZaloBot.errors.ZaloError).toBe(ZaloError);
  });

  it("scrubs the token from a description that echoes the URL", async () => {
    fake.fail("sendMessage", {
      okFalse: 400,
      description: `bad request to /bot${FAKE_TOKEN}/sendMessage (${FAKE_TOKEN})`,
    });
    const err = await newBot()
      .sendMessage("c1", "x")
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ error_code: 400 });
    expect(everything(err)).not.toContain(FAKE_TOKEN.split(":")[1]);
  });

  it("reports a refused connection as ZaloFatalError after its retries, without the token", async () => {
    const port = await closedPort();
    const bot = new ZaloBot(FAKE_TOKEN, { baseApiUrl: `http://127.0.0.1:${port}`, retry: FAST_RETRY });
    const err = await bot.getMe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloFatalError);
    expect(err).toMatchObject({ code: "ECONNREFUSED" });
    expect(everything(err)).not.toContain(FAKE_TOKEN.split(":")[1]);
  });

  it("the log scrubber also removes Zalo tokens, in a URL or alone", () => {
    const token = "3705372502:Kmq.Rr~BpV+PXh/GvpIu=SeVu_DtmY-xyR";
    const summary = errorSummary(new Error(`POST https://bot-api.zaloplatforms.com/bot${token}/sendMessage: ${token}`));
    for (const part of ["Kmq", "GvpIu", "DtmY"]) expect(summary.message).not.toContain(part);
  });

  it("reads garbage as ZaloParseError", async () => {
    fake.fail("getMe", { garbage: true, status: 200 });
    await expect(newBot({ retry: { retries: 0 } }).getMe()).rejects.toBeInstanceOf(ZaloParseError);
  });
});

describe("ZaloBot: retries", () => {
  it("retries 429, 5xx, a garbage 502 and a reset connection with backoff; the message goes out once", async () => {
    fake.fail("sendMessage", { status: 429, retryAfterSec: 0 });
    fake.fail("sendMessage", { status: 500 });
    fake.fail("sendMessage", { okFalse: 503, description: "Service Unavailable" });
    await newBot().sendMessage("c1", "xin chào");
    fake.fail("sendMessage", { garbage: true, status: 502 });
    fake.fail("sendMessage", { reset: true });
    await newBot().sendMessage("c1", "lần hai");
    expect(fake.callsOf("sendMessage")).toHaveLength(7);
    expect(fake.sentTo("c1").map((m) => m.text)).toEqual(["xin chào", "lần hai"]);
  });

  it("gives up after a bounded number of retries", async () => {
    fake.fail("sendMessage", { status: 429 }, 10);
    const err = await newBot()
      .sendMessage("c1", "x")
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ error_code: 429, retryable: true });
    expect(fake.callsOf("sendMessage")).toHaveLength(1 + FAST_RETRY.retries);
    expect(fake.sent).toHaveLength(0);
  });

  it("does not repeat a send whose fate is unknown (timeout, garbage 200), but repeats a read", async () => {
    const bot = newBot({ requestTimeoutMs: 1_000 });
    fake.fail("sendMessage", { delayMs: 3_000 });
    await expect(bot.sendMessage("c1", "chậm")).rejects.toMatchObject({ code: "ETIMEDOUT" });
    fake.fail("sendMessage", { garbage: true });
    await expect(bot.sendMessage("c1", "rác")).rejects.toBeInstanceOf(ZaloParseError);
    expect(fake.callsOf("sendMessage")).toHaveLength(2);

    fake.fail("getWebhookInfo", { delayMs: 3_000 });
    await expect(bot.getWebHookInfo()).resolves.toMatchObject({ url: "" });
    expect(fake.callsOf("getWebhookInfo")).toHaveLength(2);
  });

  it("does not retry a client error (400, 401, 403)", async () => {
    fake.fail("sendMessage", { okFalse: 403, description: "internal error" });
    await expect(newBot().sendMessage("c1", "x")).rejects.toMatchObject({ error_code: 403 });
    expect(fake.callsOf("sendMessage")).toHaveLength(1);
  });
});

describe("ZaloBot: updates and events", () => {
  it("processUpdate validates wrapped or flat updates and emits message, text, photo and sticker", async () => {
    const bot = newBot();
    const seen: string[] = [];
    bot.on("update", (u) => seen.push(`update ${u.event_name}`));
    bot.on("message", (_m, meta) => seen.push(`message ${meta.type ?? "-"}`));
    bot.on("text", (m) => seen.push(`text ${m.text}`));
    bot.on("photo", () => seen.push("photo"));
    bot.on("sticker", () => seen.push("sticker"));
    bot.onText(/^\/start (.+)$/, (_m, match) => seen.push(`onText ${match[1]}`));

    bot.processUpdate({ ok: true, result: textUpdate("c1", "/start abc") });
    bot.processUpdate(imageUpdate("c1"));
    bot.processUpdate(stickerUpdate("c1"));
    bot.processUpdate(unsupportedUpdate("c1"));
    expect(bot.processUpdate({ event_name: "message.location.received", message: { message_id: "1" } })).toBeDefined();
    expect(bot.processUpdate({ hello: "world" })).toBeUndefined();
    expect(bot.processUpdate("garbage")).toBeUndefined();
    expect(seen).toEqual([
      "update message.text.received",
      "message text",
      "text /start abc",
      "onText abc",
      "update message.image.received",
      "message photo",
      "photo",
      "update message.sticker.received",
      "message sticker",
      "sticker",
      "update message.unsupported.received",
      "message -",
      "update message.location.received",
      "message -",
    ]);
  });

  it("polls: deletes the webhook first (again after a 409), emits each update, backs off on errors", async () => {
    const bot = newBot({
      polling: { autoStart: false, params: { timeout: 1 }, backoff: { initialMs: 10, maxMs: 40 } },
    });
    await bot.setWebHook("https://bot.example.vn/webhook/zalo", { secret_token: "s3cret-s3cret" });
    const texts: string[] = [];
    const errors: string[] = [];
    bot.on("text", (m: ZaloMessage) => texts.push(m.text ?? ""));
    bot.on("polling_error", (e) => errors.push(e.name));

    fake.fail("getUpdates", { garbage: true });
    fake.fail("getUpdates", { status: 500 }, 5); // more than the client's retries: the poller backs off
    fake.push(textUpdate("c1", "một"), textUpdate("c1", "hai"));
    await bot.startPolling();
    expect(bot.isPolling()).toBe(true);
    await fake.waitFor(() => texts.length === 2, 5_000, "two texts");
    fake.push(textUpdate("c1", "ba"));
    await fake.waitFor(() => texts.length === 3, 5_000, "third text");

    // Someone sets a webhook behind the poller's back: polling gets 409, deletes it again, goes on.
    fake.webhook = { url: "https://elsewhere.example.vn/hook", secret: "another-secret" };
    await fake.waitFor(() => fake.callsOf("deleteWebhook").length === 2, 5_000, "second deleteWebhook");
    fake.push(textUpdate("c1", "bốn"));
    await fake.waitFor(() => texts.length === 4, 5_000, "fourth text");

    const firstPoll = fake.calls.findIndex((c) => c.method === "getUpdates");
    expect(fake.calls.findIndex((c) => c.method === "deleteWebhook")).toBeLessThan(firstPoll);
    expect(texts).toEqual(["một", "hai", "ba", "bốn"]);
    expect(errors).toEqual(["ZaloParseError", "ZaloError", "ZaloError"]);

    await bot.stopPolling({ cancel: true });
    expect(bot.isPolling()).toBe(false);
  });

  it("stops at once when cancelling the long poll, leaving later updates queued", async () => {
    fake.options.maxPollWaitMs = undefined; // the full 5 s wait asked for
    const bot = newBot({ polling: { autoStart: false, params: { timeout: 5 } } });
    await bot.startPolling();
    await fake.waitFor(() => fake.callsOf("getUpdates").length === 1);
    await bot.stopPolling({ cancel: true });
    // The poll was cancelled, not waited out (that would end in "timeout").
    await fake.waitFor(() => fake.pollEnds.at(-1) === "closed", 5_000, "the cancelled poll closed by the client");
    fake.push(textUpdate("c1", "sau"));
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.callsOf("getUpdates")).toHaveLength(1);
    expect(fake.queued).toBe(1); // not taken by a dead poll: nothing lost
  });

  it("without cancel, stopping lets the poll in flight finish and hands over its update", async () => {
    fake.options.maxPollWaitMs = undefined;
    const bot = newBot({ polling: { autoStart: false, params: { timeout: 5 } } });
    const texts: string[] = [];
    bot.on("text", (m) => texts.push(m.text ?? ""));
    await bot.startPolling();
    await fake.waitFor(() => fake.callsOf("getUpdates").length === 1);
    const stopped = bot.stopPolling();
    fake.push(textUpdate("c1", "vừa kịp"));
    await stopped;
    expect(texts).toEqual(["vừa kịp"]);
    expect(fake.callsOf("getUpdates")).toHaveLength(1);
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

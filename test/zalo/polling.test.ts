import { stat } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { updateKey, type ZaloUpdate } from "../../src/channels/zalo/client/index.js";
import { FileUpdateInbox } from "../../src/channels/zalo/inbox.js";
import { startZalo, type ZaloChannel } from "../../src/channels/zalo/index.js";
import type { Assistant } from "../../src/core/assistant.js";
import {
  FAKE_TOKEN,
  FakeZaloApi,
  imageUpdate,
  stickerUpdate,
  textUpdate,
  unsupportedUpdate,
} from "../harness/fake-zalo-api.js";
import { capturedLogger, eventually, expectedTexts, FAST, newAssistant, tempDir, zaloConfig } from "../harness/zalo.js";

let fake: FakeZaloApi;
let dir: string;
let cleanup: () => Promise<void>;
let assistant: Assistant;
let channel: ZaloChannel | undefined;
let log: ReturnType<typeof capturedLogger>;

beforeEach(async () => {
  fake = await FakeZaloApi.start({ maxPollWaitMs: 1_000 });
  ({ dir, cleanup } = await tempDir());
  assistant = await newAssistant();
  log = capturedLogger();
});
afterEach(async () => {
  await channel?.stop();
  channel = undefined;
  await fake.close();
  await cleanup();
});

const start = async (tuning = FAST) => {
  channel = await startZalo({ config: zaloConfig(fake, dir), assistant, logger: log.logger, tuning });
  return channel;
};
const texts = (chatId: string) => fake.sentTo(chatId).map((m) => m.text);

/** Sends one text and waits until `count` more messages reached the chat. */
async function say(chatId: string, text: string, count = 1): Promise<string[]> {
  const before = fake.sentTo(chatId).length;
  fake.push(textUpdate(chatId, text));
  await fake.waitFor(() => fake.sentTo(chatId).length >= before + count, 5_000, `answer to "${text}"`);
  return texts(chatId).slice(before) as string[];
}

describe("Zalo channel, polling", () => {
  it("deletes the webhook before polling and holds a numbered-choice conversation", async () => {
    fake.webhook = { url: "https://old.example.vn/hook", secret: "old-secret" };
    await start();
    const greeting = await say("u1", "xin chào");
    expect(greeting[0]).toContain("trợ lý tự động");
    expect(greeting[0]).toMatch(/\n {2}1\. Xem theo lĩnh vực\n {2}2\. Hướng dẫn/);
    const fields = await say("u1", "1");
    const civil = /\n {2}(\d+)\. Hộ tịch(\n|$)/.exec(fields[0] ?? "")?.[1];
    expect(civil).toBeDefined();
    const inField = await say("u1", `${civil}.`);
    expect(inField[0]).toMatch(/lĩnh vực Hộ tịch:\n/);
    const chosen = /\n {2}1\. (.+)/.exec(inField[0] ?? "")?.[1];
    const procedure = await say("u1", "1");
    expect(procedure[0]).toMatch(new RegExp(`^📄 ${chosen?.replace(/[()]/g, "\\$&")} \\(mã `));
    // The same core answers the same way: what Zalo got is the core's replies, rendered.
    expect([greeting, fields, inField, procedure]).toEqual(await expectedTexts(["xin chào", "1", `${civil}.`, "1"]));

    const deleted = fake.calls.findIndex((c) => c.method === "deleteWebhook");
    expect(deleted).toBeGreaterThanOrEqual(0);
    expect(deleted).toBeLessThan(fake.calls.findIndex((c) => c.method === "getUpdates"));
    expect(fake.webhook).toBeUndefined();
  });

  it("answers «khai sinh» then «1» as the core does", async () => {
    await start();
    const first = await say("u1b", "khai sinh");
    const second = await say("u1b", "1");
    expect(second[0]).toMatch(/^📄 /);
    expect([first, second]).toEqual(await expectedTexts(["khai sinh", "1"]));
  });

  it("shows typing while a slow answer is being worked out, and not after it", async () => {
    const handle = assistant.handle.bind(assistant);
    assistant.handle = async (...args) => {
      await new Promise((r) => setTimeout(r, 250));
      return handle(...args);
    };
    await start({ ...FAST, typingDelayMs: 50, typingIntervalMs: 100 });
    await say("u2", "đăng ký kết hôn");
    await new Promise((r) => setTimeout(r, 250));
    const forChat = fake.calls.filter((c) => c.body.chat_id === "u2").map((c) => c.method);
    expect(forChat.at(-1)).toBe("sendMessage");
    expect(forChat.filter((m) => m === "sendChatAction").length).toBeGreaterThanOrEqual(2); // repeated while working
    expect(fake.callsOf("sendChatAction")[0]?.body).toEqual({ chat_id: "u2", action: "typing" });
  });

  it("spends no Zalo call on typing for a quick answer (by default), or one with typingDelayMs 0", async () => {
    await start();
    await say("u2b", "xin chào");
    expect(fake.callsOf("sendChatAction")).toHaveLength(0);
    await channel?.stop();
    await start({ ...FAST, typingDelayMs: 0 });
    await say("u2b", "khai sinh");
    expect(fake.calls.filter((c) => c.body.chat_id === "u2b").map((c) => c.method)).toEqual([
      "sendMessage",
      "sendChatAction",
      "sendMessage",
    ]);
  });

  it("handles a repeated update once, also after a restart (keys kept under DATA_DIR)", async () => {
    await start();
    const update = textUpdate("u3", "khai sinh");
    fake.push(update, update, { ...update, message: { ...update.message, text: "kết hôn" } });
    fake.push(textUpdate("u3", "xin chào"));
    await fake.waitFor(() => fake.sentTo("u3").length === 2, 5_000, "two answers");
    await channel?.stop();

    await start();
    fake.push(update);
    const after = await say("u3", "xin chào");
    expect(after[0]).toContain("trợ lý tự động"); // the repeat pushed before it was not answered
    expect(fake.sentTo("u3")).toHaveLength(3);
    await eventually(() => expect(channel?.health()).toMatchObject({ duplicates: 1, received: 2, handled: 1 }));
  });

  it("answers after a restart a question the previous process took but never answered (a crash)", async () => {
    // What a killed process leaves: the update written down as taken, no answer sent.
    const { inbox } = FileUpdateInbox.open(path.join(dir, "zalo-inbox.log"), Date.now());
    const lost = textUpdate("u9", "khai sinh") as ZaloUpdate;
    inbox.taken(updateKey(lost) ?? "", lost);
    await inbox.close();

    await start();
    await fake.waitFor(() => fake.sentTo("u9").length === 1, 5_000, "the lost question answered");
    expect(texts("u9")[0]).toContain("khai sinh");
    // Answered once: the file is empty, and Zalo handing the same update out again changes nothing.
    await eventually(async () => expect((await stat(path.join(dir, "zalo-inbox.log"))).size).toBe(0));
    fake.push(lost);
    expect(await say("u9", "xin chào")).toEqual([expect.stringContaining("trợ lý tự động")]);
    expect(fake.sentTo("u9")).toHaveLength(2);
  });

  it("sends after a restart the rest of an answer worked out before the crash, without working it out again", async () => {
    // The previous process answered «1» (a pick from a list, which moved the conversation on),
    // Zalo accepted the first of its two messages, and the process died.
    const { inbox } = FileUpdateInbox.open(path.join(dir, "zalo-inbox.log"), Date.now());
    const pick = textUpdate("u8", "1") as ZaloUpdate;
    const key = updateKey(pick) ?? "";
    inbox.taken(key, pick);
    inbox.replied(key, [{ text: "Phần một" }, { text: "Phần hai", choices: [{ id: "m:help", label: "Hướng dẫn" }] }]);
    inbox.sent(key, 1);
    await inbox.close();

    await start();
    await fake.waitFor(() => fake.sentTo("u8").length === 1, 5_000, "the rest of the answer");
    expect(texts("u8")).toEqual(["Phần hai\n  1. Hướng dẫn"]);
    await eventually(async () => expect((await stat(path.join(dir, "zalo-inbox.log"))).size).toBe(0));
  });

  it("survives 429, 500, garbage, ok:false and slow answers from Zalo: nothing lost, nothing twice", async () => {
    await start();
    fake.fail("getUpdates", { status: 500 }, 6);
    fake.fail("getUpdates", { garbage: true });
    fake.fail("getUpdates", { okFalse: 429, description: "quota exceeded" });
    fake.fail("getUpdates", { delayMs: 300 });
    fake.fail("sendMessage", { status: 429, retryAfterSec: 0 }, 2);
    fake.fail("sendMessage", { status: 502 });
    fake.fail("sendChatAction", { status: 500 }, 3);
    const chats = ["f1", "f2", "f3", "f4", "f5"];
    for (const chat of chats) fake.push(textUpdate(chat, "chứng thực bản sao"));
    await fake.waitFor(() => chats.every((c) => fake.sentTo(c).length >= 1), 10_000, "every chat answered");
    await new Promise((r) => setTimeout(r, 200));
    for (const chat of chats) expect(fake.sentTo(chat)).toHaveLength(1);
    await eventually(() => expect(channel?.health()).toMatchObject({ handled: 5, failed: 0, polling: true }));
  });

  it("answers images, stickers and unsupported content politely, and ignores unknown events", async () => {
    await start();
    fake.push(imageUpdate("u4"), stickerUpdate("u4"), unsupportedUpdate("u4"));
    fake.push({ event_name: "message.location.received", message: { message_id: "abc1", chat: { id: "u4" } } });
    fake.push({ event_name: "message.text.received" }); // no message at all
    fake.push(textUpdate("u4", "xin chào"));
    await fake.waitFor(() => fake.sentTo("u4").length === 4, 5_000, "four answers");
    const polite = "Tôi chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi về thủ tục nhé.";
    expect(texts("u4").slice(0, 3)).toEqual([polite, polite, polite]);
    expect(texts("u4")[3]).toContain("trợ lý tự động");
    await eventually(() => expect(channel?.health()).toMatchObject({ ignored: 2, handled: 4 }));
  });

  it("answers a sticker flood once per window", async () => {
    await start({ ...FAST, unsupportedWindowMs: 60_000 });
    fake.push(stickerUpdate("u5"), stickerUpdate("u5"), stickerUpdate("u5"), textUpdate("u5", "xin chào"));
    await fake.waitFor(() => fake.sentTo("u5").length === 2, 5_000, "two answers");
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.sentTo("u5")).toHaveLength(2);
  });

  it("keeps each chat's answers in order while many chats talk at once", async () => {
    await start();
    const chats = Array.from({ length: 20 }, (_, i) => `m${i}`);
    for (const chat of chats) fake.push(textUpdate(chat, "khai sinh"));
    for (const chat of chats) fake.push(textUpdate(chat, "1"));
    const [list, birth] = await expectedTexts(["khai sinh", "1"]);
    await fake.waitFor(() => chats.every((c) => fake.sentTo(c).length === 2), 10_000, "all chats answered");
    for (const chat of chats) expect(texts(chat)).toEqual([...(list ?? []), ...(birth ?? [])]);
  });

  it("stops at once with a poll in flight, leaving later updates queued for the next start", async () => {
    fake.options.maxPollWaitMs = undefined; // the poll waits the full 5 s
    const running = await start({ ...FAST, pollTimeoutSec: 5 });
    await say("u6", "xin chào");
    await fake.waitFor(() => fake.callsOf("getUpdates").length >= 2);
    await running.stop();
    channel = undefined;
    // The poll in flight was cancelled by the stop, not waited out (it would end in "timeout").
    await fake.waitFor(() => fake.pollEnds.at(-1) === "closed", 5_000, "the poll in flight closed by the client");
    const polls = fake.callsOf("getUpdates").length;
    fake.push(textUpdate("u6", "khai sinh"));
    await new Promise((r) => setTimeout(r, 150));
    expect(fake.callsOf("getUpdates")).toHaveLength(polls);
    expect(fake.queued).toBe(1);
    expect(running.health()).toMatchObject({ polling: false });
  });

  it("logs neither the token nor what citizens wrote", async () => {
    await start();
    fake.fail("getUpdates", { status: 500 }, 4);
    await say("u7", "Nguyễn Văn A số điện thoại 0912345678 hỏi khai sinh");
    expect(log.lines.join("").length).toBeGreaterThan(0);
    const logs = log.lines.join("\n");
    expect(logs).not.toContain(FAKE_TOKEN.split(":")[1]);
    expect(logs).not.toContain("0912345678");
    expect(logs).not.toContain("u7");
  });

  it("refuses to start with a token Zalo rejects, without echoing it", async () => {
    const config = { ...zaloConfig(fake, dir), ZALO_BOT_TOKEN: "111111:rejected_token_value_abcdefghij" };
    const err = await startZalo({ config, assistant, logger: log.logger, tuning: FAST }).catch((e: unknown) => e);
    expect(String(err)).toMatch(/ZALO_BOT_TOKEN \(401/);
    expect(String(err)).not.toContain("rejected_token_value");
  });
});

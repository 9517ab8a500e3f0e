import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createService, type Service } from "../../src/service.js";
import { BUNDLED_DATA } from "../harness/common.js";
import { FakeTelegramApi, FAKE_TOKEN as TELEGRAM_TOKEN } from "../harness/fake-telegram-api.js";
import { FakeZaloApi, textUpdate, FAKE_TOKEN as ZALO_TOKEN } from "../harness/fake-zalo-api.js";

/** One core behind both channels: the same conversation must read the same on Telegram and on Zalo. */
let telegramApi: FakeTelegramApi;
let zaloApi: FakeZaloApi;
let service: Service;
let dataDir: string;

beforeAll(async () => {
  telegramApi = await FakeTelegramApi.start();
  zaloApi = await FakeZaloApi.start();
  dataDir = await mkdtemp(path.join(tmpdir(), "motcua-cross-"));
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_API_ROOT: telegramApi.apiRoot,
    ZALO_BOT_TOKEN: ZALO_TOKEN,
    ZALO_API_ROOT: zaloApi.apiRoot,
    CATALOGUE_DIR: BUNDLED_DATA,
    DATA_DIR: dataDir,
    PORT: "0",
    LOG_LEVEL: "silent",
  });
  // The whole service, both channels polling, as npm start runs it with both tokens set.
  service = await createService(config, {
    logger: createLogger("silent"),
    schedule: false,
    watchCatalogue: false,
    zalo: { pollTimeoutSec: 1 },
  });
  await service.start();
});

afterAll(async () => {
  await service.close();
  await telegramApi.close();
  await zaloApi.close();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * Waits until a count has grown past `before` and stayed put for a moment (a reply may be several messages). The
 * deadline only guards against a hang: on a loaded machine (the suite beside other runs) a Zalo reply took over 10 s.
 */
async function settled(count: () => number, before: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const now = count();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (now > before && Date.now() - stableSince > 200) {
      return;
    }
    await sleep(20);
  }
  throw new Error("no reply");
}

async function telegramTurn(chatId: number, text: string) {
  const before = telegramApi.botMessages(chatId).length;
  await telegramApi.sendText(chatId, text);
  await settled(() => telegramApi.botMessages(chatId).length, before);
  const messages = telegramApi.botMessages(chatId).slice(before);
  return {
    text: messages.map((m) => m.text ?? "").join("\n"),
    choices: messages.flatMap((m) => m.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? []),
  };
}

async function zaloTurn(chatId: string, text: string) {
  const before = zaloApi.sentTo(chatId).length;
  zaloApi.push(textUpdate(chatId, text));
  await settled(() => zaloApi.sentTo(chatId).length, before);
  const lines = zaloApi
    .sentTo(chatId)
    .slice(before)
    .map((m) => m.text ?? "")
    .join("\n")
    .split("\n");
  const choice = /^ {2}\d+\. (.*)$/;
  return {
    text: lines.filter((l) => !choice.test(l)).join("\n"),
    choices: lines.flatMap((l) => choice.exec(l)?.[1] ?? []),
  };
}

describe("the same conversation on Telegram and on Zalo", () => {
  it("gives the same answers and the same choices, turn by turn", async () => {
    const conversation = [
      "/start",
      "lệ phí đăng ký kết hôn",
      // Follow-ups, small talk and a redirect keep the procedure the same way on both channels.
      "mất bao lâu",
      "cảm ơn",
      "làm hộ chiếu",
      "ở đâu vậy",
      "đăng ký khai sinh cần giấy tờ gì",
      "Xem tiếp",
      "đăng ký lại",
      "2",
      "cách nấu phở bò",
      "/ngonngu",
      "English",
    ];
    for (const message of conversation) {
      const [onTelegram, onZalo] = await Promise.all([telegramTurn(4242, message), zaloTurn("zalo-4242", message)]);
      expect(onZalo.text.trim(), message).toBe(onTelegram.text.trim());
      expect(onZalo.choices, message).toEqual(onTelegram.choices);
      expect(onTelegram.text.length, message).toBeGreaterThan(0);
    }
  });
});

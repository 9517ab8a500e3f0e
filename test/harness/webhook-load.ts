/**
 * What the benches (bench/telegram.ts, bench/zalo.ts) and the reliability load
 * (reliability-load.ts) share: the questions users ask, the bare echo bots our bots are compared
 * against, and a POST to the Zalo webhook as Zalo makes it. Lives in the harness so the
 * reliability runs need not import a bench.
 */
import { readFileSync } from "node:fs";
import { type Agent, request } from "node:http";
import path from "node:path";
import { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { updateKey, ZaloBot } from "../../src/channels/zalo/client/index.js";
import { SeenUpdates } from "../../src/channels/zalo/seen.js";
import { registerZaloWebhook } from "../../src/channels/zalo/webhook.js";
import { createLogger } from "../../src/logger.js";
import type { HttpServer } from "../../src/server/http.js";
import { ROOT } from "./common.js";
import { FAKE_TOKEN } from "./fake-zalo-api.js";

/** Real user questions from the search tuning set. */
export function questions(): string[] {
  return readFileSync(path.join(ROOT, "test/fixtures/dev-queries.tsv"), "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.split("\t")[0]?.trim() ?? "")
    .filter(Boolean);
}

/** The bare grammY echo bot the Telegram webhook path is compared against. */
export function telegramEchoBot(token: string, botInfo: UserFromGetMe, apiRoot: string): Bot {
  const bot = new Bot(token, { botInfo, client: { apiRoot } });
  bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
  return bot;
}

/** The secret the Zalo bench bots (ours and the echo) are configured with. */
export const ZALO_BENCH_SECRET = "bench-webhook-secret-0123456789";

/** What each Zalo chat says, over and over: greetings, searches, and numbered picks. */
export const ZALO_SCRIPT = [
  "xin chào",
  "khai sinh",
  "1",
  "2",
  "đăng ký kết hôn",
  "lệ phí",
  "chứng thực bản sao",
  "1",
  "lam giay khai tu can gi",
  "thời gian",
];

export interface BotUnderTest {
  stop: () => Promise<void>;
  /** Messages in the answer to each step of the script. */
  answerSizes: number[];
}

/** The bare Zalo echo: same server, secret check, parsing, de-duplication and client; no core. */
export async function zaloEchoBot(apiRoot: string, server: HttpServer, steps: number): Promise<BotUnderTest> {
  const client = new ZaloBot(FAKE_TOKEN, { baseApiUrl: apiRoot });
  const seen = await SeenUpdates.open();
  registerZaloWebhook(server, {
    secret: ZALO_BENCH_SECRET,
    logger: createLogger("silent"),
    sink: {
      claim: (u) => seen.claim(updateKey(u) ?? ""),
      handle: async (u) => {
        const chatId = u.message?.chat?.id;
        if (chatId) await client.sendMessage(chatId, u.message?.text || "?");
      },
    },
  });
  return { stop: async () => undefined, answerSizes: Array.from({ length: steps }, () => 1) };
}

/** POSTs `body` to /webhook/zalo on 127.0.0.1:`port` with the bench secret; resolves to the status code. */
export function postZaloWebhook(agent: Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/webhook/zalo",
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-bot-api-secret-token": ZALO_BENCH_SECRET,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

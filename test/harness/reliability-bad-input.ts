/**
 * Bad input: seeded hostile messages through both channels' real webhook paths, the service
 * built as main.ts builds it, the fake Bot APIs in this process. Every message must be answered
 * (at least one reply; RATE_LIMIT_PER_MINUTE is raised so the limiter's documented silence never
 * applies), every reply within its channel's limits (Telegram: 1–4,096 characters as the user
 * sees them, valid HTML, callback data 1–64 bytes, callback answers ≤ 200 characters; Zalo:
 * 1–2,000 characters), no reply carrying raw control characters or ill-formed UTF-16, and no
 * crash: no unhandled rejection or uncaught exception, no 5xx, no update failing inside.
 *
 * On Telegram a webhook POST is answered once its update has been handled, so a reply counts
 * for the message it follows. On Zalo the POST is answered at once: a passive tap on the
 * assistant's `handle` says how many texts each answer renders to, and the run waits for exactly
 * that many to reach the fake before the chat's next message.
 */
import { performance } from "node:perf_hooks";
import type { Update } from "grammy/types";
import { renderForZalo, ZALO_TEXT_LIMIT } from "../../src/channels/zalo/render.js";
import type { Reply } from "../../src/core/types.js";
import { type FakeMessage, FakeTelegramApi, parseHtml } from "./fake-telegram-api.js";
import { FakeZaloApi, textUpdate, FAKE_TOKEN as ZALO_TOKEN } from "./fake-zalo-api.js";
import {
  forgedCallbackData,
  type HostileKind,
  type HostileMessage,
  hexId,
  hostileMessage,
  Rng,
} from "./reliability-generator.js";
import { countingCrashes, type RunningService, startService } from "./reliability-service.js";
import { questions } from "./webhook-load.js";

export const TELEGRAM_TEXT_LIMIT = 4096;
export const CALLBACK_DATA_LIMIT = 64;
export const CALLBACK_ANSWER_LIMIT = 200;
/** A message not answered within this is a failure (the Telegram webhook itself gives up after 20 s). */
const ANSWER_TIMEOUT_MS = 15_000;

export interface BadInputOptions {
  /** Hostile messages; each goes through Telegram and through Zalo. */
  messages: number;
  seed: number;
  /** Chats in flight at once, per channel. */
  concurrency?: number;
  /** Forged or real button presses on Telegram, per message. */
  callbackShare?: number;
  progress?: (line: string) => void;
}

export interface Problem {
  channel: "telegram" | "zalo" | "service";
  what: string;
  kind?: HostileKind | "callback" | "odd-update";
  /** The input or output concerned, escaped and cut short. */
  sample?: string;
}

export interface Checked {
  /** Telegram sendMessage/editMessageText texts, reply markups, callback answers with a text; Zalo sendMessage texts. */
  telegramTexts: number;
  telegramKeyboards: number;
  callbackAnswers: number;
  zaloTexts: number;
}

export interface ChannelFigures {
  delivered: number;
  answered: number;
  replies: number;
  /** Webhook answers other than 200. */
  non200: number;
  maxMs: number;
  p99Ms: number;
}

export interface BadInputReport {
  seed: number;
  messages: number;
  chats: number;
  /** Chats in flight at once, per channel. */
  concurrency: number;
  byKind: Record<string, number>;
  telegram: ChannelFigures & { callbacks: number; callbacksAnswered: number };
  zalo: ChannelFigures;
  /** The slowest answer of each channel and kind, POST to last reply (ms). */
  slowestMsByKind: Record<string, number>;
  /** What the bot sent that was checked against the channels' limits (over the whole run). */
  checked: Checked;
  /** Updates no real client sends (other update types, missing fields), posted with the right secret. */
  odd: { posted: number; statuses: Record<string, number>; handlerErrors: number };
  crashes: string[];
  /** Inside the service: updates that failed (handled by the error handlers) and error log lines. */
  failures: { telegram: number; zalo: number; errorLogs: number; lastErrors: string[] };
  healthAfter: number;
  aliveAfter: boolean;
  problems: Problem[];
  seconds: number;
}

/** Runs the whole bad-input check; never throws for a finding, only for a broken harness. */
export async function runBadInput(options: BadInputOptions): Promise<BadInputReport> {
  const started = performance.now();
  const telegramFake = await FakeTelegramApi.start({ record: false });
  const zaloFake = await FakeZaloApi.start();
  let service: RunningService | undefined;
  try {
    const { value, crashes } = await countingCrashes(async () => {
      service = await startService({
        telegram: { apiRoot: telegramFake.apiRoot, token: telegramFake.token },
        zalo: { apiRoot: zaloFake.apiRoot, token: ZALO_TOKEN },
        rateLimitPerMinute: 1_000_000,
      });
      telegramFake.webhookOrigin = service.origin;
      return exercise(service, telegramFake, zaloFake, options);
    });
    const report = value;
    report.crashes.push(...crashes);
    report.seconds = (performance.now() - started) / 1000;
    return report;
  } finally {
    await service?.stop();
    await telegramFake.close();
    await zaloFake.close();
  }
}

async function exercise(
  service: RunningService,
  telegram: FakeTelegramApi,
  zalo: FakeZaloApi,
  options: BadInputOptions,
): Promise<BadInputReport> {
  const problems: Problem[] = [];
  const concurrency = options.concurrency ?? 24;
  const rng = new Rng(options.seed);
  const asked = questions();
  const chats = groupIntoChats(rng, options.messages, asked);
  const byKind: Record<string, number> = {};
  for (const chat of chats) for (const m of chat.messages) byKind[m.kind] = (byKind[m.kind] ?? 0) + 1;

  const checked: Checked = { telegramTexts: 0, telegramKeyboards: 0, callbackAnswers: 0, zaloTexts: 0 };
  watchTelegramCalls(telegram, problems, checked);
  const zaloSent = watchZaloCalls(zalo, problems, checked);
  const tap = tapZaloAnswers(service);

  const tg = { delivered: 0, answered: 0, replies: 0, non200: 0, times: [] as number[], callbacks: 0, answeredCb: 0 };
  const slowest: Record<string, number> = {};
  const timed = (kind: string, ms: number) => {
    slowest[kind] = Math.max(slowest[kind] ?? 0, ms);
  };
  const zl = { delivered: 0, answered: 0, replies: 0, non200: 0, times: [] as number[] };
  const answeredCallbacks = new Set<string>();
  telegram.on("call", ({ method, params }: { method: string; params: Record<string, unknown> }) => {
    if (method === "answerCallbackQuery") answeredCallbacks.add(String(params.callback_query_id));
  });

  const telegramChat = async (chat: Chat, index: number) => {
    const chatId = 500_000_000 + index;
    const user = { languageCode: chat.languageCode };
    for (const message of chat.messages) {
      const before = telegram.botMessages(chatId).length;
      const t0 = performance.now();
      const { status } = await telegram.sendText(chatId, message.text, user);
      const ms = performance.now() - t0;
      tg.times.push(ms);
      timed(`telegram ${message.kind}`, ms);
      tg.delivered++;
      const sent = telegram.botMessages(chatId);
      if (status !== 200) {
        tg.non200++;
        problems.push({
          channel: "telegram",
          what: `webhook answered ${status}`,
          kind: message.kind,
          sample: show(message.text),
        });
      } else if (sent.length > before) {
        tg.answered++;
        tg.replies += sent.length - before;
      } else {
        problems.push({ channel: "telegram", what: "no reply", kind: message.kind, sample: show(message.text) });
      }
      if (chat.rng.chance(options.callbackShare ?? 0.1)) {
        tg.callbacks++;
        const press = pressSomething(chat.rng, chatId, sent);
        const delivery = await telegram.pressData(chatId, press.message, press.data, user);
        const id = (delivery.update as Update).callback_query?.id ?? "";
        if (delivery.status !== 200) {
          problems.push({
            channel: "telegram",
            what: `webhook answered ${delivery.status}`,
            kind: "callback",
            sample: show(press.data),
          });
        } else if (answeredCallbacks.has(id)) {
          tg.answeredCb++;
        } else {
          problems.push({
            channel: "telegram",
            what: "button press not answered",
            kind: "callback",
            sample: show(press.data),
          });
        }
      }
    }
  };

  const zaloChat = async (chat: Chat, index: number) => {
    const chatId = `bad${hexId(index)}`;
    for (const [n, message] of chat.messages.entries()) {
      const before = zaloSent.count(chatId);
      const expected = tap.next(`zalo:${chatId}`);
      const t0 = performance.now();
      const { status } = await deliverToZalo(
        zalo,
        `${service.origin}/webhook/zalo`,
        textUpdate(chatId, message.text, `${hexId(index)}${hexId(n)}`),
      );
      zl.delivered++;
      if (status !== 200) {
        zl.non200++;
        tap.cancel(`zalo:${chatId}`, expected);
        problems.push({
          channel: "zalo",
          what: `webhook answered ${status}`,
          kind: message.kind,
          sample: show(message.text),
        });
        continue;
      }
      const texts = await withTimeout(expected.promise, ANSWER_TIMEOUT_MS);
      if (texts === undefined) {
        tap.cancel(`zalo:${chatId}`, expected);
        problems.push({ channel: "zalo", what: "not handled in time", kind: message.kind, sample: show(message.text) });
        continue;
      }
      if (texts === 0) {
        problems.push({ channel: "zalo", what: "no reply", kind: message.kind, sample: show(message.text) });
        continue;
      }
      const arrived = await zaloSent.waitFor(chatId, before + texts, ANSWER_TIMEOUT_MS);
      const ms = performance.now() - t0;
      zl.times.push(ms);
      timed(`zalo ${message.kind}`, ms);
      if (arrived) {
        zl.answered++;
        zl.replies += texts;
      } else {
        problems.push({
          channel: "zalo",
          what: "reply did not reach Zalo",
          kind: message.kind,
          sample: show(message.text),
        });
      }
    }
  };

  let done = 0;
  const total = chats.length * 2;
  const tick = () => {
    done++;
    if (options.progress && done % Math.max(1, Math.floor(total / 10)) === 0) {
      options.progress(`  ${Math.round((done / total) * 100)}% of chats done`);
    }
  };
  await Promise.all([
    pool(chats, concurrency, async (chat, i) => {
      await telegramChat(chat, i);
      tick();
    }),
    pool(chats, concurrency, async (chat, i) => {
      await zaloChat(chat, i);
      tick();
    }),
  ]);

  // Updates that failed inside (caught by the channels' error handlers; Telegram then apologises).
  const failuresBeforeOdd = {
    telegram: Number(service.telegram.health().failed ?? 0),
    zalo: Number(service.zalo.health().failed ?? 0),
    errorLogs: service.logs.error + service.logs.fatal,
    lastErrors: [...service.logs.lastErrors],
  };
  for (const channel of ["telegram", "zalo"] as const) {
    const failed = failuresBeforeOdd[channel];
    if (failed > 0) problems.push({ channel, what: `${failed} update(s) failed inside the service` });
  }
  if (failuresBeforeOdd.errorLogs > 0) {
    problems.push({
      channel: "service",
      what: `${failuresBeforeOdd.errorLogs} error log line(s)`,
      sample: failuresBeforeOdd.lastErrors.join(" | "),
    });
  }
  const odd = await oddUpdates(service, telegram, zalo, problems);
  const { healthAfter, aliveAfter } = await stillAlive(service, telegram, zalo, zaloSent, problems);

  return {
    seed: options.seed,
    messages: options.messages,
    chats: chats.length,
    concurrency,
    byKind,
    telegram: {
      delivered: tg.delivered,
      answered: tg.answered,
      replies: tg.replies,
      non200: tg.non200,
      maxMs: Math.max(0, ...tg.times),
      p99Ms: quantile(tg.times, 0.99),
      callbacks: tg.callbacks,
      callbacksAnswered: tg.answeredCb,
    },
    zalo: {
      delivered: zl.delivered,
      answered: zl.answered,
      replies: zl.replies,
      non200: zl.non200,
      maxMs: Math.max(0, ...zl.times),
      p99Ms: quantile(zl.times, 0.99),
    },
    slowestMsByKind: slowest,
    checked,
    odd,
    crashes: [],
    failures: failuresBeforeOdd,
    healthAfter,
    aliveAfter,
    problems,
    seconds: 0,
  };
}

interface Chat {
  messages: HostileMessage[];
  languageCode?: string;
  /** The chat's own stream for its button presses, so both channels see the same messages. */
  rng: Rng;
}

/** Splits the messages into chats of 1–20, so a chat's state carries from one to the next. */
function groupIntoChats(rng: Rng, count: number, asked: readonly string[]): Chat[] {
  const chats: Chat[] = [];
  let left = count;
  while (left > 0) {
    const size = Math.min(left, rng.int(1, 20));
    const messages = Array.from({ length: size }, () => hostileMessage(rng, asked));
    const languageCode = rng.pick([undefined, "vi", "en", "", "xx", "zh-hans", "<b>", "../", "en-US", "🙂"]);
    chats.push({ messages, languageCode, rng: new Rng(Math.floor(rng.next() * 2 ** 32)) });
    left -= size;
  }
  return chats;
}

/** A press under the bot's latest keyboard (a real button, or forged data), or under a message that never existed. */
function pressSomething(rng: Rng, chatId: number, sent: FakeMessage[]): { message: FakeMessage; data: string } {
  const withKeyboard = [...sent].reverse().find((m) => m.reply_markup);
  const buttons = (withKeyboard?.reply_markup?.inline_keyboard.flat() ?? []).flatMap((b) =>
    "callback_data" in b && b.callback_data ? [b.callback_data] : [],
  );
  if (withKeyboard && buttons.length > 0 && rng.chance(0.5)) return { message: withKeyboard, data: rng.pick(buttons) };
  const message =
    withKeyboard && rng.chance(0.5)
      ? withKeyboard
      : ({
          message_id: rng.int(1, 1_000_000),
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: "private", first_name: "Người dùng" },
          text: "…",
        } as FakeMessage);
  return { message, data: forgedCallbackData(rng) };
}

// ---- checks on what the bot sent -----------------------------------------------------------

/** Raw control characters (tab and newline allowed), bidi overrides and isolates. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a text shown to a user, if anything. */
export function textProblem(text: unknown, limit: number): string | undefined {
  if (typeof text !== "string") return "no text";
  if (text.trim() === "") return "empty text";
  if (text.length > limit) return `${text.length} characters (limit ${limit})`;
  if (CONTROL.test(text)) return "raw control character";
  if (LONE_SURROGATE.test(text)) return "ill-formed UTF-16 (lone surrogate)";
  return undefined;
}

function watchTelegramCalls(fake: FakeTelegramApi, problems: Problem[], checked: Checked): void {
  fake.on("request", ({ method, params }: { method: string; params: Record<string, unknown> }) => {
    const flag = (what: string, sample?: unknown) =>
      problems.push({ channel: "telegram", what: `${method}: ${what}`, sample: show(sample) });
    if (method === "sendMessage" || method === "editMessageText") {
      checked.telegramTexts++;
      if (params.parse_mode === "HTML" && typeof params.text === "string") {
        const seen = parseHtml(params.text);
        if (typeof seen !== "string") flag(`bad HTML (${seen.problem})`, params.text);
        else {
          const problem = textProblem(seen, TELEGRAM_TEXT_LIMIT);
          if (problem) flag(problem, seen);
        }
      } else {
        const problem = textProblem(params.text, TELEGRAM_TEXT_LIMIT);
        if (problem) flag(problem, params.text);
      }
    }
    if ("reply_markup" in params) {
      checked.telegramKeyboards++;
      for (const problem of keyboardProblems(params.reply_markup)) flag(problem.what, problem.sample);
    }
    if (method === "answerCallbackQuery" && params.text !== undefined) {
      checked.callbackAnswers++;
      const problem = textProblem(params.text, CALLBACK_ANSWER_LIMIT);
      if (problem) flag(problem, params.text);
    }
  });
}

function keyboardProblems(raw: unknown): { what: string; sample?: string }[] {
  let markup: unknown = raw;
  if (typeof raw === "string") {
    try {
      markup = JSON.parse(raw);
    } catch {
      return [{ what: "reply_markup is not JSON" }];
    }
  }
  const rows = (markup as { inline_keyboard?: unknown })?.inline_keyboard;
  if (!Array.isArray(rows)) return [{ what: "reply_markup without inline_keyboard" }];
  const out: { what: string; sample?: string }[] = [];
  if (rows.length > 100) out.push({ what: `${rows.length} keyboard rows` });
  for (const row of rows) {
    if (!Array.isArray(row) || row.length === 0 || row.length > 8)
      out.push({ what: "keyboard row of 0 or > 8 buttons" });
    for (const button of Array.isArray(row) ? row : []) {
      const { text, callback_data: data } = button as { text?: unknown; callback_data?: unknown };
      const labelProblem = textProblem(text, 4096);
      if (labelProblem) out.push({ what: `button label: ${labelProblem}`, sample: String(text) });
      if (typeof data !== "string") out.push({ what: "button without callback data" });
      else if (Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > CALLBACK_DATA_LIMIT) {
        out.push({ what: `callback data of ${Buffer.byteLength(data)} bytes`, sample: data });
      }
    }
  }
  return out;
}

interface ZaloSentCounter {
  count(chatId: string): number;
  /** Resolves true once `target` messages reached the chat, false after `timeoutMs`. */
  waitFor(chatId: string, target: number, timeoutMs: number): Promise<boolean>;
}

function watchZaloCalls(fake: FakeZaloApi, problems: Problem[], checked: Checked): ZaloSentCounter {
  const counts = new Map<string, number>();
  const waiters = new Map<string, { target: number; resolve: (ok: boolean) => void }>();
  fake.on("call", ({ method, body }) => {
    if (method !== "sendMessage") return;
    checked.zaloTexts++;
    const problem = textProblem(body.text, ZALO_TEXT_LIMIT);
    if (problem) problems.push({ channel: "zalo", what: `sendMessage: ${problem}`, sample: show(body.text) });
  });
  fake.on("sent", ({ chatId }) => {
    const count = (counts.get(chatId) ?? 0) + 1;
    counts.set(chatId, count);
    const waiter = waiters.get(chatId);
    if (waiter && count >= waiter.target) {
      waiters.delete(chatId);
      waiter.resolve(true);
    }
  });
  return {
    count: (chatId) => counts.get(chatId) ?? 0,
    waitFor: (chatId, target, timeoutMs) => {
      if ((counts.get(chatId) ?? 0) >= target) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(chatId);
          resolve(false);
        }, timeoutMs);
        waiters.set(chatId, {
          target,
          resolve: (ok) => {
            clearTimeout(timer);
            resolve(ok);
          },
        });
      });
    },
  };
}

interface Expectation {
  promise: Promise<number>;
  resolve: (texts: number) => void;
}

/**
 * A passive tap on the assistant: for each Zalo chat, in order, how many texts the answer to
 * its next message renders to (what ZaloSender will send). It calls the real `handle` and
 * returns its result untouched.
 */
function tapZaloAnswers(service: RunningService): {
  next(chatKey: string): Expectation;
  cancel(chatKey: string, expectation: Expectation): void;
} {
  const assistant = service.assistant;
  const pending = new Map<string, Expectation[]>();
  const original = assistant.handle.bind(assistant);
  assistant.handle = (chatKey, incoming, context) => {
    const run = original(chatKey, incoming, context);
    if (chatKey.startsWith("zalo:")) {
      const expectation = pending.get(chatKey)?.shift();
      run.then(
        (replies: Reply[]) => expectation?.resolve(renderForZalo(replies).length),
        () => expectation?.resolve(0),
      );
    }
    return run;
  };
  return {
    next(chatKey) {
      let resolve: (texts: number) => void = () => {};
      const promise = new Promise<number>((r) => {
        resolve = r;
      });
      const expectation = { promise, resolve };
      const list = pending.get(chatKey) ?? [];
      list.push(expectation);
      pending.set(chatKey, list);
      return expectation;
    },
    cancel(chatKey, expectation) {
      const list = pending.get(chatKey) ?? [];
      const at = list.indexOf(expectation);
      if (at >= 0) list.splice(at, 1);
    },
  };
}

// ---- odd updates and the service afterwards ------------------------------------------------

/**
 * Updates no real client sends, with the right secret (only Telegram or Zalo could post them):
 * other update types, missing chats and texts, odd ids. Each must get 200 or 400, never 5xx,
 * and nothing may crash. Failures handled by the channels' error handlers are counted.
 */
async function oddUpdates(
  service: RunningService,
  telegram: FakeTelegramApi,
  zalo: FakeZaloApi,
  problems: Problem[],
): Promise<BadInputReport["odd"]> {
  const statuses: Record<string, number> = {};
  const failedBefore = Number(service.telegram.health().failed ?? 0) + Number(service.zalo.health().failed ?? 0);
  const chat = { id: 77, type: "private", first_name: "A" };
  const from = { id: 77, is_bot: false, first_name: "A" };
  const date = Math.floor(Date.now() / 1000);
  const telegramBodies: unknown[] = [
    { update_id: 1, edited_message: { message_id: 1, date, chat, from, text: "sửa" } },
    { update_id: 2, channel_post: { message_id: 1, date, chat: { id: -100, type: "channel", title: "c" }, text: "x" } },
    { update_id: 3, message: { message_id: 1, date, chat, from } },
    {
      update_id: 4,
      message: { message_id: 1, date, chat: { id: -5, type: "group", title: "g" }, from, text: "khai sinh" },
    },
    { update_id: 5, message: { message_id: 1, date, chat: { id: -5, type: "group", title: "g" }, from, sticker: {} } },
    { update_id: 6, message: { message_id: 1, date, chat, from, text: "x".repeat(5000) } },
    { update_id: 8, callback_query: { id: "cq8", from, chat_instance: "1", game_short_name: "g" } },
    { update_id: 9, my_chat_member: { chat, from, date } },
    { update_id: 10, poll: { id: "p" } },
    { update_id: Number.MAX_SAFE_INTEGER, message: { message_id: 1, date, chat, from, text: "/start" } },
    {
      update_id: 11,
      message: {
        message_id: 2,
        date,
        chat,
        from,
        text: "/start",
        entities: [{ type: "bot_command", offset: 0, length: 999 }],
      },
    },
    {
      update_id: 12,
      message: { message_id: 3, date, chat, from: { ...from, language_code: "x".repeat(300) }, text: "hi" },
    },
    { update_id: 12, message: { message_id: 3, date, chat, from, text: "trùng update_id" } },
    { update_id: 13 },
  ];
  if (!telegram.webhook) throw new Error("the Telegram webhook is not set");
  // The fake answers "chat not found" for chats it has never seen: let the user and the group write first.
  await telegram.sendText(77, "xin chào");
  await telegram.sendText(-5, "xin chào", { chatType: "group", userId: 77 });
  const tgSecret = telegram.webhook.secret_token ?? null;
  for (const body of telegramBodies) {
    const { status } = await telegram.postToWebhook(body as Update, tgSecret);
    statuses[`telegram ${status}`] = (statuses[`telegram ${status}`] ?? 0) + 1;
    if (status >= 500 || status === 0)
      problems.push({
        channel: "telegram",
        what: `odd update answered ${status}`,
        kind: "odd-update",
        sample: show(JSON.stringify(body)),
      });
  }
  const message = (extra: Record<string, unknown>) => ({
    message_id: hexId(extra.n as number),
    date: Date.now(),
    ...extra,
  });
  const zaloBodies: unknown[] = [
    { event_name: "message.image.received", message: message({ n: 1, chat: { id: "odd1" }, from: { id: "odd1" } }) },
    { event_name: "message.sticker.received", message: message({ n: 2, chat: { id: "odd1" }, sticker: "s" }) },
    { event_name: "message.unsupported.received", message: message({ n: 3, chat: { id: "odd1" } }) },
    { event_name: "message.something.new", message: message({ n: 4, chat: { id: "odd1" }, text: "x" }) },
    { event_name: "message.text.received", message: message({ n: 5, text: "không có chat" }) },
    { event_name: "message.text.received", message: message({ n: 6, chat: { id: "" }, text: "chat rỗng" }) },
    { event_name: "message.text.received", message: message({ n: 7, chat: { id: 12345 }, text: "chat số" }) },
    {
      event_name: "message.text.received",
      message: message({ n: 8, chat: { id: "odd2" }, from: { is_bot: true }, text: "bot" }),
    },
    { event_name: "message.text.received", message: { chat: { id: "odd3" }, text: "không có message_id" } },
    { event_name: "message.text.received", message: message({ n: 9, chat: { id: "odd3" } }) },
    { event_name: "message.text.received", message: message({ n: 10, chat: { id: "odd3" }, text: 42 }) },
    { event_name: "message.text.received" },
    { event_name: 7 },
    { ok: false, result: null },
    {
      ok: true,
      result: {
        event_name: "message.text.received",
        message: message({ n: 11, chat: { id: "odd4" }, text: "x".repeat(50_000) }),
      },
    },
  ];
  for (const body of zaloBodies) {
    // Flat updates as they are; the two already wrapped ones as they are too.
    const { status } = await zalo.deliver(`${service.origin}/webhook/zalo`, body, { raw: JSON.stringify(body) });
    statuses[`zalo ${status}`] = (statuses[`zalo ${status}`] ?? 0) + 1;
    if (status >= 500)
      problems.push({
        channel: "zalo",
        what: `odd update answered ${status}`,
        kind: "odd-update",
        sample: show(JSON.stringify(body)),
      });
  }
  // Zalo handles after answering: wait for its queue to drain.
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  for (;;) {
    const s = service.zalo.health();
    const settled = (s.handled ?? 0) + (s.ignored ?? 0) + (s.failed ?? 0) + (s.duplicates ?? 0);
    if (settled >= (s.received ?? 0) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const failedAfter = Number(service.telegram.health().failed ?? 0) + Number(service.zalo.health().failed ?? 0);
  if (failedAfter > failedBefore) {
    problems.push({
      channel: "service",
      what: `${failedAfter - failedBefore} odd update(s) failed inside`,
      kind: "odd-update",
    });
  }
  return {
    posted: telegramBodies.length + zaloBodies.length,
    statuses,
    handlerErrors: failedAfter - failedBefore,
  };
}

/** After everything: /healthz answers 200 and an ordinary greeting is still answered on both channels. */
async function stillAlive(
  service: RunningService,
  telegram: FakeTelegramApi,
  zalo: FakeZaloApi,
  zaloSent: ZaloSentCounter,
  problems: Problem[],
): Promise<{ healthAfter: number; aliveAfter: boolean }> {
  const health = await fetch(`${service.origin}/healthz`).catch(() => undefined);
  const healthAfter = health?.status ?? 0;
  await health?.text();
  const before = telegram.botMessages(9).length;
  const tg = await telegram.sendText(9, "xin chào");
  const tgAlive = tg.status === 200 && telegram.botMessages(9).length > before;
  const zaloChat = "alive";
  const zaloBefore = zaloSent.count(zaloChat);
  const zl = await zalo.deliver(`${service.origin}/webhook/zalo`, textUpdate(zaloChat, "xin chào", "a11ce"));
  const zlAlive = zl.status === 200 && (await zaloSent.waitFor(zaloChat, zaloBefore + 1, ANSWER_TIMEOUT_MS));
  if (healthAfter !== 200) problems.push({ channel: "service", what: `/healthz answered ${healthAfter} afterwards` });
  if (!tgAlive) problems.push({ channel: "telegram", what: "a greeting afterwards was not answered" });
  if (!zlAlive) problems.push({ channel: "zalo", what: "a greeting afterwards was not answered" });
  return { healthAfter, aliveAfter: tgAlive && zlAlive };
}

// ---- helpers -------------------------------------------------------------------------------

/**
 * Zalo's delivery of an update; a connection refused or reset is status 0. (Like Zalo, it is
 * tried once more when a kept-alive socket was closed under it: the update is de-duplicated.)
 */
async function deliverToZalo(zalo: FakeZaloApi, url: string, update: unknown): Promise<{ status: number }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await zalo.deliver(url, update);
    } catch {
      if (attempt >= 1) return { status: 0 };
    }
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    }),
  ]);
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** An input or output for a report line: escaped (control characters visible) and cut to 80 characters. */
export function show(value: unknown): string {
  const text = typeof value === "string" ? value : String(value);
  const escaped = JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}` : text);
  return text.length > 80 ? `${escaped} (+${text.length - 80} more)` : escaped;
}

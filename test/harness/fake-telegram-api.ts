/**
 * A local fake of the Telegram Bot API on 127.0.0.1, for end-to-end tests and benchmarks:
 * bots talk to it over real HTTP by pointing their API root at `apiRoot`.
 *
 * It behaves like Telegram where tests depend on it: getUpdates long-polls, honours offsets
 * (updates below an offset are forgotten, the others are delivered again) and answers 409 while
 * a webhook is set or when a newer poll takes over; messages are checked like Telegram does
 * (HTML parse mode, 4096 characters, 64-byte callback data, "message is not modified"); a
 * webhook gets updates POSTed with the secret header, at most `max_connections` at a time.
 * Every API call is recorded. Faults can be injected with failNext().
 *
 *   const fake = await FakeTelegramApi.start();          // 127.0.0.1, a free port
 *   // bot: new Bot(FAKE_TOKEN, { client: { apiRoot: fake.apiRoot } })
 *   await fake.sendText(7, "/start");                    // a user writes (queued, or POSTed to the webhook)
 *   const [reply] = await fake.waitForMessages(7, 1);    // what the bot sent, as the user sees it
 *   await fake.press(7, { label: "Hướng dẫn" });         // the user presses a button of the bot's
 *
 * Events: "request" when a call arrives, "call" once it is answered ({ method, params }),
 * "webhook-post" when an update is POSTed to the webhook.
 */
import { EventEmitter } from "node:events";
import { Agent, createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { InlineKeyboardMarkup, Message, Update, UserFromGetMe } from "grammy/types";

/** What getMe answers for a token: the bot id is the token's number, as on Telegram. */
export function fakeBotInfo(token: string = FAKE_TOKEN): UserFromGetMe {
  return {
    id: Number(token.split(":")[0]),
    is_bot: true,
    first_name: "Một cửa (test)",
    username: "motcua_test_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
  } as UserFromGetMe;
}

export const FAKE_TOKEN = "123456789:AAFakeTokenForTests_0123456789abcdef";

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
}

export interface ApiErrorReply {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface FakeTelegramOptions {
  /** The one token the fake accepts; calls with another get 401 Unauthorized. */
  token?: string;
  botInfo?: Partial<UserFromGetMe>;
  /** Header carrying the webhook secret (Telegram's by default; Zalo's API uses another). */
  secretHeader?: string;
  /** Upper bound on a getUpdates wait, in seconds, so tests never hang on a 30 s poll. */
  maxPollSeconds?: number;
  /** Keep recorded calls (benchmarks turn this off). */
  record?: boolean;
}

export interface WebhookSettings {
  url: string;
  secret_token?: string;
  max_connections: number;
  allowed_updates?: string[];
}

/** A message as the fake stores it: what the user would see in the chat now (after edits). */
export type FakeMessage = Message & { reply_markup?: InlineKeyboardMarkup };

export interface UserOptions {
  /** Telegram's language_code of the user's client. */
  languageCode?: string;
  chatType?: "private" | "group" | "supergroup";
  /** The user id (in a private chat, the same as the chat id). */
  userId?: number;
}

export interface Delivery {
  update: Update;
  /** The webhook's HTTP status when the update was POSTed; undefined in polling mode. */
  status?: number;
}

interface Poll {
  respond: () => void;
  terminate: () => void;
}

const HTML_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "a",
  "code",
  "pre",
  "span",
  "tg-spoiler",
  "tg-emoji",
  "blockquote",
]);
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export class FakeTelegramApi extends EventEmitter {
  readonly calls: RecordedCall[] = [];
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  webhook: WebhookSettings | undefined;
  /**
   * Where webhook POSTs really go (scheme, host and port), standing in for the HTTPS proxy in
   * front of the bot: Telegram requires an https:// webhook URL, tests serve plain HTTP locally.
   */
  webhookOrigin: string | undefined;
  /** Commands registered with setMyCommands, by language code ("" for the default). */
  readonly commands = new Map<string, { command: string; description: string }[]>();
  readonly secretHeader: string;

  private readonly server: Server;
  private readonly sockets = new Set<import("node:net").Socket>();
  private pending: Update[] = [];
  private allowedUpdates: string[] | undefined;
  private poll: Poll | undefined;
  private nextUpdateId = 700_000_000;
  private readonly nextMessageId = new Map<number, number>();
  private readonly messages = new Map<number, FakeMessage[]>();
  private readonly callbackQueries = new Map<string, { answered: boolean }>();
  private readonly faults = new Map<string, { reply: ApiErrorReply; times: number }[]>();
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 100 });
  private webhookSlots = 0;
  private readonly webhookQueue: (() => void)[] = [];
  private readonly maxPollSeconds: number;
  private readonly record: boolean;
  private port = 0;

  private constructor(options: FakeTelegramOptions) {
    super();
    this.setMaxListeners(0);
    this.token = options.token ?? FAKE_TOKEN;
    this.botInfo = { ...fakeBotInfo(this.token), ...options.botInfo } as UserFromGetMe;
    this.secretHeader = (options.secretHeader ?? "X-Telegram-Bot-Api-Secret-Token").toLowerCase();
    this.maxPollSeconds = options.maxPollSeconds ?? 50;
    this.record = options.record ?? true;
    this.server = createServer((req, res) => void this.dispatch(req, res));
    this.server.keepAliveTimeout = 60_000;
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  static async start(options: FakeTelegramOptions = {}): Promise<FakeTelegramApi> {
    const fake = new FakeTelegramApi(options);
    await new Promise<void>((resolve, reject) => {
      fake.server.once("error", reject);
      fake.server.listen(0, "127.0.0.1", () => resolve());
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What a bot uses as its API root (grammY: client.apiRoot). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.poll?.respond();
    this.agent.destroy();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  // ---- the user's side ---------------------------------------------------------------

  /** The user types `text` (a slash command gets its bot_command entity, as in Telegram). */
  sendText(chatId: number, text: string, options: UserOptions = {}): Promise<Delivery> {
    const command = /^\/\w+(@\w+)?/.exec(text);
    return this.sendUpdate({
      message: {
        ...this.userMessageBase(chatId, options),
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
      } as Update["message"],
    });
  }

  /** The user sends something that is not text (here: a sticker). */
  sendSticker(chatId: number, options: UserOptions = {}): Promise<Delivery> {
    return this.sendUpdate({
      message: {
        ...this.userMessageBase(chatId, options),
        sticker: {
          file_id: "sticker-1",
          file_unique_id: "u-sticker-1",
          type: "regular",
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
        },
      } as Update["message"],
    });
  }

  /**
   * The user presses the button with this label (or callback data) under the bot's latest
   * message that has one. Throws when no such button is shown, as a user could not press it.
   */
  press(chatId: number, button: { label?: string; data?: string; messageId?: number }, options: UserOptions = {}) {
    const candidates = [...(this.messages.get(chatId) ?? [])].reverse();
    for (const message of candidates) {
      if (button.messageId !== undefined && message.message_id !== button.messageId) continue;
      const found = message.reply_markup?.inline_keyboard
        .flat()
        .find(
          (b) =>
            (button.label === undefined || b.text === button.label) &&
            (button.data === undefined || ("callback_data" in b && b.callback_data === button.data)),
        );
      if (found && "callback_data" in found) return this.pressData(chatId, message, found.callback_data, options);
    }
    throw new Error(`no button ${JSON.stringify(button)} in chat ${chatId}`);
  }

  /** A callback query with any data under `message` (e.g. from a keyboard sent before a restart). */
  pressData(chatId: number, message: FakeMessage, data: string, options: UserOptions = {}): Promise<Delivery> {
    const id = `${chatId}-${this.nextUpdateId}`;
    this.callbackQueries.set(id, { answered: false });
    return this.sendUpdate({
      callback_query: {
        id,
        from: this.user(chatId, options),
        message,
        chat_instance: `ci${chatId}`,
        data,
      },
    });
  }

  /** Queues any update (its id is assigned here); in webhook mode it is POSTed at once. */
  async sendUpdate(content: Omit<Update, "update_id">): Promise<Delivery> {
    const update = { update_id: this.nextUpdateId++, ...content } as Update;
    const type = Object.keys(content)[0] ?? "";
    if (this.allowedUpdates && !this.allowedUpdates.includes(type)) return { update };
    this.pending.push(update);
    if (this.webhook) {
      const status = await this.deliverToWebhook(update);
      return { update, status };
    }
    this.poll?.respond();
    return { update };
  }

  /**
   * POSTs an update to the webhook with the given secret (null: no header), as an attacker or a
   * misconfigured proxy would; it is not queued and not retried. Resolves to the HTTP status.
   */
  async postToWebhook(update: Update, secret: string | null): Promise<{ status: number; body: string }> {
    if (!this.webhook) throw new Error("no webhook set");
    return this.post(this.webhook.url, update, secret);
  }

  /** POSTs every queued update to the webhook again, as Telegram retries; resolves to their statuses. */
  redeliver(): Promise<number[]> {
    return Promise.all(this.pending.map((u) => this.deliverToWebhook(u)));
  }

  /** Updates not yet confirmed by getUpdates or accepted by the webhook. */
  pendingUpdates(): Update[] {
    return [...this.pending];
  }

  // ---- what the bot did ----------------------------------------------------------------

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The bot's messages in a chat, as they stand now (edits applied), oldest first. */
  botMessages(chatId: number): FakeMessage[] {
    return (this.messages.get(chatId) ?? []).filter((m) => m.from?.id === this.botInfo.id);
  }

  /**
   * Waits until `probe` returns a value other than undefined/false; re-checked on every API call
   * and every 10 ms (for state that changes after the bot's last call). The default wait is a hang
   * guard, not a budget: under a loaded CI a first message may wait seconds for the served search.
   */
  waitFor<T>(probe: () => T | undefined | false, timeoutMs = 60_000, what = "condition"): Promise<T> {
    return new Promise((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        clearInterval(ticker);
        this.off("call", check);
      };
      const check = () => {
        const value = probe();
        if (value === undefined || value === false) return false;
        stop();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const ticker = setInterval(check, 10);
      if (!check()) this.on("call", check);
    });
  }

  /** Waits until the bot has sent at least `count` messages to the chat; returns them. */
  waitForMessages(chatId: number, count: number, timeoutMs = 60_000): Promise<FakeMessage[]> {
    return this.waitFor(
      () => {
        const sent = this.botMessages(chatId);
        return sent.length >= count ? sent : undefined;
      },
      timeoutMs,
      `${count} message(s) in chat ${chatId}`,
    );
  }

  /** The next `times` calls of `method` fail with this error (e.g. 429 with retry_after, 500). */
  failNext(method: string, reply: ApiErrorReply, times = 1): void {
    const list = this.faults.get(method) ?? [];
    list.push({ reply, times });
    this.faults.set(method, list);
  }

  // ---- HTTP ----------------------------------------------------------------------------

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const body = await readBody(req);
    if (!match) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const [, token, method = ""] = match;
    if (token !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    let params: Record<string, unknown>;
    try {
      params = parseParams(url, req.headers["content-type"], body);
    } catch {
      return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
    }
    if (this.record) this.calls.push({ method, params, at: Date.now() });
    // As the request arrives (benchmarks time this); "call" follows once it has been answered.
    this.emit("request", { method, params });
    const fault = this.takeFault(method);
    const result = fault ? { error: fault } : await this.call(method, params, res);
    if ("error" in result) {
      const { error } = result;
      reply(res, error.error_code, { ok: false, ...error });
    } else {
      reply(res, 200, { ok: true, result: result.value });
    }
    this.emit("call", { method, params });
  }

  private takeFault(method: string): ApiErrorReply | undefined {
    const list = this.faults.get(method);
    const first = list?.[0];
    if (!list || !first) return undefined;
    if (--first.times <= 0) list.shift();
    return first.reply;
  }

  private async call(
    method: string,
    p: Record<string, unknown>,
    res: ServerResponse,
  ): Promise<{ value: unknown } | { error: ApiErrorReply }> {
    switch (method) {
      case "getMe":
        return { value: this.botInfo };
      case "getUpdates":
        return this.getUpdates(p, res);
      case "sendMessage":
        return this.sendMessage(p);
      case "editMessageText":
        return this.editMessage(p, true);
      case "editMessageReplyMarkup":
        return this.editMessage(p, false);
      case "answerCallbackQuery": {
        const query = this.callbackQueries.get(String(p.callback_query_id));
        if (!query || query.answered) {
          return bad("query is too old and response timeout expired or query ID is invalid");
        }
        query.answered = true;
        return { value: true };
      }
      case "sendChatAction": {
        if (!this.messages.has(Number(p.chat_id))) return bad("chat not found");
        const actions = ["typing", "upload_photo", "record_video", "upload_video", "upload_document", "find_location"];
        return actions.includes(String(p.action)) ? { value: true } : bad("wrong parameter action in request");
      }
      case "setMyCommands":
        return this.setMyCommands(p);
      case "getMyCommands":
        return { value: this.commands.get(String(p.language_code ?? "")) ?? [] };
      case "deleteMyCommands":
        this.commands.delete(String(p.language_code ?? ""));
        return { value: true };
      case "setWebhook":
        return this.setWebhook(p);
      case "deleteWebhook":
        this.webhook = undefined;
        if (p.drop_pending_updates === true) this.pending = [];
        return { value: true };
      case "getWebhookInfo":
        return {
          value: {
            url: this.webhook?.url ?? "",
            has_custom_certificate: false,
            pending_update_count: this.pending.length,
            ...(this.webhook ? { max_connections: this.webhook.max_connections } : {}),
            ...(this.webhook?.allowed_updates ? { allowed_updates: this.webhook.allowed_updates } : {}),
          },
        };
      default:
        return { error: { error_code: 404, description: "Not Found: method not found" } };
    }
  }

  private getUpdates(
    p: Record<string, unknown>,
    res: ServerResponse,
  ): Promise<{ value: unknown } | { error: ApiErrorReply }> | { error: ApiErrorReply } {
    if (this.webhook) {
      return conflict(
        "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    const timeout = Math.min(this.maxPollSeconds, Math.max(0, Number(p.timeout ?? 0)));
    if (Array.isArray(p.allowed_updates)) {
      this.allowedUpdates = p.allowed_updates.length > 0 ? p.allowed_updates.map(String) : undefined;
    }
    // The offset confirms every update below it: Telegram forgets them for good.
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.pending = this.pending.slice(offset);
    // Only one poll at a time: a newer one ends the older with 409, as Telegram does.
    this.poll?.terminate();
    const ready = () => this.pending.slice(0, limit);
    if (ready().length > 0 || timeout === 0) return Promise.resolve({ value: ready() });
    return new Promise((resolve) => {
      let done = false;
      const finish = (result: { value: unknown } | { error: ApiErrorReply }) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (this.poll === poll) this.poll = undefined;
        resolve(result);
      };
      const poll: Poll = {
        // Updates arriving in the same tick go out as one batch, as Telegram batches them.
        respond: () => setImmediate(() => finish({ value: ready() })),
        terminate: () =>
          finish(conflict("terminated by other getUpdates request; make sure that only one bot instance is running")),
      };
      const timer = setTimeout(() => finish({ value: ready() }), timeout * 1000);
      this.poll = poll;
      // A client that gave up (aborted) no longer waits.
      res.once("close", () => finish({ value: [] }));
    });
  }

  private sendMessage(p: Record<string, unknown>): { value: unknown } | { error: ApiErrorReply } {
    const chatId = Number(p.chat_id);
    if (!this.messages.has(chatId)) return bad("chat not found");
    const text = this.checkText(p);
    if (typeof text !== "string") return text;
    const markup = this.checkMarkup(p.reply_markup);
    if (markup && "error" in markup) return markup;
    const message = {
      message_id: this.newMessageId(chatId),
      from: { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username },
      chat: this.chatOf(chatId),
      date: Math.floor(Date.now() / 1000),
      text,
      ...(markup ? { reply_markup: markup } : {}),
    } as FakeMessage;
    this.messages.get(chatId)?.push(message);
    return { value: message };
  }

  private editMessage(p: Record<string, unknown>, withText: boolean): { value: unknown } | { error: ApiErrorReply } {
    const chatId = Number(p.chat_id);
    const message = this.messages.get(chatId)?.find((m) => m.message_id === Number(p.message_id));
    if (!message) return bad("message to edit not found");
    if (message.from?.id !== this.botInfo.id) return bad("message can't be edited");
    const text = withText ? this.checkText(p) : (message as { text?: string }).text;
    if (typeof text !== "string") return text ?? bad("there is no text in the message to edit");
    const markup = this.checkMarkup(p.reply_markup);
    if (markup && "error" in markup) return markup;
    const unchanged =
      text === (message as { text?: string }).text && JSON.stringify(markup) === JSON.stringify(message.reply_markup);
    if (unchanged) {
      return bad(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    Object.assign(message, { text, edit_date: Math.floor(Date.now() / 1000) });
    if (markup) message.reply_markup = markup;
    else delete message.reply_markup;
    return { value: message };
  }

  /** The text as the user sees it, or Telegram's error: parse mode HTML checked, 1–4096 characters. */
  private checkText(p: Record<string, unknown>): string | { error: ApiErrorReply } {
    if (typeof p.text !== "string") return bad("message text is empty");
    let text = p.text;
    if (p.parse_mode === "HTML") {
      const parsed = parseHtml(text);
      if (typeof parsed !== "string") return bad(`can't parse entities: ${parsed.problem}`);
      text = parsed;
    } else if (p.parse_mode !== undefined) {
      return bad("unsupported parse_mode");
    }
    if (text.trim() === "") return bad("message text is empty");
    if (text.length > 4096) return bad("message is too long");
    return text;
  }

  private checkMarkup(raw: unknown): InlineKeyboardMarkup | undefined | { error: ApiErrorReply } {
    if (raw === undefined) return undefined;
    const markup = (typeof raw === "string" ? JSON.parse(raw) : raw) as InlineKeyboardMarkup;
    const rows = markup.inline_keyboard;
    if (!Array.isArray(rows)) return bad("can't parse reply keyboard markup JSON object");
    if (rows.length > 100 || rows.some((r) => !Array.isArray(r) || r.length === 0 || r.length > 8)) {
      return bad("BUTTONS_TOO_MUCH");
    }
    for (const button of rows.flat()) {
      if (typeof button.text !== "string" || button.text.trim() === "")
        return bad("text buttons are unallowed in the inline keyboard");
      const data = "callback_data" in button ? button.callback_data : undefined;
      const hasUrl = "url" in button;
      if (data === undefined && !hasUrl) return bad("BUTTON_TYPE_INVALID");
      if (data !== undefined && (Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64)) {
        return bad("BUTTON_DATA_INVALID");
      }
    }
    return markup;
  }

  private setMyCommands(p: Record<string, unknown>): { value: unknown } | { error: ApiErrorReply } {
    const commands = (typeof p.commands === "string" ? JSON.parse(p.commands) : p.commands) as unknown;
    if (!Array.isArray(commands) || commands.length > 100) return bad("commands must be an array of at most 100");
    for (const c of commands as { command?: unknown; description?: unknown }[]) {
      if (typeof c.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command)) return bad("BOT_COMMAND_INVALID");
      if (typeof c.description !== "string" || c.description.length < 1 || c.description.length > 256) {
        return bad("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    const lang = p.language_code === undefined ? "" : String(p.language_code);
    if (lang !== "" && !/^[a-z]{2}$/.test(lang)) return bad("invalid language code specified");
    this.commands.set(lang, commands as { command: string; description: string }[]);
    return { value: true };
  }

  private setWebhook(p: Record<string, unknown>): { value: unknown } | { error: ApiErrorReply } {
    const url = String(p.url ?? "");
    if (url === "") {
      this.webhook = undefined;
      return { value: true };
    }
    if (!url.startsWith("https://")) return bad("bad webhook: An HTTPS URL must be provided for webhook");
    const secret = p.secret_token === undefined ? undefined : String(p.secret_token);
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret))
      return bad("bad webhook: secret token contains unallowed characters");
    const maxConnections = p.max_connections === undefined ? 40 : Number(p.max_connections);
    if (!(maxConnections >= 1 && maxConnections <= 100)) return bad("bad webhook: max_connections must be 1-100");
    const allowed = Array.isArray(p.allowed_updates) ? p.allowed_updates.map(String) : undefined;
    this.webhook = { url, secret_token: secret, max_connections: maxConnections, allowed_updates: allowed };
    if (allowed) this.allowedUpdates = allowed.length > 0 ? allowed : undefined;
    if (p.drop_pending_updates === true) this.pending = [];
    this.poll?.terminate();
    return { value: true };
  }

  // ---- webhook delivery ----------------------------------------------------------------

  /** POSTs a queued update with the registered secret; a 2xx answer takes it off the queue. */
  private async deliverToWebhook(update: Update): Promise<number> {
    const webhook = this.webhook as WebhookSettings;
    await this.acquireSlot(webhook.max_connections);
    try {
      const { status } = await this.post(webhook.url, update, webhook.secret_token ?? null);
      if (status >= 200 && status < 300) this.pending = this.pending.filter((u) => u !== update);
      return status;
    } catch {
      return 0;
    } finally {
      this.releaseSlot();
    }
  }

  private acquireSlot(max: number): Promise<void> {
    if (this.webhookSlots < max) {
      this.webhookSlots++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.webhookQueue.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.webhookQueue.shift();
    if (next) next();
    else this.webhookSlots--;
  }

  private post(url: string, update: Update, secret: string | null): Promise<{ status: number; body: string }> {
    const target = new URL(url);
    const origin = new URL(this.webhookOrigin ?? target.origin);
    const payload = JSON.stringify(update);
    this.emit("webhook-post", update);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: origin.hostname,
          port: origin.port,
          path: target.pathname + target.search,
          method: "POST",
          agent: this.agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(payload),
            ...(secret === null ? {} : { [this.secretHeader]: secret }),
          },
        },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            body += chunk;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  // ---- chats ---------------------------------------------------------------------------

  private userMessageBase(chatId: number, options: UserOptions) {
    this.ensureChat(chatId, options.chatType);
    return {
      message_id: this.newMessageId(chatId),
      from: this.user(chatId, options),
      chat: this.chatOf(chatId),
      date: Math.floor(Date.now() / 1000),
    };
  }

  private user(chatId: number, options: UserOptions) {
    return {
      id: options.userId ?? Math.abs(chatId),
      is_bot: false,
      first_name: "Người dùng",
      ...(options.languageCode ? { language_code: options.languageCode } : {}),
    };
  }

  private readonly chatTypes = new Map<number, "private" | "group" | "supergroup">();

  private ensureChat(chatId: number, type: UserOptions["chatType"]): void {
    if (!this.messages.has(chatId)) this.messages.set(chatId, []);
    if (type || !this.chatTypes.has(chatId)) this.chatTypes.set(chatId, type ?? (chatId < 0 ? "group" : "private"));
  }

  private chatOf(chatId: number): Message["chat"] {
    const type = this.chatTypes.get(chatId) ?? "private";
    return (
      type === "private" ? { id: chatId, type, first_name: "Người dùng" } : { id: chatId, type, title: "Nhóm thử" }
    ) as Message["chat"];
  }

  private newMessageId(chatId: number): number {
    const id = (this.nextMessageId.get(chatId) ?? 0) + 1;
    this.nextMessageId.set(chatId, id);
    return id;
  }
}

function bad(description: string): { error: ApiErrorReply } {
  return { error: { error_code: 400, description: `Bad Request: ${description}` } };
}

function conflict(description: string): { error: ApiErrorReply } {
  return { error: { error_code: 409, description: `Conflict: ${description}` } };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Parameters from the query string, a JSON body or a form body, as the Bot API accepts them all. */
function parseParams(url: URL, contentType: string | undefined, body: Buffer): Record<string, unknown> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (body.length === 0) return params;
  if (contentType?.includes("application/json")) return { ...params, ...JSON.parse(body.toString("utf8")) };
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params[k] = tryJson(v);
  }
  return params;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Telegram's HTML parse mode: the text the user sees, or the problem Telegram reports.
 * Supported tags only, properly nested; `<`, `>` and `&` outside tags must be entities.
 */
export function parseHtml(html: string): string | { problem: string } {
  let out = "";
  const open: string[] = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i] as string;
    if (c === "<") {
      const tag = /^<(\/?)([a-z][a-z0-9-]*)((?:\s+[a-z-]+="[^"]*")*)\s*>/i.exec(html.slice(i));
      if (!tag) return { problem: `unexpected "<" at byte offset ${Buffer.byteLength(html.slice(0, i))}` };
      const [whole, closing, rawName = ""] = tag;
      const name = rawName.toLowerCase();
      if (!HTML_TAGS.has(name)) return { problem: `Unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        if (open.pop() !== name) return { problem: `Unmatched end tag at byte offset ${i}, expected "</${name}>"` };
      } else {
        open.push(name);
      }
      i += whole.length;
    } else if (c === "&") {
      const entity = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i));
      if (!entity) return { problem: `unescaped "&" at byte offset ${i}` };
      const name = entity[1] as string;
      out += name.startsWith("#x")
        ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
        : name.startsWith("#")
          ? String.fromCodePoint(Number(name.slice(1)))
          : ENTITIES[name.toLowerCase()];
      i += entity[0].length;
    } else if (c === ">") {
      return { problem: `unescaped ">" at byte offset ${i}` };
    } else {
      out += c;
      i++;
    }
  }
  if (open.length > 0) return { problem: `Can't find end tag corresponding to start tag "${open.at(-1)}"` };
  return out;
}

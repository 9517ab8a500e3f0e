import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Zalo Bot API (../shared/docs/zalo-bot-api.md), on 127.0.0.1:
 * `POST /bot{TOKEN}/{method}` with JSON, `{ ok, result | error_code, description }` answers,
 * ONE update per getUpdates and `ok:false, 408` after the poll timeout, webhooks that block
 * polling, and faults on demand (429, 500, garbage, slow, hanging, reset). It records every
 * call and every message sent, and can play Zalo's side of a webhook delivery.
 */

export interface FakeZaloOptions {
  token?: string;
  /** Caps the long-poll wait (the client's `timeout` is in seconds), to keep tests quick; can be changed later. */
  maxPollWaitMs?: number;
}

export type Fault =
  | { status: number; errorCode?: number; description?: string; retryAfterSec?: number }
  | { okFalse: number; description?: string }
  | { garbage: true; status?: number }
  | { delayMs: number }
  | { hang: true }
  | { reset: true };

export interface Call {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

/** A sendMessage / sendPhoto / sendSticker accepted by the fake. */
export interface SentMessage {
  method: string;
  chatId: string;
  text?: string;
  at: number;
}

export interface FakeZaloEvents {
  call: [call: Call];
  sent: [message: SentMessage];
}

export const FAKE_TOKEN = "1234567890:fakeAccessTokenForTests_abcdefghijklmnop";

export class FakeZaloApi extends EventEmitter<FakeZaloEvents> {
  readonly calls: Call[] = [];
  readonly sent: SentMessage[] = [];
  webhook?: { url: string; secret: string };
  private readonly queue: unknown[] = [];
  private readonly waiting: { deliver: (update: unknown) => boolean }[] = [];
  /**
   * How each getUpdates call ended, in the order they came: still waiting, with an update, with
   * the API's timeout (nothing arrived within the wait), or closed by the client first. Lets a
   * test say "stop cancelled the poll in flight" without timing it.
   */
  readonly pollEnds: ("waiting" | "update" | "timeout" | "closed")[] = [];
  private readonly faults = new Map<string, Fault[]>();
  private readonly sockets = new Set<import("node:net").Socket>();

  private constructor(
    private readonly server: Server,
    readonly apiRoot: string,
    readonly token: string,
    readonly options: FakeZaloOptions,
  ) {
    super();
    this.setMaxListeners(0);
  }

  static async start(options: FakeZaloOptions = {}): Promise<FakeZaloApi> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeZaloApi(server, `http://127.0.0.1:${port}`, options.token ?? FAKE_TOKEN, options);
    server.on("request", (req, res) => void fake.onRequest(req, res));
    server.on("connection", (socket) => {
      fake.sockets.add(socket);
      socket.on("close", () => fake.sockets.delete(socket));
    });
    return fake;
  }

  /** Queues updates for getUpdates (handed out one per call, to a waiting poll first). */
  push(...updates: unknown[]): void {
    for (const update of updates) {
      const waiter = this.waiting.shift();
      if (!waiter?.deliver(update)) this.queue.push(update);
    }
  }

  get queued(): number {
    return this.queue.length;
  }

  /** The next `times` calls of `method` ("*" for any) meet `fault`. */
  fail(method: string, fault: Fault, times = 1): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.faults.set(method, list);
  }

  callsOf(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  sentTo(chatId: string): SentMessage[] {
    return this.sent.filter((m) => m.chatId === chatId);
  }

  /**
   * Resolves when `predicate` holds (checked on every call, every message sent and every 10 ms), or rejects after `timeoutMs`.
   * The default is a hang guard, not a budget: a worker's first message waits for the served search to be built (19,000
   * câu mẫu and the re-ranker), which took over 5 s in CI beside other files (test/zalo/webhook.test.ts, 7 December).
   */
  waitFor(predicate: () => boolean, timeoutMs = 60_000, what = "condition"): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Zalo: timed out waiting for ${what}`));
      }, timeoutMs);
      // Also checked every few ms: some state (the webhook) changes after the call was announced.
      const ticker = setInterval(check, 10);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(ticker);
        this.off("call", check);
        this.off("sent", check);
      };
      this.on("call", check);
      this.on("sent", check);
    });
  }

  /**
   * Plays Zalo delivering `update` to a webhook at `url`: POST with the secret header (the
   * registered one unless `secret` is given; `null` sends none), the body wrapped as documented
   * unless `flat`, or `raw` bytes as they are.
   */
  async deliver(
    url: string,
    update: unknown,
    options: { secret?: string | null; flat?: boolean; raw?: string } = {},
  ): Promise<{ status: number; body: string }> {
    const secret = options.secret === undefined ? this.webhook?.secret : options.secret;
    const body = options.raw ?? JSON.stringify(options.flat ? update : { ok: true, result: update });
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (secret !== null && secret !== undefined) headers["x-bot-api-secret-token"] = secret;
    const response = await fetch(url, { method: "POST", headers, body });
    return { status: response.status, body: await response.text() };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? "");
    const raw = await readAll(req);
    if (!match || req.method !== "POST")
      return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const [, token, method = ""] = match;
    let body: Record<string, unknown> = {};
    try {
      body = raw.length > 0 ? JSON.parse(raw) : {};
    } catch {
      return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
    }
    const call: Call = { method, body, at: Date.now() };
    this.calls.push(call);
    this.emit("call", call);
    if (token !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });

    const fault = this.takeFault(method);
    if (fault) {
      if ("hang" in fault) return; // never answers; the socket is destroyed on close()
      if ("reset" in fault) return void req.socket.destroy();
      if ("garbage" in fault) {
        res.writeHead(fault.status ?? 200, { "content-type": "text/html" });
        return void res.end("<html><body>Bad Gateway</body>");
      }
      if ("okFalse" in fault) {
        return reply(res, 200, { ok: false, error_code: fault.okFalse, description: fault.description ?? "Error" });
      }
      if ("status" in fault) {
        const headers: Record<string, string> =
          fault.retryAfterSec !== undefined ? { "retry-after": String(fault.retryAfterSec) } : {};
        const description =
          fault.description ?? (fault.status === 429 ? "Too Many Requests: quota exceeded" : "Internal Server Error");
        return reply(
          res,
          fault.status,
          { ok: false, error_code: fault.errorCode ?? fault.status, description },
          headers,
        );
      }
      await new Promise((r) => setTimeout(r, fault.delayMs));
    }
    return this.answer(method, body, req, res);
  }

  private takeFault(method: string): Fault | undefined {
    for (const key of [method, "*"]) {
      const list = this.faults.get(key);
      if (list && list.length > 0) return list.shift();
    }
    return undefined;
  }

  private answer(method: string, body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) {
    const now = Date.now();
    const chatId = typeof body.chat_id === "string" ? body.chat_id : undefined;
    switch (method) {
      case "getMe":
        return reply(res, 200, {
          ok: true,
          result: { id: "b0t1d", account_name: "bot.motcua", account_type: "BASIC", can_join_groups: false },
        });
      case "getUpdates":
        return this.poll(body, req, res);
      case "setWebhook": {
        const url = String(body.url ?? "");
        const secret = String(body.secret_token ?? "");
        if (!url.startsWith("https://"))
          return reply(res, 200, { ok: false, error_code: 400, description: "url must be https" });
        if (secret.length < 8 || secret.length > 256) {
          return reply(res, 200, { ok: false, error_code: 400, description: "secret_token must be 8-256 characters" });
        }
        this.webhook = { url, secret };
        return reply(res, 200, { ok: true, result: { url, updated_at: now } });
      }
      case "deleteWebhook":
        this.webhook = undefined;
        return reply(res, 200, { ok: true, result: { url: "", updated_at: now } });
      case "getWebhookInfo":
        return reply(res, 200, { ok: true, result: { url: this.webhook?.url ?? "", updated_at: now } });
      case "sendMessage":
      case "sendPhoto":
      case "sendSticker": {
        const text = typeof body.text === "string" ? body.text : undefined;
        if (!chatId) return reply(res, 200, { ok: false, error_code: 400, description: "chat_id is required" });
        if (method === "sendMessage" && (!text || text.length > 2000)) {
          return reply(res, 200, { ok: false, error_code: 400, description: "text must be 1-2000 characters" });
        }
        const message: SentMessage = { method, chatId, text, at: now };
        this.sent.push(message);
        this.emit("sent", message);
        return reply(res, 200, { ok: true, result: { message_id: randomBytes(8).toString("hex"), date: now } });
      }
      case "sendChatAction":
        if (!chatId || body.action !== "typing")
          return reply(res, 200, { ok: false, error_code: 400, description: "bad action" });
        return reply(res, 200, { ok: true, result: true });
      default:
        return reply(res, 404, { ok: false, error_code: 404, description: "Method not found" });
    }
  }

  /** One update per call; none within the wait → HTTP 200 with ok:false 408, as the real API does. */
  private poll(body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) {
    if (this.webhook)
      return reply(res, 200, { ok: false, error_code: 409, description: "Conflict: webhook is active" });
    const index = this.pollEnds.push("waiting") - 1;
    const end = (how: "update" | "timeout" | "closed") => {
      if (this.pollEnds[index] === "waiting") this.pollEnds[index] = how;
    };
    const next = this.queue.shift();
    if (next !== undefined) {
      end("update");
      return reply(res, 200, { ok: true, result: next });
    }
    const waitMs = Math.min(Number(body.timeout ?? 30) * 1000, this.options.maxPollWaitMs ?? Number.POSITIVE_INFINITY);
    const waiter = {
      deliver: (update: unknown) => {
        clearTimeout(timer);
        // A poll whose client went away does not take the update (it stays queued).
        if (res.destroyed || req.socket.destroyed) return false;
        end("update");
        reply(res, 200, { ok: true, result: update });
        return true;
      },
    };
    const timer = setTimeout(() => {
      this.waiting.splice(this.waiting.indexOf(waiter), 1);
      end("timeout");
      reply(res, 200, { ok: false, error_code: 408, description: "Request timeout" });
    }, waitMs);
    res.on("close", () => {
      clearTimeout(timer);
      // "close" also follows a reply; only a poll nobody answered was closed by the client.
      end("closed");
      const at = this.waiting.indexOf(waiter);
      if (at >= 0) this.waiting.splice(at, 1);
    });
    this.waiting.push(waiter);
  }
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

// ---- Updates as Zalo sends them -------------------------------------------------------------

let counter = 0;
/** A fresh hex message id, as Zalo's are. */
export function messageId(): string {
  counter++;
  return `${randomBytes(6).toString("hex")}${counter.toString(16).padStart(4, "0")}`;
}

function message(chatId: string, extra: Record<string, unknown>, id = messageId()) {
  return {
    message_id: id,
    date: Date.now(),
    from: { id: chatId, display_name: "Nguyễn Văn A", is_bot: false },
    chat: { id: chatId, chat_type: "PRIVATE" },
    ...extra,
  };
}

export function textUpdate(chatId: string, text: string, id?: string) {
  return { event_name: "message.text.received", message: message(chatId, { text }, id) };
}

export function imageUpdate(chatId: string, id?: string) {
  return {
    event_name: "message.image.received",
    message: message(chatId, { photo_url: "https://example.test/p.jpg", caption: "giấy tờ" }, id),
  };
}

export function stickerUpdate(chatId: string, id?: string) {
  return { event_name: "message.sticker.received", message: message(chatId, { sticker: "d063f44dc80821567819" }, id) };
}

export function unsupportedUpdate(chatId: string, id?: string) {
  return { event_name: "message.unsupported.received", message: message(chatId, {}, id) };
}

import { EventEmitter } from "node:events";
import { ZaloBotError, ZaloError, ZaloFatalError, ZaloParseError } from "./errors.js";
import { type PollingOptions, ZaloPolling } from "./polling.js";
import {
  parseUpdate,
  ZALO_EVENTS,
  type ZaloBotInfo,
  ZaloBotInfoSchema,
  type ZaloMessage,
  type ZaloSentMessage,
  ZaloSentMessageSchema,
  type ZaloUpdate,
  type ZaloWebhookInfo,
  ZaloWebhookInfoSchema,
} from "./schemas.js";
import { type RequestOptions, type RetryPolicy, ZaloTransport } from "./transport.js";

export type MessageType = "text" | "photo" | "sticker";

export interface MessageMetadata {
  /** text, photo or sticker; undefined for unsupported content. */
  type?: MessageType;
  event_name: string;
}

/** The events a ZaloBot emits, as in the official SDK, plus the raw `update`. */
export interface ZaloBotEvents {
  update: [update: ZaloUpdate];
  message: [message: ZaloMessage, metadata: MessageMetadata];
  text: [message: ZaloMessage, metadata: MessageMetadata];
  photo: [message: ZaloMessage, metadata: MessageMetadata];
  sticker: [message: ZaloMessage, metadata: MessageMetadata];
  polling_error: [error: ZaloBotError];
}

export interface ZaloBotOptions {
  /** `true` polls from the constructor; an object tunes it (`autoStart: false` to start later). */
  polling?: boolean | PollingOptions;
  /** The API root, e.g. https://bot-api.zaloplatforms.com (the default) or a local fake. */
  baseApiUrl?: string;
  /** Timeout of ordinary calls in ms; the long poll uses its own wait + 5 s. */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

/** Extra form fields, merged into the request body as in the SDK. */
export type FormOptions = Record<string, unknown>;

/** The client's margin over the long-poll wait: the server answers 408 at the wait, we give up later. */
const POLL_MARGIN_MS = 5_000;

/**
 * A typed, promise-based Zalo Bot API client, with the surface of the official Node SDK
 * (`node-zalo-bot`, itself shaped like node-telegram-bot-api): code written for that SDK
 * runs against it. Usable on its own; it knows nothing of the rest of this project.
 */
export class ZaloBot extends EventEmitter<ZaloBotEvents> {
  static readonly errors = {
    BaseError: ZaloBotError,
    FatalError: ZaloFatalError,
    ParseError: ZaloParseError,
    ZaloError,
  };
  static readonly messageTypes: readonly MessageType[] = ["text", "photo", "sticker"];

  readonly #transport: ZaloTransport;
  readonly #polling: ZaloPolling;
  readonly #textListeners: { regexp: RegExp; callback: (message: ZaloMessage, match: RegExpExecArray) => void }[] = [];

  constructor(token: string, options: ZaloBotOptions = {}) {
    super();
    this.#transport = new ZaloTransport(token, {
      apiRoot: options.baseApiUrl,
      timeoutMs: options.requestTimeoutMs,
      retry: options.retry,
    });
    const polling = typeof options.polling === "object" ? options.polling : {};
    this.#polling = new ZaloPolling(
      {
        deleteWebHook: (request) => this.deleteWebHook(request),
        getUpdates: (params, request) => this.getUpdates(params, request),
        processUpdate: (update) => this.processUpdate(update),
        reportPollingError: (error) => this.reportPollingError(error),
      },
      polling,
    );
    if (options.polling && polling.autoStart !== false) void this.startPolling();
  }

  get baseApiUrl(): string {
    return this.#transport.apiRoot;
  }

  getMe(request?: RequestOptions): Promise<ZaloBotInfo> {
    return this.call("getMe", {}, true, request).then((r) => ZaloBotInfoSchema.parse(r));
  }

  /**
   * One long poll: resolves to the next update, or null when none came within `timeout` seconds
   * (Zalo answers an empty poll with error 408, which is not an error). An update leaves Zalo's
   * queue once returned, so a timed-out or cancelled poll is never repeated here.
   */
  async getUpdates(options: { timeout?: number } = {}, request: RequestOptions = {}): Promise<ZaloUpdate | null> {
    const timeout = options.timeout ?? 30;
    try {
      const result = await this.call("getUpdates", { timeout: String(timeout) }, false, {
        timeoutMs: timeout * 1000 + POLL_MARGIN_MS,
        ...request,
      });
      if (result === undefined || result === null) return null;
      const update = parseUpdate(result);
      if (!update) throw new ZaloParseError("getUpdates", 200, "not an update");
      return update;
    } catch (err) {
      if (err instanceof ZaloError && err.error_code === 408) return null;
      throw err;
    }
  }

  sendMessage(chatId: string, text: string, options: FormOptions = {}, request?: RequestOptions) {
    return this.send("sendMessage", { ...options, chat_id: chatId, text }, request);
  }

  /** `photo` is a public http(s) URL; `options.caption` is optional. */
  sendPhoto(chatId: string, photo: string, options: FormOptions & { caption?: string } = {}, request?: RequestOptions) {
    return this.send("sendPhoto", { ...options, chat_id: chatId, photo }, request);
  }

  sendSticker(chatId: string, sticker: string, options: FormOptions = {}, request?: RequestOptions) {
    return this.send("sendSticker", { ...options, chat_id: chatId, sticker }, request);
  }

  /** Shows "typing…" for about 5 seconds, or until the bot's next message arrives. */
  async sendChatAction(
    chatId: string,
    action: "typing" | "upload_photo" = "typing",
    options: FormOptions = {},
    request?: RequestOptions,
  ): Promise<boolean> {
    return (await this.call("sendChatAction", { ...options, chat_id: chatId, action }, true, request)) !== false;
  }

  /** Registers `url` (https) with the secret Zalo will send in `X-Bot-Api-Secret-Token` (8–256 characters). */
  setWebHook(url: string, options: { secret_token: string } & FormOptions, request?: RequestOptions) {
    return this.call("setWebhook", { ...options, url }, true, request).then((r) =>
      ZaloWebhookInfoSchema.parse(r ?? {}),
    );
  }

  deleteWebHook(request?: RequestOptions): Promise<ZaloWebhookInfo> {
    return this.call("deleteWebhook", {}, true, request).then((r) => ZaloWebhookInfoSchema.parse(r ?? {}));
  }

  getWebHookInfo(request?: RequestOptions): Promise<ZaloWebhookInfo> {
    return this.call("getWebhookInfo", {}, true, request).then((r) => ZaloWebhookInfoSchema.parse(r ?? {}));
  }

  /**
   * Validates an update (a webhook body, wrapped or flat, or a getUpdates result) and emits
   * `update`, then `message` and its type (`text`, `photo`, `sticker`), then matching onText
   * callbacks. Returns the parsed update, or undefined when the body is not an update.
   */
  processUpdate(body: unknown): ZaloUpdate | undefined {
    const update = parseUpdate(body);
    if (!update) return undefined;
    this.emit("update", update);
    const message = update.message;
    if (!message) return update;
    const metadata: MessageMetadata = { type: messageType(update), event_name: update.event_name };
    this.emit("message", message, metadata);
    if (metadata.type) this.emit(metadata.type, message, metadata);
    if (metadata.type === "text" && typeof message.text === "string") {
      for (const { regexp, callback } of this.#textListeners) {
        regexp.lastIndex = 0;
        const match = regexp.exec(message.text);
        if (match) callback(message, match);
      }
    }
    return update;
  }

  /** Calls `callback` for text messages matching `regexp`, as the SDK's onText. */
  onText(regexp: RegExp, callback: (message: ZaloMessage, match: RegExpExecArray) => void): void {
    this.#textListeners.push({ regexp, callback });
  }

  startPolling(): Promise<void> {
    return this.#polling.start();
  }

  /** `cancel: true` aborts the long poll in flight instead of waiting for it. */
  stopPolling(options: { cancel?: boolean } = {}): Promise<void> {
    return this.#polling.stop(options);
  }

  isPolling(): boolean {
    return this.#polling.isPolling();
  }

  /** Consecutive failed polls (0 when the last one worked) and the time of the last update. */
  pollingState(): { failures: number; lastUpdateAt?: number } {
    return { failures: this.#polling.failures, lastUpdateAt: this.#polling.lastUpdateAt };
  }

  private reportPollingError(error: ZaloBotError): void {
    if (this.listenerCount("polling_error") > 0) this.emit("polling_error", error);
    // As the SDK does, an unheard polling error still goes somewhere (its message holds no token).
    else console.error(`[polling_error] ${error.message}`);
  }

  private send(method: string, body: object, request?: RequestOptions): Promise<ZaloSentMessage> {
    return this.call(method, body, false, request).then((r) => ZaloSentMessageSchema.parse(r ?? {}));
  }

  private call(method: string, body: object, idempotent: boolean, request?: RequestOptions): Promise<unknown> {
    return this.#transport.call(method, body, idempotent, request);
  }
}

/** The event name decides; the fields present are the fallback (as the SDK does it). */
function messageType(update: ZaloUpdate): MessageType | undefined {
  switch (update.event_name) {
    case ZALO_EVENTS.text:
      return "text";
    case ZALO_EVENTS.image:
      return "photo";
    case ZALO_EVENTS.sticker:
      return "sticker";
    case ZALO_EVENTS.unsupported:
      return undefined;
  }
  const m = update.message;
  if (typeof m?.text === "string") return "text";
  if (m?.photo !== undefined || m?.photo_url !== undefined) return "photo";
  if (m?.sticker !== undefined) return "sticker";
  return undefined;
}

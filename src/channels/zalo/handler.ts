import type { Assistant } from "../../core/assistant.js";
import type { Reply, SendProgress } from "../../core/types.js";
import { errorSummary, type Logger } from "../../logger.js";
import type { ChatTurn, ChatTurns } from "../../replicas/index.js";
import { chatKey as keyOf } from "../../util/chat-key.js";
import { InFlight } from "../../util/in-flight.js";
import { KeyedQueue } from "../../util/keyed-queue.js";
import { RecentMap } from "../../util/recent.js";
import { updateKey, ZALO_EVENTS, type ZaloBot, type ZaloUpdate } from "./client/index.js";
import type { OpenUpdate, UpdateInbox } from "./inbox.js";
import type { SeenUpdates } from "./seen.js";
import type { ZaloSender } from "./sender.js";

export interface ZaloHandlerOptions {
  bot: ZaloBot;
  assistant: Assistant;
  sender: ZaloSender;
  seen: SeenUpdates;
  /** Where updates taken are written down until answered (a file, or a table the replicas share), so a crash loses none. */
  inbox?: UpdateInbox;
  logger: Logger;
  /**
   * "typing…" is shown once the answer takes longer than this. Most answers come in well under
   * a millisecond: an indicator for those would cost a Zalo call (quota) and a round trip before
   * every reply, and only flash. 0 sends it for every message.
   */
  typingDelayMs?: number;
  /** Zalo shows "typing…" for about 5 s: it is sent again at this interval while the work lasts. */
  typingIntervalMs?: number;
  /** At most one "I only read text" reply per chat in this window, so a sticker flood gets one answer. */
  unsupportedWindowMs?: number;
  /** Several replicas: a chat's updates take turns across them, and one answered by any replica is not answered again. */
  turns?: ChatTurns;
}

/** What a webhook or a poller needs: claim an update (de-duplication), then handle it. */
export interface UpdateSink {
  /** Records the update's key; false when it was seen before (handle nothing then). */
  claim(update: ZaloUpdate): boolean;
  /**
   * Resolves once a claimed update is kept in the inbox (at once for the file; after the insert
   * with a database). The webhook waits for it before its 200: Zalo does not post it again.
   */
  stored?(update: ZaloUpdate): Promise<void>;
  /**
   * Several replicas: waits for the chat's turn across them (src/replicas/chat-turns.ts). The
   * webhook takes it before answering Zalo, so the chat's next message, sent after that answer,
   * queues behind this one whichever replica it reaches. Undefined without replicas.
   */
  turn?(update: ZaloUpdate): Promise<ChatTurn | undefined>;
  /** Handles the update (in `turn` when one was taken for it). */
  handle(update: ZaloUpdate, turn?: ChatTurn): Promise<void>;
}

export interface ZaloCounters {
  received: number;
  duplicates: number;
  handled: number;
  ignored: number;
  failed: number;
  messagesSent: number;
  /** Taken by a previous process (or a replica gone since) that stopped before answering them; answered by this one. */
  replayed: number;
}

/**
 * Turns Zalo updates into conversations with the core: text goes to the assistant and its
 * replies go back as numbered text; images, stickers and unsupported content get a short
 * polite text; unknown events are ignored. Each chat's updates are handled one after
 * another, replies included, so answers never overtake each other.
 */
export class ZaloUpdateHandler implements UpdateSink {
  readonly counters: ZaloCounters = {
    received: 0,
    duplicates: 0,
    handled: 0,
    ignored: 0,
    failed: 0,
    messagesSent: 0,
    replayed: 0,
  };
  private readonly chats = new KeyedQueue();
  private readonly inFlight = new InFlight();
  /** When each chat was last told what the bot reads; the most recent chats only. */
  private readonly lastUnsupported = new RecentMap<string, number>(10_000);
  /** Replayed updates whose answer was worked out (and maybe partly sent) before a crash. */
  private readonly resumed = new Map<string, { replies: Reply[]; parts: number }>();

  constructor(private readonly options: ZaloHandlerOptions) {}

  claim(update: ZaloUpdate): boolean {
    this.counters.received++;
    const key = updateKey(update);
    // Without a message id there is nothing to de-duplicate on; the update is handled.
    if (key === undefined) return true;
    if (this.options.seen.claim(key)) {
      // Before the webhook answers 200 (or the next poll): from here on a crash loses nothing.
      this.options.inbox?.taken(key, update);
      return true;
    }
    this.counters.duplicates++;
    this.options.logger.debug({ event: update.event_name }, "zalo duplicate update skipped");
    return false;
  }

  stored(update: ZaloUpdate): Promise<void> {
    const key = updateKey(update);
    const { inbox } = this.options;
    return key === undefined || !inbox ? Promise.resolve() : inbox.stored(key);
  }

  async turn(update: ZaloUpdate): Promise<ChatTurn | undefined> {
    const { turns } = this.options;
    const chatId = update.message?.chat?.id;
    if (!turns || !chatId || update.message?.from?.is_bot) return undefined;
    const key = updateKey(update);
    return turns.enter(keyOf("zalo", chatId), key === undefined ? undefined : `zalo:${key}`);
  }

  /** Queues the update behind the chat's earlier ones; resolves when it is answered. Never rejects. */
  handle(update: ZaloUpdate, given?: ChatTurn): Promise<void> {
    const key = updateKey(update);
    const chatId = update.message?.chat?.id;
    if (!chatId || update.message?.from?.is_bot) {
      this.counters.ignored++;
      if (key !== undefined) this.options.inbox?.answered(key);
      void given?.leave(false);
      return Promise.resolve();
    }
    const run = this.inFlight.track(this.chats.run(chatId, () => this.inTurn(chatId, update, given)));
    void run.finally(() => {
      // Answered, or failed for good (the client retried): either way not to be handled again.
      if (key !== undefined) this.options.inbox?.answered(key);
    });
    return run;
  }

  /**
   * Finishes, in order, updates a previous process (or a replica gone since) took and did not
   * answer (see UpdateInbox): an answer already worked out is sent as it was (from the first part Zalo did not accept),
   * never worked out again, as the conversation has moved on since.
   */
  replay(updates: readonly OpenUpdate[]): void {
    for (const { update, replies, parts } of updates) {
      const key = updateKey(update);
      if (key === undefined) continue;
      this.options.seen.claim(key); // a redelivery is a duplicate now
      if (replies) this.resumed.set(key, { replies, parts });
      this.counters.replayed++;
      void this.handle(update);
    }
  }

  /** Resolves when every update taken so far has been handled (for a clean stop). */
  async idle(): Promise<void> {
    await this.inFlight.drain();
  }

  /** Handles the update in the chat's turn across replicas (taken here unless the webhook took it). */
  private async inTurn(chatId: string, update: ZaloUpdate, given?: ChatTurn): Promise<void> {
    let turn = given;
    try {
      turn ??= await this.turn(update);
    } catch (err) {
      // The database is unreachable: answered all the same, as without replicas.
      this.options.logger.warn({ err: errorSummary(err) }, "zalo chat turn not taken; answering anyway");
    }
    if (turn && !turn.fresh) {
      this.counters.duplicates++;
      await turn.leave(false);
      return;
    }
    try {
      await this.handleNow(chatId, update);
    } finally {
      await turn?.leave(true);
    }
  }

  private async handleNow(chatId: string, update: ZaloUpdate): Promise<void> {
    const { logger } = this.options;
    try {
      const sent = await this.respond(chatId, update);
      if (sent === undefined) {
        this.counters.ignored++;
        logger.debug({ event: update.event_name }, "zalo update ignored");
        return;
      }
      this.counters.handled++;
      this.counters.messagesSent += sent;
    } catch (err) {
      this.counters.failed++;
      // No chat id or text in the log: they are personal data.
      logger.error({ err: errorSummary(err), event: update.event_name }, "zalo update failed");
    }
  }

  /** Messages sent, or undefined when the update is not one we answer. */
  private async respond(chatId: string, update: ZaloUpdate): Promise<number | undefined> {
    const chatKey = keyOf("zalo", chatId);
    switch (update.event_name) {
      case ZALO_EVENTS.text: {
        const { inbox, sender } = this.options;
        const key = updateKey(update);
        const resumed = key === undefined ? undefined : this.resumed.get(key);
        if (key !== undefined) this.resumed.delete(key);
        if (resumed) return sender.sendTo(chatId, resumed.replies, this.progress(key, resumed.parts));
        const text = update.message?.text ?? "";
        const replies = await this.withTyping(chatId, () =>
          this.options.assistant.handle(chatKey, { kind: "text", text }),
        );
        if (key !== undefined) inbox?.replied(key, replies);
        return sender.sendTo(chatId, replies, this.progress(key, 0));
      }
      case ZALO_EVENTS.image:
      case ZALO_EVENTS.sticker:
      case ZALO_EVENTS.unsupported:
        return this.options.sender.sendTo(chatId, await this.unsupportedReply(chatKey));
      default:
        return undefined;
    }
  }

  /** Each message of an answer Zalo accepts is written to the inbox (see UpdateInbox). */
  private progress(key: string | undefined, skip: number): SendProgress | undefined {
    const { inbox } = this.options;
    if (key === undefined || !inbox) return undefined;
    return { skip, accepted: (parts) => inbox.sent(key, parts) };
  }

  private async unsupportedReply(chatKey: string): Promise<Reply[]> {
    const now = Date.now();
    const window = this.options.unsupportedWindowMs ?? 10_000;
    const last = this.lastUnsupported.get(chatKey);
    if (last !== undefined && now - last < window) return [];
    this.lastUnsupported.set(chatKey, now);
    const { assistant } = this.options;
    return [{ text: assistant.translator.t(await assistant.languageOf(chatKey), "unsupported-message") }];
  }

  /**
   * Runs `work` with "typing…" shown while it lasts: first after typingDelayMs, then every
   * typingIntervalMs (best effort, no retries). A typing call in flight is settled before the
   * caller sends the answer, so a late indicator never follows the reply.
   */
  private async withTyping<T>(chatId: string, work: () => Promise<T>): Promise<T> {
    const { bot, logger, typingDelayMs = 300, typingIntervalMs = 4_000 } = this.options;
    let pending: Promise<unknown> = Promise.resolve();
    let interval: NodeJS.Timeout | undefined;
    const type = () => {
      pending = bot
        .sendChatAction(chatId, "typing", {}, { retries: 0, timeoutMs: 2_000 })
        .catch((err: unknown) => logger.debug({ err: errorSummary(err) }, "zalo typing failed"));
    };
    const start = () => {
      type();
      interval = setInterval(type, typingIntervalMs);
    };
    const delay = typingDelayMs > 0 ? setTimeout(start, typingDelayMs) : undefined;
    if (typingDelayMs <= 0) start();
    try {
      return await work();
    } finally {
      clearTimeout(delay);
      clearInterval(interval);
      await pending;
    }
  }
}

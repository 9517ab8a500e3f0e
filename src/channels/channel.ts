import type { Sender } from "../core/types.js";

/**
 * A started channel, as the service holds it: every channel (Telegram, Zalo, the terminal) is
 * one of these. Health is typed per channel (TelegramHealth, ZaloHealth, TerminalHealth) and
 * shown under /healthz → channels.<name>; it holds counters and modes, never tokens or user data.
 */
export interface ChannelHandle<Health extends object = object> {
  readonly name: string;
  /** Reaches a chat on the bot's own initiative (notifications); absent where a chat cannot be reached later. */
  readonly sender?: Sender;
  health(): Health;
  /** Graceful: no new updates, those in flight finish. */
  stop(): Promise<void>;
}

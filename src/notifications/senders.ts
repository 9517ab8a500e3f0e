import type { Sender } from "../core/types.js";
import { channelOf } from "../util/chat-key.js";

/** How the outbox finds the channel that reaches a chat. */
export interface SenderLookup {
  forChat(chatKey: string): Sender | undefined;
  /** The channels that have a sender now, when known: the database outbox claims only their chats' rows. */
  readonly channels?: readonly string[];
}

/**
 * The channels that can send messages the bot starts, by name. Each channel registers its
 * Sender once it is up; until then (or with the channel off) its chats' messages wait in the outbox.
 */
export class SenderRegistry implements SenderLookup {
  private readonly byChannel = new Map<string, Sender>();

  /** A registry holding these senders, each under its own channel name (tests, CLIs). */
  static of(...senders: Sender[]): SenderRegistry {
    const registry = new SenderRegistry();
    for (const sender of senders) registry.register(sender.channel, sender);
    return registry;
  }

  register(channel: string, sender: Sender): void {
    if (this.byChannel.has(channel)) throw new Error(`a sender for ${channel} is registered already`);
    this.byChannel.set(channel, sender);
  }

  unregister(channel: string): void {
    this.byChannel.delete(channel);
  }

  forChat(chatKey: string): Sender | undefined {
    const channel = channelOf(chatKey);
    return channel === undefined ? undefined : this.byChannel.get(channel);
  }

  get channels(): string[] {
    return [...this.byChannel.keys()];
  }
}

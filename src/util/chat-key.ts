/**
 * A chat across channels: "<channel>:<id>", e.g. "telegram:123456", "zalo:abc…", "terminal:local".
 * Conversation state, subscriptions, the outbox and rate limits are all kept by this key; the
 * channel part says which Sender reaches the chat. Keys are built and read only here.
 */
export type ChatKey = string;

export function chatKey(channel: string, id: string | number): ChatKey {
  return `${channel}:${id}`;
}

/** The channel of a chat key ("telegram" of "telegram:123"); undefined when it has none. */
export function channelOf(key: ChatKey): string | undefined {
  const at = key.indexOf(":");
  return at > 0 ? key.slice(0, at) : undefined;
}

/** The chat id within `channel` ("123" of "telegram:123"); undefined for another channel's key or an empty id. */
export function chatIdIn(key: ChatKey, channel: string): string | undefined {
  const prefix = `${channel}:`;
  return key.startsWith(prefix) && key.length > prefix.length ? key.slice(prefix.length) : undefined;
}

import pino from "pino";
import type { Reply, SendProgress } from "../../src/core/types.js";
import { Outbox } from "../../src/notifications/outbox.js";
import { SenderRegistry } from "../../src/notifications/senders.js";

const ALWAYS = { timeZone: "Asia/Ho_Chi_Minh", ranges: [[0, 24 * 60]] as [number, number][] };

/**
 * An outbox over DIR whose notifications each render as two messages ("<key>/1", "<key>/2"),
 * sent through `channel.accept`: called for each message not skipped, in order (throwing fails the
 * send); `channel.recorded` runs right after the outbox was told the message was accepted.
 */
export function openTwoPartOutbox(
  dir: string,
  channel: { accept(text: string): void | Promise<void>; recorded?(text: string): void },
  now: () => number = Date.now,
): Promise<Outbox> {
  return Outbox.open(dir, {
    senders: SenderRegistry.of({
      channel: "telegram",
      async send(_chatKey: string, replies: Reply[], progress?: SendProgress) {
        for (const [i, reply] of replies.entries()) {
          if (i < (progress?.skip ?? 0)) continue;
          await channel.accept(reply.text);
          progress?.accepted(i + 1);
          channel.recorded?.(reply.text);
        }
      },
    }),
    render: async (m) => ({ replies: [{ text: `${m.key}/1` }, { text: `${m.key}/2` }] }),
    windows: { status: ALWAYS, reminder: ALWAYS, rating: ALWAYS },
    logger: pino({ level: "silent" }),
    now,
  });
}

// Child process of outbox-crash.test.ts: queues two notifications of two messages each and
// flushes them through a sender that prints "accepted <text>" for every message the "channel"
// takes (standing in for Telegram's record), then SIGKILLs itself right after acceptance
// number KILL_AT, before the outbox can do anything else.
// Usage: node --import tsx outbox-crash-sender.ts DATA_DIR KILL_AT
import { writeSync } from "node:fs";
import pino from "pino";
import type { Reply, SendProgress } from "../../src/core/types.js";
import { Outbox } from "../../src/notifications/outbox.js";

const [dir = "", killAt = "0"] = process.argv.slice(2);
const always = { timeZone: "Asia/Ho_Chi_Minh", ranges: [[0, 24 * 60]] as [number, number][] };
let accepted = 0;

const outbox = await Outbox.open(dir, {
  senders: [
    {
      channel: "telegram",
      async send(_chatKey: string, replies: Reply[], progress?: SendProgress) {
        for (const [i, reply] of replies.entries()) {
          if (i < (progress?.skip ?? 0)) continue;
          await new Promise((resolve) => setImmediate(resolve)); // the HTTP round trip
          writeSync(1, `accepted ${reply.text}\n`);
          progress?.accepted(i + 1);
          if (++accepted === Number(killAt)) process.kill(process.pid, "SIGKILL");
        }
      },
    },
  ],
  render: async (m) => ({ replies: [{ text: `${m.key}/1` }, { text: `${m.key}/2` }] }),
  windows: { status: always, reminder: always, rating: always },
  logger: pino({ level: "silent" }),
  now: Date.now,
});
await outbox.enqueue(
  ["A", "B"].map((key, seq) => ({ id: `${key}|telegram:1`, chatKey: "telegram:1", kind: "status", key, seq })),
);
await outbox.flush();
await outbox.close();

// Child process of outbox-crash.test.ts: queues two notifications of two messages each and
// flushes them through a sender that prints "accepted <text>" for every message the "channel"
// takes (standing in for Telegram's record), then SIGKILLs itself right after acceptance
// number KILL_AT, before the outbox can do anything else.
// Usage: node --import tsx outbox-crash-sender.ts DATA_DIR KILL_AT
import { writeSync } from "node:fs";
import { setImmediate as roundTrip } from "node:timers/promises";
import { openTwoPartOutbox } from "./two-part-outbox.js";

const [dir = "", killAt = "0"] = process.argv.slice(2);
let accepted = 0;

const outbox = await openTwoPartOutbox(dir, {
  async accept(text) {
    await roundTrip();
    writeSync(1, `accepted ${text}\n`);
  },
  // Right after the outbox was told: nothing of its own bookkeeping runs after that line.
  recorded: () => {
    if (++accepted === Number(killAt)) process.kill(process.pid, "SIGKILL");
  },
});
await outbox.enqueue(
  ["A", "B"].map((key, seq) => ({ id: `${key}|telegram:1`, chatKey: "telegram:1", kind: "status", key, seq })),
);
await outbox.flush();
await outbox.close();

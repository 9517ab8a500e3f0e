// Child process of outbox-crash.postgres.test.ts: the database outbox (DATABASE_URL given) queues
// two notifications of two messages each and flushes them through a sender that prints
// "accepted <text>" for every message the "channel" takes, then SIGKILLs itself right after
// acceptance number KILL_AT: its claims stay in the rows until they expire.
// Usage: node --import tsx postgres-outbox-crash-sender.ts DATABASE_URL KILL_AT CLAIM_MS
import { writeSync } from "node:fs";
import { setImmediate as roundTrip } from "node:timers/promises";
import pino from "pino";
import type { Reply, SendProgress } from "../../src/core/types.js";
import { PostgresOutbox } from "../../src/notifications/postgres-outbox.js";
import { SenderRegistry } from "../../src/notifications/senders.js";
import { createPool } from "../../src/storage/postgres/database.js";

const [url = "", killAt = "0", claimMs = "60000"] = process.argv.slice(2);
const ALWAYS = { timeZone: "Asia/Ho_Chi_Minh", ranges: [[0, 24 * 60]] as [number, number][] };
let accepted = 0;

const pool = createPool(url, { max: 2 });
const outbox = await PostgresOutbox.open(
  pool,
  {
    senders: SenderRegistry.of({
      channel: "telegram",
      async send(_chatKey: string, replies: Reply[], progress?: SendProgress) {
        for (const [i, reply] of replies.entries()) {
          if (i < (progress?.skip ?? 0)) continue;
          await roundTrip();
          writeSync(1, `accepted ${reply.text}\n`);
          progress?.accepted(i + 1);
          if (++accepted === Number(killAt)) process.kill(process.pid, "SIGKILL");
        }
      },
    }),
    render: async (m) => ({ replies: [{ text: `${m.key}/1` }, { text: `${m.key}/2` }] }),
    windows: { status: ALWAYS, reminder: ALWAYS, rating: ALWAYS },
    logger: pino({ level: "silent" }),
    now: Date.now,
  },
  { claimant: "child", claimMs: Number(claimMs), recountMs: 0 },
);
await outbox.enqueue(
  ["A", "B"].map((key, seq) => ({ id: `${key}|telegram:1`, chatKey: "telegram:1", kind: "status" as const, key, seq })),
);
await outbox.flush();
await outbox.close();
await pool.end();

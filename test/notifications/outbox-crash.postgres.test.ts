import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply, SendProgress } from "../../src/core/types.js";
import { PostgresOutbox } from "../../src/notifications/postgres-outbox.js";
import { SenderRegistry } from "../../src/notifications/senders.js";
import { createPool } from "../../src/storage/postgres/database.js";
import { runTsx, tempDir } from "../harness/common.js";
import { migratedDatabase, startPostgres, type TestPostgres } from "../harness/postgres.js";

/**
 * The database outbox when its replica is SIGKILLed mid-flush: the rows it claimed wait until
 * the claim expires, then another replica sends what is left. A notification the dead one had
 * marked sent never goes again; only a part accepted in the last round trip before the kill
 * may (at least once, never lost).
 */
const CHILD = path.join(import.meta.dirname, "postgres-outbox-crash-sender.ts");
const EXPECTED = ["A/1", "A/2", "B/1", "B/2"];
const CLAIM_MS = 60_000;
const ALWAYS = { timeZone: "Asia/Ho_Chi_Minh", ranges: [[0, 24 * 60]] as [number, number][] };

let server: TestPostgres | undefined;
beforeAll(async () => {
  server = await startPostgres();
}, 180_000);
afterAll(async () => {
  await server?.stop();
}, 120_000);

/** Another replica flushing at `later` ms from now; returns what it sent. */
async function survivor(url: string, later: number): Promise<string[]> {
  const sent: string[] = [];
  const pool = createPool(url, { max: 2 });
  try {
    const outbox = await PostgresOutbox.open(
      pool,
      {
        senders: SenderRegistry.of({
          channel: "telegram",
          async send(_chatKey: string, replies: Reply[], progress?: SendProgress) {
            for (const [i, reply] of replies.entries()) {
              if (i < (progress?.skip ?? 0)) continue;
              sent.push(reply.text);
              progress?.accepted(i + 1);
            }
          },
        }),
        render: async (m) => ({ replies: [{ text: `${m.key}/1` }, { text: `${m.key}/2` }] }),
        windows: { status: ALWAYS, reminder: ALWAYS, rating: ALWAYS },
        logger: pino({ level: "silent" }),
        now: () => Date.now() + later,
      },
      { claimant: "survivor", claimMs: CLAIM_MS, recountMs: 0 },
    );
    await outbox.flush();
    await outbox.close();
  } finally {
    await pool.end();
  }
  return sent;
}

describe("database outbox, replica killed mid-flush", () => {
  it.each([1, 2, 3, 4])("takes over after the claim expires when killed after acceptance %i", async (killAt) => {
    const url = await migratedDatabase(server as TestPostgres);
    const { dir, cleanup } = await tempDir("motcua-pg-outbox-crash-");
    try {
      const child = await runTsx(CHILD, [url, String(killAt), String(CLAIM_MS)], { cwd: dir, env: process.env });
      expect(child.code).toBeNull(); // killed by its signal
      const before = child.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => line.replace("accepted ", ""));
      expect(before).toEqual(EXPECTED.slice(0, killAt));
      // While the dead replica's claim lasts, nobody sends its rows.
      expect(await survivor(url, 0)).toEqual([]);
      const after = await survivor(url, CLAIM_MS + 1_000);
      const all = [...before, ...after];
      // Nothing lost, each notification's parts in order.
      for (const text of EXPECTED) expect(all).toContain(text);
      expect(after).toEqual(EXPECTED.filter((t) => after.includes(t)));
      // A, marked sent before B started, is never repeated; a repeat is only of the notification in flight.
      const repeats = after.filter((t) => before.includes(t));
      if (killAt >= 3) expect(repeats.filter((t) => t.startsWith("A"))).toEqual([]);
      expect(repeats.length).toBeLessThanOrEqual(killAt % 2 === 0 ? 2 : 1);
      expect(await survivor(url, 2 * CLAIM_MS)).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});

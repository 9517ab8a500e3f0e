/**
 * "Tin nhắn hôm nay" on the staff overview, with several replicas: each replica's own counter
 * sees only what it answered, so the count comes from handled_updates, which every replica writes.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPool, type Pool } from "../../src/storage/postgres/database.js";
import { migrate } from "../../src/storage/postgres/migrate.js";
import { answeredToday } from "../../src/wiring/staff.js";
import { startPostgres, type TestPostgres } from "../harness/postgres.js";

let server: TestPostgres | undefined;
let pool: Pool;

beforeAll(async () => {
  server = await startPostgres();
  pool = createPool(await server.database(), { max: 2 });
  await migrate(pool);
}, 180_000);
afterAll(async () => {
  await pool?.end();
  await server?.stop();
}, 120_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function answeredAt(key: string, ms: number): Promise<void> {
  await pool.query("INSERT INTO handled_updates (update_key, handled_at) VALUES ($1, to_timestamp($2 / 1000.0))", [
    key,
    ms,
  ]);
}

it("counts updates answered by any replica since local midnight, in the office's time zone", async () => {
  const now = Date.now();
  // Viet Nam is UTC+7 all year: its midnight is 17:00 UTC of the day before.
  const midnightHanoi = Math.floor((now + 7 * HOUR) / DAY) * DAY - 7 * HOUR;
  await answeredAt("telegram:1", midnightHanoi - 60_000); // yesterday evening
  await answeredAt("telegram:2", midnightHanoi + 1_000);
  await answeredAt("zalo:a", now - 1_000);
  await answeredAt("zalo:b", now - 2_000);
  expect(await answeredToday(pool, "Asia/Ho_Chi_Minh")).toBe(3);
  // The same rows, another zone's day: London's midnight is 7 hours after Hanoi's (or 8 in summer time).
  const midnightLondon = Math.floor(now / DAY) * DAY; // UTC midnight; December: GMT = UTC
  const expected = [midnightHanoi - 60_000, midnightHanoi + 1_000, now - 1_000, now - 2_000].filter(
    (t) => t >= midnightLondon,
  ).length;
  expect(await answeredToday(pool, "Europe/London")).toBe(expected);
});

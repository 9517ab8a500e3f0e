/**
 * The staff audit row a câu mẫu change's late record writes (src/staff/examples-sync.ts): a change begun by a process
 * that died before naming it (an "unsure" change, kept in .examples-unrecorded/) is settled later by another replica
 * on the same catalogue folder, or by its own at restart. Its audit row is written only by the attempt that records
 * it, in that transaction, naming the staff user who made it: none when a later change of the text was recorded
 * meanwhile, none naming its user for another's label. Real PostgreSQL; "died" is a change begun and never finished.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sameTextKey } from "../../src/catalogue/examples.js";
import { DatabaseAuditLog } from "../../src/staff/audit.js";
import { UNRECORDED_DIR } from "../../src/staff/examples-unrecorded.js";
import { createPool, type Pool } from "../../src/storage/postgres/database.js";
import { BIRTH, eventually, examplesReplicasOnOwnCluster, MARRIAGE } from "../replicas/examples-replicas.js";

const { cleanups, newDatabase, catalogueCopy, syncOn } = examplesReplicasOnOwnCluster();

// Questions the bundled catalogue has no staff label of.
const NEW_BABY = "nhà em vừa có em bé thì đi đâu làm giấy";
const BORN = "cho em hỏi giấy tờ khi bé nhà em mới chào đời";
const LAN = { user: "lan.nt" };
const MINH = { user: "minh.pv" };
const DAY = "2026-12-02";

async function database(): Promise<{ pool: Pool }> {
  const pool = createPool(await newDatabase(), { max: 4 });
  cleanups.push(() => pool.end());
  return { pool };
}

const audited = async (pool: Pool) =>
  (
    await pool.query<{ username: string; action: string; detail: string }>(
      "SELECT username, action, detail FROM staff_audit WHERE action LIKE 'example-%' ORDER BY id",
    )
  ).rows;

/** Which replica made the change of the text recorded now (the record names its maker's, whoever records it). */
const origins = async (pool: Pool, text: string) =>
  (
    await pool.query<{ origin: string }>("SELECT origin FROM example_changes WHERE text_key = $1", [sameTextKey(text)])
  ).rows.map((r) => r.origin);

const unrecorded = async (dir: string) =>
  (await readdir(path.join(dir, UNRECORDED_DIR)).catch(() => [] as string[])).filter((n) => !n.startsWith("."));

/** A change begun by `dying` and never finished (its process died after the examples.json write, before `done`). */
async function beginAndDie(dying: Awaited<ReturnType<typeof syncOn>>, dir: string, write: () => Promise<unknown>) {
  const files = (await unrecorded(dir)).length;
  await write();
  expect(await eventually(async () => (await unrecorded(dir)).length === files + 1)).toBe(true);
  await dying.sync.close();
}

describe("an unsure câu mẫu change settled later writes its audit row only when it records the change", () => {
  it("a change outdated by a later one recorded meanwhile writes none (before: a deletion named its beginner)", async () => {
    const { pool } = await database();
    const shared = await catalogueCopy();
    const other = await syncOn(pool, shared, "other");
    expect(await other.save(NEW_BABY, MARRIAGE, MINH)).toBe("recorded");
    // lan.nt relabels the text and his replica dies before recording it…
    const gone = await syncOn(pool, shared, "gone");
    await beginAndDie(gone, shared, async () => {
      gone.sync.changing(NEW_BABY, LAN);
      await gone.file.add({ text: NEW_BABY, code: BIRTH }, LAN.user, DAY, gone.known);
    });
    // …and another one he began there stands as he left it: its late record names him.
    const goneToo = await syncOn(pool, shared, "gone too");
    await beginAndDie(goneToo, shared, async () => {
      goneToo.sync.changing(BORN, LAN);
      await goneToo.file.add({ text: BORN, code: BIRTH }, LAN.user, DAY, goneToo.known);
    });
    // minh.pv deletes the first text on the other replica sharing the folder: recorded, after lan.nt's change.
    expect(await other.remove(NEW_BABY, MINH)).toBe("recorded");
    const restarted = await syncOn(pool, shared, "restarted", { graceMs: 0 });
    await restarted.sync.catchUp();
    expect(restarted.sync.health().waiting).toBe(0);
    expect(await unrecorded(shared)).toEqual([]);
    // The deletion stands; lan.nt's change of that text is not recorded, and no row says he deleted it.
    expect(await origins(pool, NEW_BABY)).toEqual(["other"]);
    expect(await origins(pool, BORN)).toEqual(["gone too"]);
    expect(await audited(pool)).toEqual([
      { username: LAN.user, action: "example-added", detail: `«${BORN}» → ${BIRTH}` },
    ]);
  });

  it("a change whose text now holds another's label records it without naming its own user for it", async () => {
    const { pool } = await database();
    const shared = await catalogueCopy();
    // lan.nt's change was begun long ago (past the grace period) and his replica died.
    const gone = await syncOn(pool, shared, "gone", { now: () => Date.now() - 10 * 60_000 });
    await beginAndDie(gone, shared, async () => {
      gone.sync.changing(NEW_BABY, LAN);
      await gone.file.add({ text: NEW_BABY, code: MARRIAGE }, LAN.user, DAY, gone.known);
    });
    // minh.pv labels the text on a replica sharing the folder: written, its record not yet made.
    const other = await syncOn(pool, shared, "other");
    const done = other.sync.changing(NEW_BABY, MINH);
    const example = await other.file.add({ text: NEW_BABY, code: BIRTH }, MINH.user, DAY, other.known);
    // A third replica settles lan.nt's change meanwhile: the text holds minh.pv's label.
    const third = await syncOn(pool, shared, "third");
    await third.sync.catchUp();
    expect(await origins(pool, NEW_BABY)).toEqual(["gone"]);
    // Before: a row said lan.nt added minh.pv's label.
    expect(await audited(pool)).toEqual([]);
    expect(await done({ kind: "add", example })).toBe("recorded");
    expect(await origins(pool, NEW_BABY)).toEqual(["other"]);
  });

  it("a name longer than the audit keeps (40 characters) is found written already: one row, not two", async () => {
    const { pool } = await database();
    const shared = await catalogueCopy();
    const long = { user: `can.bo.${"x".repeat(38)}` };
    const gone = await syncOn(pool, shared, "gone");
    await beginAndDie(gone, shared, async () => {
      gone.sync.changing(NEW_BABY, long);
      await gone.file.add({ text: NEW_BABY, code: BIRTH }, long.user, DAY, gone.known);
      // The console's own row (src/staff/console.ts), written before the record; then the process dies.
      await new DatabaseAuditLog(pool, Date.now).record(long.user, "example-added", `«${NEW_BABY}» → ${BIRTH}`);
    });
    const restarted = await syncOn(pool, shared, "restarted", { graceMs: 0 });
    await restarted.sync.catchUp();
    expect(await origins(pool, NEW_BABY)).toEqual(["gone"]);
    expect(await audited(pool)).toEqual([
      { username: long.user.slice(0, 40), action: "example-added", detail: `«${NEW_BABY}» → ${BIRTH}` },
    ]);
  });
});

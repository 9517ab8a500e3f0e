/**
 * Câu mẫu saved on a replica whose database goes away at that moment (src/staff/examples-sync.ts,
 * src/staff/examples-unrecorded.ts): the label is saved in its own examples.json, kept in a file beside it, and
 * recorded for the other replicas once the database answers again — after a restart of the saving replica too —
 * unless a change of the text made later was recorded elsewhere meanwhile; staff read that it waits, and /healthz
 * shows the sync's state. Real PostgreSQL; the database "goes away" through a TCP proxy in front of it, cut at the
 * very statement that records the change (the session and audit rows before it go through, as they would a moment
 * before the database stopped).
 */
import { mkdir, readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { sameTextKey } from "../../src/catalogue/examples.js";
import type { Service } from "../../src/service.js";
import { type ExamplesSyncHealth, waitingNotice } from "../../src/staff/examples-sync.js";
import { REFUSED_DIR, UNRECORDED_DIR } from "../../src/staff/examples-unrecorded.js";
import { createPool } from "../../src/storage/postgres/database.js";
import { Client } from "../harness/staff.js";
import {
  ADMIN,
  answer,
  BIRTH,
  base,
  deleteLabel,
  eventually,
  examplesReplicasOnOwnCluster,
  label,
  MARRIAGE,
  staffLabels,
} from "./examples-replicas.js";

const { cleanups, newDatabase, catalogueCopy, dataDir, replica, databaseProxy, syncOn, pools } =
  examplesReplicasOnOwnCluster();

// Questions the bundled catalogue answers with no procedure by itself: a label decides them.
const NEW_BABY = "nhà em vừa có em bé thì đi đâu làm giấy";
const BORN = "cho em hỏi giấy tờ khi bé nhà em mới chào đời";
const ARRIVED = "em bé nhà mình mới ra đời thì đi đâu làm giấy";
/** The statement that records a change (and only that one). */
const RECORD = "LOCK TABLE example_changes";
/** What the console says when the change is kept for later. */
const WAITS = "sẽ tự gửi đến các bản sao khác khi cơ sở dữ liệu hoạt động lại";

/** /healthz's câu mẫu part, and the whole body as text (to look for what it must not hold). */
async function health(service: Service): Promise<{ examples: ExamplesSyncHealth; body: string }> {
  const body = await (await fetch(`${base(service)}/healthz`)).text();
  return { examples: (JSON.parse(body) as { examples: ExamplesSyncHealth }).examples, body };
}

const unrecordedFiles = async (dir: string) =>
  (await readdir(path.join(dir, UNRECORDED_DIR)).catch(() => [] as string[])).filter((n) => !n.startsWith("."));

describe("a câu mẫu saved while the database is away reaches the other replicas once it is back", () => {
  it("kept across a restart of the saving replica, recorded at its start, applied by the other; /healthz tells", async () => {
    const url = await newDatabase();
    const proxy = await databaseProxy(url);
    const [dirOne, dirTwo] = [await catalogueCopy(), await catalogueCopy()];
    const dataOne = await dataDir();
    const one = await replica(proxy.url, dirOne, { data: dataOne });
    const two = await replica(url, dirTwo, { staff: false });
    const client = new Client(base(one));
    expect((await client.login(ADMIN)).status).toBe(303);

    // At rest: nothing applied, nothing waiting, listening, no error.
    const atStart = (await health(one)).examples;
    expect(atStart).toMatchObject({ applied: 0, waiting: 0, listening: true, lastError: null });
    expect(atStart.caughtUpAt).not.toBeNull();

    // The database stops the moment the change is to be recorded.
    proxy.cutAt(RECORD);
    const saved = await label(client, NEW_BABY, MARRIAGE);
    expect(saved.status).toBe(200);
    const page = await saved.text();
    expect(page).toContain("Đã lưu câu mẫu");
    expect(page).toContain(WAITS);
    expect(answer(one, NEW_BABY)).toBe(MARRIAGE);
    expect(await unrecordedFiles(dirOne)).toHaveLength(1);
    const down = await health(one);
    expect(down.examples).toMatchObject({
      applied: 0,
      waiting: 1,
      listening: false,
      lastError: { kind: "database-unreachable" },
    });
    // Counts, times and kinds: nothing staff typed.
    expect(down.body).not.toContain(NEW_BABY.normalize("NFC"));
    expect(down.body).not.toContain(MARRIAGE);

    // The saving replica restarts (its memory gone) while the database is still away; the other never heard.
    await one.close();
    await sleep(300);
    expect(answer(two, NEW_BABY)).toBeUndefined();

    // The database is back; the replica starts again on its data and catalogue folders.
    proxy.mend();
    const again = await replica(proxy.url, dirOne, { data: dataOne });
    expect(await eventually(() => answer(two, NEW_BABY) === MARRIAGE)).toBe(true);
    const made = await staffLabels(dirOne, NEW_BABY);
    expect(made).toHaveLength(1);
    expect(await staffLabels(dirTwo, NEW_BABY)).toEqual(made);
    expect(await unrecordedFiles(dirOne)).toEqual([]);
    const pool = createPool(url, { max: 1 });
    cleanups.push(() => pool.end());
    const { rows } = await pool.query<{ seq: number }>("SELECT seq FROM example_changes WHERE text_key = $1", [
      sameTextKey(NEW_BABY),
    ]);
    expect(rows).toHaveLength(1);
    const back = (await health(again)).examples;
    expect(back).toMatchObject({ applied: rows[0]?.seq, waiting: 0, listening: true });
    expect(Date.parse(back.caughtUpAt ?? "")).toBeGreaterThan(Date.parse(down.examples.lastError?.at ?? ""));
  });

  it("recorded late without a restart, in order, but never over a change of the text made later elsewhere", async () => {
    const url = await newDatabase();
    const proxy = await databaseProxy(url);
    const [dirOne, dirTwo] = [await catalogueCopy(), await catalogueCopy()];
    const one = await replica(proxy.url, dirOne);
    const two = await replica(url, dirTwo);
    const onOne = new Client(base(one));
    expect((await onOne.login(ADMIN)).status).toBe(303);
    const onTwo = new Client(base(two));
    expect((await onTwo.login(ADMIN)).status).toBe(303);
    // The first replica's records fail (the connection that sends one is lost), its reads and logins go through.
    proxy.refuse(RECORD);
    for (const [text, code] of [
      [NEW_BABY, MARRIAGE],
      [BORN, MARRIAGE],
      [ARRIVED, BIRTH],
    ] as const) {
      const saved = await label(onOne, text, code);
      expect(saved.status, text).toBe(200);
      expect(await saved.text(), text).toContain(WAITS);
    }
    // Deleted again while still waiting: its last change only (the deletion) is to be recorded.
    const deleted = await deleteLabel(onOne, ARRIVED);
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toContain(WAITS);
    expect((await health(one)).examples).toMatchObject({ waiting: 4, lastError: { kind: "database-unreachable" } });
    // Later, the second replica labels one of those texts otherwise; that change is recorded at once.
    const later = await label(onTwo, NEW_BABY, BIRTH);
    expect(later.status).toBe(200);
    expect(await later.text()).not.toContain(WAITS);
    expect(answer(two, NEW_BABY)).toBe(BIRTH);
    // The first replica reads it (a catch-up after it), but holds it back: its own change of the text, made earlier
    // and still waiting, is weighed against it when recorded.
    const recordedAt = Date.now();
    expect(
      await eventually(async () => Date.parse((await health(one)).examples.caughtUpAt ?? "") > recordedAt, 30_000),
    ).toBe(true);
    expect(answer(one, NEW_BABY)).toBe(MARRIAGE);
    expect((await staffLabels(dirOne, NEW_BABY)).map((e) => e.code)).toEqual([MARRIAGE]);
    expect(answer(two, BORN)).toBeUndefined();

    proxy.mend();
    // The first replica's changes arrive (the label of BORN); the later label of NEW_BABY stands on both.
    expect(
      await eventually(
        () => answer(two, BORN) === MARRIAGE && answer(one, NEW_BABY) === BIRTH && answer(two, NEW_BABY) === BIRTH,
        60_000,
      ),
    ).toBe(true);
    for (const text of [NEW_BABY, BORN, ARRIVED])
      expect(await staffLabels(dirTwo, text), text).toEqual(await staffLabels(dirOne, text));
    expect(await staffLabels(dirTwo, ARRIVED)).toEqual([]);
    const pool = createPool(url, { max: 1 });
    cleanups.push(() => pool.end());
    const { rows } = await pool.query<{ text_key: string; kind: string; code: string | null; origin: string }>(
      `SELECT text_key, change->>'kind' AS kind, change->'example'->>'code' AS code, origin
       FROM example_changes ORDER BY seq`,
    );
    const names = await Promise.all(
      [one, two].map(
        async (s) => ((await (await fetch(`${base(s)}/healthz`)).json()) as { replica: { name: string } }).replica.name,
      ),
    );
    // The second replica's label of NEW_BABY, recorded first, is still its row; then the first replica's, in order.
    expect(rows).toEqual([
      { text_key: sameTextKey(NEW_BABY), kind: "add", code: BIRTH, origin: names[1] },
      { text_key: sameTextKey(BORN), kind: "add", code: MARRIAGE, origin: names[0] },
      { text_key: sameTextKey(ARRIVED), kind: "remove", code: null, origin: names[0] },
    ]);
    expect(await unrecordedFiles(dirOne)).toEqual([]);
    expect((await health(one)).examples).toMatchObject({ waiting: 0, listening: true, applied: 3 });
  });
  it("the database lost right after the label is written (at the audit row): the change is recorded all the same", async () => {
    const url = await newDatabase();
    const proxy = await databaseProxy(url);
    const [dirOne, dirTwo] = [await catalogueCopy(), await catalogueCopy()];
    const one = await replica(proxy.url, dirOne);
    const two = await replica(url, dirTwo, { staff: false });
    const client = new Client(base(one));
    expect((await client.login(ADMIN)).status).toBe(303);
    // The database stops at the audit row, the step after the file is written.
    proxy.cutAt("INSERT INTO staff_audit");
    const saved = await label(client, BORN, BIRTH);
    expect(saved.status).toBe(500);
    // Written here before the request failed.
    expect((await staffLabels(dirOne, BORN)).map((e) => e.code)).toEqual([BIRTH]);
    proxy.mend();
    expect(await eventually(() => answer(two, BORN) === BIRTH, 30_000)).toBe(true);
    expect(await staffLabels(dirTwo, BORN)).toEqual(await staffLabels(dirOne, BORN));
    // The audit row the request could not write is written with the record, once.
    const pool = createPool(url, { max: 1 });
    cleanups.push(() => pool.end());
    const audited = async () =>
      (
        await pool.query<{ username: string; action: string; detail: string }>(
          "SELECT username, action, detail FROM staff_audit WHERE action LIKE 'example-%'",
        )
      ).rows;
    expect(await eventually(async () => (await audited()).length > 0)).toBe(true);
    expect(await audited()).toEqual([{ username: ADMIN, action: "example-added", detail: `«${BORN}» → ${BIRTH}` }]);
  });
});

describe("the console's side: who acts, and why a change waits", () => {
  it("a deletion whose request fails at its audit row is recorded with that row, naming who deleted it", async () => {
    const url = await newDatabase();
    const proxy = await databaseProxy(url);
    const [dirOne, dirTwo] = [await catalogueCopy(), await catalogueCopy()];
    const one = await replica(proxy.url, dirOne);
    const two = await replica(url, dirTwo, { staff: false });
    const client = new Client(base(one));
    expect((await client.login(ADMIN)).status).toBe(303);
    expect((await label(client, BORN, BIRTH)).status).toBe(200);
    expect(await eventually(() => answer(two, BORN) === BIRTH, 30_000)).toBe(true);
    // The database stops at the deletion's audit row, the step after the file is written.
    proxy.cutAt("INSERT INTO staff_audit");
    expect((await deleteLabel(client, BORN)).status).toBe(500);
    expect(await staffLabels(dirOne, BORN)).toEqual([]);
    proxy.mend();
    expect(await eventually(() => answer(two, BORN) === undefined, 30_000)).toBe(true);
    const pool = createPool(url, { max: 1 });
    cleanups.push(() => pool.end());
    const deleted = async () =>
      (
        await pool.query<{ username: string; detail: string }>(
          "SELECT username, detail FROM staff_audit WHERE action = 'example-deleted'",
        )
      ).rows;
    // Only the console knows who deleted (a deletion leaves no label to name them).
    expect(await eventually(async () => (await deleted()).length > 0)).toBe(true);
    expect(await deleted()).toEqual([{ username: ADMIN, detail: `«${BORN}» → ${BIRTH}` }]);
  });

  it("the page says the database answered with an error (a schema not upgraded), not that it cannot be reached", async () => {
    const url = await newDatabase();
    const dir = await catalogueCopy();
    const one = await replica(url, dir);
    const client = new Client(base(one));
    expect((await client.login(ADMIN)).status).toBe(303);
    const pool = createPool(url, { max: 1 });
    cleanups.push(() => pool.end());
    await pool.query("ALTER TABLE example_changes RENAME TO example_changes_away");
    const saved = await label(client, NEW_BABY, MARRIAGE);
    expect(saved.status).toBe(200);
    const page = await saved.text();
    expect(page).toContain("Đã lưu câu mẫu");
    expect(page).toContain("báo lỗi khi ghi thay đổi này");
    expect(page).not.toContain("không kết nối được");
    await pool.query("ALTER TABLE example_changes_away RENAME TO example_changes");
  });
});

describe("what waits is recorded whoever can: a shared catalogue folder, a folder where the file cannot be kept", () => {
  it("left by a replica that never comes back, recorded by another on the same catalogue folder", async () => {
    const url = await newDatabase();
    const { proxy, viaProxy, direct } = await pools(url);
    const [shared, own] = [await catalogueCopy(), await catalogueCopy()];
    const gone = await syncOn(viaProxy, shared, "gone");
    const other = await syncOn(direct, own, "other");
    proxy.refuse(RECORD);
    expect(await gone.save(NEW_BABY, MARRIAGE)).toBe("waiting");
    expect(gone.sync.health().waiting).toBe(1);
    await gone.sync.close();
    expect(await unrecordedFiles(shared)).toHaveLength(1);
    // Another replica on the same folder (its file holds the label already) records it at its first catch-up.
    const stays = await syncOn(direct, shared, "stays");
    expect(stays.sync.health().waiting).toBe(1);
    await stays.sync.catchUp();
    expect(stays.sync.health().waiting).toBe(0);
    expect(await unrecordedFiles(shared)).toEqual([]);
    expect(await eventually(async () => (await staffLabels(own, NEW_BABY)).length === 1)).toBe(true);
    expect(await staffLabels(own, NEW_BABY)).toEqual(await staffLabels(shared, NEW_BABY));
    expect(other.sync.health().applied).toBe(1);
  });

  it("a replica killed while its record waits on a dead connection leaves the change in the folder, recorded from there", async () => {
    const url = await newDatabase();
    const { proxy, viaProxy, direct } = await pools(url);
    const [shared, own] = [await catalogueCopy(), await catalogueCopy()];
    const killed = await syncOn(viaProxy, shared, "killed");
    const other = await syncOn(direct, own, "other");
    // The database host goes silent: the record waits (until the pool's query timeout, longer than this test).
    proxy.freeze();
    void killed.save(NEW_BABY, MARRIAGE).catch(() => undefined);
    // Another change begun and never named: its process ended between the write and `done`.
    killed.sync.changing(BORN);
    await killed.file.add({ text: BORN, code: BIRTH }, ADMIN, "2026-12-02", killed.known);
    // Both are on disk while their process still waits (before the fix: only once a record had failed).
    expect(await eventually(async () => (await unrecordedFiles(shared)).length === 2)).toBe(true);
    // A live replica sharing the folder leaves changes being recorded to their process (within the grace period)…
    const sharing = await syncOn(direct, shared, "sharing");
    await sharing.sync.catchUp();
    expect(sharing.sync.health().waiting).toBe(2);
    const pool = createPool(url, { max: 1 });
    cleanups.push(() => pool.end());
    const rows = async () =>
      (await pool.query<{ text_key: string }>("SELECT text_key FROM example_changes ORDER BY seq")).rows.map(
        (r) => r.text_key,
      );
    expect(await rows()).toEqual([]);
    await sharing.sync.close();
    // …and once that has passed (the process is gone: never closed, its record never ends), they are recorded.
    const restarted = await syncOn(direct, shared, "restarted", { graceMs: 0 });
    await restarted.sync.catchUp();
    expect(restarted.sync.health().waiting).toBe(0);
    expect(await unrecordedFiles(shared)).toEqual([]);
    expect(await rows()).toEqual([sameTextKey(NEW_BABY), sameTextKey(BORN)]);
    expect(await eventually(async () => (await staffLabels(own, BORN)).length === 1)).toBe(true);
    for (const text of [NEW_BABY, BORN]) expect(await staffLabels(own, text)).toEqual(await staffLabels(shared, text));
    expect(other.sync.health().applied).toBe(2);
  });

  it("a change the database refuses for good is set aside, told by /healthz and the log, and the later ones go on", async () => {
    const url = await newDatabase();
    const { proxy, viaProxy, direct } = await pools(url);
    const [dir, own] = [await catalogueCopy(), await catalogueCopy()];
    const here = await syncOn(viaProxy, dir, "here");
    const other = await syncOn(direct, own, "other");
    proxy.refuse(RECORD);
    expect(await here.save(NEW_BABY, MARRIAGE)).toBe("waiting");
    expect(await here.save(BORN, BIRTH)).toBe("waiting");
    // The first one's row is one the database will never take (as a constraint added since, or a value too long).
    const pool = createPool(url, { max: 1 });
    cleanups.push(() => pool.end());
    await pool.query(
      `ALTER TABLE example_changes ADD CONSTRAINT not_this_one CHECK (text_key <> '${sameTextKey(NEW_BABY)}')`,
    );
    proxy.mend();
    expect(await eventually(() => here.sync.health().waiting === 0)).toBe(true);
    expect(here.sync.health()).toMatchObject({ refused: 1, lastError: { kind: "database" } });
    expect(await eventually(async () => (await staffLabels(own, BORN)).length === 1)).toBe(true);
    expect(await staffLabels(own, NEW_BABY)).toEqual([]);
    const { rows } = await pool.query<{ text_key: string; seq: number }>("SELECT text_key, seq FROM example_changes");
    expect(rows.map((r) => r.text_key)).toEqual([sameTextKey(BORN)]);
    expect(other.sync.health().applied).toBe(rows[0]?.seq);
    // Kept where whoever looks finds it, out of the way of the changes waiting.
    expect(await unrecordedFiles(dir)).toEqual([REFUSED_DIR]);
    expect(await readdir(path.join(dir, UNRECORDED_DIR, REFUSED_DIR))).toHaveLength(1);
    const logged = here.logs.lines.join("");
    expect(logged).toContain("refused by the database for good");
    expect(logged).toContain('"code":"23514"');
    for (const text of [NEW_BABY, BORN]) expect(logged).not.toContain(text.normalize("NFC"));
    // A replica starting on the folder counts it too.
    const again = await syncOn(direct, dir, "again");
    expect(again.sync.health()).toMatchObject({ waiting: 0, refused: 1 });
  });

  it("why a change waits is told by its kind: an error the database answered is no lost connection", async () => {
    const url = await newDatabase();
    const { proxy, viaProxy, direct } = await pools(url);
    const dir = await catalogueCopy();
    const here = await syncOn(viaProxy, dir, "here");
    proxy.refuse(RECORD);
    expect(await here.save(NEW_BABY, MARRIAGE)).toBe("waiting");
    expect(here.sync.waitingReason(NEW_BABY)).toBe("database-unreachable");
    proxy.mend();
    // A schema without migration 007 (the table gone): the database answers, with an error.
    await direct.query("ALTER TABLE example_changes RENAME TO example_changes_away");
    expect(await here.save(BORN, BIRTH)).toBe("waiting");
    expect(here.sync.waitingReason(BORN)).toBe("database");
    expect(here.sync.waitingReason(ARRIVED)).toBeUndefined();
    expect(waitingNotice("database-unreachable")).toContain(WAITS);
    expect(waitingNotice("database")).not.toContain("không kết nối được");
    expect(waitingNotice("database")).toContain("báo lỗi");
    // Recorded once the schema is back: nothing waits, no reason.
    await direct.query("ALTER TABLE example_changes_away RENAME TO example_changes");
    await here.sync.catchUp();
    expect(here.sync.health().waiting).toBe(0);
    expect(here.sync.waitingReason(BORN)).toBeUndefined();
  });

  it("temporary files a crash left in the folder are swept at start, not those being written now", async () => {
    const url = await newDatabase();
    const dir = await catalogueCopy();
    const folder = path.join(dir, UNRECORDED_DIR);
    await mkdir(folder, { recursive: true });
    const [stale, fresh] = [
      ".001764650000000-000001-0a1b2c3d.json.4242.tmp",
      ".001764650000000-000002-0a1b2c3d.json.4243.tmp",
    ];
    for (const name of [stale, fresh]) await writeFile(path.join(folder, name), '{"version":1');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(path.join(folder, stale), hourAgo, hourAgo);
    // Not one of ours: left alone whatever its age.
    await writeFile(path.join(folder, ".notes.tmp"), "");
    await utimes(path.join(folder, ".notes.tmp"), hourAgo, hourAgo);
    const direct = createPool(url, { max: 2 });
    cleanups.push(() => direct.end());
    const opened = await syncOn(direct, dir, "here");
    expect((await readdir(folder)).sort()).toEqual([".notes.tmp", fresh].sort());
    expect(opened.logs.lines.join("")).toContain('"swept":1');
    expect(opened.sync.health()).toMatchObject({ waiting: 0, lastError: null });
  });

  it("kept in memory when its file cannot be written: recorded once the database is back, the kind told", async () => {
    const url = await newDatabase();
    const { proxy, viaProxy, direct } = await pools(url);
    const [dir, own] = [await catalogueCopy(), await catalogueCopy()];
    // A file where the folder should be: nothing can be kept on disk.
    await writeFile(path.join(dir, UNRECORDED_DIR), "");
    const here = await syncOn(viaProxy, dir, "here");
    const other = await syncOn(direct, own, "other");
    // Recorded at once when the database answers, file or no file.
    expect(await here.save(BORN, BIRTH)).toBe("recorded");
    proxy.refuse(RECORD);
    expect(await here.save(NEW_BABY, MARRIAGE)).toBe("waiting");
    expect(here.sync.health()).toMatchObject({ waiting: 1, lastError: { kind: "unrecorded-file" } });
    expect(here.logs.lines.join("")).toContain("not kept on disk either");
    proxy.mend();
    expect(await eventually(() => here.sync.health().waiting === 0)).toBe(true);
    expect(await eventually(async () => (await staffLabels(own, NEW_BABY)).length === 1)).toBe(true);
    expect(await staffLabels(own, NEW_BABY)).toEqual(await staffLabels(dir, NEW_BABY));
    expect(other.sync.health().applied).toBe(2);
  });
});

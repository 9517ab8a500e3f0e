/**
 * Câu mẫu on several replicas (review item 4): two services (createService, as the replicas tests build them) on
 * one throwaway PostgreSQL, their catalogue watchers off, so nothing but the replicas' own word carries a change.
 * A label saved through one replica's console over HTTP is served by the other at once, and a deletion too:
 * - each with a copy of the catalogue of its own: the other writes the same label into its copy;
 * - both on one shared catalogue folder (NFS, say, where a watcher may never hear of another machine's write):
 *   the other reloads the file written already, and does not write it again.
 */
import { copyFile, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { EXAMPLES_FILE, type Example, type ExamplesFile, sameTextKey } from "../../src/catalogue/examples.js";
import type { Service } from "../../src/service.js";
import { ExamplesFileEditor } from "../../src/staff/examples-file.js";
import { ExamplesSync } from "../../src/staff/examples-sync.js";
import { createPool } from "../../src/storage/postgres/database.js";
import { captureLogs } from "../harness/common.js";
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
  sameBrowserOn,
  staffLabels,
} from "../replicas/examples-replicas.js";

const { cleanups, newDatabase, catalogueCopy, replica, consoleReplica, databaseProxy } = examplesReplicasOnOwnCluster();

/** Two services on one new database; `shared`: one catalogue folder for both, else a copy each. */
async function twoReplicas(
  shared: boolean,
): Promise<{ url: string; services: [Service, Service]; dirs: [string, string] }> {
  const url = await newDatabase();
  const first = await catalogueCopy();
  const second = shared ? first : await catalogueCopy();
  const services: [Service, Service] = [await replica(url, first), await replica(url, second)];
  return { url, services, dirs: [first, second] };
}

describe("câu mẫu saved or deleted on one replica are served by every replica", () => {
  it("each with a catalogue copy of its own: the other writes the label into its copy and answers with it", async () => {
    const { url, services, dirs } = await twoReplicas(false);
    const [one, two] = services;
    const pool = createPool(url, { max: 1 });
    cleanups.push(() => pool.end());
    const text = "nhà em vừa có em bé thì đi đâu làm giấy";
    expect(answer(one, text)).toBeUndefined();
    expect(answer(two, text)).toBeUndefined();

    const onOne = new Client(base(one));
    expect((await onOne.login(ADMIN)).status).toBe(303);
    expect((await label(onOne, text, MARRIAGE)).status).toBe(200);
    expect(answer(one, text)).toBe(MARRIAGE);
    expect(await eventually(() => answer(two, text) === MARRIAGE)).toBe(true);
    // The same label in both copies, as made on the first (who and when included).
    const made = await staffLabels(dirs[0], text);
    expect(made).toHaveLength(1);
    expect(await staffLabels(dirs[1], text)).toEqual(made);
    const onTwo = sameBrowserOn(onOne, base(two));
    const page = await (await onTwo.request("/staff/examples")).text();
    expect(page).toContain(text);

    // Labelled again on the second replica: the first follows.
    expect((await label(onTwo, text, BIRTH)).status).toBe(200);
    expect(await eventually(() => answer(one, text) === BIRTH)).toBe(true);
    expect((await staffLabels(dirs[0], text)).map((e) => e.code)).toEqual([BIRTH]);

    // Deleted on the first: neither answers it from the label any more, neither copy holds it.
    expect((await deleteLabel(onOne, text)).status).toBe(200);
    expect(answer(one, text)).toBeUndefined();
    expect(await eventually(() => answer(two, text) === undefined)).toBe(true);
    expect(await staffLabels(dirs[1], text)).toEqual([]);
    expect(await staffLabels(dirs[0], text)).toEqual([]);

    // One text labelled on both at the same moment, differently: once both saves have returned, both copies end with
    // the label of the change recorded last (the highest seq in example_changes), and never move away from it after
    // (a copy alike the other's for a moment, on the older label, is no end).
    const both = "bé nhà em mới sinh thì làm giấy tờ gì";
    for (let round = 0; round < 4; round++) {
      const [a, b] = await Promise.all([label(onOne, both, round % 2 ? BIRTH : MARRIAGE), label(onTwo, both, "none")]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const { rows } = await pool.query<{ change: { kind: string; example: Example } }>(
        "SELECT change FROM example_changes WHERE text_key = $1",
        [sameTextKey(both)],
      );
      expect(rows[0]?.change.kind, `round ${round}`).toBe("add");
      const last = rows[0]?.change.example;
      const isLast = async (dir: string) => {
        const labels = await staffLabels(dir, both);
        return labels.length === 1 && isDeepStrictEqual({ ...labels[0] }, last);
      };
      // Watched from the saves' return: a copy that holds the last change never leaves it; both reach it (10 s), then
      // hold it for 1 s more.
      const reached = [false, false];
      let settledAt: number | undefined;
      for (
        const end = Date.now() + 10_000;
        settledAt === undefined || Date.now() < settledAt + 1_000;
        await sleep(20)
      ) {
        for (const [i, dir] of dirs.entries()) {
          const now = await isLast(dir);
          expect(now || !reached[i], `round ${round}: copy ${i} moved away from the last change`).toBe(true);
          reached[i] = now;
        }
        if (settledAt === undefined && reached.every(Boolean)) settledAt = Date.now();
        expect(
          settledAt !== undefined || Date.now() < end,
          `round ${round}: both copies end with the last change`,
        ).toBe(true);
      }
      const served = (service: Service) =>
        service.catalogue.current().catalogue.examples.filter((e) => sameTextKey(e.text) === sameTextKey(both));
      expect(await eventually(() => JSON.stringify(served(one)) === JSON.stringify(served(two)))).toBe(true);
    }
  });

  it("on one shared catalogue folder: the other reloads the file written already, without writing it again", async () => {
    const { services, dirs } = await twoReplicas(true);
    const [one, two] = services;
    expect(dirs[0]).toBe(dirs[1]);
    const text = "cho em hỏi giấy tờ khi bé nhà em mới chào đời";
    expect(answer(two, text)).toBeUndefined();
    const onOne = new Client(base(one));
    expect((await onOne.login(ADMIN)).status).toBe(303);
    expect((await label(onOne, text, MARRIAGE)).status).toBe(200);
    const written = await stat(path.join(dirs[0], EXAMPLES_FILE));
    expect(await eventually(() => answer(two, text) === MARRIAGE)).toBe(true);
    expect(two.catalogue.current().catalogue.version).toBe(one.catalogue.current().catalogue.version);
    // Not rewritten by the second replica (an atomic rewrite would be a new inode).
    await sleep(200);
    const after = await stat(path.join(dirs[0], EXAMPLES_FILE));
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);

    expect((await deleteLabel(sameBrowserOn(onOne, base(two)), text)).status).toBe(200);
    expect(await eventually(() => answer(one, text) === undefined)).toBe(true);
    expect(await staffLabels(dirs[0], text)).toEqual([]);
  });
});

describe("every replica with DATABASE_URL applies the câu mẫu, console or not, those it missed too", () => {
  // Questions the bundled catalogue answers with no procedure by itself (a list, or nothing): a label decides them.
  const NEW_BABY = "nhà em vừa có em bé thì đi đâu làm giấy";
  const BORN = "cho em hỏi giấy tờ khi bé nhà em mới chào đời";
  const ARRIVED = "em bé nhà mình mới ra đời thì đi đâu làm giấy";
  const ONE_MORE = "nhà mình có thêm em bé thì làm thủ tục gì";

  it("a bot-only replica (STAFF_CONSOLE=off) applies a label saved on another replica's console, and its deletion", async () => {
    const { url, dir, service: one, client } = await consoleReplica();
    const botDir = await catalogueCopy();
    const bot = await replica(url, botDir, { staff: false });
    expect(bot.address).toBeUndefined();
    expect(answer(bot, NEW_BABY)).toBeUndefined();

    expect((await label(client, NEW_BABY, MARRIAGE)).status).toBe(200);
    expect(await eventually(() => answer(bot, NEW_BABY) === MARRIAGE)).toBe(true);
    const made = await staffLabels(dir, NEW_BABY);
    expect(made).toHaveLength(1);
    expect(await staffLabels(botDir, NEW_BABY)).toEqual(made);

    expect((await deleteLabel(client, NEW_BABY)).status).toBe(200);
    expect(answer(one, NEW_BABY)).toBeUndefined();
    expect(await eventually(() => answer(bot, NEW_BABY) === undefined)).toBe(true);
    expect(await staffLabels(botDir, NEW_BABY)).toEqual([]);
  });

  it("a replica started after changes it missed applies them before it starts answering", async () => {
    const { url, dir, client } = await consoleReplica();
    for (const [text, code] of [
      [NEW_BABY, MARRIAGE],
      [BORN, MARRIAGE],
      [ARRIVED, BIRTH],
    ] as const)
      expect((await label(client, text, code)).status).toBe(200);
    // The other replica's copy as it was then (a copy deployed earlier, a backup restored): the three labels.
    const later = await catalogueCopy();
    await copyFile(path.join(dir, EXAMPLES_FILE), path.join(later, EXAMPLES_FILE));
    // Then, while it is down: one relabelled, one deleted, one new.
    expect((await label(client, BORN, BIRTH)).status).toBe(200);
    expect((await deleteLabel(client, ARRIVED)).status).toBe(200);
    expect((await label(client, ONE_MORE, BIRTH)).status).toBe(200);

    const two = await replica(url, later, { staff: false });
    // At once, no waiting: start() resolved with the changes applied.
    expect(answer(two, NEW_BABY)).toBe(MARRIAGE);
    expect(answer(two, BORN)).toBe(BIRTH);
    expect(answer(two, ARRIVED)).toBeUndefined();
    expect(answer(two, ONE_MORE)).toBe(BIRTH);
    for (const text of [NEW_BABY, BORN, ARRIVED, ONE_MORE])
      expect(await staffLabels(later, text), text).toEqual(await staffLabels(dir, text));
  });

  it("a replica whose database connection drops applies what it missed once the connection is back", async () => {
    const { url, dir, client } = await consoleReplica();
    const proxy = await databaseProxy(url);
    const otherDir = await catalogueCopy();
    const two = await replica(proxy.url, otherDir, { staff: false });
    expect((await label(client, NEW_BABY, BIRTH)).status).toBe(200);
    expect(await eventually(() => answer(two, NEW_BABY) === BIRTH)).toBe(true);

    proxy.cut();
    expect((await label(client, BORN, MARRIAGE)).status).toBe(200);
    expect((await deleteLabel(client, NEW_BABY)).status).toBe(200);
    await sleep(1_000);
    // Cut off, it heard nothing.
    expect(answer(two, BORN)).toBeUndefined();
    expect(answer(two, NEW_BABY)).toBe(BIRTH);

    proxy.mend();
    expect(await eventually(() => answer(two, BORN) === MARRIAGE && answer(two, NEW_BABY) === undefined, 30_000)).toBe(
      true,
    );
    for (const text of [NEW_BABY, BORN])
      expect(await staffLabels(otherDir, text), text).toEqual(await staffLabels(dir, text));
  });

  it("another replica's older change read while this one's was being recorded is not laid over it", async () => {
    // The ordering a loaded machine made once in four rounds of the concurrent labels above, made here on purpose:
    // this replica's read of the table runs (its snapshot taken) before its own change of the text is recorded, and
    // its rows come back after; the row it got is the other replica's older change.
    const url = await newDatabase();
    const dir = await catalogueCopy();
    const file = new ExamplesFileEditor(dir, false);
    const content = JSON.parse(await readFile(path.join(dir, EXAMPLES_FILE), "utf8")) as ExamplesFile;
    const known = new Set([BIRTH, MARRIAGE, ...content.examples.map((e) => e.code)]);
    const pool = createPool(url, { max: 4 });
    cleanups.push(() => pool.end());
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    let gate: Promise<void> | undefined;
    let reached: () => void = () => undefined;
    const readRows = new Promise<void>((resolve) => {
      reached = resolve;
    });
    pool.query = (async (...args: unknown[]) => {
      const result = await query(...args);
      if (gate && String(args[0]).startsWith("SELECT seq, text_key, change FROM example_changes")) {
        reached();
        await gate;
      }
      return result;
    }) as unknown as typeof pool.query;
    const sync = await ExamplesSync.open(pool, {
      file,
      reload: async () => true,
      served: () => [],
      knownCodes: () => known,
      logger: captureLogs().logger,
      now: Date.now,
      origin: "this",
      pollMs: 0,
    });
    cleanups.push(() => sync.close());
    const put = file.put.bind(file);
    const laid: Example[] = [];
    file.put = (example, codes) => {
      laid.push(example);
      return put(example, codes);
    };

    // This replica's console begins its change and writes it.
    const done = sync.changing(NEW_BABY);
    const mine = await file.add({ text: NEW_BABY, code: BIRTH }, "quan.tri", "2026-12-02", known);
    // Meanwhile the other replica records its own (older: numbered first), and this one reads the table.
    let open: () => void = () => undefined;
    gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const theirs: Example = {
      text: NEW_BABY,
      code: MARRIAGE,
      source: "nhân viên khac, 2026-12-02",
      added: "2026-12-02",
    };
    const other = createPool(url, { max: 1 });
    cleanups.push(() => other.end());
    await other.query(
      `INSERT INTO example_changes (text_key, seq, change, origin, changed_at)
       VALUES ($1, nextval('example_changes_seq'), $2, 'other', 0)`,
      [sameTextKey(NEW_BABY), JSON.stringify({ kind: "add", example: theirs })],
    );
    const reading = sync.catchUp();
    await readRows;
    // This replica's change is recorded (numbered after theirs) before the read's rows come back.
    await done({ kind: "add", example: mine });
    gate = undefined;
    open();
    await reading;
    await sync.catchUp();
    const { rows } = await other.query<{ origin: string }>("SELECT origin FROM example_changes");
    expect(rows.map((r) => r.origin)).toEqual(["this"]);
    // Theirs was never written here (it was, then put right by the next read, before the fix).
    expect(laid).toEqual([]);
    expect(await staffLabels(dir, NEW_BABY)).toEqual([mine]);
  });

  it("a change it cannot apply is refused with a log line naming no text, and the next ones apply", async () => {
    const { url, client } = await consoleReplica();
    const logs = captureLogs();
    const two = await replica(url, await catalogueCopy(), { staff: false, logs });
    const pool = createPool(url, { max: 1 });
    cleanups.push(() => pool.end());
    const unknown = {
      kind: "add",
      example: { text: ARRIVED, code: "9.999999", source: "nhân viên quan.tri, 2026-12-02", added: "2026-12-02" },
    };
    // A row of a newer version (or written by hand), and a label of a procedure this catalogue lacks.
    await pool.query(
      `INSERT INTO example_changes (text_key, seq, change, origin, changed_at) VALUES
         ($1, nextval('example_changes_seq'), '{"kind":"rename","from":"a","to":"b"}', 'newer', 0),
         ($2, nextval('example_changes_seq'), $3, 'other', 0)`,
      [sameTextKey(ONE_MORE), sameTextKey(ARRIVED), JSON.stringify(unknown)],
    );
    // An announcement not of ours: read as any other (the rows are what counts).
    await pool.query("SELECT pg_notify('motcua_examples', 'not a number')");
    expect((await label(client, NEW_BABY, MARRIAGE)).status).toBe(200);
    expect(await eventually(() => answer(two, NEW_BABY) === MARRIAGE)).toBe(true);
    expect(answer(two, ARRIVED)).toBeUndefined();
    const said = logs.lines.join("");
    expect(said).toContain("not understood");
    expect(said).toContain("lacks");
    for (const text of [ONE_MORE, ARRIVED, NEW_BABY]) expect(said).not.toContain(text);
  });
});

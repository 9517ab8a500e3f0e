import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { FileSubscriptionRepository } from "../../src/dossiers/subscriptions.js";
import { UnansweredQuestionStore } from "../../src/questions/store.js";
import { FileRatingRepository } from "../../src/ratings/store.js";
import { createService } from "../../src/service.js";
import { passwordHashOf, saveAccount } from "../../src/staff/accounts.js";
import { AuditLog } from "../../src/staff/audit.js";
import { FileConversationStore } from "../../src/storage/conversations.js";
import { createPool } from "../../src/storage/postgres/database.js";
import { readMigrations } from "../../src/storage/postgres/migrate.js";
import { runScript } from "../harness/common.js";
import {
  at,
  bundledCatalogue,
  Clock,
  captureLogs,
  dossier,
  openHarness,
  rowsOf,
  tempDir,
  text,
} from "../harness/dossiers.js";
import { startPostgres, type TestPostgres } from "../harness/postgres.js";

/**
 * A ward moves from its files to PostgreSQL: npm run store:migrate-to-postgres copies and counts,
 * refuses to copy twice, and the service started with DATABASE_URL finds the ward's dossiers
 * and conversations there; /healthz reports the database.
 */
let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 180_000);
afterAll(() => server?.stop(), 120_000);

const clock = new Clock(at("2025-11-06 09:00"));
const options = async () => ({
  logger: captureLogs().logger,
  clock,
  fsync: false,
  channels: [],
  schedule: false,
  catalogue: await bundledCatalogue(),
});

async function count(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe("moving a ward from files to PostgreSQL", () => {
  it("copies every store with matching counts, refuses to copy twice, and the service then reads the database", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      // A ward on files: two dossiers imported, a chat's state, a subscription and a rating.
      const ward = await createService(loadConfig({ DATA_DIR: dir }), await options());
      await ward.dossiers?.importRows(
        rowsOf([dossier(), dossier({ code: "000.31.20.H49-251103-0013", status: "9", phone: "0988 000 111" })]),
      );
      // A wrong answer on a lookup: the chat's and the code's counts (lockouts.json).
      expect(await ward.dossiers?.lookup("zalo:7", "000.31.20.H49-251103-0012", "0000")).toMatchObject({
        kind: "mismatch",
        remaining: 4,
      });
      await ward.close();
      await saveAccount(dir, "lan", "scrypt$stored-hash-of-lan", new Date());
      const audit = AuditLog.open(dir, clock.now, false);
      audit.record("lan", "login");
      audit.record("lan", "lookup", "H49-251103-0012");
      audit.close();
      const questions = await UnansweredQuestionStore.open(dir, { fsync: false });
      await questions.record("xin giấy phép nuôi ong");
      await questions.flushed();
      // Set at real time: the command drops states idle for half a year, as the bot does on start.
      await (await FileConversationStore.open(path.join(dir, "conversations"), Date.now, false)).set("telegram:42", {
        lang: "en",
      } as never);
      const links = await FileSubscriptionRepository.open(path.join(dir, "subscriptions"), false);
      await links.add("telegram:42", "000.31.20.H49-251103-0013", clock.now());
      await (await FileRatingRepository.open(path.join(dir, "ratings"), false)).save({
        key: "000.31.20.H49-251103-0013",
        procedureCode: "1.001193",
        level: "satisfied",
        scale: 3,
        criteria: {},
        at: clock.now(),
        month: "2025-11",
      });

      const url = await server.database();
      const env = { DATA_DIR: dir, DATABASE_URL: url };
      const dry = await runScript("src/cli/store-migrate-to-postgres.ts", ["--dry-run"], "", env);
      expect(dry.stderr).toBe("");
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/Dry run/);
      expect(await count(url, "dossiers")).toBe(0);

      const moved = await runScript("src/cli/store-migrate-to-postgres.ts", [], "", env);
      expect(moved.code).toBe(0);
      expect(moved.stdout).toMatch(/dossiers\s+2\s+2/);
      expect(moved.stdout).toMatch(/subscriptions\s+1\s+1/);
      expect(moved.stdout).toMatch(/ratings\s+1\s+1/);
      expect(moved.stdout).toMatch(/conversations\s+1\s+1/);
      expect(moved.stdout).toMatch(/lockouts\s+2\s+2/);
      expect(moved.stdout).toMatch(/questions\s+1\s+1/);
      expect(moved.stdout).toMatch(/staff accounts\s+1\s+1/);
      expect(moved.stdout).toMatch(/staff audit\s+2\s+2/);
      // The lookup brakes are rows now, not a documents row.
      expect(await count(url, "lockout_chats")).toBe(1);
      expect(await count(url, "lockout_codes")).toBe(1);
      expect(await count(url, "staff_accounts")).toBe(1);
      expect(await count(url, "unanswered_questions")).toBe(1);
      expect(await count(url, "documents")).toBe(0);
      // Staff sign in against the database's accounts; staff:add writes there too.
      const pool = createPool(url, { max: 1 });
      try {
        expect(await passwordHashOf(dir, "lan", pool)).toBe("scrypt$stored-hash-of-lan");
        const added = await runScript("src/cli/staff-add.ts", ["minh"], "Hoa-sen-trong-dam-2026\n", env);
        expect(added.stderr).toBe("");
        expect(added.code).toBe(0);
        expect(await passwordHashOf(dir, "minh", pool)).toMatch(/\S{20,}/);
        expect(await passwordHashOf(dir, "minh")).toBeUndefined(); // not in the files
      } finally {
        await pool.end();
      }
      expect(await count(url, "dossiers")).toBe(2);

      // The reports read the database now: the moved files could be gone.
      await rm(path.join(dir, "unanswered-questions.json"));
      const report = await runScript("src/cli/questions-report.ts", [], "", env);
      expect(report.code).toBe(0);
      expect(report.stdout).toMatch(/1\s+\S+\s+xin giấy phép nuôi ong/);

      const again = await runScript("src/cli/store-migrate-to-postgres.ts", [], "", env);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already holds data/);
      expect(again.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(await count(url, "dossiers")).toBe(2);

      const noUrl = await runScript("src/cli/store-migrate-to-postgres.ts", [], "", {
        DATA_DIR: dir,
        DATABASE_URL: "",
      });
      expect(noUrl.code).toBe(1);
      expect(noUrl.stderr).toMatch(/DATABASE_URL is not set/);

      // The service on the database: the ward's dossier is found, its chat's language kept.
      const onDb = await createService(loadConfig({ DATA_DIR: dir, DATABASE_URL: url, PORT: "0" }), {
        ...(await options()),
        listen: true,
      });
      await onDb.start();
      try {
        const found = await onDb.dossiers?.lookup("zalo:7", "000.31.20.H49-251103-0013", "0111");
        expect(found).toMatchObject({ kind: "found", dossier: { status: 9 } });
        expect(await onDb.conversations.get("telegram:42")).toMatchObject({ lang: "en" });
        // The lookup brakes came along: the chat's second wrong answer leaves it 3 tries.
        expect(await onDb.dossiers?.lookup("zalo:7", "000.31.20.H49-251103-0012", "0000")).toMatchObject({
          kind: "mismatch",
          remaining: 3,
        });
        expect(await count(url, "lockout_chats")).toBe(1);
        // A dossier imported now lands in the database.
        await onDb.dossiers?.importRows(rowsOf([dossier({ code: "000.31.20.H49-251106-0001" })]));
        expect(await count(url, "dossiers")).toBe(3);

        const health = await (await fetch(`http://127.0.0.1:${onDb.address?.port}/healthz`)).json();
        expect(health.database).toMatchObject({ reachable: true, migration: (await readMigrations()).length });
        expect(health.database.pingMs).toBeGreaterThanOrEqual(0);
        expect(health.storage.dossiers).toBe(3);
      } finally {
        await onDb.close();
      }
    } finally {
      await cleanup();
    }
  });

  it("refuses to start on a database migrated by a newer version, and says so", async () => {
    const { dir, cleanup } = await tempDir();
    const url = await server.database();
    try {
      const first = await createService(loadConfig({ DATA_DIR: dir, DATABASE_URL: url }), await options());
      await first.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query("INSERT INTO schema_migrations (version, name) VALUES (999, '999_future.sql')");
      await client.end();
      await expect(createService(loadConfig({ DATA_DIR: dir, DATABASE_URL: url }), await options())).rejects.toThrow(
        /newer than this version knows/,
      );
      // The data folder's lock was released: a corrected start may take it.
      const files = await createService(loadConfig({ DATA_DIR: dir }), await options());
      await files.close();
    } finally {
      await cleanup();
    }
  });

  it("runs a citizen's dossier day on the database: verified lookup, subscription, one notice per change across restarts", async () => {
    const { dir, cleanup } = await tempDir();
    const env = { DATABASE_URL: await server.database() };
    const day = new Clock(at("2025-11-04 09:00"));
    const code = "000.31.20.H49-251103-0012";
    let h = await openHarness(dir, day, env);
    try {
      await h.import([dossier()]);
      await h.say("telegram:100", `/hoso ${code}`);
      expect(text(await h.say("telegram:100", "5678"))).toMatch(/1\.001193|khai sinh/i);
      await h.pick("telegram:100", "d:s:0003120H49-251103-0012");
      const change = dossier({ status: "6", status_note: "Lệ phí 8.000 đồng" });
      expect((await h.import([change])).notices).toBe(1);
      await h.dossiers.flushOutbox();
      expect(h.sender.texts("telegram:100")).toEqual([expect.stringContaining("Lệ phí 8.000 đồng")]);

      await h.dossiers.stop();
      h = await openHarness(dir, day, env, h.sender);
      expect((await h.import([change])).notices).toBe(0);
      await h.dossiers.flushOutbox();
      expect(h.sender.sent).toHaveLength(1);
      expect((await h.import([dossier({ status: "9" })])).notices).toBe(1);
      expect(h.dossiers.state()).toMatchObject({ dossiers: 1, subscriptions: 1, notificationsQueued: 1 });
      // All of it in the database, none in DATA_DIR's store files.
      expect(await count(env.DATABASE_URL, "subscriptions")).toBe(1);
      expect(await count(env.DATABASE_URL, "dossiers")).toBe(1);
      expect(existsSync(path.join(dir, "outbox.json"))).toBe(false);
      expect(existsSync(path.join(dir, "outbox.sent.log"))).toBe(false);
      expect(await count(env.DATABASE_URL, "outbox")).toBe(2);
      expect(existsSync(path.join(dir, "dossiers"))).toBe(false);
    } finally {
      await h.dossiers.stop();
      await cleanup();
    }
  });
});

/**
 * Wards with DATABASE_URL, against a real PostgreSQL (a throwaway cluster, or PG_TEST_URL): the
 * same behaviour as the files (test/dossiers/wards.test.ts) — dossiers keep their ward, ratings
 * record it (and the column of migration 004 holds it), a verified lookup finds a dossier of any
 * ward, and staff roles are kept in the account rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DossierModule, openDossiers } from "../../src/dossiers/open.js";
import { UnansweredQuestionStore } from "../../src/questions/store.js";
import { withDossierWard } from "../../src/ratings/open.js";
import { PostgresRatingRepository } from "../../src/ratings/postgres.js";
import { ratingsOfWard } from "../../src/ratings/report.js";
import type { Rating } from "../../src/ratings/schema.js";
import { accountOf, saveAccount } from "../../src/staff/accounts.js";
import { createPool, type Pool } from "../../src/storage/postgres/database.js";
import { migrate } from "../../src/storage/postgres/migrate.js";
import { dossier, tempDir } from "../harness/dossiers.js";
import { startPostgres, type TestPostgres } from "../harness/postgres.js";
import { WARDS } from "./wards-fixture.js";

const NOW = Date.parse("2026-11-20T03:00:00Z");

let server: TestPostgres;
let pool: Pool;
let data: { dir: string; cleanup: () => Promise<void> };
let module: DossierModule;
beforeAll(async () => {
  server = await startPostgres();
  pool = createPool(await server.database(), { max: 4 });
  await migrate(pool);
  data = await tempDir();
  module = await openDossiers({
    dataDir: data.dir,
    phoneHashKey: "a-test-phone-hash-key-0123456789",
    timeZone: "Asia/Ho_Chi_Minh",
    now: () => NOW,
    fsync: false,
    database: pool,
    wards: WARDS,
  });
}, 120_000);
afterAll(async () => {
  await pool?.end();
  await server?.stop();
  await data?.cleanup();
});

describe("wards in PostgreSQL", () => {
  it("dossiers keep the ward of their code's unit or office column; an unknown unit is warned about with its record", async () => {
    const report = await module.importRows(
      [
        { at: { record: 1 }, fields: dossier({ code: "000.31.21.H49-261120-0001", status: "10" }) },
        { at: { record: 2 }, fields: dossier({ code: "000.99.99.X00-261120-0002", office: "Phường Bến Nghé" }) },
        { at: { record: 3 }, fields: dossier({ code: "000.99.99.X00-261120-0003", office: "" }) },
      ],
      async () => 0,
    );
    expect(report.created).toBe(3);
    expect(report.warned.map((w) => w.at)).toEqual([{ record: 3 }]);
    expect(report.warned[0]?.warnings[0]).toContain("không thuộc phường, xã nào đã khai báo");
    expect((await module.dossiers.get("0003121H49-261120-0001"))?.ward).toBe("tan-dinh");
    expect((await module.dossiers.get("0009999X00-261120-0002"))?.ward).toBe("ben-nghe");
    expect((await module.dossiers.get("0009999X00-261120-0003"))?.ward).toBeUndefined();
  });

  it("a verified lookup finds a dossier of any ward by code and phone digits alone", async () => {
    const found = await module.lookup("zalo:7", "000.31.21.H49-261120-0001", "5678");
    expect(found.kind === "found" && found.dossier.ward).toBe("tan-dinh");
    expect((await module.lookup("zalo:7", "000.31.21.H49-261120-0001", "1111")).kind).toBe("mismatch");
  });

  it("ratings record their dossier's ward, in the record and in the ward column", async () => {
    const ratings = withDossierWard(
      new PostgresRatingRepository(pool),
      async (key) => (await module.dossiers.get(key))?.ward,
    );
    const rating = (key: string): Rating => ({
      key,
      procedureCode: "1.001193",
      level: "satisfied",
      scale: 3,
      criteria: {},
      at: NOW,
      month: "2026-11",
    });
    await ratings.save(rating("0003121H49-261120-0001"));
    await ratings.save(rating("0003120H49-261120-0009")); // no such dossier: its code's unit says Bến Nghé
    const { rows } = await pool.query<{ key: string; ward: string | null }>(
      "SELECT key, ward FROM ratings ORDER BY key",
    );
    expect(rows).toEqual([
      { key: "0003120H49-261120-0009", ward: null },
      { key: "0003121H49-261120-0001", ward: "tan-dinh" },
    ]);
    const all = await ratings.all();
    expect(ratingsOfWard(all, WARDS, "tan-dinh").map((r) => r.key)).toEqual(["0003121H49-261120-0001"]);
    expect(ratingsOfWard(all, WARDS, "ben-nghe").map((r) => r.key)).toEqual(["0003120H49-261120-0009"]);
  });

  it("unanswered questions are rows counted under the chat's ward; a ward's list keeps its own", async () => {
    const questions = await UnansweredQuestionStore.open(data.dir, { database: pool, now: () => NOW });
    await questions.record("nuôi chó có cần giấy phép", "ben-nghe");
    await questions.record("nuôi chó có cần giấy phép", "tan-dinh");
    await questions.record("cấp phép đào đường", "tan-dinh");
    await questions.record("làm sổ đỏ");
    const counts = (list: { text: string; count: number }[]) => list.map((q) => [q.text, q.count]);
    expect(counts(await questions.list(7))).toEqual([
      ["nuôi chó có cần giấy phép", 2],
      ["cấp phép đào đường", 1],
      ["làm sổ đỏ", 1],
    ]);
    expect(counts(await questions.list(7, { ward: "ben-nghe", withoutWard: false }))).toEqual([
      ["nuôi chó có cần giấy phép", 1],
    ]);
    const { rows } = await pool.query("SELECT ward, count FROM unanswered_questions ORDER BY ward, text");
    expect(rows).toEqual([
      { ward: "", count: 1 },
      { ward: "ben-nghe", count: 1 },
      { ward: "tan-dinh", count: 1 },
      { ward: "tan-dinh", count: 1 },
    ]);
  });

  it("staff roles live in the account rows; a password reset keeps the role; an account without one is administrator", async () => {
    const at = new Date(NOW);
    expect(await saveAccount(data.dir, "can.bo.td", "hash-1", at, pool, { kind: "ward", ward: "tan-dinh" })).toBe(
      "created",
    );
    expect(await saveAccount(data.dir, "can.bo.td", "hash-2", at, pool)).toBe("updated");
    await saveAccount(data.dir, "cu", "hash-3", at, pool);
    expect(await accountOf(data.dir, "can.bo.td", pool)).toEqual({
      passwordHash: "hash-2",
      role: { kind: "ward", ward: "tan-dinh" },
    });
    expect((await accountOf(data.dir, "cu", pool))?.role).toEqual({ kind: "province" });
    const { rows } = await pool.query("SELECT username, role FROM staff_accounts ORDER BY username");
    expect(rows).toEqual([
      { username: "can.bo.td", role: "ward:tan-dinh" },
      { username: "cu", role: null },
    ]);
  });
});

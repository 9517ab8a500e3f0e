import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LookupGuard } from "../../src/dossiers/lockouts.js";
import {
  copyDossiers,
  PostgresDossierRepository,
  PostgresSubscriptionRepository,
} from "../../src/dossiers/postgres.js";
import { Hasher } from "../../src/dossiers/privacy.js";
import { type DossierRepository, FileDossierRepository } from "../../src/dossiers/repository.js";
import type { Dossier, DossierRecord } from "../../src/dossiers/schema.js";
import { FileSubscriptionRepository, type SubscriptionRepository } from "../../src/dossiers/subscriptions.js";
import { UnansweredQuestionStore } from "../../src/questions/store.js";
import { PostgresRatingRepository } from "../../src/ratings/postgres.js";
import type { Rating } from "../../src/ratings/schema.js";
import { FileRatingRepository, type RatingRepository } from "../../src/ratings/store.js";
import { FileConversationStore } from "../../src/storage/conversations.js";
import { PostgresConversationStore } from "../../src/storage/postgres/conversations.js";
import { createPool, type Pool } from "../../src/storage/postgres/database.js";
import { migrate } from "../../src/storage/postgres/migrate.js";
import { tempDir } from "../harness/dossiers.js";
import { startPostgres, type TestPostgres } from "../harness/postgres.js";

/**
 * One contract for every store behind the repository interfaces, run against the lowdb files
 * and against a real PostgreSQL (a throwaway cluster, or PG_TEST_URL): a caller cannot tell
 * which one it has.
 */
interface ConversationLike {
  get(key: string): Promise<{ lang: string; [k: string]: unknown } | undefined>;
  set(key: string, state: { lang: string; [k: string]: unknown }): Promise<void>;
  delete(key: string): Promise<void>;
}

interface Stores {
  dossiers: DossierRepository;
  subscriptions: SubscriptionRepository;
  ratings: RatingRepository;
  conversations: ConversationLike;
  guard(): Promise<LookupGuard>;
  questions(): Promise<UnansweredQuestionStore>;
}

interface Backend {
  /** A new, empty place; `open` opens (or re-opens, as after a restart) its stores. */
  place(): Promise<{ open(options?: { hashKeyId?: string; now?: () => number }): Promise<Stores> }>;
  close(): Promise<void>;
}

let server: TestPostgres | undefined;
const pools: Pool[] = [];
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startPostgres();
}, 180_000);
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await Promise.all(cleanups.map((c) => c()));
  await server?.stop();
}, 120_000);

const files: Backend = {
  async place() {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    return {
      async open({ hashKeyId = "key-1", now = () => NOW } = {}) {
        return {
          dossiers: await FileDossierRepository.open(path.join(dir, "dossiers"), hashKeyId, false),
          subscriptions: await FileSubscriptionRepository.open(path.join(dir, "subscriptions"), false),
          ratings: await FileRatingRepository.open(path.join(dir, "ratings"), false),
          conversations: (await FileConversationStore.open(
            path.join(dir, "conversations"),
            now,
            false,
          )) as unknown as ConversationLike,
          guard: () => LookupGuard.open(dir, HASHER, "Asia/Ho_Chi_Minh", false),
          questions: () => UnansweredQuestionStore.open(dir, { now, fsync: false }),
        };
      },
    };
  },
  async close() {},
};

const postgres: Backend = {
  async place() {
    const url = await (server as TestPostgres).database();
    return {
      async open({ hashKeyId = "key-1", now = () => NOW } = {}) {
        const pool = createPool(url, { max: 4 });
        pools.push(pool);
        await migrate(pool);
        return {
          dossiers: await PostgresDossierRepository.open(pool, hashKeyId),
          subscriptions: new PostgresSubscriptionRepository(pool),
          ratings: new PostgresRatingRepository(pool),
          conversations: await PostgresConversationStore.open<{ lang: string }>(pool, now),
          guard: () => LookupGuard.open("/nonexistent", HASHER, "Asia/Ho_Chi_Minh", false, pool),
          questions: () => UnansweredQuestionStore.open("/nonexistent", { now, database: pool }),
        };
      },
    };
  },
  async close() {},
};

const NOW = Date.UTC(2026, 11, 1, 3, 0, 0);
const HASHER = new Hasher(Buffer.alloc(32, 7));
const DAY = 86_400_000;

function record(key: string, status: number, extra: Partial<DossierRecord> = {}): DossierRecord {
  return {
    key,
    code: key.toUpperCase(),
    procedureCode: "1.001193",
    applicant: "Nguyễn V. A.",
    phoneHash: `hash-${key}`,
    receivedAt: "2026-11-20",
    dueAt: "2026-12-05",
    status,
    office: "ubnd",
    ...extra,
  };
}

function rating(key: string, month: string, extra: Partial<Rating> = {}): Rating {
  return {
    key,
    procedureCode: "1.001193",
    level: "satisfied",
    scale: 3,
    criteria: { time: "on_time" },
    at: NOW,
    month,
    ...extra,
  };
}

describe.each([
  ["lowdb files", files],
  ["PostgreSQL", postgres],
] as const)("%s", (_name, backend) => {
  describe("dossiers", () => {
    it("creates, leaves equal records alone, and tells subscribers of a new status once", async () => {
      const { dossiers } = await (await backend.place()).open();
      const first = await dossiers.upsert([record("a", 2), record("b", 2)], NOW);
      expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0, changes: [] });
      expect(await dossiers.upsert([record("a", 2)], NOW + 1)).toMatchObject({ unchanged: 1, changes: [] });

      const ready = await dossiers.upsert([record("a", 9)], NOW + DAY);
      expect(ready).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
      expect(ready.changes).toEqual([{ key: "a", status: 9, previous: 2, seq: 1 }]);
      expect(await dossiers.get("a")).toEqual({
        ...record("a", 9),
        seq: 1,
        statusSince: NOW + DAY,
        readyAt: NOW + DAY,
        updatedAt: NOW + DAY,
      });
      expect((await dossiers.get("b"))?.seq).toBe(0);
      expect(await dossiers.get("nope")).toBeUndefined();
      expect(await dossiers.count()).toBe(2);
      expect((await dossiers.withStatus(9)).map((d) => d.key)).toEqual(["a"]);
      expect((await dossiers.withStatus(2)).map((d) => d.key)).toEqual(["b"]);
    });

    it("tells of a new note where the note says what to bring (status 5), and the last row of a code wins", async () => {
      const { dossiers } = await (await backend.place()).open();
      await dossiers.upsert([record("a", 5, { statusNote: "bổ sung ảnh" })], NOW);
      const result = await dossiers.upsert(
        [record("a", 5, { statusNote: "thiếu giấy tờ" }), record("a", 5, { statusNote: "thiếu bản sao CCCD" })],
        NOW + 1,
      );
      expect(result.changes).toEqual([{ key: "a", status: 5, previous: 5, seq: 1 }]);
      const stored = await dossiers.get("a");
      expect(stored?.statusNote).toBe("thiếu bản sao CCCD");
      expect(stored?.statusSince).toBe(NOW);
      // An optional field removed is removed, not kept from before.
      await dossiers.upsert([record("a", 5, { statusNote: "thiếu bản sao CCCD", applicant: undefined })], NOW + 2);
      expect(await dossiers.get("a")).not.toHaveProperty("applicant");
    });

    it("stores nothing when the notices cannot be queued first", async () => {
      const { dossiers } = await (await backend.place()).open();
      await dossiers.upsert([record("a", 2)], NOW);
      const seen: unknown[] = [];
      await expect(
        dossiers.upsert([record("a", 4), record("c", 1)], NOW + 1, async (changes) => {
          seen.push(await dossiers.get("a"), changes);
          throw new Error("outbox disk full");
        }),
      ).rejects.toThrow("outbox disk full");
      expect(seen[1]).toEqual([{ key: "a", status: 4, previous: 2, seq: 1 }]);
      expect((await dossiers.get("a"))?.status).toBe(2);
      expect(await dossiers.get("c")).toBeUndefined();
      expect(await dossiers.count()).toBe(1);
    });

    it("keeps what it stored across a restart, and refuses another phone hash key", async () => {
      const place = await backend.place();
      const before = await place.open();
      await before.dossiers.upsert([record("a", 9), record("b", 1)], NOW);
      const after = await place.open();
      expect(await after.dossiers.count()).toBe(2);
      expect(await after.dossiers.get("a")).toEqual(await before.dossiers.get("a"));
      await expect(place.open({ hashKeyId: "key-2" })).rejects.toThrow(/PHONE_HASH_KEY/);
    });

    it("upserts taken together each see the one before (one notice per change)", async () => {
      const { dossiers } = await (await backend.place()).open();
      await dossiers.upsert([record("a", 2)], NOW);
      const results = await Promise.all([4, 4, 9].map((s, i) => dossiers.upsert([record("a", s)], NOW + i + 1)));
      expect(results.flatMap((r) => r.changes).map((c) => c.seq)).toEqual([1, 2]);
      expect((await dossiers.get("a"))?.seq).toBe(2);
    });
  });

  describe("subscriptions", () => {
    it("links chats and dossiers both ways, once each, and forgets a chat whole", async () => {
      const place = await backend.place();
      const { subscriptions } = await place.open();
      expect(await subscriptions.add("telegram:1", "a", NOW)).toBe(true);
      expect(await subscriptions.add("telegram:1", "a", NOW)).toBe(false);
      await subscriptions.add("telegram:1", "b", NOW + 1);
      await subscriptions.add("zalo:x", "a", NOW + 2);
      expect(await subscriptions.count()).toBe(3);
      expect((await subscriptions.chatsOf("a")).sort()).toEqual(["telegram:1", "zalo:x"]);
      expect((await subscriptions.codesOf("telegram:1")).sort()).toEqual(["a", "b"]);
      expect(await subscriptions.chatsOf("none")).toEqual([]);

      const reopened = (await place.open()).subscriptions;
      const followed = await reopened.followed();
      expect([...followed.keys()].sort()).toEqual(["a", "b"]);
      expect(followed.get("b")).toEqual(["telegram:1"]);

      expect(await reopened.remove("zalo:x", "a")).toBe(true);
      expect(await reopened.remove("zalo:x", "a")).toBe(false);
      expect(await reopened.removeChat("telegram:1")).toBe(2);
      expect(await reopened.removeChat("telegram:1")).toBe(0);
      expect(await reopened.count()).toBe(0);
      expect(await reopened.followed()).toEqual(new Map());
    });
  });

  describe("reminder scan and daily upkeep (set-based in PostgreSQL)", () => {
    // A note holding a NUL (refused by PostgreSQL's json operators) and text that looks like the
    // fields the database reads out of the stored record ("recent" would be dropped if it were read).
    const tricky = 'x\u0000 "readyAt":0,"statusSince":0 \\"';

    it("lists ready dossiers ready before a bound that chats follow, with their chats", async () => {
      const place = await backend.place();
      const { dossiers, subscriptions } = await place.open();
      await dossiers.upsert([record("a", 9), record("n", 9, { statusNote: tricky }), record("c", 4)], NOW);
      await dossiers.upsert([record("b", 9), record("lone", 9), record("t", 9, { statusNote: tricky })], NOW + DAY);
      await dossiers.upsert([record("h", 9)], NOW - DAY);
      await dossiers.upsert([record("h", 10)], NOW); // handed over: no longer ready
      await subscriptions.add("telegram:1", "a", NOW);
      await subscriptions.add("zalo:x", "a", NOW + 1);
      for (const key of ["b", "c", "n", "t", "h", "gone"]) await subscriptions.add("telegram:2", key, NOW + 2);

      const scan = async (bound: number, repos = { dossiers, subscriptions }) =>
        (await repos.dossiers.readyWithChats(repos.subscriptions, bound))
          .map(({ dossier, chats }) => ({ key: dossier.key, readyAt: dossier.readyAt, chats }))
          .sort((x, y) => (x.key < y.key ? -1 : 1));
      expect(await scan(NOW)).toEqual([]);
      const first = await scan(NOW + 1);
      expect(first).toEqual([
        { key: "a", readyAt: NOW, chats: expect.arrayContaining(["telegram:1", "zalo:x"]) },
        { key: "n", readyAt: NOW, chats: ["telegram:2"] },
      ]);
      expect(first[0]?.chats).toEqual(await subscriptions.chatsOf("a"));
      expect(first[0]?.chats).toHaveLength(2);
      expect((await scan(NOW + DAY + 1)).map((r) => r.key)).toEqual(["a", "b", "n", "t"]);
      const [n] = await dossiers
        .readyWithChats(subscriptions, NOW + 1)
        .then((r) => r.filter((f) => f.dossier.key === "n"));
      expect(n?.dossier).toEqual(await dossiers.get("n"));

      // After a restart, and after a link is removed.
      const reopened = await place.open();
      await reopened.subscriptions.remove("telegram:2", "n");
      expect((await scan(NOW + DAY + 1, reopened)).map((r) => r.key)).toEqual(["a", "b", "t"]);
    });

    it("deletes in one go the links to dossiers gone or over before a bound, and says how many", async () => {
      const place = await backend.place();
      const { dossiers, subscriptions } = await place.open();
      await dossiers.upsert(
        [record("old", 10), record("odd", 7, { statusNote: tricky }), record("c", 4)],
        NOW - 40 * DAY,
      );
      await dossiers.upsert([record("recent", 10, { statusNote: tricky }), record("r", 9)], NOW - 10 * DAY);
      await dossiers.upsert([record("late", 2)], NOW - 40 * DAY);
      await dossiers.upsert([record("late", 8)], NOW - 31 * DAY);
      await dossiers.upsert([record("late", 8, { statusNote: "rút hồ sơ" })], NOW); // a new note is not a new status
      await subscriptions.add("telegram:1", "old", NOW);
      await subscriptions.add("zalo:x", "old", NOW);
      for (const key of ["recent", "c", "r", "gone", "odd", "late"]) await subscriptions.add("telegram:1", key, NOW);

      expect(await subscriptions.dropFinished(dossiers, NOW - 30 * DAY)).toBe(5);
      const reopened = (await place.open()).subscriptions;
      expect([...(await reopened.followed()).keys()].sort()).toEqual(["c", "r", "recent"]);
      expect(await reopened.count()).toBe(3);
      expect(await reopened.dropFinished(dossiers, NOW - 30 * DAY)).toBe(0);
      expect(await reopened.dropFinished(dossiers, NOW - 9 * DAY)).toBe(1);
      expect((await reopened.codesOf("telegram:1")).sort()).toEqual(["c", "r"]);
    });
  });

  describe("ratings", () => {
    it("keeps one rating per dossier in the month it was given", async () => {
      const place = await backend.place();
      const { ratings } = await place.open();
      await ratings.save(rating("a", "2026-11"));
      await ratings.save(rating("b", "2026-12", { comment: "Cán bộ nhiệt tình\u0000 😊", office: "ubnd" }));
      await ratings.save(rating("a", "2026-11", { level: "very_satisfied", criteria: { attitude: "good" } }));
      await expect(ratings.save(rating("a", "2026-12"))).rejects.toThrow(/month/);
      const reopened = (await place.open()).ratings;
      expect(await reopened.get("a")).toEqual(
        rating("a", "2026-11", { level: "very_satisfied", criteria: { attitude: "good" } }),
      );
      expect((await reopened.get("b"))?.comment).toBe("Cán bộ nhiệt tình\u0000 😊");
      expect((await reopened.all()).map((r) => r.key).sort()).toEqual(["a", "b"]);
      expect(await reopened.get("c")).toBeUndefined();
    });
  });

  describe("conversations", () => {
    it("keeps each chat's state across a restart, a copy at a time, and drops states idle for half a year", async () => {
      const place = await backend.place();
      let now = NOW;
      const { conversations } = await place.open({ now: () => now });
      const state = { lang: "vi", pending: { code: "H01.2-261201-0001" }, text: "a\u0000b" };
      await conversations.set("telegram:1", state);
      state.lang = "en"; // the caller's object is not the stored one
      now += 200 * DAY;
      await conversations.set("zalo:x", { lang: "en" });
      const got = await conversations.get("telegram:1");
      expect(got).toEqual({ lang: "vi", pending: { code: "H01.2-261201-0001" }, text: "a\u0000b" });

      const reopened = (await place.open({ now: () => now })).conversations;
      expect(await reopened.get("telegram:1")).toBeUndefined();
      expect(await reopened.get("zalo:x")).toEqual({ lang: "en" });
      await reopened.delete("zalo:x");
      await reopened.delete("zalo:x");
      expect(await (await place.open({ now: () => now })).conversations.get("zalo:x")).toBeUndefined();
    });
  });

  describe("lookup brakes and unanswered questions", () => {
    it("keeps a chat's lockout across a restart (5 wrong answers in an hour lock it for an hour)", async () => {
      const place = await backend.place();
      const guard = await (await place.open()).guard();
      let left = 5;
      for (let i = 0; i < 4; i++) left = (await guard.fail("telegram:1", "h49-0012", NOW + i)).remaining;
      expect(left).toBe(1);
      const restarted = await (await place.open()).guard();
      expect(await restarted.check("telegram:1", "h49-0012", NOW + 10)).toEqual({ kind: "open" });
      const last = await restarted.fail("telegram:1", "h49-0012", NOW + 10);
      expect(last).toEqual({ remaining: 0, lockedUntil: NOW + 10 + 3_600_000 });
      const again = await (await place.open()).guard();
      expect(await again.check("telegram:1", "other", NOW + 20)).toEqual({
        kind: "chat-locked",
        until: NOW + 10 + 3_600_000,
      });
      expect(await again.check("zalo:2", "h49-0012", NOW + 20)).toEqual({ kind: "open" });
    });

    it("counts unanswered questions, scrubbed, across a restart", async () => {
      const place = await backend.place();
      const questions = await (await place.open()).questions();
      await questions.record("làm giấy phép nuôi chó 0912345678");
      await questions.record("Làm giấy phép nuôi chó 0987654321");
      await questions.record("xin trợ cấp bão");
      await questions.flushed();
      const listed = await (await (await place.open()).questions()).list(7);
      expect(listed.map((q) => [q.count, q.text.includes("0912")])).toEqual([
        [2, false],
        [1, false],
      ]);
    });
  });
});

describe("PostgreSQL only", () => {
  it("writes each dossier's ward into its column (imports and the move command), NULL when it has none", async () => {
    const url = await (server as TestPostgres).database();
    const pool = createPool(url, { max: 2 });
    pools.push(pool);
    await migrate(pool);
    const dossiers = await PostgresDossierRepository.open(pool, "key-1");
    await dossiers.upsert([record("a", 2, { ward: "ben-nghe" }), record("b", 2)], NOW);
    await dossiers.upsert([record("a", 4, { ward: "da-kao" })], NOW + 1);
    await copyDossiers(pool, [{ ...(await dossiers.get("b")), key: "c", ward: "ben-thanh" } as Dossier]);
    const { rows } = await pool.query("SELECT key, ward FROM dossiers ORDER BY key");
    expect(rows).toEqual([
      { key: "a", ward: "da-kao" },
      { key: "b", ward: null },
      { key: "c", ward: "ben-thanh" },
    ]);
    expect((await dossiers.get("c"))?.ward).toBe("ben-thanh");
  });
});

import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply, Sender, SendProgress } from "../../src/core/types.js";
import { LookupGuard } from "../../src/dossiers/lockouts.js";
import { Hasher } from "../../src/dossiers/privacy.js";
import {
  MAX_ATTEMPTS,
  type NewMessage,
  type NotificationQueue,
  Outbox,
  type OutboxDeps,
  type Rendered,
} from "../../src/notifications/outbox.js";
import { PostgresOutbox } from "../../src/notifications/postgres-outbox.js";
import { SenderRegistry } from "../../src/notifications/senders.js";
import { AnswerFeedbackStore } from "../../src/ratings/feedback.js";
import { createPool, type Pool } from "../../src/storage/postgres/database.js";
import { PostgresFeedbackCounts } from "../../src/storage/postgres/feedback.js";
import { migrate, readMigrations } from "../../src/storage/postgres/migrate.js";
import { PostgresQuestionCounts } from "../../src/storage/postgres/questions.js";
import { PostgresAuditLog, PostgresStaffAccounts } from "../../src/storage/postgres/staff.js";
import { tempDir } from "../harness/dossiers.js";
import { startPostgres, type TestPostgres } from "../harness/postgres.js";

/**
 * The stores several replicas share (issue 14 item 3): the outbox as claimed rows and the
 * lookup brakes as counted rows, each run as a contract against the file store too, then two
 * instances on one database as two replicas would be.
 */
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

async function database(): Promise<string> {
  const url = await (server as TestPostgres).database();
  await migrate(pool(url), await readMigrations());
  return url;
}

function pool(url: string): Pool {
  const p = createPool(url, { max: 4 });
  pools.push(p);
  return p;
}

const NOW = Date.UTC(2026, 11, 1, 3, 0, 0);
const ALWAYS = { timeZone: "Asia/Ho_Chi_Minh", ranges: [[0, 24 * 60]] as [number, number][] };
const NEVER = { timeZone: "Asia/Ho_Chi_Minh", ranges: [] as [number, number][] };
const HASHER = new Hasher(Buffer.alloc(32, 7));
const LOGGER = pino({ level: "silent" });
const CLAIM_MS = 60_000;

class Clock {
  constructor(public at = NOW) {}
  now = () => this.at;
}

/** Records each accepted message; `fail` decides per call whether the channel refuses it. */
class Channel implements Sender {
  readonly channel = "telegram";
  readonly accepted: string[] = [];
  calls = 0;
  constructor(private readonly behaviour: (text: string, call: number) => Promise<void> | void = () => undefined) {}
  async send(_chatKey: string, replies: Reply[], progress?: SendProgress): Promise<void> {
    for (const [i, reply] of replies.entries()) {
      if (i < (progress?.skip ?? 0)) continue;
      await this.behaviour(reply.text, ++this.calls);
      this.accepted.push(reply.text);
      progress?.accepted(i + 1);
    }
  }
}

function deps(clock: Clock, sender: Sender, render?: OutboxDeps["render"], reminder = ALWAYS): OutboxDeps {
  return {
    senders: SenderRegistry.of(sender),
    render: render ?? (async (m) => ({ replies: [{ text: `${m.key}/1` }, { text: `${m.key}/2` }] })),
    windows: { status: ALWAYS, rating: ALWAYS, reminder },
    logger: LOGGER,
    now: clock.now,
    random: () => 0.5,
  };
}

function message(i: number, chat = "telegram:1", kind: NewMessage["kind"] = "status"): NewMessage {
  return { id: `s|k${i}|1|${chat}`, chatKey: chat, kind, key: `k${i}`, seq: 1 };
}

interface QueueBackend {
  place(): Promise<{ open(clock: Clock, d: OutboxDeps): Promise<NotificationQueue> }>;
}

const fileQueues: QueueBackend = {
  async place() {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    return { open: (_clock, d) => Outbox.open(dir, d, false) };
  },
};

const rowQueues: QueueBackend = {
  async place() {
    const url = await database();
    return { open: (_clock, d) => PostgresOutbox.open(pool(url), d, { claimMs: CLAIM_MS }) };
  },
};

describe.each([
  ["lowdb files", fileQueues],
  ["PostgreSQL rows", rowQueues],
] as const)("outbox contract: %s", (_name, backend) => {
  it("queues an id once, sends it once, refuses it again after, also across a restart", async () => {
    const place = await backend.place();
    const clock = new Clock();
    const channel = new Channel();
    const outbox = await place.open(clock, deps(clock, channel));
    expect(await outbox.enqueue([message(1), message(2), message(1)])).toBe(2);
    expect(await outbox.enqueue([message(2)])).toBe(0);
    expect(outbox.queuedCount()).toBe(2);
    expect(await outbox.flush()).toEqual({ sent: 2, retrying: 0, dropped: 0, failed: 0 });
    expect(channel.accepted).toEqual(["k1/1", "k1/2", "k2/1", "k2/2"]);
    expect(outbox.queuedCount()).toBe(0);
    await outbox.close();
    const restarted = await place.open(clock, deps(clock, channel));
    expect(await restarted.enqueue([message(1)])).toBe(0);
    expect(await restarted.flush()).toMatchObject({ sent: 0 });
    await restarted.close();
  });

  it("resumes after the part the channel accepted, retries with growing delays, gives up after MAX_ATTEMPTS", async () => {
    const place = await backend.place();
    const clock = new Clock();
    let refuse: (text: string) => boolean = (text) => text === "k1/2";
    const channel = new Channel((text) => {
      if (refuse(text)) throw new Error("HTTP 502");
    });
    const outbox = await place.open(clock, deps(clock, channel));
    await outbox.enqueue([message(1)]);
    expect(await outbox.flush()).toMatchObject({ retrying: 1 });
    expect(await outbox.flush()).toMatchObject({ retrying: 0, sent: 0 });
    clock.at += 30_000;
    refuse = () => false;
    expect(await outbox.flush()).toMatchObject({ sent: 1 });
    expect(channel.accepted).toEqual(["k1/1", "k1/2"]);

    refuse = () => true;
    await outbox.enqueue([message(2)]);
    let failed = 0;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      failed += (await outbox.flush()).failed;
      clock.at += 3_600_000 * 2;
    }
    expect(failed).toBe(1);
    expect(outbox.queuedCount()).toBe(0);
    expect(await outbox.enqueue([message(2)])).toBe(0);
    await outbox.close();
  });

  it("forgets a chat whole (its queue and what it was sent), keeps messages of closed windows and of 'later'", async () => {
    const place = await backend.place();
    const clock = new Clock();
    const channel = new Channel();
    let later = true;
    const render = async (m: { key: string }): Promise<Rendered> =>
      m.key === "k3" && later ? { later: true } : { replies: [{ text: m.key }] };
    const outbox = await place.open(clock, deps(clock, channel, render, NEVER));
    await outbox.enqueue([
      message(1, "telegram:9"),
      message(2, "telegram:9"),
      message(3),
      message(4, "telegram:1", "reminder"),
    ]);
    expect(await outbox.flush()).toMatchObject({ sent: 2 });
    await outbox.forgetChat("telegram:9");
    // Sent before, forgotten now: the same id may be queued (and sent) again.
    expect(await outbox.enqueue([message(1, "telegram:9")])).toBe(1);
    later = false;
    clock.at += 30_000;
    expect(await outbox.flush()).toMatchObject({ sent: 2 });
    expect(channel.accepted.slice(0, 2)).toEqual(["k1", "k2"]);
    expect(channel.accepted.slice(2).sort()).toEqual(["k1", "k3"]);
    expect(outbox.queuedCount()).toBe(1); // the reminder, outside office hours
    await outbox.close();
  });
});

describe("two replicas on one database", () => {
  it("two flushers never send the same row twice while both alive; every row goes out", async () => {
    const url = await database();
    const clock = new Clock();
    // Each send yields to the event loop, so the two flushers' claims interleave.
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 1));
    const [a, b] = [new Channel(slow), new Channel(slow)];
    const render = async (m: { key: string }): Promise<Rendered> => ({ replies: [{ text: m.key }] });
    const first = await PostgresOutbox.open(pool(url), deps(clock, a, render), { claimant: "a", claimMs: CLAIM_MS });
    const second = await PostgresOutbox.open(pool(url), deps(clock, b, render), { claimant: "b", claimMs: CLAIM_MS });
    const all = Array.from({ length: 150 }, (_, i) => message(i, `telegram:${i % 7}`));
    await Promise.all([first.enqueue(all.slice(0, 100)), second.enqueue(all.slice(50))]);
    const reports = await Promise.all([first.flush(), second.flush(), first.flush(), second.flush()]);
    const sent = [...a.accepted, ...b.accepted];
    expect(sent.length).toBe(150);
    expect(new Set(sent).size).toBe(150);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(150);
    // Both took part (the small claims share the backlog).
    expect(a.accepted.length).toBeGreaterThan(0);
    expect(b.accepted.length).toBeGreaterThan(0);
    await Promise.all([first.close(), second.close()]);
  });

  it("takes over a dead flusher's claim after it expires, resuming after the parts it had sent", async () => {
    const url = await database();
    const clock = new Clock();
    // The first replica's channel accepts part 1, then never answers (the process is gone).
    let hung = false;
    const dying = new Channel((text) => {
      if (text.endsWith("/2")) {
        hung = true;
        return new Promise<void>(() => undefined);
      }
    });
    // Killed: it renews nothing any more (renewMs beyond the test).
    const dead = await PostgresOutbox.open(pool(url), deps(clock, dying), {
      claimant: "dead",
      claimMs: CLAIM_MS,
      renewMs: 3_600_000,
    });
    await dead.enqueue([message(1)]);
    void dead.flush();
    await until(() => hung);
    const alive = new Channel();
    const survivor = await PostgresOutbox.open(pool(url), deps(clock, alive), { claimant: "alive", claimMs: CLAIM_MS });
    expect(await survivor.flush()).toMatchObject({ sent: 0 });
    clock.at += CLAIM_MS - 1;
    expect(await survivor.flush()).toMatchObject({ sent: 0 });
    clock.at += 1;
    expect(await survivor.flush()).toMatchObject({ sent: 1 });
    expect(dying.accepted).toEqual(["k1/1"]);
    expect(alive.accepted).toEqual(["k1/2"]);
    expect(await survivor.flush()).toMatchObject({ sent: 0 });
  });

  it("keeps the claim of a send slower than the claim period while its replica lives", async () => {
    const url = await database();
    const clock = new Clock();
    let release: () => void = () => undefined;
    let started = false;
    const slow = new Channel(
      () =>
        new Promise<void>((resolve) => {
          started = true;
          release = resolve;
        }),
    );
    const render = async (m: { key: string }): Promise<Rendered> => ({ replies: [{ text: m.key }] });
    const busy = await PostgresOutbox.open(pool(url), deps(clock, slow, render), {
      claimant: "busy",
      claimMs: CLAIM_MS,
      renewMs: 10,
    });
    await busy.enqueue([message(1)]);
    const sending = busy.flush();
    await until(() => started);
    clock.at += CLAIM_MS - 1_000;
    // A renewal runs at the later time (every 10 ms here), pushing the claim past the next check.
    const look = pool(url);
    const claimedUntil = async () =>
      (await look.query<{ until: number }>("SELECT claimed_until AS until FROM outbox")).rows[0]?.until ?? 0;
    const first = await claimedUntil();
    for (let i = 0; i < 200 && (await claimedUntil()) === first; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await claimedUntil()).toBe(clock.at + CLAIM_MS);
    clock.at += 2_000;
    const other = new Channel();
    const second = await PostgresOutbox.open(pool(url), deps(clock, other, render), {
      claimant: "other",
      claimMs: CLAIM_MS,
    });
    expect(await second.flush()).toMatchObject({ sent: 0 });
    release();
    expect(await sending).toMatchObject({ sent: 1 });
    expect(await second.flush()).toMatchObject({ sent: 0 });
    expect([...slow.accepted, ...other.accepted]).toEqual(["k1"]);
  });

  it("each replica's queued count (for /healthz) follows what the others queue and send", async () => {
    const url = await database();
    const clock = new Clock();
    const options = { claimMs: CLAIM_MS, recountMs: 10 };
    const [a, b] = [new Channel(), new Channel()];
    const one = await PostgresOutbox.open(pool(url), deps(clock, a), options);
    const two = await PostgresOutbox.open(pool(url), deps(clock, b), options);
    await one.enqueue([message(1), message(2)]);
    expect(one.queuedCount()).toBe(2);
    await until(() => two.queuedCount() === 2);
    await two.flush();
    expect(two.queuedCount()).toBe(0);
    await until(() => one.queuedCount() === 0);
    await Promise.all([one.close(), two.close()]);
  });

  it("adds up lookup failures from two instances, with no lost update", async () => {
    const url = await database();
    const [one, two] = [
      await LookupGuard.open("/nonexistent", HASHER, "Asia/Ho_Chi_Minh", false, pool(url)),
      await LookupGuard.open("/nonexistent", HASHER, "Asia/Ho_Chi_Minh", false, pool(url)),
    ];
    // One chat, four wrong answers at once through both: the fifth (whichever instance) locks it.
    const results = await Promise.all([0, 1, 2, 3].map((i) => (i % 2 ? one : two).fail("telegram:1", "x", NOW + i)));
    expect(results.map((r) => r.remaining).sort()).toEqual([1, 2, 3, 4]);
    expect(await one.check("telegram:1", "x", NOW + 5)).toEqual({ kind: "open" });
    expect(await two.fail("telegram:1", "x", NOW + 5)).toEqual({ remaining: 0, lockedUntil: NOW + 5 + 3_600_000 });
    expect(await one.check("telegram:1", "y", NOW + 6)).toEqual({ kind: "chat-locked", until: NOW + 5 + 3_600_000 });

    // One code, 40 chats failing at once through both instances: every failure counted.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).fail(`zalo:${i}`, "h49-0012", NOW + 10)),
    );
    const { rows } = await pool(url).query<{ failures: number }>(
      "SELECT failures FROM lockout_codes ORDER BY failures DESC",
    );
    expect(rows[0]?.failures).toBe(40);
    expect(await two.check("zalo:99", "h49-0012", NOW + 11)).toEqual({ kind: "dossier-locked" });
    expect(await two.check("zalo:99", "other", NOW + 11)).toEqual({ kind: "open" });
    // The next local day the code is open again.
    expect(await one.check("zalo:99", "h49-0012", NOW + 86_400_000)).toEqual({ kind: "open" });
  });
});

describe("migration 003", () => {
  it("moves the outbox and lockout documents rows into rows; others at their store's start", async () => {
    const url = await (server as TestPostgres).database();
    const db = pool(url);
    const migrations = await readMigrations();
    await migrate(db, migrations.slice(0, 2));
    const outbox = {
      pending: [
        {
          id: "s|k|1|telegram:1",
          chatKey: "telegram:1",
          kind: "status",
          key: "k",
          seq: 1,
          attempts: 2,
          sentParts: 1,
          nextAt: 10.4,
          createdAt: 5,
        },
      ],
      done: { "a|k|telegram:2": 7 },
    };
    const lockouts = {
      chats: { c1: { failures: [NOW - 10, NOW - 5] } },
      dossiers: { d1: { day: "2026-12-01", failures: 3 } },
    };
    const questions = { questions: { "giay phep": { text: "giấy phép\u0000 chó", days: { "2026-12-01": 2 } } } };
    await db.query(
      "INSERT INTO documents (kind, version, body) VALUES ('outbox', 1, $1), ('lockouts', 1, $2), ('unanswered-questions', 1, $3)",
      [JSON.stringify(outbox), JSON.stringify(lockouts), JSON.stringify(questions)],
    );
    await migrate(db, migrations);
    const { rows: kinds } = await db.query("SELECT kind FROM documents");
    expect(kinds).toEqual([{ kind: "unanswered-questions" }]);
    const { rows } = await db.query(
      "SELECT id, chat_key, attempts, sent_parts, next_at, done_at FROM outbox ORDER BY id",
    );
    expect(rows).toEqual([
      { id: "a|k|telegram:2", chat_key: "telegram:2", attempts: 0, sent_parts: 0, next_at: 7, done_at: 7 },
      { id: "s|k|1|telegram:1", chat_key: "telegram:1", attempts: 2, sent_parts: 1, next_at: 10, done_at: null },
    ]);
    expect((await db.query("SELECT id, day, failures FROM lockout_codes")).rows).toEqual([
      { id: "d1", day: "2026-12-01", failures: 3 },
    ]);
    expect((await db.query("SELECT cardinality(failures) AS n FROM lockout_chats")).rows).toEqual([{ n: 2 }]);
    await db.query("SELECT documents_to_rows(ARRAY['unanswered-questions'])");
    expect((await db.query("SELECT key, ward, day, text, count FROM unanswered_questions")).rows).toEqual([
      { key: "giay phep", ward: "", day: "2026-12-01", text: "giấy phép chó", count: 2 },
    ]);
  });

  it("a file outbox's sent journal left in DATA_DIR is applied to the rows once", async () => {
    const url = await database();
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const clock = new Clock();
    const channel = new Channel();
    const db = pool(url);
    await (await PostgresOutbox.open(db, deps(clock, channel))).enqueue([message(1), message(2)]);
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      path.join(dir, "outbox.sent.log"),
      `${JSON.stringify({ id: message(1).id, parts: 2, done: true })}\n${JSON.stringify({ id: message(2).id, parts: 1 })}\n`,
    );
    const outbox = await PostgresOutbox.open(db, deps(clock, channel), { dataDir: dir });
    expect(await outbox.flush()).toMatchObject({ sent: 1 });
    expect(channel.accepted).toEqual(["k2/2"]);
  });
});

async function until(done: () => boolean, tries = 1000): Promise<void> {
  for (let i = 0; i < tries && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!done()) throw new Error("condition never met");
}

describe("row stores for the staff side (questions, answer feedback, accounts, audit)", () => {
  it("counts unanswered questions from two instances, by ward, and lists them like the file store", async () => {
    const url = await database();
    const [one, two] = [await PostgresQuestionCounts.open(pool(url)), await PostgresQuestionCounts.open(pool(url))];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? one : two).record("nuoi cho", "nuôi chó", "2026-12-01", i % 3 ? "p1" : ""),
      ),
    );
    // The wording of the last asking is the one shown.
    await one.record("nuoi cho", "Nuôi chó?", "2026-12-02", "p1");
    await one.record("tro cap bao", "trợ cấp bão", "2026-11-01", "p2");
    await two.record("tro cap bao", "trợ cấp bão", "2026-12-01", "p2");
    expect(await one.list("2026-11-01")).toEqual([
      { text: "Nuôi chó?", count: 31, lastAsked: "2026-12-02" },
      { text: "trợ cấp bão", count: 2, lastAsked: "2026-12-01" },
    ]);
    expect(await two.list("2026-11-15", { ward: "p2", withoutWard: false })).toEqual([
      { text: "trợ cấp bão", count: 1, lastAsked: "2026-12-01" },
    ]);
    expect((await two.list("2026-11-01", { ward: "p1", withoutWard: true }))[0]?.count).toBe(31);
    expect((await two.list("2026-11-01", { ward: "p1", withoutWard: false }))[0]?.count).toBe(21);
    // Days before the period go, then the (question, ward) pairs asked longest ago beyond the bound.
    await one.prune("2026-11-15", 1);
    expect(await one.list("2026-01-01")).toEqual([{ text: "Nuôi chó?", count: 21, lastAsked: "2026-12-02" }]);
  });

  it("counts answer feedback once per voter and month, a changed vote moves, taps through two instances add up", async () => {
    const url = await database();
    const [one, two] = [await PostgresFeedbackCounts.open(pool(url)), await PostgresFeedbackCounts.open(pool(url))];
    expect(await one.record("v1", "1.001193", true, "2026-12")).toBe(true);
    expect(await two.record("v1", "1.001193", true, "2026-12")).toBe(false);
    expect(await two.record("v1", "1.001193", false, "2026-12")).toBe(true);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).record(`w${i}`, "1.001193", i < 15, "2026-12")),
    );
    // The same voter tapping twice at once through both: one vote.
    await Promise.all([one.record("v2", "2.000635", true, "2026-12"), two.record("v2", "2.000635", true, "2026-12")]);
    expect(await one.counts()).toEqual([
      { month: "2026-12", procedureCode: "1.001193", helpful: 15, notHelpful: 6 },
      { month: "2026-12", procedureCode: "2.000635", helpful: 1, notHelpful: 0 },
    ]);
    // A new month: last month's voters may vote again.
    expect(await one.record("v1", "1.001193", false, "2027-01")).toBe(true);
  });

  it("keeps staff accounts as rows and moves the accounts and feedback documents rows at open", async () => {
    const url = await database();
    const db = pool(url);
    await db.query(
      "INSERT INTO documents (kind, version, body) VALUES ('staff-accounts', 1, $1), ('answer-feedback', 1, $2)",
      [
        JSON.stringify({
          accounts: {
            lan: {
              passwordHash: "h-lan",
              createdAt: "2026-11-01T00:00:00.000Z",
              updatedAt: "2026-11-01T00:00:00.000Z",
            },
            minh: { passwordHash: "h-minh", createdAt: "a", updatedAt: "b", role: { kind: "ward", ward: "ben-nghe" } },
          },
        }),
        JSON.stringify({
          counts: { "2026-12|1.001193": { helpful: 2, notHelpful: 1 } },
          month: "2026-12",
          votes: { v9: true },
        }),
      ],
    );
    const accounts = await PostgresStaffAccounts.open(db);
    expect(await accounts.count()).toBe(2);
    expect(await accounts.get("minh")).toMatchObject({ passwordHash: "h-minh", role: "ward:ben-nghe" });
    expect(await accounts.get("lan")).toMatchObject({ role: null });
    expect(await accounts.save("lan", "h2", "2026-12-02T00:00:00.000Z", "province")).toBe("updated");
    expect(await accounts.save("lan", "h3", "2026-12-03T00:00:00.000Z")).toBe("updated");
    expect(await accounts.get("lan")).toEqual({
      username: "lan",
      passwordHash: "h3",
      role: "province",
      createdAt: "2026-11-01T00:00:00.000Z",
      updatedAt: "2026-12-03T00:00:00.000Z",
    });
    expect(await accounts.save("hoa", "h4", "2026-12-03T00:00:00.000Z")).toBe("created");
    expect(await accounts.get("nobody")).toBeUndefined();

    const feedback = await PostgresFeedbackCounts.open(db);
    expect(await feedback.record("v9", "1.001193", true, "2026-12")).toBe(false);
    expect(await feedback.counts()).toEqual([
      { month: "2026-12", procedureCode: "1.001193", helpful: 2, notHelpful: 1 },
    ]);
    expect((await db.query("SELECT kind FROM documents")).rows).toEqual([]);
  });

  it("appends the staff audit from two instances, nothing lost, newest first", async () => {
    const url = await database();
    const [one, two] = [new PostgresAuditLog(pool(url)), new PostgresAuditLog(pool(url))];
    await PostgresAuditLog.copy(pool(url), [
      { at: "2026-11-30T01:00:00.000Z", user: "lan", action: "login" },
      { at: "2026-11-30T01:05:00.000Z", user: "lan", action: "lookup", detail: "H49-0012" },
    ]);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? one : two).append({ at: `2026-12-01T0${i % 10}:00:00.000Z`, user: `u${i}`, action: "login" }),
      ),
    );
    expect(await one.count()).toBe(42);
    const recent = await two.recent(50);
    expect(recent).toHaveLength(42);
    expect(recent.slice(-2)).toEqual([
      { at: "2026-11-30T01:05:00.000Z", user: "lan", action: "lookup", detail: "H49-0012" },
      { at: "2026-11-30T01:00:00.000Z", user: "lan", action: "login" },
    ]);
    expect(new Set(recent.map((r) => r.user)).size).toBe(41);
    expect(await one.recent(3)).toHaveLength(3);
  });
});

describe.each([
  ["lowdb files", false],
  ["PostgreSQL rows", true],
] as const)("answer feedback contract: %s", (_name, onDatabase) => {
  it("counts a chat's tap once per procedure and month, moves a changed vote, keeps counts across a restart", async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const db = onDatabase ? pool(await database()) : undefined;
    const open = () => AnswerFeedbackStore.open(dir, (v) => `p:${v}`, false, db);
    const store = await open();
    await store.record("telegram:1", "1.001193", true, "2026-12");
    await store.record("telegram:1", "1.001193", true, "2026-12");
    await store.record("zalo:2", "1.001193", true, "2026-12");
    await store.record("zalo:2", "1.001193", false, "2026-12");
    await store.record("zalo:2", "2.000635", false, "2026-12");
    await store.record("telegram:1", "1.001193", false, "2027-01");
    const counts = (await (await open()).counts()).sort((a, b) =>
      `${a.month}${a.procedureCode}`.localeCompare(`${b.month}${b.procedureCode}`),
    );
    expect(counts).toEqual([
      { month: "2026-12", procedureCode: "1.001193", helpful: 1, notHelpful: 1 },
      { month: "2026-12", procedureCode: "2.000635", helpful: 0, notHelpful: 1 },
      { month: "2027-01", procedureCode: "1.001193", helpful: 0, notHelpful: 1 },
    ]);
  });
});

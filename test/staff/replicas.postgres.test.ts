/**
 * The staff console on several replicas (issue 14): with DATABASE_URL its sessions, login limits
 * and audit log are rows of one PostgreSQL, so any replica serves any staff request. Two consoles,
 * each with its own pool and its own HTTP server on 127.0.0.1, share one throwaway database:
 * signed in on one, the other takes the cookie and its CSRF token; signed out on one, the other
 * refuses it; failed logins add up across both; audit lines written through one are read on the
 * other, a ward's staff seeing their ward's only. The move command carries each line's ward.
 * The session and login-limit stores also run as a contract against their in-memory versions.
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { wardMapOf } from "../../src/dossiers/wards.js";
import { createService, type Service } from "../../src/service.js";
import { type StaffRole, saveAccount } from "../../src/staff/accounts.js";
import { AuditLog } from "../../src/staff/audit.js";
import { createStaffConsole } from "../../src/staff/console.js";
import { hashPassword } from "../../src/staff/passwords.js";
import { DatabaseSessions, SessionStore, type StaffSessions } from "../../src/staff/sessions.js";
import { DatabaseLoginThrottle, type LoginLimits, LoginThrottle } from "../../src/staff/throttle.js";
import { createPool, type Pool } from "../../src/storage/postgres/database.js";
import { migrate, readMigrations } from "../../src/storage/postgres/migrate.js";
import { bundledCatalogue, captureLogs, runScript, tempDir } from "../harness/common.js";
import { startPostgres, type TestPostgres } from "../harness/postgres.js";
import { Client, PASSWORD, TEST_SCRYPT_COST } from "../harness/staff.js";

let server: TestPostgres | undefined;
const pools: Pool[] = [];
const cleanups: (() => Promise<void>)[] = [];
let hash: string;

beforeAll(async () => {
  server = await startPostgres();
  hash = await hashPassword(PASSWORD, TEST_SCRYPT_COST);
}, 180_000);
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await Promise.all(pools.map((p) => p.end()));
  await server?.stop();
}, 120_000);

const START = Date.UTC(2026, 11, 2, 2, 0, 0);
const MINUTE = 60_000;
const TIME_ZONE = "Asia/Ho_Chi_Minh";

/** One clock for both replicas (their clocks agree, as NTP keeps real ones), moved by the tests. */
class Clock {
  at = START;
  now = () => this.at;
}

const WARDS = wardMapOf([
  { id: "ben-nghe", name: "Phường Bến Nghé", units: ["000.31.20.H49"] },
  { id: "tan-dinh", name: "Phường Tân Định", units: ["000.31.21.H49"] },
]);
/** The dossiers the counter lookup knows, by code: the ward that holds each. */
const DOSSIERS: Record<string, string> = {
  "000.31.20.H49-261201-0001": "ben-nghe",
  "000.31.21.H49-261201-0002": "tan-dinh",
};

function pool(url: string): Pool {
  const p = createPool(url, { max: 4 });
  pools.push(p);
  return p;
}

async function database(): Promise<string> {
  const url = await (server as TestPostgres).database();
  await migrate(pool(url), await readMigrations());
  return url;
}

/** What a replica's dossier import was asked: each file read (with the account's ward), each commit. */
interface ImportCalls {
  previews: { name: string; text: string; ward?: string }[];
  commits: string[];
}

/** A replica's staff console: its own pool on the shared database, its own HTTP server, its own empty DATA_DIR. */
async function startReplica(url: string, clock: Clock): Promise<{ url: string; pool: Pool; imports: ImportCalls }> {
  const data = await tempDir("motcua-staff-replica-");
  const db = pool(url);
  const imports: ImportCalls = { previews: [], commits: [] };
  const staff = createStaffConsole({
    dataDir: data.dir,
    database: db,
    catalogue: {
      current: () => ({ catalogue: { version: "test", procedures: [] } }),
      warnings: () => [],
    },
    health: () => ({ channels: {} }),
    wards: WARDS,
    lookup: {
      async describe(code, ward) {
        const holder = DOSSIERS[code];
        if (!holder) return undefined;
        if (ward !== undefined && holder !== ward) return { otherWard: holder };
        return `Hồ sơ ${code}: đang giải quyết`;
      },
    },
    // The import pipeline's interface, recorded: one accepted row per line of the file.
    imports: {
      async preview(file, ward) {
        const text = file.bytes.toString("utf8");
        imports.previews.push({ name: file.name, text, ...(ward ? { ward } : {}) });
        const lines = text.split("\n");
        return {
          ok: true,
          rows: lines.map((line, i) => ({
            place: `dòng ${i + 1}`,
            code: line,
            verdict: "accepted" as const,
            messages: [],
          })),
          async commit() {
            imports.commits.push(text);
            return { created: lines.length, updated: 0, unchanged: 0, rejected: 0, notices: 0 };
          },
        };
      },
    },
    timeZone: TIME_ZONE,
    now: clock.now,
    logger: captureLogs().logger,
    secureCookies: false,
    fsync: false,
  });
  const http: Server = createServer((req, res) => {
    void staff.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    staff.close();
    await data.cleanup();
  });
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, pool: db, imports };
}

/** The same browser (its cookies) pointed at another replica, as a load balancer would send it. */
function sameBrowserOn(client: Client, base: string): Client {
  const other = new Client(base);
  for (const [name, value] of client.cookies) other.cookies.set(name, value);
  return other;
}

async function addAccount(db: Pool, username: string, role?: StaffRole): Promise<void> {
  await saveAccount("/nonexistent-the-accounts-are-rows", username, hash, new Date(START), db, role);
}

async function lookUp(client: Client, code: string): Promise<Response> {
  const form = await client.request("/staff/lookup");
  expect(form.status).toBe(200);
  return client.request("/staff/lookup", { form: { csrf: Client.csrfOf(await form.text()), code } });
}

/** Uploads a file on the import page; the preview page's id and CSRF token. */
async function preview(client: Client, text: string): Promise<{ id: string; csrf: string }> {
  const form = new FormData();
  form.set("csrf", Client.csrfOf(await (await client.request("/staff/import")).text()));
  form.set("file", new Blob([text]), "ho-so.csv");
  const page = await (await client.request("/staff/import", { body: form })).text();
  const id = /name="preview" value="([^"]+)"/.exec(page)?.[1];
  if (!id) throw new Error(`no preview in ${page}`);
  return { id, csrf: Client.csrfOf(page) };
}

function commit(client: Client, made: { id: string; csrf: string }): Promise<Response> {
  return client.request("/staff/import/commit", { form: { csrf: made.csrf, preview: made.id } });
}

describe("two staff consoles on one database", () => {
  let clock: Clock;
  let one: Awaited<ReturnType<typeof startReplica>>;
  let two: Awaited<ReturnType<typeof startReplica>>;

  beforeAll(async () => {
    const url = await database();
    clock = new Clock();
    one = await startReplica(url, clock);
    two = await startReplica(url, clock);
    await addAccount(one.pool, "quan.tri", { kind: "province" });
    await addAccount(one.pool, "can.bo.bn", { kind: "ward", ward: "ben-nghe" });
    await addAccount(one.pool, "can.bo.td", { kind: "ward", ward: "tan-dinh" });
    for (const n of [1, 2, 3, 4, 5, 6]) await addAccount(one.pool, `nguoi.${n}`);
  }, 60_000);

  it("a session started on one replica works on the other, forms included, until signed out on either", async () => {
    const first = new Client(one.url);
    expect((await first.login("can.bo.bn")).status).toBe(303);
    const token = first.cookies.get("motcua_staff") as string;
    expect(token).toMatch(/^[\w-]{43}$/);

    // The other replica takes the cookie and the form's CSRF token: a POST works there.
    const second = sameBrowserOn(first, two.url);
    const found = await lookUp(second, "000.31.20.H49-261201-0001");
    expect(found.status).toBe(200);
    expect(await found.text()).toContain("đang giải quyết");
    // A forged token is refused there as on the first.
    const forged = await second.request("/staff/lookup", {
      form: { csrf: "x".repeat(43), code: "000.31.20.H49-261201-0001" },
    });
    expect(forged.status).toBe(403);

    // Only the token's SHA-256 is stored, never the token.
    const { rows } = await one.pool.query("SELECT * FROM staff_sessions");
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(hash);
    expect(rows[0]).toMatchObject({ username: "can.bo.bn", role: "ward:ben-nghe", created_at: START });

    // Signed out on the second replica: the first refuses the cookie too.
    const page = await (await second.request("/staff/lookup")).text();
    expect((await second.request("/staff/logout", { form: { csrf: Client.csrfOf(page) } })).status).toBe(303);
    const after = await first.request("/staff/lookup");
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/staff/login");
    const post = await first.request("/staff/lookup", {
      form: { csrf: Client.csrfOf(page), code: "000.31.20.H49-261201-0001" },
    });
    expect(post.status).toBe(403);
    expect((await one.pool.query("SELECT count(*)::int AS n FROM staff_sessions")).rows[0].n).toBe(0);
  });

  it("the idle and hard ends hold whichever replica serves, and a new password ends the session on both", async () => {
    const first = new Client(one.url);
    expect((await first.login("quan.tri")).status).toBe(303);
    const second = sameBrowserOn(first, two.url);
    const started = clock.at;
    // A request every 29 minutes, alternating replicas, keeps it alive (idle end: 30 minutes) …
    for (let i = 0; i < 3; i++) {
      clock.at += 29 * MINUTE;
      expect((await (i % 2 ? first : second).request("/staff/audit")).status).toBe(200);
    }
    // … and 31 minutes without one ends it on both.
    clock.at += 31 * MINUTE;
    expect((await second.request("/staff/audit")).status).toBe(303);
    expect((await first.request("/staff/audit")).status).toBe(303);

    // The hard end: 10 hours after signing in, however busy.
    clock.at = started;
    const busy = new Client(two.url);
    expect((await busy.login("quan.tri")).status).toBe(303);
    const elsewhere = sameBrowserOn(busy, one.url);
    while (clock.at + 20 * MINUTE <= started + 10 * 60 * MINUTE) {
      clock.at += 20 * MINUTE;
      expect((await elsewhere.request("/staff/audit")).status).toBe(200);
    }
    clock.at += 20 * MINUTE;
    expect((await busy.request("/staff/audit")).status).toBe(303);

    // A new password (staff:add on any machine) signs the account out on every replica.
    clock.at = started;
    const again = new Client(one.url);
    expect((await again.login("quan.tri")).status).toBe(303);
    expect((await sameBrowserOn(again, two.url).request("/staff/audit")).status).toBe(200);
    await saveAccount(
      "/unused",
      "quan.tri",
      await hashPassword(`${PASSWORD} mới`, TEST_SCRYPT_COST),
      new Date(),
      two.pool,
    );
    expect((await sameBrowserOn(again, two.url).request("/staff/audit")).status).toBe(303);
    expect((await again.request("/staff/audit")).status).toBe(303);
    await addAccount(one.pool, "quan.tri");
    clock.at = START;
  });

  it("counts failed logins across both replicas: a username locks after 5, an address after 20", async () => {
    clock.at = START + 24 * 60 * MINUTE;
    const on = (i: number) => new Client(i % 2 ? two.url : one.url);
    for (let i = 1; i <= 4; i++) expect((await on(i).login("can.bo.td", "sai mật khẩu")).status).toBe(401);
    const fifth = await on(5).login("can.bo.td", "sai mật khẩu");
    expect(fifth.status).toBe(429);
    // Locked on both, even for the right password.
    for (const i of [1, 2]) {
      const refused = await on(i).login("can.bo.td");
      expect(refused.status).toBe(429);
      expect(await refused.text()).toContain("tạm bị khoá");
    }
    // No username or address is stored, only their hashes.
    const { rows } = await one.pool.query("SELECT key FROM staff_login_failures");
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/can\.bo|127\.0\.0\.1/);
    // The lock ends after 15 minutes; a right password then clears the username's count.
    clock.at += 15 * MINUTE + 1;
    expect((await on(2).login("can.bo.td")).status).toBe(303);

    // 20 failures from one address, 4 per username (no username lock), spread over both replicas.
    clock.at += 60 * MINUTE;
    let status = 0;
    for (let i = 0; i < 20; i++) status = (await on(i).login(`nguoi.${1 + (i % 5)}`, "sai mật khẩu")).status;
    expect(status).toBe(429);
    expect((await on(1).login("nguoi.6")).status).toBe(429);
    expect((await on(0).login("nguoi.6")).status).toBe(429);
    clock.at += 16 * MINUTE;
    expect((await on(1).login("nguoi.6")).status).toBe(303);
    // Rows with no lock running and no failure in the window are deleted at the next failure.
    clock.at += 60 * MINUTE;
    expect((await on(0).login("nguoi.6", "sai mật khẩu")).status).toBe(401);
    expect((await one.pool.query("SELECT count(*)::int AS n FROM staff_login_failures")).rows[0].n).toBe(2);
    clock.at = START;
  });

  it("an import previewed on one replica is committed on the other, once, by that session only, within 30 minutes", async () => {
    clock.at = START + 5 * 24 * 60 * MINUTE;
    const bn = new Client(one.url);
    expect((await bn.login("can.bo.bn")).status).toBe(303);
    const onTwo = sameBrowserOn(bn, two.url);
    const text = "000.31.20.H49-261201-0011\n000.31.20.H49-261201-0012 Nguyễn Văn An 0912345678";
    const made = await preview(bn, text);
    expect(one.imports.previews).toEqual([{ name: "ho-so.csv", text, ward: "ben-nghe" }]);
    // The waiting file is sealed: the row holds neither the file nor the preview's id.
    const { rows } = await one.pool.query("SELECT * FROM staff_import_previews");
    expect(rows).toHaveLength(1);
    expect(rows[0].sealed.includes(Buffer.from("Nguyễn Văn An"))).toBe(false);
    expect(JSON.stringify(rows)).not.toContain(made.id);

    // "Lưu" reaches the other replica: it reads the same file again, with the account's ward, and stores it.
    const done = await commit(onTwo, made);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Đã lưu tệp <strong>ho-so.csv</strong>: 2 hồ sơ mới");
    expect(two.imports.previews).toEqual([{ name: "ho-so.csv", text, ward: "ben-nghe" }]);
    expect(two.imports.commits).toEqual([text]);
    // A second click, on the replica that made the preview: refused, nothing stored twice.
    expect((await commit(bn, made)).status).toBe(409);
    expect(one.imports.commits).toEqual([]);
    expect((await one.pool.query("SELECT count(*)::int AS n FROM staff_import_previews")).rows[0].n).toBe(0);

    // On the replica that made it, the preview is committed as shown (not read again).
    const here = await preview(bn, "000.31.20.H49-261201-0013");
    expect((await commit(bn, here)).status).toBe(200);
    expect(one.imports.previews).toHaveLength(2);
    expect(one.imports.commits).toEqual(["000.31.20.H49-261201-0013"]);

    // Another session cannot commit it; after 30 minutes nobody can.
    const mine = await preview(bn, "000.31.20.H49-261201-0014");
    const admin = new Client(two.url);
    expect((await admin.login("quan.tri")).status).toBe(303);
    const page = await (await admin.request("/staff/import")).text();
    expect((await commit(admin, { id: mine.id, csrf: Client.csrfOf(page) })).status).toBe(409);
    clock.at += 20 * MINUTE;
    expect((await onTwo.request("/staff/import")).status).toBe(200);
    clock.at += 10 * MINUTE + 1;
    expect((await commit(onTwo, mine)).status).toBe(409);
    expect(two.imports.commits).toEqual([text]);
    expect(one.imports.commits).toEqual(["000.31.20.H49-261201-0013"]);

    // Two clicks at once, one on each replica: stored once.
    const twice = await preview(onTwo, "000.31.20.H49-261201-0015");
    const statuses = await Promise.all([commit(bn, twice), commit(onTwo, twice)]);
    expect(statuses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect([...one.imports.commits, ...two.imports.commits].filter((t) => t.endsWith("0015"))).toHaveLength(1);
  });

  it("a preview is not committed once the account's ward changed since (read under the old limit), on either replica", async () => {
    clock.at = START + 6 * 24 * 60 * MINUTE;
    await addAccount(one.pool, "doi.vai", { kind: "province" });
    const staff = new Client(one.url);
    expect((await staff.login("doi.vai")).status).toBe(303);
    const onTwo = sameBrowserOn(staff, two.url);
    // Read with no ward limit; the account is then bound to one ward (same password: still signed in).
    const local = await preview(staff, "000.31.21.H49-261201-0021");
    const remote = await preview(staff, "000.31.21.H49-261201-0022");
    await addAccount(one.pool, "doi.vai", { kind: "ward", ward: "ben-nghe" });
    for (const [client, made] of [
      [staff, local],
      [onTwo, remote],
    ] as const) {
      const refused = await commit(client, made);
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain("chọn lại tệp");
    }
    expect([...one.imports.commits, ...two.imports.commits].filter((t) => t.includes("-002"))).toEqual([]);
  });

  it("audit lines written through one replica are read on the other: a ward's staff their ward's, the administrator all", async () => {
    clock.at = START + 3 * 24 * 60 * MINUTE;
    await one.pool.query("DELETE FROM staff_audit");
    const bn = new Client(one.url);
    const td = new Client(two.url);
    const admin = new Client(two.url);
    for (const [client, user] of [
      [bn, "can.bo.bn"],
      [td, "can.bo.td"],
      [admin, "quan.tri"],
    ] as const)
      expect((await client.login(user)).status).toBe(303);
    await lookUp(bn, "000.31.20.H49-261201-0001");
    await lookUp(td, "000.31.21.H49-261201-0002");
    await lookUp(admin, "000.31.21.H49-261201-0002");

    const lines = async (client: Client, base: string, query = "") => {
      const page = await (await sameBrowserOn(client, base).request(`/staff/audit${query}`)).text();
      return [
        ...page.matchAll(
          /<tr><td class="num">[^<]*<\/td><td data-label="Cán bộ">([^<]*)<\/td><td data-label="Thao tác">([^<]*)<\/td><td data-label="Chi tiết">([^<]*)</g,
        ),
      ].map((m) => `${m[1]} ${m[2]} ${m[3]}`.trim());
    };
    // Ben Nghe's staff, on the replica that did not write Tan Dinh's lines nor the administrator's.
    expect(await lines(bn, two.url)).toEqual([
      "can.bo.bn Tra cứu hồ sơ 000.31.20.H49-261201-0001",
      "can.bo.bn Đăng nhập",
    ]);
    // Asking for another ward changes nothing for a ward's staff.
    expect(await lines(bn, one.url, "?phuong=tan-dinh")).toEqual(await lines(bn, two.url));
    expect(await lines(td, one.url)).toEqual([
      "can.bo.td Tra cứu hồ sơ 000.31.21.H49-261201-0002",
      "can.bo.td Đăng nhập",
    ]);
    // The administrator sees every line (newest first), or one ward's; their own carry no ward.
    expect(await lines(admin, one.url)).toEqual([
      "quan.tri Tra cứu hồ sơ 000.31.21.H49-261201-0002",
      "can.bo.td Tra cứu hồ sơ 000.31.21.H49-261201-0002",
      "can.bo.bn Tra cứu hồ sơ 000.31.20.H49-261201-0001",
      "quan.tri Đăng nhập",
      "can.bo.td Đăng nhập",
      "can.bo.bn Đăng nhập",
    ]);
    expect(await lines(admin, two.url, "?phuong=ben-nghe")).toEqual(await lines(bn, one.url));
    const page = await (await sameBrowserOn(admin, one.url).request("/staff/audit")).text();
    expect(page).toContain("bảng staff_audit");
    expect(page).toContain('<option value="tan-dinh">Phường Tân Định</option>');
    const { rows } = await one.pool.query("SELECT username, ward FROM staff_audit WHERE action = 'lookup' ORDER BY id");
    expect(rows).toEqual([
      { username: "can.bo.bn", ward: "ben-nghe" },
      { username: "can.bo.td", ward: "tan-dinh" },
      { username: "quan.tri", ward: null },
    ]);
  });
});

describe("two services (createService) on one database", () => {
  it("sign in through one service's console, post and sign out through the other's", {
    tags: ["process"],
  }, async () => {
    const url = await (server as TestPostgres).database();
    const catalogue = await bundledCatalogue();
    const services: Service[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const data = await tempDir("motcua-staff-service-");
        cleanups.push(data.cleanup);
        const service = await createService(
          loadConfig({
            DATA_DIR: data.dir,
            DATABASE_URL: url,
            PORT: "0",
            PHONE_HASH_KEY: "khoa-bam-chung-cua-moi-ban-sao-0123456789",
          }),
          {
            logger: captureLogs().logger,
            fsync: false,
            channels: [],
            schedule: false,
            listen: true,
            staff: true,
            catalogue,
            watchCatalogue: false,
          },
        );
        services.push(service);
        await service.start();
      }
      await addAccount(pool(url), "can.bo");
      const [a, b] = services.map((s) => `http://127.0.0.1:${s.address?.port}`) as [string, string];
      const first = new Client(a);
      expect((await first.login("can.bo")).status).toBe(303);
      const second = sameBrowserOn(first, b);
      const looked = await lookUp(second, "000.31.20.H49-261201-0099");
      expect(looked.status).toBe(200);
      expect(await looked.text()).toContain("000.31.20.H49-261201-0099");
      const page = await (await second.request("/staff/audit")).text();
      expect(page).toContain("bảng staff_audit");
      expect(page).toContain("000.31.20.H49-261201-0099");
      expect((await second.request("/staff/logout", { form: { csrf: Client.csrfOf(page) } })).status).toBe(303);
      expect((await first.request("/staff/audit")).status).toBe(303);
    } finally {
      for (const service of services) await service.close();
    }
  });
});

describe.each([
  ["in memory", false],
  ["PostgreSQL rows", true],
] as const)("staff session contract: %s", (_name, onDatabase) => {
  it("ends a session when idle, at its hard end, or when ended; keeps its CSRF token and role", async () => {
    const clock = new Clock();
    const rules = { idleMs: 30 * MINUTE, maxAgeMs: 120 * MINUTE, maxSessions: 10 };
    const sessions: StaffSessions = onDatabase
      ? new DatabaseSessions(pool(await database()), clock.now, rules)
      : new SessionStore(clock.now, rules);
    const made = await sessions.create("lan", "scrypt$h", { kind: "ward", ward: "ben-nghe" });
    expect(await sessions.touch(undefined)).toBeUndefined();
    expect(await sessions.touch("not-a-session")).toBeUndefined();
    clock.at += 30 * MINUTE; // exactly the idle time: still alive
    expect(await sessions.touch(made.id)).toMatchObject({
      id: made.id,
      user: "lan",
      csrf: made.csrf,
      accountStamp: made.accountStamp,
      createdAt: START,
      lastSeenAt: START + 30 * MINUTE,
      role: { kind: "ward", ward: "ben-nghe" },
    });
    expect(sessions.cookieMaxAge(made)).toBe(90 * 60);
    clock.at += 30 * MINUTE + 1;
    expect(await sessions.touch(made.id)).toBeUndefined();
    expect(await sessions.touch(made.id)).toBeUndefined();

    clock.at = START;
    const busy = await sessions.create("lan", "scrypt$h");
    expect(busy.id).not.toBe(made.id);
    expect(busy.csrf).not.toBe(made.csrf);
    for (let t = 20; t <= 120; t += 20) {
      clock.at = START + t * MINUTE;
      expect((await sessions.touch(busy.id))?.user).toBe("lan");
    }
    clock.at += 1;
    expect(await sessions.touch(busy.id)).toBeUndefined();

    const ended = await sessions.create("minh", "scrypt$m");
    await sessions.end(ended.id);
    expect(await sessions.touch(ended.id)).toBeUndefined();
  });
});

describe.each([
  ["in memory", false],
  ["PostgreSQL rows", true],
] as const)("login limits contract: %s", (_name, onDatabase) => {
  it("locks a username at its limit, an address at its own, for lockMs; success clears the username only", async () => {
    const clock = new Clock();
    const rules = { perUser: 3, perAddress: 5, windowMs: 10 * MINUTE, lockMs: 15 * MINUTE };
    const url = onDatabase ? await database() : undefined;
    const limits: LoginLimits = url
      ? new DatabaseLoginThrottle(pool(url), clock.now, rules)
      : new LoginThrottle(clock.now, rules);
    // A second replica's view of the same rows.
    const second = url ? new DatabaseLoginThrottle(pool(url), clock.now, rules) : undefined;
    expect(await limits.fail("lan", "10.0.0.1")).toBeUndefined();
    // A failure out of the window no longer counts.
    clock.at += 10 * MINUTE;
    expect(await limits.fail("lan", "10.0.0.2")).toBeUndefined();
    expect(await limits.fail("lan", "10.0.0.2")).toBeUndefined();
    expect(await limits.lockedUntil("lan", "10.0.0.9")).toBeUndefined();
    const locked = await limits.fail("lan", "10.0.0.2");
    expect(locked).toBe(clock.at + 15 * MINUTE);
    expect(await limits.lockedUntil("lan", "10.0.0.9")).toBe(locked);
    expect(await limits.lockedUntil("minh", "10.0.0.9")).toBeUndefined();
    clock.at = (locked as number) - 1;
    expect(await limits.lockedUntil("lan", "10.0.0.9")).toBe(locked);
    clock.at = locked as number;
    expect(await limits.lockedUntil("lan", "10.0.0.9")).toBeUndefined();

    // The address: 5 failures within the window from any usernames.
    const users = ["a1", "a2", "a3", "a4"];
    for (const u of users) expect(await limits.fail(u, "10.0.0.3")).toBeUndefined();
    const byAddress = await limits.fail("a5", "10.0.0.3");
    expect(byAddress).toBe(clock.at + 15 * MINUTE);
    expect(await limits.lockedUntil("someone", "10.0.0.3")).toBe(byAddress);

    // Success clears the username's failures: two more then do not lock.
    expect(await limits.fail("hoa", "10.0.0.4")).toBeUndefined();
    expect(await limits.fail("hoa", "10.0.0.4")).toBeUndefined();
    await limits.succeed("hoa");
    expect(await limits.fail("hoa", "10.0.0.4")).toBeUndefined();
    expect(await limits.fail("hoa", "10.0.0.4")).toBeUndefined();
    expect(await limits.fail("hoa", "10.0.0.4")).toBe(clock.at + 15 * MINUTE);

    // Nine failures at once (two replicas, several connections each): none is lost, every third locks (perUser 3).
    clock.at += 60 * MINUTE;
    const twin: LoginLimits = onDatabase && second ? second : limits;
    const locks = await Promise.all(
      Array.from({ length: 9 }, (_, i) => (i % 2 ? twin : limits).fail("dong.thoi", `10.1.0.${i}`)),
    );
    expect(locks.filter((t) => t !== undefined)).toEqual([
      clock.at + 15 * MINUTE,
      clock.at + 15 * MINUTE,
      clock.at + 15 * MINUTE,
    ]);
  });
});

describe("failed-login rows in PostgreSQL", () => {
  const sha256 = (v: string) => createHash("sha256").update(v, "utf8").digest("base64url");

  it("are keyed by a secret key, not a plain hash that hashing every address would reverse; replicas share the key", async () => {
    const clock = new Clock();
    const url = await database();
    const one = new DatabaseLoginThrottle(pool(url), clock.now);
    const two = new DatabaseLoginThrottle(pool(url), clock.now);
    await one.fail("lan", "10.0.0.1");
    const { rows } = await pool(url).query<{ key: string }>("SELECT key FROM staff_login_failures ORDER BY key");
    expect(rows).toHaveLength(2);
    for (const plain of [sha256("u:lan"), sha256("a:10.0.0.1")]) expect(rows.map((r) => r.key)).not.toContain(plain);
    const { rows: meta } = await pool(url).query("SELECT value FROM store_meta WHERE name = 'staffLoginKey'");
    expect(meta[0].value).toMatch(/^[0-9a-f]{64}$/);
    // The other replica finds the same rows: its failures add to these (perUser 5 by default).
    for (let i = 0; i < 3; i++) expect(await two.fail("lan", "10.0.0.2")).toBeUndefined();
    expect(await two.fail("lan", "10.0.0.2")).toBe(clock.at + 15 * MINUTE);
    expect(await one.lockedUntil("lan", "10.0.0.3")).toBe(clock.at + 15 * MINUTE);
  });

  it("use the service's keyed hash when it passes one", async () => {
    const clock = new Clock();
    const url = await database();
    const limits = new DatabaseLoginThrottle(pool(url), clock.now, undefined, (c) => `k:${c}`);
    await limits.fail("lan", "10.0.0.1");
    const { rows } = await pool(url).query<{ key: string }>("SELECT key FROM staff_login_failures ORDER BY key");
    expect(rows.map((r) => r.key)).toEqual(["k:a:10.0.0.1", "k:u:lan"]);
  });
});

describe("moving a ward's audit log into the database", () => {
  it("carries each line's ward, so the ward's staff see theirs after the move", { tags: ["process"] }, async () => {
    const { dir, cleanup } = await tempDir("motcua-staff-move-");
    cleanups.push(cleanup);
    const log = AuditLog.open(dir, () => START, false);
    log.record("can.bo.bn", "login", undefined, "ben-nghe");
    log.record("can.bo.bn", "lookup", "000.31.20.H49-261201-0001", "ben-nghe");
    log.record("ai.do", "login-failed");
    log.record("can.bo.td", "lookup", "000.31.21.H49-261201-0002", "tan-dinh");
    log.close();
    const url = await (server as TestPostgres).database();
    const moved = await runScript("src/cli/store-migrate-to-postgres.ts", [], "", { DATA_DIR: dir, DATABASE_URL: url });
    expect(moved.stderr).toBe("");
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(/staff audit\s+4\s+4/);
    const db = pool(url);
    const { rows } = await db.query("SELECT username, action, detail, ward FROM staff_audit ORDER BY id");
    expect(rows).toEqual([
      { username: "can.bo.bn", action: "login", detail: null, ward: "ben-nghe" },
      { username: "can.bo.bn", action: "lookup", detail: "000.31.20.H49-261201-0001", ward: "ben-nghe" },
      { username: "ai.do", action: "login-failed", detail: null, ward: null },
      { username: "can.bo.td", action: "lookup", detail: "000.31.21.H49-261201-0002", ward: "tan-dinh" },
    ]);

    const replica = await startReplica(url, new Clock());
    await addAccount(db, "can.bo.td", { kind: "ward", ward: "tan-dinh" });
    const td = new Client(replica.url);
    expect((await td.login("can.bo.td")).status).toBe(303);
    const page = await (await td.request("/staff/audit")).text();
    expect(page).toContain("000.31.21.H49-261201-0002");
    expect(page).not.toContain("000.31.20.H49-261201-0001");
    expect(page).not.toContain("ai.do");
  });
});

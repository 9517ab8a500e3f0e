import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_COOKIE, SESSION_COOKIE } from "../../src/staff/console.js";
import { cookie } from "../../src/staff/http.js";
import {
  Client,
  type ConsoleHarness,
  MARKED_CODE,
  PASSWORD,
  startConsole,
  TEST_SCRYPT_COST,
  USER,
} from "../harness/staff.js";

const PAGES = [
  "/staff/",
  "/staff/ratings",
  "/staff/questions",
  `/staff/questions/label?text=${encodeURIComponent("làm hộ chiếu ở đâu")}`,
  "/staff/examples",
  "/staff/import",
  "/staff/lookup",
  "/staff/audit",
];
const DATA = [...PAGES, "/staff/ratings.xlsx"];

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
  await h.addRating({
    key: "HS-1",
    month: "2026-11",
    level: "dissatisfied",
    comment: '<script>alert("x")</script> chờ lâu quá & không ai hướng dẫn',
  });
  await h.questions.record("cấp giấy phép <b>nuôi</b> chó thế nào");
});
afterAll(() => h.close());

describe("without a session", () => {
  it("every page sends to the login form and shows no data", async () => {
    const client = new Client(h.url);
    for (const page of DATA) {
      const response = await client.request(page);
      expect(response.status, page).toBe(303);
      expect(response.headers.get("location")).toBe("/staff/login");
      const body = await response.text();
      expect(body).not.toContain("chờ lâu");
      expect(body).not.toContain("nuôi");
    }
  });

  it("refuses the forms (lookup, import commit, logout, câu mẫu)", async () => {
    const client = new Client(h.url);
    for (const page of [
      "/staff/lookup",
      "/staff/import/commit",
      "/staff/logout",
      "/staff/import",
      "/staff/examples",
      "/staff/examples/delete",
    ]) {
      const response = await client.request(page, { form: { csrf: "x", code: "000.00.00.H00-251103-0001" } });
      expect(response.status, page).toBe(403);
    }
  });

  it("a made-up session cookie is no session", async () => {
    const client = new Client(h.url);
    client.cookies.set(SESSION_COOKIE, "A".repeat(43));
    expect((await client.request("/staff/ratings")).status).toBe(303);
  });
});

describe("login", () => {
  it("sets an HttpOnly, SameSite=Strict, Path=/staff session cookie with an expiry, different at each login", async () => {
    const a = new Client(h.url);
    const response = await a.login();
    expect(response.status).toBe(303);
    const line = a.lastSetCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? "";
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Path=\/staff/);
    expect(line).toMatch(/; Max-Age=\d{4,}/);
    expect(line).not.toMatch(/Secure/);
    const b = new Client(h.url);
    await b.login();
    expect(a.cookies.get(SESSION_COOKIE)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b.cookies.get(SESSION_COOKIE)).not.toBe(a.cookies.get(SESSION_COOKIE));
    expect((await a.request("/staff/")).status).toBe(200);
  });

  it("adds Secure when the console is behind HTTPS", () => {
    expect(cookie(SESSION_COOKIE, "v", { maxAge: 60, secure: true, sameSite: "Strict" })).toMatch(/; Secure$/);
  });

  it("a wrong password is refused with a clear message, and logged without the password", async () => {
    const client = new Client(h.url);
    const response = await client.login(USER, "Sai mật khẩu rồi 123");
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("Tên đăng nhập hoặc mật khẩu không đúng.");
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    const audit = await readFile(path.join(h.dataDir, "staff", "audit.jsonl"), "utf8");
    expect(audit).toContain('"action":"login-failed"');
    expect(audit).not.toContain("Sai mật khẩu");
  });

  it("the login form needs its own token (cookie and field)", async () => {
    const client = new Client(h.url);
    await client.request("/staff/login");
    const response = await client.request("/staff/login", {
      form: { csrf: "forged", username: USER, password: PASSWORD },
    });
    expect(response.status).toBe(403);
    const noCookie = new Client(h.url);
    const page = await (await new Client(h.url).request("/staff/login")).text();
    const stolen = await noCookie.request("/staff/login", {
      form: { csrf: Client.csrfOf(page), username: USER, password: PASSWORD },
    });
    expect(stolen.status).toBe(403);
    expect(client.lastSetCookie.join()).not.toContain(`${SESSION_COOKIE}=`);
    expect(client.cookies.has(LOGIN_COOKIE)).toBe(true);
  });

  it("locks a username after 5 failures, even for the right password, and says until when", async () => {
    const user = "thu.ky";
    const { saveAccount } = await import("../../src/staff/accounts.js");
    const { hashPassword } = await import("../../src/staff/passwords.js");
    await saveAccount(h.dataDir, user, await hashPassword(PASSWORD, TEST_SCRYPT_COST), new Date());
    const client = new Client(h.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.login(user, `sai mật khẩu số ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await client.login(user, PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/tạm bị khoá\. Hãy thử lại sau 15 phút/);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    // Another account from the same place still works: one office shares one address.
    expect((await new Client(h.url).login()).status).toBe(303);
    const audit = await readFile(path.join(h.dataDir, "staff", "audit.jsonl"), "utf8");
    expect(audit).toContain(`"user":"${user}","action":"login-locked"`);
  });
});

describe("a burst of guesses", () => {
  it("sent at once, learns no more than the limit allows: past the lock every verdict is the same 429", async () => {
    // A console of its own: its address counter starts from none (the login lock bears on no câu mẫu: a thousand of
    // them are indexed, not all 25,000).
    const own = await startConsole({ examples: 1000 });
    try {
      const user = "ke.doan";
      const { saveAccount } = await import("../../src/staff/accounts.js");
      const { hashPassword } = await import("../../src/staff/passwords.js");
      await saveAccount(own.dataDir, user, await hashPassword(PASSWORD, TEST_SCRYPT_COST), new Date());
      // The login forms first, then every guess posted together: all of them pass the lock check
      // before the first failure is counted.
      const clients = Array.from({ length: 16 }, () => new Client(own.url));
      const forms = await Promise.all(
        clients.map(async (c) => Client.csrfOf(await (await c.request("/staff/login")).text())),
      );
      const responses = await Promise.all(
        clients.map((c, i) =>
          c.request("/staff/login", {
            form: { csrf: forms[i] as string, username: user, password: i === 15 ? PASSWORD : `sai ${i}` },
          }),
        ),
      );
      const wrong = responses.slice(0, 15).map((r) => r.status);
      // At most 4 wrong verdicts (the 5th failure locks); every other guess hears 429, as the right
      // password does unless it was checked before the lock began.
      expect(wrong.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
      expect(wrong.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
      expect([303, 429]).toContain(responses[15]?.status);
    } finally {
      await own.close();
    }
  });
});

describe("with a session", () => {
  let client: Client;
  let csrf: string;
  beforeAll(async () => {
    client = new Client(h.url);
    await client.login();
    csrf = Client.csrfOf(await (await client.request("/staff/lookup")).text());
  });

  it("every page has the security headers and is not cached", async () => {
    for (const page of PAGES) {
      const response = await client.request(page);
      expect(response.status, page).toBe(200);
      expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(response.headers.get("content-security-policy")).toContain("script-src 'none'");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      // Nothing is loaded from elsewhere.
      expect(await response.text()).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });

  it("refuses a form without the session's CSRF token, or posted from another site", async () => {
    const code = "000.31.20.H49-251103-0012";
    expect((await client.request("/staff/lookup", { form: { code } })).status).toBe(403);
    expect((await client.request("/staff/lookup", { form: { code, csrf: `${csrf.slice(0, -1)}x` } })).status).toBe(403);
    const crossSite = await client.request("/staff/lookup", {
      form: { code, csrf },
      headers: { origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    // Behind an HTTPS proxy that passes the public host on, the browser's Origin matches it.
    const proxied = await client.request("/staff/lookup", {
      form: { code, csrf },
      headers: { origin: "https://motcua.phuong.example", "x-forwarded-host": "motcua.phuong.example" },
    });
    expect(proxied.status).toBe(200);
    expect((await client.request("/staff/logout", { form: { csrf: "nope" } })).status).toBe(403);
    // Still signed in: the forged logout did nothing.
    expect((await client.request("/staff/")).status).toBe(200);
    const ok = await client.request("/staff/lookup", { form: { code, csrf } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Không tìm thấy hồ sơ");
  });

  it("an upload without the CSRF field is refused and nothing is previewed", async () => {
    const form = new FormData();
    form.set("file", new Blob(["code,procedure_code,phone,received_at,status\n"]), "hs.csv");
    const response = await client.request("/staff/import", { body: form });
    expect(response.status).toBe(403);
  });

  it("shows markup in a comment, a procedure name and a question as text", async () => {
    const ratings = await (await client.request(`/staff/ratings?procedure=${MARKED_CODE}`)).text();
    expect(ratings).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; chờ lâu quá &amp; không ai hướng dẫn");
    expect(ratings).not.toContain("<script>");
    expect(ratings).toContain("Đăng ký khai sinh &lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;b&gt;đậm&lt;/b&gt;");
    expect(ratings).not.toContain("<img");
    expect(ratings).not.toContain("<b>đậm");
    const overview = await (await client.request("/staff/")).text();
    expect(overview).not.toContain("<img");
    const questions = await (await client.request("/staff/questions")).text();
    expect(questions).toContain("&lt;b&gt;nuôi&lt;/b&gt;");
  });

  it("a new password (npm run staff:add again) signs that account out at once", async () => {
    const { saveAccount } = await import("../../src/staff/accounts.js");
    const { hashPassword } = await import("../../src/staff/passwords.js");
    const user = "pho.phong";
    await saveAccount(h.dataDir, user, await hashPassword(PASSWORD, TEST_SCRYPT_COST), new Date());
    const deputy = new Client(h.url);
    expect((await deputy.login(user, PASSWORD)).status).toBe(303);
    expect((await deputy.request("/staff/")).status).toBe(200);
    await saveAccount(h.dataDir, user, await hashPassword("Một mật khẩu mới tinh 2027", TEST_SCRYPT_COST), new Date());
    expect((await deputy.request("/staff/")).status).toBe(303);
    expect((await deputy.login(user, PASSWORD)).status).toBe(401);
    // Others stay signed in.
    expect((await client.request("/staff/")).status).toBe(200);
  });

  it("the ratings workbook downloads as a file, with the comments on their own sheet", async () => {
    const response = await client.request("/staff/ratings.xlsx?from=2026-11&to=2026-11");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="danh-gia-2026-11-den-2026-11.xlsx"',
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { readWorkbook } = await import("../dossiers/export-files.js");
    const book = await readWorkbook(new Uint8Array(await response.arrayBuffer()));
    const comments = (book["Góp ý"] ?? []).flat().map(String);
    expect(comments).toContain('<script>alert("x")</script> chờ lâu quá & không ai hướng dẫn');
    const ratings = await (await client.request("/staff/ratings")).text();
    expect(ratings).toContain('href="/staff/ratings.xlsx"');
  });

  it("logout ends the session", async () => {
    const other = new Client(h.url);
    await other.login();
    const page = await (await other.request("/staff/")).text();
    const sessionId = other.cookies.get(SESSION_COOKIE) ?? "";
    expect((await other.request("/staff/logout", { form: { csrf: Client.csrfOf(page) } })).status).toBe(303);
    other.cookies.set(SESSION_COOKIE, sessionId);
    expect((await other.request("/staff/")).status).toBe(303);
  });

  it("paths outside /staff are left to the server", async () => {
    expect((await client.request("/healthz")).status).toBe(404);
    expect(await (await client.request("/staff/nothing-here")).text()).toContain("Không có trang này");
  });
});

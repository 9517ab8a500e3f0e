/**
 * Security: the service's one HTTP server (both webhooks, POST /api/dossiers, /healthz), built
 * as main.ts builds it, sent requests with missing or wrong secrets, oversized bodies, malformed
 * JSON, content that is not an update or a dossier list, wrong methods and paths, broken HTTP
 * and clients that hang up mid-body. Each must be rejected (its expected 4xx, or no answer for
 * a client that left) with nothing handled: no update taken by a channel, no call to the fake
 * Bot APIs, no dossier stored, no crash. Afterwards /healthz answers and proper requests work.
 */
import { request } from "node:http";
import { connect } from "node:net";
import { performance } from "node:perf_hooks";
import { FakeTelegramApi } from "./fake-telegram-api.js";
import { FakeZaloApi, textUpdate, FAKE_TOKEN as ZALO_TOKEN } from "./fake-zalo-api.js";
import {
  countingCrashes,
  DOSSIER_TOKEN,
  type RunningService,
  startService,
  TELEGRAM_SECRET,
  ZALO_SECRET,
} from "./reliability-service.js";

const MB = 1024 * 1024;
const TG = "/webhook/telegram";
const ZALO = "/webhook/zalo";
const API = "/api/dossiers";
const TG_HEADER = "x-telegram-bot-api-secret-token";
const ZALO_HEADER = "x-bot-api-secret-token";

/** A request as sent on the wire; `chunked` sends the body without a Content-Length. */
export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: Buffer | string;
  chunked?: boolean;
  /** Raw bytes on a socket instead of an HTTP client (broken HTTP, hang-ups mid-body). */
  raw?: { bytes: string; hangUpAfterMs?: number };
}

export interface SecurityCase {
  group: "telegram webhook" | "zalo webhook" | "dossier API" | "server";
  name: string;
  /** Statuses that count as rejected; 0 means "no answer" (a client that hung up gets none). */
  expect: number[];
  request: RawRequest;
}

const tgUpdate = (id: number) =>
  JSON.stringify({
    update_id: id,
    message: {
      message_id: 1,
      date: 1_750_000_000,
      chat: { id: 4242, type: "private", first_name: "A" },
      from: { id: 4242, is_bot: false, first_name: "A" },
      text: "/start",
    },
  });
const zaloBody = (id: string) => JSON.stringify({ ok: true, result: textUpdate("sec4242", "xin chào", id) });
/** One well-formed dossier row: stored if the request were accepted. */
const dossierRows = JSON.stringify([
  {
    code: "000.31.20.H49-251103-0012",
    procedure_code: "1.001193",
    applicant_name: "Nguyễn Văn A",
    phone: "0912 345 678",
    received_at: "03/11/2025",
    due_at: "2025-11-05",
    status: "4",
    office: "ubnd",
  },
]);
const oversized = (bytes: number) => Buffer.alloc(bytes, 0x20);
const deepJson = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
const invalidUtf8 = Buffer.from([0x7b, 0x22, 0x75, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]);

function hangUp(path: string, headers: string): RawRequest {
  return {
    path,
    raw: {
      bytes: `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${headers}Content-Length: 100000\r\n\r\n{"update_id": 1, "mess`,
      hangUpAfterMs: 50,
    },
  };
}

/** The matrix. Valid-looking bodies throughout, so anything let through would be handled and seen. */
export function securityCases(): SecurityCase[] {
  const cases: SecurityCase[] = [];
  const webhook = (
    group: SecurityCase["group"],
    path: string,
    header: string,
    secret: string,
    otherHeader: string,
    otherSecret: string,
    body: () => string,
    limit: number,
  ) => {
    const post = (
      name: string,
      expect: number[],
      headers: Record<string, string | string[]>,
      b: string | Buffer = body(),
    ) =>
      cases.push({
        group,
        name,
        expect,
        request: { path, headers: { "content-type": "application/json", ...headers }, body: b },
      });
    post("no secret header", [401], {});
    post("empty secret header", [401], { [header]: "" });
    post("wrong secret, same length", [401], { [header]: "x".repeat(secret.length) });
    post("right secret plus one character", [401], { [header]: `${secret}x` });
    post("right secret minus its last character", [401], { [header]: secret.slice(0, -1) });
    post("right secret in upper case", [401], { [header]: secret.toUpperCase() });
    post("the other channel's secret", [401], { [header]: otherSecret });
    post("the dossier API token as secret", [401], { [header]: DOSSIER_TOKEN });
    post("right secret under the other channel's header", [401], { [otherHeader]: secret });
    post("right secret as a Bearer token", [401], { authorization: `Bearer ${secret}` });
    post("right secret sent twice (joined by the parser)", [401], { [header]: [secret, secret] });
    cases.push({
      group,
      name: "right secret in the query string",
      expect: [401],
      request: {
        path: `${path}?secret_token=${secret}`,
        headers: { "content-type": "application/json" },
        body: body(),
      },
    });
    post("right secret, malformed JSON", [400], { [header]: secret }, '{"update_id": 1,');
    post("right secret, empty body", [400], { [header]: secret }, "");
    post("right secret, JSON null", [400], { [header]: secret }, "null");
    post("right secret, JSON array", [400], { [header]: secret }, "[]");
    post("right secret, JSON string", [400], { [header]: secret }, '"update"');
    post("right secret, invalid UTF-8", [400], { [header]: secret }, invalidUtf8);
    post("right secret, 200,000-deep nested JSON", [400], { [header]: secret }, deepJson);
    post("right secret, body 1 byte over the cap", [413], { [header]: secret }, oversized(limit + 1));
    post("no secret, body over the cap", [401, 413], {}, oversized(limit + 1));
    cases.push({
      group,
      name: "right secret, chunked body over the cap (no Content-Length)",
      expect: [413],
      request: { path, headers: { [header]: secret }, body: oversized(limit + 64 * 1024), chunked: true },
    });
    cases.push({
      group,
      name: "right secret, Content-Length of 1 GB",
      expect: [413],
      request: {
        path,
        raw: {
          bytes: `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${header}: ${secret}\r\nContent-Length: 1073741824\r\n\r\n{`,
          hangUpAfterMs: 200,
        },
      },
    });
    cases.push({
      group,
      name: "GET",
      expect: [404, 405],
      request: { method: "GET", path, headers: { [header]: secret } },
    });
    cases.push({
      group,
      name: "PUT with the right secret",
      expect: [404, 405],
      request: { method: "PUT", path, headers: { [header]: secret }, body: body() },
    });
    for (const wrongPath of [
      `${path}/`,
      path.toUpperCase(),
      `${path}/../${path.split("/").pop()}`,
      path.replace("/webhook/", "/webhook/%2e%2e/webhook/"),
      `/${path}`,
    ]) {
      cases.push({
        group,
        name: `POST to ${wrongPath} with the right secret`,
        expect: [404],
        request: { path: wrongPath, headers: { [header]: secret, "content-type": "application/json" }, body: body() },
      });
    }
    cases.push({ group, name: "client hangs up mid-body, no secret", expect: [0], request: hangUp(path, "") });
    cases.push({
      group,
      name: "client hangs up mid-body, right secret",
      expect: [0],
      request: hangUp(path, `${header}: ${secret}\r\n`),
    });
  };

  let tgId = 900_000_000;
  let zaloId = 0;
  webhook("telegram webhook", TG, TG_HEADER, TELEGRAM_SECRET, ZALO_HEADER, ZALO_SECRET, () => tgUpdate(tgId++), 1 * MB);
  webhook(
    "zalo webhook",
    ZALO,
    ZALO_HEADER,
    ZALO_SECRET,
    TG_HEADER,
    TELEGRAM_SECRET,
    () => zaloBody(`5ec${zaloId++}`),
    1 * MB,
  );
  // Bodies not an update, with the right secret (each channel's own shape).
  const notUpdate = (
    group: SecurityCase["group"],
    path: string,
    header: string,
    secret: string,
    name: string,
    body: string,
  ) =>
    cases.push({
      group,
      name: `right secret, ${name}`,
      expect: [400],
      request: { path, headers: { [header]: secret }, body },
    });
  notUpdate("telegram webhook", TG, TG_HEADER, TELEGRAM_SECRET, "update_id -1", '{"update_id":-1,"message":{}}');
  notUpdate("telegram webhook", TG, TG_HEADER, TELEGRAM_SECRET, "update_id as a string", '{"update_id":"1"}');
  notUpdate("telegram webhook", TG, TG_HEADER, TELEGRAM_SECRET, "update_id 1.5", '{"update_id":1.5}');
  notUpdate("telegram webhook", TG, TG_HEADER, TELEGRAM_SECRET, "a Zalo update", zaloBody("5ecz"));
  notUpdate("zalo webhook", ZALO, ZALO_HEADER, ZALO_SECRET, "an empty object", "{}");
  notUpdate("zalo webhook", ZALO, ZALO_HEADER, ZALO_SECRET, "event_name not a string", '{"event_name":5}');
  notUpdate("zalo webhook", ZALO, ZALO_HEADER, ZALO_SECRET, "result null", '{"ok":true,"result":null}');
  notUpdate("zalo webhook", ZALO, ZALO_HEADER, ZALO_SECRET, "a Telegram update", tgUpdate(1));

  // The dossier API: Authorization: Bearer <DOSSIER_API_TOKEN>, 20 MB cap, JSON or CSV.
  const api = (
    name: string,
    expect: number[],
    headers: Record<string, string | string[]>,
    body: string | Buffer = dossierRows,
    extra: Partial<RawRequest> = {},
  ) =>
    cases.push({
      group: "dossier API",
      name,
      expect,
      request: { path: API, headers: { "content-type": "application/json", ...headers }, body, ...extra },
    });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  api("no Authorization header", [401], {});
  api("empty Authorization header", [401], { authorization: "" });
  api("wrong token, same length", [401], bearer("x".repeat(DOSSIER_TOKEN.length)));
  api("right token plus one character", [401], bearer(`${DOSSIER_TOKEN}x`));
  api("right token minus its last character", [401], bearer(DOSSIER_TOKEN.slice(0, -1)));
  api("right token without the Bearer scheme", [401], { authorization: DOSSIER_TOKEN });
  api("right token as Basic credentials", [401], {
    authorization: `Basic ${Buffer.from(`api:${DOSSIER_TOKEN}`).toString("base64")}`,
  });
  api("right token after two words", [401], { authorization: `Bearer Bearer ${DOSSIER_TOKEN}` });
  api("right token in another header", [401], { "x-api-key": DOSSIER_TOKEN });
  api("a webhook secret as the token", [401], bearer(TELEGRAM_SECRET));
  cases.push({
    group: "dossier API",
    name: "right token in the query string",
    expect: [401],
    request: {
      path: `${API}?token=${DOSSIER_TOKEN}`,
      headers: { "content-type": "application/json" },
      body: dossierRows,
    },
  });
  api("right token, malformed JSON", [400], bearer(DOSSIER_TOKEN), dossierRows.slice(0, -3));
  api("right token, empty body", [400], bearer(DOSSIER_TOKEN), "");
  api("right token, JSON object without a list", [400], bearer(DOSSIER_TOKEN), '{"hello":1}');
  api("right token, JSON null", [400], bearer(DOSSIER_TOKEN), "null");
  // It parses (V8 has no depth limit): one row, not a dossier, rejected by the row check.
  api("right token, 200,000-deep nested JSON (row rejected)", [200, 400], bearer(DOSSIER_TOKEN), deepJson);
  api("right token, invalid UTF-8", [400], bearer(DOSSIER_TOKEN), invalidUtf8);
  api(
    "right token, CSV without its header line",
    [400],
    { ...bearer(DOSSIER_TOKEN), "content-type": "text/csv" },
    "a,b,c\n1,2,3\n",
  );
  api("right token, JSON sent as CSV", [400], { ...bearer(DOSSIER_TOKEN), "content-type": "text/csv" });
  api("no token, body over the 20 MB cap", [401, 413], {}, oversized(20 * MB + 1));
  api("right token, body 1 byte over the 20 MB cap", [413], bearer(DOSSIER_TOKEN), oversized(20 * MB + 1));
  api("right token, chunked body over the cap", [413], bearer(DOSSIER_TOKEN), oversized(20 * MB + 64 * 1024), {
    chunked: true,
  });
  cases.push({
    group: "dossier API",
    name: "GET",
    expect: [404, 405],
    request: { method: "GET", path: API, headers: bearer(DOSSIER_TOKEN) },
  });
  cases.push({
    group: "dossier API",
    name: "DELETE with the right token",
    expect: [404, 405],
    request: { method: "DELETE", path: API, headers: bearer(DOSSIER_TOKEN) },
  });
  for (const wrongPath of [`${API}/`, "/api/dossiers/../dossiers", "/API/DOSSIERS", "/api//dossiers"]) {
    cases.push({
      group: "dossier API",
      name: `POST to ${wrongPath} with the right token`,
      expect: [404],
      request: {
        path: wrongPath,
        headers: { ...bearer(DOSSIER_TOKEN), "content-type": "application/json" },
        body: dossierRows,
      },
    });
  }
  cases.push({
    group: "dossier API",
    name: "client hangs up mid-body, right token",
    expect: [0],
    request: hangUp(API, `Authorization: Bearer ${DOSSIER_TOKEN}\r\n`),
  });

  // The server itself.
  cases.push({ group: "server", name: "POST /healthz", expect: [404, 405], request: { path: "/healthz", body: "{}" } });
  cases.push({ group: "server", name: "GET /", expect: [404], request: { method: "GET", path: "/" } });
  cases.push({ group: "server", name: "GET /.env", expect: [404], request: { method: "GET", path: "/.env" } });
  cases.push({
    group: "server",
    name: "GET /../../etc/passwd",
    expect: [404],
    request: { method: "GET", path: "/../../etc/passwd" },
  });
  cases.push({
    group: "server",
    name: "headers over 16 KB",
    expect: [431],
    request: { path: TG, headers: { [TG_HEADER]: TELEGRAM_SECRET, "x-filler": "a".repeat(20_000) }, body: tgUpdate(1) },
  });
  cases.push({
    group: "server",
    name: "not HTTP at all",
    expect: [400],
    request: {
      path: "-",
      raw: { bytes: "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003 hello\r\n\r\n" },
    },
  });
  cases.push({
    group: "server",
    name: "Content-Length and Transfer-Encoding both (request smuggling)",
    expect: [400],
    request: {
      path: TG,
      raw: {
        bytes: `POST ${TG} HTTP/1.1\r\nHost: 127.0.0.1\r\n${TG_HEADER}: ${TELEGRAM_SECRET}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      },
    },
  });
  return cases;
}

export interface SecurityCaseResult extends SecurityCase {
  status: number;
  rejected: boolean;
  /** What this request got handled, if anything (counters that moved). */
  handled?: string;
}

export interface SecurityReport {
  cases: SecurityCaseResult[];
  /** Over the whole matrix: calls the service made to the fake APIs, updates taken, dossiers stored. */
  leaks: string[];
  crashes: string[];
  healthAfter: number;
  /** Proper requests afterwards: a Telegram update, a Zalo update and a dossier import, each handled. */
  properAfter: { telegram: boolean; zalo: boolean; dossiers: boolean };
  timing?: TimingFigures;
  seconds: number;
}

export interface TimingFigures {
  samples: number;
  /** Median time to a 401, by how the wrong secret differs from the right one (µs). */
  medianUs: { firstCharWrong: number; lastCharWrong: number; short: number; long: number };
  spreadUs: number;
}

/** Counters that move when anything is handled. */
function handledState(service: RunningService, telegram: FakeTelegramApi, zalo: FakeZaloApi) {
  const tg = service.telegram.health();
  const zl = service.zalo.health();
  const storage = service.health().storage;
  const outgoing = [
    "sendMessage",
    "sendChatAction",
    "answerCallbackQuery",
    "editMessageText",
    "editMessageReplyMarkup",
  ];
  return {
    "telegram updates received": tg.mode === "webhook" ? tg.received : 0,
    "telegram updates handled": tg.handled + tg.failed,
    "telegram API calls": outgoing.reduce((n, m) => n + telegram.callsTo(m).length, 0),
    "zalo updates received": zl.received,
    "zalo API calls": zalo.callsOf("sendMessage").length + zalo.callsOf("sendChatAction").length,
    "dossiers stored": storage?.dossiers ?? 0,
  };
}

function moved(before: Record<string, number>, after: Record<string, number>): string | undefined {
  const changes = Object.entries(after)
    .filter(([k, v]) => v !== before[k])
    .map(([k, v]) => `${k} ${before[k]} → ${v}`);
  return changes.length > 0 ? changes.join(", ") : undefined;
}

export async function runSecurity(options: { timing?: boolean } = {}): Promise<SecurityReport> {
  const started = performance.now();
  const telegram = await FakeTelegramApi.start();
  const zalo = await FakeZaloApi.start();
  let service: RunningService | undefined;
  try {
    const { value, crashes } = await countingCrashes(async () => {
      service = await startService({
        telegram: { apiRoot: telegram.apiRoot, token: telegram.token },
        zalo: { apiRoot: zalo.apiRoot, token: ZALO_TOKEN },
      });
      telegram.webhookOrigin = service.origin;
      return matrix(service, telegram, zalo, options);
    });
    return { ...value, crashes, seconds: (performance.now() - started) / 1000 };
  } finally {
    await service?.stop();
    await telegram.close();
    await zalo.close();
  }
}

async function matrix(
  service: RunningService,
  telegram: FakeTelegramApi,
  zalo: FakeZaloApi,
  options: { timing?: boolean },
): Promise<Omit<SecurityReport, "crashes" | "seconds">> {
  const start = handledState(service, telegram, zalo);
  const results: SecurityCaseResult[] = [];
  for (const c of securityCases()) {
    const before = handledState(service, telegram, zalo);
    const status = await send(service.port, c.request);
    // Zalo handles after answering: give work started by a leaked request a moment to show.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const handled = moved(before, handledState(service, telegram, zalo));
    results.push({ ...c, status, rejected: c.expect.includes(status) && handled === undefined, handled });
  }
  const timing = options.timing ? await timeSecretChecks(service.port) : undefined;
  await new Promise((resolve) => setTimeout(resolve, 100));
  const end = handledState(service, telegram, zalo);
  const change = moved(start, end);
  const leaks = change ? [change] : [];

  const health = await send(service.port, { method: "GET", path: "/healthz" });
  const properAfter = await proper(service, telegram, zalo);
  return { cases: results, leaks, healthAfter: health, properAfter, timing };
}

/** A right Telegram update, Zalo update and dossier import after the matrix: each must be handled. */
async function proper(service: RunningService, telegram: FakeTelegramApi, zalo: FakeZaloApi) {
  const tg = await telegram.sendText(4242, "xin chào");
  const tgOk = tg.status === 200 && telegram.botMessages(4242).length > 0;
  const zl = await zalo.deliver(`${service.origin}${ZALO}`, textUpdate("sec4242", "xin chào", "5ec-proper"));
  let zlOk = zl.status === 200;
  if (zlOk)
    zlOk = await zalo
      .waitFor(() => zalo.sentTo("sec4242").length > 0, 5_000)
      .then(
        () => true,
        () => false,
      );
  const api = await send(service.port, {
    path: API,
    headers: { authorization: `Bearer ${DOSSIER_TOKEN}`, "content-type": "application/json" },
    body: dossierRows,
  });
  const stored = service.health().storage?.dossiers ?? 0;
  return { telegram: tgOk, zalo: zlOk, dossiers: api === 200 && stored === 1 };
}

/** Sends one request; resolves to the status, or 0 when no answer came (the client hung up, or the server closed). */
export function send(port: number, req: RawRequest): Promise<number> {
  if (req.raw) return sendRaw(port, req.raw);
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(status);
    };
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
    const headers: Record<string, string | string[] | number> = { ...req.headers };
    if (body && !req.chunked) headers["content-length"] = body.length;
    const client = request(
      { host: "127.0.0.1", port, method: req.method ?? "POST", path: req.path, headers, agent: false },
      (res) => {
        res.resume();
        res.on("end", () => done(res.statusCode ?? 0));
        res.on("error", () => done(res.statusCode ?? 0));
      },
    );
    // A server that answers early (413) may close while the body is still going out.
    client.on("error", () => done(0));
    const timer = setTimeout(() => {
      client.destroy();
      done(0);
    }, 30_000);
    if (body && req.chunked) {
      for (let at = 0; at < body.length; at += 64 * 1024) client.write(body.subarray(at, at + 64 * 1024));
      client.end();
    } else {
      client.end(body);
    }
  });
}

/** Raw bytes on a socket; the status line of any answer, or 0. */
function sendRaw(port: number, raw: NonNullable<RawRequest["raw"]>): Promise<number> {
  return new Promise((resolve) => {
    let data = "";
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      resolve(match ? Number(match[1]) : 0);
    };
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(raw.bytes, "latin1");
      if (raw.hangUpAfterMs !== undefined) setTimeout(() => socket.destroy(), raw.hangUpAfterMs);
    });
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      data += chunk;
    });
    socket.on("close", done);
    socket.on("error", done);
    const timer = setTimeout(() => socket.destroy(), 5_000);
  });
}

/**
 * An informational look at the secret check's timing through HTTP: rounds of 401s for wrong
 * secrets differing in their first or last character, or in length, interleaved. The check
 * hashes both sides before a constant-time compare, so the medians should differ by noise only.
 */
async function timeSecretChecks(port: number, rounds = 400): Promise<TimingFigures> {
  const variants = {
    firstCharWrong: `X${TELEGRAM_SECRET.slice(1)}`,
    lastCharWrong: `${TELEGRAM_SECRET.slice(0, -1)}X`,
    short: "x",
    long: "x".repeat(256),
  };
  const times: Record<keyof typeof variants, number[]> = { firstCharWrong: [], lastCharWrong: [], short: [], long: [] };
  const body = tgUpdate(1);
  const { Agent } = await import("node:http");
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = (secret: string) =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const req = request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: TG,
          agent,
          headers: {
            [TG_HEADER]: secret,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(performance.now() - t0));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  const keys = Object.keys(variants) as (keyof typeof variants)[];
  for (let i = 0; i < rounds; i++) {
    for (const key of keys) times[key].push(await once(variants[key]));
  }
  agent.destroy();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const medianUs = Object.fromEntries(
    keys.map((k) => [k, Math.round(median(times[k]) * 1000)]),
  ) as TimingFigures["medianUs"];
  const values = Object.values(medianUs);
  return { samples: rounds, medianUs, spreadUs: Math.max(...values) - Math.min(...values) };
}

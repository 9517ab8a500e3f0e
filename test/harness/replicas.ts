/**
 * Two replicas of the real service (`node --import tsx src/main.ts`, child processes) on one
 * PostgreSQL (test/harness/postgres.ts), as a province deploys it: each replica has its own
 * DATA_DIR and port, both share DATABASE_URL, the catalogue folder and PHONE_HASH_KEY, and a
 * tiny round-robin HTTP proxy on 127.0.0.1 stands for the HTTPS load balancer in front of them
 * (webhooks of the fake Telegram and Zalo APIs, the dossier API and /healthz go through it).
 * The test clock (MOTCUA_FAKE_CLOCK_FILE) is one file both replicas read.
 *
 * It offers what the office day (office-day.ts) and the fault runs use of ServiceHarness, so the
 * same play runs against two replicas; `replica(i)` kills, stops and restarts one of them.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type RunResult, runTsx } from "./common.js";
import { FakeTelegramApi, FAKE_TOKEN as TELEGRAM_TOKEN } from "./fake-telegram-api.js";
import { FakeZaloApi, FAKE_TOKEN as ZALO_TOKEN } from "./fake-zalo-api.js";
import { startPostgres, type TestPostgres } from "./postgres.js";
import {
  at,
  botMessage,
  clockAfter,
  fetchHealth,
  findLeaks,
  findProcedure,
  type HarnessOptions,
  type LogLine,
  type ProcedureJson,
  postDossierRows,
  ROOT,
  receivedBy,
  runSecrets,
  type ServiceHarness,
  showTime,
  TIME_ZONE,
  waitUntil,
  writeClockFile,
  zaloWrites,
} from "./service-harness.js";
import { ServiceProcess } from "./service-process.js";

const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const PUBLIC = "https://bot.test.invalid";

/** What the office day and the fault runs use of a harness; ServiceHarness and ReplicaHarness both have it. */
export type OfficeHarness = Pick<
  ServiceHarness,
  | "telegram"
  | "zalo"
  | "root"
  | "catalogueDir"
  | "logs"
  | "now"
  | "ready"
  | "setClock"
  | "settled"
  | "health"
  | "postDossiers"
  | "runScript"
  | "zaloSay"
  | "received"
  | "telegramMessageId"
  | "buttons"
  | "procedure"
  | "leaks"
  | "secretValues"
>;

/** A log line, with the replica (0 or 1) that wrote it. */
export interface ReplicaLogLine extends LogLine {
  replica: number;
}

/** One replica: its own DATA_DIR and port; started, killed and restarted on its own. */
export class Replica {
  port = 0;
  runs = 0;

  private readonly process: ServiceProcess;

  constructor(
    readonly index: number,
    readonly dataDir: string,
    private readonly harness: ReplicaHarness,
  ) {
    this.process = new ServiceProcess(`replica ${index}`);
  }

  get running(): boolean {
    return this.process.running;
  }

  /** Logged "started" and neither stopped nor dead since. */
  get up(): boolean {
    return this.process.up;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process; resolves once it logged "started" (its channels are up). */
  async start(timeoutMs = 120_000): Promise<void> {
    const run = ++this.runs;
    await this.process.start({
      args: ["--import", TSX, path.join(ROOT, "src/main.ts")],
      cwd: this.harness.root,
      env: { ...this.harness.env(this.index), PORT: String(this.port) },
      timeoutMs,
      onLine: ({ text, json }) => {
        this.harness.logs.push({ replica: this.index, run, text, json });
        if (json?.msg === "http server listening" && typeof json.port === "number") this.port = json.port;
      },
    });
  }

  /** SIGTERM; resolves to the exit code. */
  stop(timeoutMs = 60_000): Promise<number | null> {
    return this.process.stop(timeoutMs);
  }

  /** SIGKILL: dies wherever it is. */
  kill(): Promise<void> {
    return this.process.kill();
  }

  async health(): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.url}/healthz`);
    return (await response.json()) as Record<string, unknown>;
  }
}

export interface ReplicaHarnessOptions extends HarnessOptions {
  /** Replicas (default 2). */
  replicas?: number;
}

export class ReplicaHarness implements OfficeHarness {
  readonly logs: ReplicaLogLine[] = [];
  readonly replicas: Replica[] = [];
  readonly secrets = {
    apiToken: randomBytes(24).toString("hex"),
    telegramWebhook: `tg_${randomBytes(16).toString("hex")}`,
    zaloWebhook: `zl_${randomBytes(16).toString("hex")}`,
  };
  /** One key for every replica, as docs/province.md asks. */
  readonly phoneHashKey = randomBytes(32).toString("hex");
  readonly catalogueDir: string;
  readonly clockFile: string;
  now: number;
  /** Requests the proxy passed on, per replica; and those it could give to none (502). */
  readonly proxied: number[] = [];
  refused = 0;
  private proxy?: Server;
  private proxyPort = 0;
  private turn = 0;

  private constructor(
    readonly options: ReplicaHarnessOptions,
    readonly root: string,
    readonly telegram: FakeTelegramApi,
    readonly zalo: FakeZaloApi,
    readonly postgres: TestPostgres,
    readonly databaseUrl: string,
  ) {
    this.catalogueDir = path.join(root, "data");
    this.clockFile = path.join(root, "clock");
    this.now = at(options.start);
    for (let i = 0; i < (options.replicas ?? 2); i++) {
      this.replicas.push(new Replica(i, path.join(root, `var-${i}`), this));
      this.proxied.push(0);
    }
  }

  static async create(options: ReplicaHarnessOptions): Promise<ReplicaHarness> {
    const root = await mkdtemp(path.join(tmpdir(), "motcua-replicas-"));
    const postgres = await startPostgres();
    const url = await postgres.database();
    const telegram = await FakeTelegramApi.start({ maxPollSeconds: 5 });
    const zalo = await FakeZaloApi.start({ maxPollWaitMs: options.zaloPollWaitMs ?? 2_000 });
    const h = new ReplicaHarness(options, root, telegram, zalo, postgres, url);
    await cp(path.join(ROOT, "data"), h.catalogueDir, { recursive: true });
    await h.writeClock(h.now);
    await h.startProxy();
    telegram.webhookOrigin = h.apiUrl;
    return h;
  }

  /** The load balancer's address: what Telegram, Zalo and the one-stop system reach. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.proxyPort}`;
  }

  /** Some replica is up. */
  get ready(): boolean {
    return this.replicas.some((r) => r.up);
  }

  replica(i: number): Replica {
    const r = this.replicas[i];
    if (!r) throw new Error(`no replica ${i}`);
    return r;
  }

  env(index: number): Record<string, string> {
    const o = this.options;
    return {
      PATH: process.env.PATH ?? "",
      HOME: this.root,
      LANG: "C.UTF-8",
      DATA_DIR: this.replica(index).dataDir,
      CATALOGUE_DIR: this.catalogueDir,
      DATABASE_URL: this.databaseUrl,
      PHONE_HASH_KEY: this.phoneHashKey,
      HOST: "127.0.0.1",
      PORT: String(this.replica(index).port),
      LOG_LEVEL: "info",
      TIMEZONE: TIME_ZONE,
      MOTCUA_FAKE_CLOCK_FILE: this.clockFile,
      DOSSIER_API_TOKEN: this.secrets.apiToken,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: this.telegram.apiRoot,
      TELEGRAM_MODE: o.telegramMode,
      ...(o.telegramMode === "webhook"
        ? { TELEGRAM_WEBHOOK_URL: `${PUBLIC}/webhook/telegram`, TELEGRAM_WEBHOOK_SECRET: this.secrets.telegramWebhook }
        : {}),
      ZALO_BOT_TOKEN: ZALO_TOKEN,
      ZALO_API_ROOT: this.zalo.apiRoot,
      ZALO_MODE: o.zaloMode,
      ...(o.zaloMode === "webhook"
        ? { ZALO_WEBHOOK_URL: `${PUBLIC}/webhook/zalo`, ZALO_WEBHOOK_SECRET: this.secrets.zaloWebhook }
        : {}),
      ...o.env,
    };
  }

  /** Starts every replica, one after another (the first migrates the database). */
  async start(): Promise<void> {
    for (const r of this.replicas) await r.start();
  }

  /** SIGTERM to every replica; their exit codes. */
  async stop(): Promise<(number | null)[]> {
    const codes: (number | null)[] = [];
    for (const r of this.replicas) codes.push(await r.stop());
    return codes;
  }

  /** Which replica holds the polling lease, by /healthz (undefined when none says so). */
  async leader(): Promise<number | undefined> {
    for (const r of this.replicas) {
      if (!r.up) continue;
      const health = await r.health().catch(() => undefined);
      if ((health?.replica as { role?: string } | undefined)?.role === "leader") return r.index;
    }
    return undefined;
  }

  cleanUpOnSignals(): void {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.once(signal, () => {
        for (const r of this.replicas) void r.kill();
        rmSync(this.root, { recursive: true, force: true });
        process.exit(130);
      });
    }
  }

  async close(keep = false): Promise<void> {
    await Promise.allSettled(this.replicas.map((r) => r.stop().catch(() => r.kill())));
    await new Promise<void>((resolve) => (this.proxy ? this.proxy.close(() => resolve()) : resolve()));
    this.proxy?.closeAllConnections();
    await Promise.allSettled([this.telegram.close(), this.zalo.close()]);
    await this.postgres.stop().catch(() => undefined);
    if (!keep) await rm(this.root, { recursive: true, force: true });
  }

  // ---- the clock ---------------------------------------------------------------------------

  async setClock(local: string | number): Promise<void> {
    const next = clockAfter(this.now, local);
    this.now = next;
    await this.writeClock(next);
    if (this.ready) await this.settled();
  }

  /**
   * Every replica that is up has run (or seen another replica run) each job due by the clock's
   * time: asked of each replica directly, not through the proxy.
   */
  async settled(timeoutMs = 60_000): Promise<void> {
    const want = new Date(this.now).toISOString();
    await waitUntil(
      async () => {
        for (const r of this.replicas) {
          if (!r.up) continue;
          const health = await r.health().catch(() => undefined);
          if (!health) return !r.up; // killed meanwhile: only those still up count
          if ((health.clock as { settled?: string } | undefined)?.settled !== want) return false;
        }
        return true;
      },
      timeoutMs,
      `the replicas to settle at ${showTime(this.now)}`,
    );
  }

  private async writeClock(ms: number): Promise<void> {
    await writeClockFile(this.clockFile, ms);
  }

  // ---- HTTP, through the load balancer -----------------------------------------------------

  async health(): Promise<Record<string, unknown>> {
    return fetchHealth(this.apiUrl);
  }

  async postDossiers(rows: Record<string, unknown>[]): Promise<{ status: number; body: Record<string, unknown> }> {
    return postDossierRows(this.apiUrl, this.secrets.apiToken, rows);
  }

  /** A script as staff run it on the first replica's machine, with PORT pointing at the load balancer. */
  runScript(script: string, args: string[]): Promise<RunResult> {
    return runTsx(path.join(ROOT, script), args, {
      cwd: this.root,
      env: { ...this.env(0), PORT: String(this.proxyPort) },
    });
  }

  async zaloSay(chatId: string, text: string): Promise<number> {
    return zaloWrites(this.zalo, this.options.zaloMode, this.apiUrl, chatId, text);
  }

  received(chatKey: string): string[] {
    return receivedBy(this, chatKey);
  }

  telegramMessageId(chatKey: string, index: number): number | undefined {
    return botMessage(this.telegram, chatKey, index)?.message_id;
  }

  buttons(chatKey: string, index: number): string[] {
    return (
      botMessage(this.telegram, chatKey, index)
        ?.reply_markup?.inline_keyboard.flat()
        .map((b) => b.text) ?? []
    );
  }

  async procedure(code: string): Promise<{ file: string; data: ProcedureJson }> {
    return findProcedure(this.catalogueDir, code);
  }

  leaks(values: string[]): { value: string; line: string }[] {
    return findLeaks(this.logs, values);
  }

  get secretValues(): string[] {
    return [...runSecrets(this.secrets), this.phoneHashKey];
  }

  // ---- the load balancer ---------------------------------------------------------------------

  /**
   * Round robin over the replicas that are up. A replica that refuses the connection (down, not
   * yet listening) is skipped and the next one tried, as a load balancer's health check would;
   * a request cut off mid-way (the replica died while handling it) gets 502, not a retry: the
   * sender (Telegram, Zalo, the one-stop system) decides whether to send it again.
   */
  private async startProxy(): Promise<void> {
    const server = createServer((req, res) => void this.forward(req, res));
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    this.proxy = server;
    this.proxyPort = (server.address() as AddressInfo).port;
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const count = this.replicas.length;
    for (let tried = 0; tried < count; tried++) {
      const r = this.replicas[this.turn++ % count] as Replica;
      if (!r.up || r.port === 0) continue;
      const outcome = await this.pass(r, req, body, res);
      if (outcome === "done") {
        this.proxied[r.index] = (this.proxied[r.index] ?? 0) + 1;
        return;
      }
      if (outcome === "cut") break;
    }
    this.refused++;
    if (!res.headersSent) {
      res.writeHead(502, { "content-type": "application/json" });
      res.end('{"ok":false,"error":"no replica answered"}');
    } else res.destroy();
  }

  /** "refused": never reached the replica (try another); "cut": it took the request and died. */
  private pass(
    r: Replica,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<"done" | "refused" | "cut"> {
    return new Promise((resolve) => {
      let connected = false;
      const upstream = request(
        {
          host: "127.0.0.1",
          port: r.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: `127.0.0.1:${r.port}`, connection: "close" },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on("end", () => resolve("done"));
          answer.on("error", () => {
            res.destroy();
            resolve("done");
          });
        },
      );
      upstream.on("socket", (socket) => socket.on("connect", () => (connected = true)));
      upstream.on("error", () => resolve(connected ? "cut" : "refused"));
      upstream.end(body);
    });
  }
}

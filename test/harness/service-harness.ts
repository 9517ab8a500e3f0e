/**
 * The real service as `npm start` runs it (`node bin/motcua-bot.mjs`: src/main.ts bundled) as a child process, for npm run acceptance,
 * npm run faults and test/acceptance: a temp DATA_DIR, a temp copy of data/ as CATALOGUE_DIR, the
 * test clock (MOTCUA_FAKE_CLOCK_FILE, see src/clock.ts), and both channels pointed at the local
 * fake Telegram and Zalo APIs of test/harness. Everything listens on 127.0.0.1 and is removed by
 * close(). The child gets a minimal environment (no tokens of the developer's) and runs in the
 * temp directory, so a .env beside the project is never read.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { type RunResult, runTsx } from "./common.js";
import { FakeTelegramApi, FAKE_TOKEN as TELEGRAM_TOKEN } from "./fake-telegram-api.js";
import { FakeZaloApi, textUpdate, FAKE_TOKEN as ZALO_TOKEN } from "./fake-zalo-api.js";
import type { PlayResult } from "./office-day.js";
import { ServiceProcess } from "./service-process.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

/** "2025-11-03 07:45" in the office's zone (Vietnam, UTC+7, no daylight saving) → epoch ms. */
export function at(local: string): number {
  const ms = Date.parse(`${local.replace(" ", "T")}:00+07:00`);
  if (!Number.isFinite(ms)) throw new Error(`not a local time: ${local}`);
  return ms;
}

/** Where the test clock moves to ("YYYY-MM-DD HH:MM" office time, or epoch ms): never back from `now`. */
export function clockAfter(now: number, local: string | number): number {
  const next = typeof local === "number" ? local : at(local);
  if (next < now) throw new Error(`the clock does not go back (${showTime(next)} < ${showTime(now)})`);
  return next;
}

/** Epoch ms → "Mon 03/11 07:45" in the office's zone, for transcripts. */
export function showTime(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: TIME_ZONE,
      weekday: "short",
      day: "2-digit",
      month: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day}/${parts.month} ${parts.hour}:${parts.minute}`;
}

export type Mode = "polling" | "webhook";

export interface HarnessOptions {
  telegramMode: Mode;
  zaloMode: Mode;
  /** Where the test clock starts, "YYYY-MM-DD HH:MM" office time. */
  start: string;
  /** More settings for the service (REMINDER_DAYS, HOLIDAYS, RATE_LIMIT_PER_MINUTE…). */
  env?: Record<string, string>;
  /** How long the Zalo fake holds an empty long poll (the service asks for 30 s). */
  zaloPollWaitMs?: number;
}

/** What the service logged and printed, one line each; stdout is the terminal chat's and stays empty. */
export interface LogLine {
  run: number;
  text: string;
  json?: Record<string, unknown>;
}

const PUBLIC = "https://bot.test.invalid";

export class ServiceHarness {
  readonly telegram: FakeTelegramApi;
  readonly zalo: FakeZaloApi;
  readonly root: string;
  readonly dataDir: string;
  readonly catalogueDir: string;
  readonly clockFile: string;
  /** Secrets of this run (random): the logs are checked for them. */
  readonly secrets: { apiToken: string; telegramWebhook: string; zaloWebhook: string };
  readonly logs: LogLine[] = [];
  /** Times the service was started. */
  runs = 0;
  port = 0;
  now: number;
  private readonly process = new ServiceProcess("the service");

  private constructor(
    readonly options: HarnessOptions,
    root: string,
    telegram: FakeTelegramApi,
    zalo: FakeZaloApi,
  ) {
    this.root = root;
    this.telegram = telegram;
    this.zalo = zalo;
    this.dataDir = path.join(root, "var");
    this.catalogueDir = path.join(root, "data");
    this.clockFile = path.join(root, "clock");
    this.now = at(options.start);
    this.secrets = {
      apiToken: randomBytes(24).toString("hex"),
      telegramWebhook: `tg_${randomBytes(16).toString("hex")}`,
      zaloWebhook: `zl_${randomBytes(16).toString("hex")}`,
    };
  }

  static async create(options: HarnessOptions): Promise<ServiceHarness> {
    const root = await mkdtemp(path.join(tmpdir(), "motcua-service-"));
    const telegram = await FakeTelegramApi.start({ maxPollSeconds: 5 });
    const zalo = await FakeZaloApi.start({ maxPollWaitMs: options.zaloPollWaitMs ?? 2_000 });
    const harness = new ServiceHarness(options, root, telegram, zalo);
    await cp(path.join(ROOT, "data"), harness.catalogueDir, { recursive: true });
    await harness.writeClock(harness.now);
    return harness;
  }

  get running(): boolean {
    return this.process.running;
  }

  /** Started (it logged "started") and not exited since. */
  get ready(): boolean {
    return this.process.up;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The environment the service runs with (also what the CLIs need to reach it). */
  env(): Record<string, string> {
    const o = this.options;
    return {
      PATH: process.env.PATH ?? "",
      HOME: this.root,
      LANG: "C.UTF-8",
      DATA_DIR: this.dataDir,
      CATALOGUE_DIR: this.catalogueDir,
      HOST: "127.0.0.1",
      PORT: String(this.port),
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

  /** Starts the service and resolves once it logged "started" (every channel up). */
  async start(timeoutMs = 120_000): Promise<void> {
    const run = ++this.runs;
    // The first run picks a free port; restarts keep it, as a real deployment does.
    await this.process.start({
      args: [path.join(ROOT, "bin/motcua-bot.mjs")],
      cwd: this.root,
      env: { ...this.env(), PORT: String(this.port) },
      timeoutMs,
      onLine: ({ text, json }) => {
        this.logs.push({ run, text, json });
        if (json?.msg === "http server listening" && typeof json.port === "number") {
          this.port = json.port;
          // The fake Telegram posts to the public https URL through this origin (the "proxy").
          this.telegram.webhookOrigin = this.apiUrl;
        }
      },
    });
  }

  /** SIGTERM: the service finishes its work and exits; resolves to its exit code. */
  stop(timeoutMs = 60_000): Promise<number | null> {
    return this.process.stop(timeoutMs);
  }

  /** SIGKILL: the process dies wherever it is, as in a power cut or an OOM kill. */
  kill(): Promise<void> {
    return this.process.kill();
  }

  /**
   * For the CLIs: Ctrl+C (or SIGTERM, SIGHUP) kills the service and deletes the temp directory
   * before exiting, instead of leaving both behind.
   */
  cleanUpOnSignals(): void {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.once(signal, () => {
        this.process.killNow();
        rmSync(this.root, { recursive: true, force: true });
        process.exit(130);
      });
    }
  }

  /** Stops whatever still runs (fakes included) and deletes the temp directory unless `keep`. */
  async close(keep = false): Promise<void> {
    if (this.running) await this.stop().catch(() => this.kill());
    await Promise.allSettled([this.telegram.close(), this.zalo.close()]);
    if (!keep) await rm(this.root, { recursive: true, force: true });
  }

  // ---- the clock ---------------------------------------------------------------------------

  /** Moves the test clock (never backwards) and waits until the jobs due by then have run. */
  async setClock(local: string | number): Promise<void> {
    const next = clockAfter(this.now, local);
    this.now = next;
    await this.writeClock(next);
    if (this.running) await this.settled();
  }

  /** Resolves once /healthz says every scheduled job due at the clock's time has finished. */
  async settled(timeoutMs = 60_000): Promise<void> {
    const want = new Date(this.now).toISOString();
    await waitUntil(
      async () => {
        const health = await this.health().catch(() => undefined);
        const clock = health?.clock as { settled?: string } | undefined;
        return clock?.settled === want;
      },
      timeoutMs,
      `the service to settle at ${showTime(this.now)}`,
    );
  }

  private async writeClock(ms: number): Promise<void> {
    await writeClockFile(this.clockFile, ms);
  }

  // ---- HTTP --------------------------------------------------------------------------------

  async health(): Promise<Record<string, unknown>> {
    return fetchHealth(this.apiUrl);
  }

  /** POST /api/dossiers as the one-stop system does. */
  async postDossiers(rows: Record<string, unknown>[]): Promise<{ status: number; body: Record<string, unknown> }> {
    return postDossierRows(this.apiUrl, this.secrets.apiToken, rows);
  }

  /** Runs one of the project's scripts (dossiers:import, ratings:report) as staff would, beside the service. */
  runScript(script: string, args: string[]): Promise<RunResult> {
    return runTsx(path.join(ROOT, script), args, { cwd: this.root, env: this.env() });
  }

  // ---- citizens ----------------------------------------------------------------------------

  /** A Zalo user writes: POSTed to the webhook as Zalo would, or queued for the bot's next poll. */
  async zaloSay(chatId: string, text: string): Promise<number> {
    return zaloWrites(this.zalo, this.options.zaloMode, this.apiUrl, chatId, text);
  }

  /** What the bot sent to a chat, oldest first, as the citizen reads it: "telegram:<id>" or "zalo:<id>". */
  received(chatKey: string): string[] {
    return receivedBy(this, chatKey);
  }

  /** The message_id of the n-th bot message of a Telegram chat (to press a button under that one). */
  telegramMessageId(chatKey: string, index: number): number | undefined {
    return botMessage(this.telegram, chatKey, index)?.message_id;
  }

  /** Button labels under the n-th message of a Telegram chat. */
  buttons(chatKey: string, index: number): string[] {
    return (
      botMessage(this.telegram, chatKey, index)
        ?.reply_markup?.inline_keyboard.flat()
        .map((b) => b.text) ?? []
    );
  }

  // ---- data ---------------------------------------------------------------------------------

  /** Every file under DATA_DIR, relative paths. */
  async dataFiles(): Promise<string[]> {
    const entries = await readdir(this.dataDir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(this.dataDir, path.join(e.parentPath, e.name)))
      .sort();
  }

  /** The procedure record of a code in the catalogue copy, as the staff file holds it. */
  async procedure(code: string): Promise<{ file: string; data: ProcedureJson }> {
    return findProcedure(this.catalogueDir, code);
  }

  /**
   * Log lines holding any of these strings (tokens, secrets, personal data must never appear).
   * A value of digits only (a chat id) counts when it stands alone, not inside a longer number
   * such as a timestamp.
   */
  leaks(values: string[]): { value: string; line: string }[] {
    return findLeaks(this.logs, values);
  }

  /** The values every run checks the logs for: tokens and secrets of this run. */
  get secretValues(): string[] {
    return runSecrets(this.secrets);
  }
}

export interface ProcedureJson {
  code: string;
  name: string;
  channels: { kind: string; fee: { text: string }; time: { text: string } }[];
  documents: { name: string }[];
  [key: string]: unknown;
}

function splitKey(chatKey: string): [string, string] {
  const at = chatKey.indexOf(":");
  return [chatKey.slice(0, at), chatKey.slice(at + 1)];
}

/** Polls `probe` every 10 ms until it is true; rejects after `timeoutMs`. */
export async function waitUntil(
  probe: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** The procedure record of a code in a catalogue copy, as the staff file holds it. */
export async function findProcedure(
  catalogueDir: string,
  code: string,
): Promise<{ file: string; data: ProcedureJson }> {
  const dir = path.join(catalogueDir, "procedures");
  for (const field of await readdir(dir)) {
    for (const name of await readdir(path.join(dir, field))) {
      if (name.startsWith(`${code}-`)) {
        const file = path.join(dir, field, name);
        return { file, data: JSON.parse(await readFile(file, "utf8")) as ProcedureJson };
      }
    }
  }
  throw new Error(`no procedure ${code} in the catalogue`);
}

/**
 * Log lines holding any of these strings. A value of digits only (a chat id) counts when it
 * stands alone, not inside a longer number such as a timestamp.
 */
export function findLeaks(logs: readonly { text: string }[], values: string[]): { value: string; line: string }[] {
  const found: { value: string; line: string }[] = [];
  const tests = values
    .filter((v) => v !== "")
    .map((value) => {
      const digits = /^\d+$/.test(value) ? new RegExp(`(?<!\\d)${value}(?!\\d)`) : undefined;
      return { value, test: (text: string) => (digits ? digits.test(text) : text.includes(value)) };
    });
  for (const line of logs) {
    for (const { value, test } of tests) if (test(line.text)) found.push({ value, line: line.text });
  }
  return found;
}

/** The tokens (and their secret halves) and the secrets of a run, which no log line may hold. */
export function runSecrets(secrets: { apiToken: string; telegramWebhook: string; zaloWebhook: string }): string[] {
  return [
    TELEGRAM_TOKEN,
    TELEGRAM_TOKEN.split(":")[1] ?? "",
    ZALO_TOKEN,
    ZALO_TOKEN.split(":")[1] ?? "",
    secrets.apiToken,
    secrets.telegramWebhook,
    secrets.zaloWebhook,
  ];
}

/** The closing table of an office play: messages per chat (expected = received) and the slowest steps. */
export function printPlaySummary(result: Pick<PlayResult, "summary" | "slowest">, out: (line?: string) => void): void {
  out();
  out("Messages per chat (expected = received)");
  for (const row of result.summary)
    out(`  ${row.label.padEnd(24)} ${String(row.expected).padStart(3)} = ${row.received}`);
  out(`Slowest steps: ${result.slowest.map((s) => `${s.title.slice(0, 40)} ${Math.round(s.ms)} ms`).join("; ")}`);
  out();
}

/** A run's FAILED line and the service's last log lines. */
export function printFailure(failed: unknown, tail: string[], out: (line?: string) => void): void {
  out();
  out(`FAILED: ${failed instanceof Error ? failed.message : String(failed)}`);
  if (tail.length > 0) out(`last service log lines:\n${tail.join("\n")}`);
}

/** Seconds since a performance.now() reading, one decimal. */
export function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

/** The test clock's file, replaced whole (a rename) so the service never reads half a date. */
export async function writeClockFile(file: string, ms: number): Promise<void> {
  const temp = `${file}.tmp`;
  await writeFile(temp, new Date(ms).toISOString());
  await rename(temp, file);
}

/** GET /healthz. */
export async function fetchHealth(apiUrl: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${apiUrl}/healthz`);
  return (await response.json()) as Record<string, unknown>;
}

/** POST /api/dossiers as the one-stop system does. */
export async function postDossierRows(
  apiUrl: string,
  apiToken: string,
  rows: Record<string, unknown>[],
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${apiUrl}/api/dossiers`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json" },
    body: JSON.stringify(rows),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, body };
}

/** A Zalo user writes: POSTed to the webhook as Zalo would, or queued for the bot's next poll. */
export async function zaloWrites(
  zalo: FakeZaloApi,
  mode: HarnessOptions["zaloMode"],
  apiUrl: string,
  chatId: string,
  text: string,
): Promise<number> {
  const update = textUpdate(chatId, text);
  if (mode === "polling") {
    zalo.push(update);
    return 200;
  }
  return (await zalo.deliver(`${apiUrl}/webhook/zalo`, update)).status;
}

/** What the bot sent to a chat ("telegram:<id>" or "zalo:<id>"), oldest first, as the citizen reads it. */
export function receivedBy(fakes: { telegram: FakeTelegramApi; zalo: FakeZaloApi }, chatKey: string): string[] {
  const [channel, id = ""] = splitKey(chatKey);
  if (channel === "telegram") return fakes.telegram.botMessages(Number(id)).map((m) => m.text ?? "");
  return fakes.zalo
    .sentTo(id)
    .filter((m) => m.method === "sendMessage")
    .map((m) => m.text ?? "");
}

/** The n-th bot message of a Telegram chat ("telegram:<id>"). */
export function botMessage(telegram: FakeTelegramApi, chatKey: string, index: number) {
  const [, id = ""] = splitKey(chatKey);
  return telegram.botMessages(Number(id))[index];
}

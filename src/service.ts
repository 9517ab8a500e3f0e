import type { AddressInfo } from "node:net";
import type { Readable, Writable } from "node:stream";
import { LiveCatalogue } from "./catalogue/live.js";
import { overlaysDueForReview, recordsDueForReview, reviewSummary } from "./catalogue/review.js";
import type { ChannelHandle } from "./channels/channel.js";
import type { TelegramHealth, TelegramTuning } from "./channels/telegram/index.js";
import type { TerminalHealth } from "./channels/terminal/chat.js";
import type { ZaloHealth, ZaloTuning } from "./channels/zalo/index.js";
import { type Clock, createClock } from "./clock.js";
import type { Config } from "./config.js";
import type { Assistant } from "./core/assistant.js";
import { Translator } from "./core/i18n.js";
import { RateLimiter } from "./core/rate-limit.js";
import { type ConversationStore, MemoryConversationStore, type Sender } from "./core/types.js";
import { registerDossierApi } from "./dossiers/api.js";
import type { ImportReport } from "./dossiers/ingest.js";
import type { LookupOutcome } from "./dossiers/lookup.js";
import type { DossierModule } from "./dossiers/open.js";
import type { RawRow } from "./dossiers/records.js";
import { createAssistant } from "./features/index.js";
import { createLogger, errorSummary, type Logger } from "./logger.js";
import type { NotificationModule } from "./notifications/open.js";
import type { FlushReport } from "./notifications/outbox.js";
import type { ReminderScan } from "./notifications/reminders.js";
import { SenderRegistry } from "./notifications/senders.js";
import type { RatingModule } from "./ratings/open.js";
import type { ReplicaHealth } from "./replicas/index.js";
import { catalogueReviewJob, type Job, type RunningSchedule, serviceJobs, startSchedule } from "./schedule.js";
import { HttpServer } from "./server/http.js";
import { staffConsoleWanted, terminalAttached } from "./staff/mode.js";
import { wardMapOf } from "./staff/wards.js";
import { type DatabaseHealth, databaseHealth } from "./storage/postgres/database.js";
import { localTime } from "./time/local.js";
import { wardDirectory } from "./wards/directory.js";
import { openData } from "./wiring/data.js";
import { openExamples } from "./wiring/examples.js";
import { openStaffConsole } from "./wiring/staff.js";

export type ChannelName = "telegram" | "zalo" | "terminal";

/** What a caller changes from production: each harness, CLI and test says only what differs. */
export interface ServiceOverrides {
  /** Default: pino on stderr at LOG_LEVEL (warn for the terminal chat, whose screen info lines would clutter). */
  logger?: Logger;
  /** Default: the system clock, or the test clock of MOTCUA_FAKE_CLOCK_FILE. Not the rate limiter's (real time). */
  clock?: Clock;
  /** Default true; tests turn it off for speed (nothing they check survives a power cut anyway). */
  fsync?: boolean;
  /** Jitter of the outbox's retries. */
  random?: () => number;
  /**
   * Which channels start. Default: those with a token; with none, the terminal chat when a terminal
   * is attached (or `terminal` is given), else none (the staff console alone, see STAFF_CONSOLE).
   */
  channels?: readonly ChannelName[];
  /** The staff console at /staff/. Default: STAFF_CONSOLE when `channels` is not overridden, else off. */
  staff?: boolean;
  /**
   * The data directory's parts: dossiers, notifications, ratings, persistent conversations (and
   * DATA_DIR's lock). Default true; false: the catalogue alone, as the chat CLI runs it.
   */
  dossiers?: boolean;
  /** Run the jobs of src/schedule.ts. Default true; tests that run them by hand turn it off. */
  schedule?: boolean;
  /** Listen on HOST:PORT. Default: when Telegram or Zalo starts (their webhooks post to it) or the staff console runs. */
  listen?: boolean;
  /** A catalogue already open (tests share one); the caller closes it. Default: CATALOGUE_DIR, opened here. */
  catalogue?: LiveCatalogue;
  /** Follow edits of the catalogue files. Default true. */
  watchCatalogue?: boolean;
  /** The terminal chat's streams. Default: stdin/stdout, interactive when stdin is a TTY. */
  terminal?: { input: Readable; output: Writable; interactive: boolean; languageCode?: string };
  zalo?: ZaloTuning;
  telegram?: TelegramTuning;
  /** Senders registered from the start (tests' recording senders), by their channel name. */
  senders?: readonly Sender[];
}

export type ChannelHealth = TelegramHealth | ZaloHealth | TerminalHealth;

export interface ServiceHealth {
  catalogue: { version: string; procedures: number };
  /** Counts only, nothing personal; absent without the data directory. */
  storage?: ReturnType<DossierModule["state"]> & ReturnType<NotificationModule["state"]>;
  channels: Record<string, ChannelHealth>;
  /** With DATABASE_URL (in /healthz): reachable, schema migration, one ping's round trip. */
  database?: DatabaseHealth;
  /** With DATABASE_URL (several replicas may share it): this replica's name and whether it polls (leader). */
  replica?: ReplicaHealth;
  /** Only with the test clock (MOTCUA_FAKE_CLOCK_FILE): its time and how far the jobs have run. */
  clock?: { now: string; settled?: string };
}

/** The operations on the data directory that CLIs, the HTTP API and tests call directly. */
export interface DossierOperations {
  importRows(rows: RawRow[]): Promise<ImportReport>;
  /** The verified lookup behind /hoso; counts failures like a chat's. */
  lookup(chatKey: string, code: string, last4: string): Promise<LookupOutcome>;
  flushOutbox(): Promise<FlushReport>;
  /** The reminder scan with the dossiers' daily upkeep after it (a call while one runs shares it). */
  remindPendingPickups(): Promise<ReminderScan>;
}

export interface Service {
  /** Starts the schedule, the catalogue watcher, the HTTP server and the channels, in that order. */
  start(): Promise<void>;
  /** Channels first (no new updates, those in flight finish), then the server, the jobs, storage. Idempotent. */
  close(): Promise<void>;
  health(): ServiceHealth;

  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly catalogue: LiveCatalogue;
  readonly assistant: Assistant;
  /** Each chat's conversation state: in DATA_DIR, or in memory without the data directory. */
  readonly conversations: ConversationStore;
  readonly server: HttpServer;
  /** Channels register their Sender here; the outbox looks a chat's channel up at each send. */
  readonly senders: SenderRegistry;
  /** The schedule as data (what runs, and when). */
  readonly jobs: readonly Job[];
  /** Absent with `dossiers: false`. */
  readonly dossiers?: DossierOperations;
  /** The rating flow and the answers' feedback counts; absent with `dossiers: false`. */
  readonly ratings?: RatingModule;
  /** Started channels, by name. */
  readonly channels: ReadonlyMap<string, ChannelHandle<ChannelHealth>>;
  /** Where the HTTP server listens, once started (when it listens). */
  readonly address?: AddressInfo;
  /** Resolves when a channel that ends by itself has ended: the terminal chat at the end of its input. */
  readonly ended: Promise<void>;
}

/**
 * The channels a configuration asks for: those with a token; with none, the terminal chat when
 * someone can type into it (`attached`), else none.
 */
export function configuredChannels(config: Config, attached: boolean): ChannelName[] {
  const bots: ChannelName[] = [];
  if (config.TELEGRAM_BOT_TOKEN) bots.push("telegram");
  if (config.ZALO_BOT_TOKEN) bots.push("zalo");
  if (bots.length > 0) return bots;
  return attached ? ["terminal"] : [];
}

/**
 * The one composition root: builds the whole service from the configuration — catalogue,
 * stores in DATA_DIR (under its lock), notifications, ratings, the assistant, the HTTP server
 * with the dossier API — and returns it ready to start. main.ts, the chat CLI, the harnesses
 * and the tests all build the service here, with overrides for what they change.
 */
export async function createService(config: Config, overrides: ServiceOverrides = {}): Promise<Service> {
  const attached = overrides.terminal !== undefined || terminalAttached();
  const wanted = overrides.channels ?? configuredChannels(config, attached);
  const terminalOnly = wanted.length === 1 && wanted[0] === "terminal";
  const logger =
    overrides.logger ?? createLogger(terminalOnly && config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL);
  const fsync = overrides.fsync ?? true;

  // Loaded when wanted, not at import: a CLI that builds the service without channels need not
  // load grammY and axios. Asked for now so that they load while the catalogue and DATA_DIR open.
  const channelModules = {
    telegram: wanted.includes("telegram") ? quietly(import("./channels/telegram/index.js")) : neverLoaded("telegram"),
    zalo: wanted.includes("zalo") ? quietly(import("./channels/zalo/index.js")) : neverLoaded("zalo"),
  };

  const ownCatalogue = overrides.catalogue === undefined;
  // In the terminal chat each reload gets a line on screen: staff editing a file see it taken.
  const reloadLine = wanted.includes("terminal")
    ? (procedures: number) =>
        (overrides.terminal?.output ?? process.stdout).write(`Đã nạp lại danh mục: ${procedures} thủ tục\n`)
    : undefined;
  const catalogue = overrides.catalogue ?? (await openCatalogue(config, logger, reloadLine));
  // The test clock (unset in production: Date.now) is the dossiers' clock: imports, reminders,
  // send windows, lockouts, rating months. The rate limiter keeps the real clock: it counts
  // what people send per real minute, and a clock standing still would never let them go.
  const clock = overrides.clock ?? createClock(config.MOTCUA_FAKE_CLOCK_FILE);
  if (clock.file)
    logger.warn({ testTime: new Date(clock.now()).toISOString() }, "test clock in use (MOTCUA_FAKE_CLOCK_FILE)");
  const now = clock.now;
  // The province's wards as the catalogue holds them now (a reload brings new ones); one ward without data/wards.
  const wards = wardMapOf(() => wardDirectory(catalogue.current().catalogue));
  const senders = SenderRegistry.of(...(overrides.senders ?? []));
  const translator = new Translator();
  const channels = new Map<string, ChannelHandle<ChannelHealth>>();
  let schedule: RunningSchedule | undefined;

  // The database part is asked for at each /healthz (a real round trip); health() itself stays synchronous.
  const server = new HttpServer(logger, async () => ({
    ...health(),
    ...(database ? { database: await databaseHealth(database) } : {}),
    ...(replicas ? { replica: replicas.health() } : {}),
    // This replica's câu mẫu sync: last change applied, last catch-up, changes waiting to be recorded, LISTEN, last error.
    ...(examples?.sync ? { examples: examples.sync.health() } : {}),
  }));
  // What the stores and the staff console are opened with.
  const shared = { config, logger, now, fsync, wards, senders, catalogue, translator, random: overrides.random };
  const data = overrides.dossiers === false ? undefined : await openData(shared);
  const database = data?.database;
  const replicas = data?.replicas;
  const conversations = data?.conversations ?? new MemoryConversationStore();
  // The câu mẫu: one editor of examples.json; with DATABASE_URL every replica (console or not) applies the labels
  // any replica's console saves or deletes, those made while it was away included (src/staff/examples-sync.ts).
  const examples = data
    ? await openExamples({ catalogue, database, logger, now, fsync, replica: replicas?.name })
    : undefined;
  const assistant = createAssistant({
    catalogue,
    conversations,
    translator,
    rateLimiter: new RateLimiter(config.RATE_LIMIT_PER_MINUTE),
    dossiers: data && {
      dossiers: data.dossiers.dossiers,
      subscriptions: data.dossiers.subscriptions,
      guard: data.dossiers.guard,
      hasher: data.dossiers.hasher,
      forgetChat: data.notifications.forgetChat,
      timeZone: config.TIMEZONE,
      logger,
      now,
    },
    ratings: data?.ratings,
    unanswered: data?.questions,
  });
  const operations: DossierOperations | undefined = data && {
    importRows: (rows) => data.dossiers.importRows(rows, data.notifications.notify),
    lookup: data.dossiers.lookup,
    flushOutbox: data.notifications.flush,
    remindPendingPickups: data.notifications.remindPendingPickups,
  };
  if (operations) {
    registerDossierApi(server, {
      token: config.DOSSIER_API_TOKEN,
      ingest: operations.importRows,
      afterImport: async () => void (await operations.flushOutbox()),
    });
  }
  const reviewCatalogue = async () => {
    const { procedures, province } = catalogue.current().catalogue;
    const today = localTime(now(), config.TIMEZONE).date;
    const due = [...recordsDueForReview(procedures, today), ...overlaysDueForReview(province, today)];
    // A warning when records are due, so it reaches the journal at the default level; the terminal chat keeps its screen.
    const level = due.length > 0 && !terminalOnly ? "warn" : "info";
    logger[level]({ due: due.length, procedures: procedures.length }, reviewSummary(due, procedures.length));
  };
  const jobs = [...(operations ? serviceJobs(operations) : []), catalogueReviewJob(reviewCatalogue)];
  const hasToken = Boolean(config.TELEGRAM_BOT_TOKEN || config.ZALO_BOT_TOKEN);
  const staffWanted =
    overrides.staff ??
    (overrides.channels === undefined && staffConsoleWanted(config.STAFF_CONSOLE, hasToken, attached));
  const staff =
    data && staffWanted
      ? await openStaffConsole(data, {
          ...shared,
          channelHealth: () => Object.fromEntries([...channels].map(([name, c]) => [name, { ...c.health() }])),
          examples: examples && { file: examples.file, announcer: examples.sync },
        }).catch(async (err: unknown) => {
          // Not started, so nothing else will close what is open: leave DATA_DIR free for the next try.
          await examples?.sync?.close();
          await data.notifications.close();
          await data.replicas?.close();
          await data.database?.end();
          await data.lock.release();
          throw err;
        })
      : undefined;
  if (staff) server.mount(staff.handle);

  function health(): ServiceHealth {
    const snapshot = catalogue.current().catalogue;
    return {
      catalogue: { version: snapshot.version, procedures: snapshot.procedures.length },
      storage: data && { ...data.dossiers.state(), ...data.notifications.state() },
      channels: Object.fromEntries([...channels].map(([name, c]) => [name, c.health()])),
      ...(schedule?.state ? { clock: schedule.state() } : {}),
    };
  }

  let address: AddressInfo | undefined;
  let markEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    markEnded = resolve;
  });
  let closing: Promise<void> | undefined;

  const add = (channel: ChannelHandle<ChannelHealth>) => {
    channels.set(channel.name, channel);
    if (channel.sender) senders.register(channel.name, channel.sender);
  };

  async function start(): Promise<void> {
    // Takes part in the leader election first: a lone replica leads from its first poll on.
    await replicas?.start();
    // Câu mẫu changed on other replicas while this one was away, applied before the first message is answered.
    await examples?.sync?.catchUp();
    if (overrides.schedule !== false && jobs.length > 0) {
      schedule = startSchedule(jobs, { timeZone: config.TIMEZONE, logger, clock, ticks: replicas?.ticks });
    }
    // The watch scans the catalogue folder while the channels start; start() resolves with both done.
    const watching = ownCatalogue && overrides.watchCatalogue !== false ? catalogue.watch() : Promise.resolve();
    const bots = wanted.filter((c) => c !== "terminal");
    try {
      // Listen first: in webhook mode Telegram and Zalo post as soon as the webhook is set.
      // The terminal chat listens too when the dossier API is on: it holds DATA_DIR, so dossiers:import goes through it.
      const api = operations !== undefined && Boolean(config.DOSSIER_API_TOKEN) && wanted.includes("terminal");
      if (overrides.listen ?? (bots.length > 0 || staff !== undefined || api)) {
        address = await server.listen(config.PORT, config.HOST);
        logger.info({ host: address.address, port: address.port }, "http server listening");
      }
      // Side by side: each waits on its own API round trips (getMe, setWebhook), and a restart
      // after a crash is back as soon as the slower of the two is.
      // Several replicas: polling follows the leader lease, a chat's updates take turns across replicas.
      const coordination = { leadership: replicas?.leadership, turns: replicas?.turns };
      const starting = bots.map(async (name): Promise<ChannelHandle<ChannelHealth>> => {
        if (name === "telegram")
          return (await channelModules.telegram).startTelegram({
            config,
            assistant,
            logger,
            server,
            tuning: overrides.telegram,
            ...coordination,
          });
        return (await channelModules.zalo).startZalo({
          config,
          assistant,
          logger,
          server,
          tuning: overrides.zalo,
          ...coordination,
        });
      });
      const outcomes = await Promise.allSettled([watching, ...starting]);
      // Started ones are added before a failure is thrown, so close() stops them too.
      for (const outcome of outcomes.slice(1)) {
        if (outcome.status === "fulfilled") add(outcome.value as ChannelHandle<ChannelHealth>);
      }
      const failed = outcomes.find((o) => o.status === "rejected");
      if (failed) throw failed.reason;
    } catch (err) {
      await close();
      throw err;
    }
    if (wanted.includes("terminal")) {
      const { startTerminalChat } = await import("./channels/terminal/chat.js");
      const terminal = startTerminalChat({
        assistant,
        ...(overrides.terminal ?? { input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY }),
      });
      add(terminal);
      void terminal.ended.then(markEnded, markEnded);
    }
    if (bots.length > 0) {
      logger.info({ channels: bots, catalogue: catalogue.current().catalogue.version }, "started");
    } else if (staff && address) {
      logger.info(`staff console at http://${config.HOST}:${address.port}/staff/ (no channel token)`);
    }
    // What waited in the outbox while the service was down goes out now, not at the next timer.
    if (bots.length > 0 && operations) {
      operations.flushOutbox().catch((err: unknown) => logger.error({ err: errorSummary(err) }, "outbox flush failed"));
    }
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      await Promise.allSettled([...channels.values()].map((c) => c.stop()));
      await server.close();
      staff?.close();
      await schedule?.stop();
      await data?.notifications.close();
      await assistant.idle();
      // The answer path does not wait for the unanswered-question counts: let the last ones reach the disk.
      await data?.questions.flushed();
      // No more câu mẫu from other replicas: a change being applied is finished first.
      await examples?.sync?.close();
      // Gives the polling lease up (another replica takes over at once) and the chat turns' connections.
      await replicas?.close();
      await database?.end();
      // Last: every write above is done before another process may take DATA_DIR.
      await data?.lock.release();
      if (ownCatalogue) await catalogue.close();
    })();
    return closing;
  }

  return {
    start,
    close,
    health,
    config,
    logger,
    clock,
    catalogue,
    assistant,
    conversations,
    server,
    senders,
    jobs,
    dossiers: operations,
    ratings: data?.ratings,
    channels,
    get address() {
      return address;
    },
    ended,
  };
}

function openCatalogue(
  config: Config,
  logger: Logger,
  reloadLine?: (procedures: number) => void,
): Promise<LiveCatalogue> {
  return LiveCatalogue.open(config.catalogueDir, {
    reloaded: (s) => {
      logger.info({ version: s.catalogue.version, procedures: s.catalogue.procedures.length }, "catalogue reloaded");
      reloadLine?.(s.catalogue.procedures.length);
    },
    rejected: (problems, report) =>
      logger.warn(
        { problems: problems.length },
        `catalogue change refused, still serving the last good one\n${report}`,
      ),
  });
}

/** A promise awaited later: until then a rejection is not "unhandled" (start() reports it). */
function quietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function neverLoaded(name: string): Promise<never> {
  return quietly(Promise.reject(new Error(`channel ${name} was not configured`)));
}

import { readFile } from "node:fs/promises";
import { isDeepStrictEqual } from "node:util";
import type pg from "pg";
import {
  type Example,
  isStaffExample,
  NOT_A_PROCEDURE,
  STAFF_SOURCE_PREFIX,
  sameTextKey,
} from "../catalogue/examples.js";
import { errorSummary, type Logger } from "../logger.js";
import { scrubQuestion } from "../questions/scrub.js";
import { DatabaseBroadcast } from "../replicas/broadcast.js";
import { inTransaction, type Pool } from "../storage/postgres/database.js";
import { type Backoff, backoffDelay } from "../util/backoff.js";
import { auditUser } from "./audit.js";
import { type ExamplesFileEditor, ExampleWriteError } from "./examples-file.js";
import {
  ExampleChangeSchema as Change,
  type ExampleActor,
  type ExampleAudit,
  type ExampleChange,
  textOf,
  type UnrecordedChange,
  UnrecordedChanges,
} from "./examples-unrecorded.js";

/** A change kept in the folder whose change is known (an unsure one settled). */
type Known = UnrecordedChange & { change: ExampleChange };

export type { ExampleChange } from "./examples-unrecorded.js";

/** The channel a replica announces a câu mẫu change on (the payload is the change's number; any message means "read"). */
export const EXAMPLES_CHANNEL = "motcua_examples";

/**
 * Where a change saved here stands for the other replicas: recorded for them, or waiting (the database could not be
 * reached: kept, and recorded as soon as it can be — the console tells staff so).
 */
export type ExampleShared = "recorded" | "waiting";

/** What went wrong last, by kind only (shown by /healthz: no text, no message). */
export type ExamplesSyncErrorKind =
  /** No connection (refused, lost, timed out): the database stopped, restarting, or the network away. */
  | "database-unreachable"
  /** The database answered with an error (a schema older than migration 007, a permission). */
  | "database"
  /** A change read could not be written into this replica's examples.json (unreadable, broken, refused). */
  | "examples-file"
  /** The changes waiting to be recorded could not be kept on disk (or listed) in the catalogue folder. */
  | "unrecorded-file";

/** The sync's state on this replica, for /healthz: numbers, times and kinds only. */
export interface ExamplesSyncHealth {
  /** The highest change number (example_changes.seq) applied here. */
  applied: number;
  /** When the last catch-up read the table through (ISO time), null before the first. */
  caughtUpAt: string | null;
  /** Changes saved here (or in a shared catalogue folder) not yet recorded for the other replicas. */
  waiting: number;
  /**
   * Changes the database refused for good (a constraint, a value it cannot hold), set aside in the folder's
   * `refused/` so the changes after them went on: never sent to the other replicas unless someone acts.
   */
  refused: number;
  /** Whether the connection that hears the other replicas' announcements (LISTEN) is up. */
  listening: boolean;
  lastError: { kind: ExamplesSyncErrorKind; at: string } | null;
}

/** How the staff console tells of its changes (src/wiring/examples.ts gives it the replicas' sync). */
export interface ExampleAnnouncer {
  /**
   * Called before the console writes a change of `text` into its own examples.json: until the returned function is
   * called, changes of that text made on other replicas are not laid over it here. Call it with the change once
   * written: it is recorded for every replica and resolves to "recorded", or, the database away, kept (on disk,
   * beside examples.json) and recorded when the database is back, resolving to "waiting"; it never throws (the
   * change is saved here whatever happens). Call it with nothing when nothing was written (resolves to undefined).
   * A second call does nothing. `actor`: who makes it — a change the request ends without naming (it failed after
   * the write, at its audit row) is recorded with the audit row the console could not write.
   */
  changing(text: string, actor?: ExampleActor): (change?: ExampleChange) => Promise<ExampleShared | undefined>;
  /**
   * Why a change of `text` saved here waits (its record's last failure, by kind), undefined when none waits: the
   * console words its notice by it (`waitingNotice`).
   */
  waitingReason?(text: string): WaitingReason | undefined;
}

/** Why a change waits: the database could not be reached, or it answered with an error. */
export type WaitingReason = "database-unreachable" | "database";

/**
 * What the console tells staff of a change that waits, by why (plain text): "không kết nối được" only when no
 * connection could be made; an error the database answered (a schema not upgraded, a missing permission) is said as
 * such, for the IT staff to act on — it does not pass by itself.
 */
export function waitingNotice(reason: WaitingReason): string {
  return reason === "database-unreachable"
    ? "Cơ sở dữ liệu chung đang không kết nối được, nên các bản sao khác của bot chưa nhận thay đổi này. Thay đổi đã được giữ lại và sẽ tự gửi đến các bản sao khác khi cơ sở dữ liệu hoạt động lại; không cần lưu lại."
    : "Cơ sở dữ liệu chung báo lỗi khi ghi thay đổi này (thường do cơ sở dữ liệu chưa được nâng cấp hoặc tài khoản của bot thiếu quyền), nên các bản sao khác của bot chưa nhận. Thay đổi đã được giữ lại ở bản sao này và sẽ tự gửi đi khi lỗi được sửa; không cần lưu lại. Hãy báo cán bộ CNTT (mục examples trong /healthz).";
}

export interface ExamplesSyncOptions {
  /** This replica's examples.json: the one editor of it in the process (the console writes through it too). */
  file: ExamplesFileEditor;
  /** The live catalogue's reload: the path its file watcher takes. */
  reload(): Promise<boolean>;
  /** The examples the catalogue serves now (to tell whether a reload is needed). */
  served(): readonly Example[];
  /** The codes this replica's catalogue knows (a label naming another is refused, as the console's own). */
  knownCodes(): ReadonlySet<string>;
  logger: Logger;
  now(): number;
  /** This replica's name (the `origin` of the changes it records). */
  origin: string;
  /** Reads the table this often as well, whatever it heard (a connection that died silently). Default 5 min; 0: never. */
  pollMs?: number;
  /** Tests shorten it. */
  reconnect?: Backoff;
  /** Pauses between tries to record the changes waiting (after a failure); tests shorten them. */
  retry?: Backoff;
  /** Whether the files of the changes waiting are flushed to disk (tests: false). Default true. */
  fsync?: boolean;
  /**
   * How old another process's change still marked recording must be before this one records it (its process died
   * during the record). Default 2 min: longer than a console request takes to record, timeouts included.
   */
  graceMs?: number;
}

const DEFAULT_POLL_MS = 5 * 60_000;
const RETRY: Backoff = { initialMs: 2_000, maxMs: 60_000 };
const GRACE_MS = 2 * 60_000;

/**
 * Câu mẫu saved or deleted through the staff console of one replica, applied by every replica with DATABASE_URL
 * (whether it serves the console or not): the console records the change in the database (table example_changes,
 * migration 007: one row per text, its latest change, numbered in commit order) and announces it (LISTEN/NOTIFY,
 * src/replicas/broadcast.ts); every replica reads the rows numbered above the last it applied and lays each over its
 * own examples.json (the label as made: same text, code, section, source and date; a deletion removes staff's label
 * of the text), then reloads its catalogue as its file watcher would. It reads them at start, at each announcement,
 * when its listening connection comes back, and every few minutes: a replica that was restarting or cut off from
 * the database catches up. A catalogue folder shared by the replicas (NFS) holds the change already: it is only
 * reloaded. Of two changes of one text, the one committed later stands on every replica. A row this replica cannot
 * apply (a procedure its catalogue lacks, a broken file, a row of a newer version) is logged and skipped, never its
 * text (docs/staff-console.md §4a). Each change is kept in a file beside examples.json from its write until it is
 * recorded (src/staff/examples-unrecorded.ts): one the database could not take when it was saved (the database away),
 * or whose process died before its record, is recorded at the next catch-up that reaches the database — after a
 * restart too — unless a change of its text made later was recorded meanwhile; one it refuses for good is set aside.
 */
export class ExamplesSync implements ExampleAnnouncer {
  /** The highest change number applied (or skipped) here; 0 at start, so the first read takes them all. */
  private applied = 0;
  private running?: Promise<void>;
  private again = false;
  private closed = false;
  private timer?: NodeJS.Timeout;
  private broadcast?: DatabaseBroadcast;
  /** Texts (sameTextKey) this replica's console is writing now: others' changes of them wait until it has recorded its own. */
  private readonly pending = new Map<string, number>();
  /** When (a count of local changes begun or finished) this replica's console last began or finished changing each text. */
  private readonly touched = new Map<string, number>();
  private begun = 0;
  /** The changes saved here that the database has not taken yet, kept on disk until it does. */
  private readonly unrecorded: UnrecordedChanges;
  /** Those waiting as last seen (id → sameTextKey): rows of their texts are held back until they are recorded. */
  private readonly waiting = new Map<string, string>();
  private retryTimer?: NodeJS.Timeout;
  private retries = 0;
  private caughtUpAt?: number;
  private lastError?: { kind: ExamplesSyncErrorKind; at: number };
  /** Whether the last catch-up failed (its warning is logged once, not at every retry). */
  private failing = false;
  /** This process's changes being made or recorded now (their files are theirs: a catch-up leaves them alone). */
  private readonly inFlight = new Set<string>();
  /**
   * This process's changes recorded (or found unchanged), with the number of folder listings begun once their file
   * was gone (Infinity until then): a listing begun before that may still hold the file, and must not record it again.
   */
  private readonly settled = new Map<string, number>();
  private listings = 0;
  private refusedCount = 0;
  /** Why the changes of a text (sameTextKey) saved here wait: their record's last failure. */
  private readonly reasons = new Map<string, WaitingReason>();

  private constructor(
    private readonly pool: Pool,
    private readonly options: ExamplesSyncOptions,
  ) {
    this.unrecorded = new UnrecordedChanges(options.file.catalogueDir, options.fsync ?? true);
  }

  /** Starts listening (a failed first LISTEN is retried in the background); `catchUp` applies what is recorded. */
  static async open(pool: Pool, options: ExamplesSyncOptions): Promise<ExamplesSync> {
    const sync = new ExamplesSync(pool, options);
    // Temporary files a crash left half-written in the folder are swept (counted in the log, never their content).
    const swept = await sync.unrecorded.sweep(Date.now());
    if (swept > 0) options.logger.info({ swept }, "câu mẫu: temporary files left by a crash removed");
    // Changes left waiting by the last run: their texts are held back from the first read on, and /healthz counts them.
    sync.refusedCount = await sync.unrecorded.refused();
    const { changes, unreadable } = await sync.unrecorded.list();
    for (const c of changes) sync.waiting.set(c.id, c.key);
    if (unreadable > 0) sync.failed("unrecorded-file");
    sync.broadcast = await DatabaseBroadcast.open(pool, {
      channel: EXAMPLES_CHANNEL,
      logger: options.logger,
      onMessage: () => void sync.catchUp(),
      onReconnect: () => void sync.catchUp(),
      reconnect: options.reconnect,
    });
    const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    if (pollMs > 0) {
      sync.timer = setInterval(() => void sync.catchUp(), pollMs);
      sync.timer.unref();
    }
    return sync;
  }

  changing(text: string, actor?: ExampleActor): (change?: ExampleChange) => Promise<ExampleShared | undefined> {
    const key = sameTextKey(text);
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    this.touched.set(key, ++this.begun);
    // The text's labels before the console's write (read in the file editor's order, ahead of it): a change that
    // ends without naming what it wrote is found by comparing (unsaid).
    const before = this.options.file.staffLabelsOf(text);
    const { now, origin } = this.options;
    const intent = { ...this.unrecorded.entry({ kind: "unsure", text, before: [] }, now(), origin), actor };
    this.inFlight.add(intent.id);
    // Kept on disk with the console's write (the file editor runs that right after reading `before`), not after the
    // record fails: a process killed from here on, the record waiting on a database away, leaves the file, and the
    // next start (or a replica sharing the folder) settles and records it. A file that cannot be read has no before.
    const kept = before.then(
      (labels) =>
        labels !== undefined &&
        this.unrecorded.keep({ ...intent, change: { kind: "unsure", text, before: labels } }).then((onDisk) => {
          if (!onDisk) this.failed("unrecorded-file");
          return onDisk;
        }),
      () => false,
    );
    let finished = false;
    return async (change?: ExampleChange) => {
      if (finished) return undefined;
      finished = true;
      try {
        await kept;
        if (change) return await this.record({ ...intent, change });
        // Unsaid: the request failed after the write, at its audit row (or after): the row goes with the record.
        const made = await this.unsaid(text, before);
        if (!made) {
          await this.settle(intent);
          return undefined;
        }
        const was = (await before.catch(() => undefined)) ?? [];
        return await this.record({ ...intent, change: made, audit: this.auditOf(made, was, actor) });
      } finally {
        // A read that began before this point may have fetched the text's row as it was before this change was
        // recorded (an older change made elsewhere): marked touched again, it holds that row back, then reads again.
        this.touched.set(key, ++this.begun);
        const left = (this.pending.get(key) ?? 1) - 1;
        if (left > 0) this.pending.set(key, left);
        else this.pending.delete(key);
        // What was held back while this replica wrote the text (another replica's change of it) is read again.
        void this.catchUp();
      }
    };
  }

  /** Forgets a change of this process that is recorded or was nothing: its file removed, never recorded again. */
  private async settle(entry: UnrecordedChange): Promise<void> {
    this.settled.set(entry.id, Number.POSITIVE_INFINITY);
    this.inFlight.delete(entry.id);
    await this.unrecorded.drop(entry).catch(() => this.failed("unrecorded-file"));
    this.settled.set(entry.id, this.listings);
  }

  /**
   * What the console wrote for a change it ended without naming: the request failed after the write (the audit row,
   * the step before the record, is the first to fail when the database goes away right then). Without this, the label
   * stood here and never reached the other replicas. The text's staff labels are compared with those before the
   * write: one label now (and another before) is recorded as added, none now (some before) as removed.
   */
  private async unsaid(text: string, before: Promise<Example[] | undefined>): Promise<ExampleChange | undefined> {
    const change = changeBetween(
      text,
      await before.catch(() => undefined),
      await this.options.file.staffLabelsOf(text),
    );
    if (change) {
      this.options.logger.warn(
        { kind: change.kind },
        "câu mẫu written here by a request that failed after the write: recorded for the other replicas all the same",
      );
    }
    return change;
  }

  private async record(entry: Known): Promise<ExampleShared> {
    const { logger } = this.options;
    const { change } = entry;
    try {
      await inTransaction(this.pool, (client) => writeChange(client, entry, false));
      await this.settle(entry);
      return "recorded";
    } catch (err) {
      this.failed(databaseErrorKind(err));
      this.reasons.set(entry.key, databaseErrorKind(err));
      // Kept (its text held back here) until a catch-up records it: after a restart too, from the file — now the
      // change itself, no longer marked recording, so a replica sharing the folder may record it at once.
      const durable = await this.unrecorded.keep({ ...entry, recording: false });
      this.waiting.set(entry.id, entry.key);
      this.inFlight.delete(entry.id);
      logger.warn(
        { err: errorSummary(err), kind: change.kind, kept: durable ? "file" : "memory" },
        durable
          ? "câu mẫu saved here, not yet recorded for the other replicas (database): kept, recorded when the database is back"
          : "câu mẫu saved here, not yet recorded for the other replicas (database), and not kept on disk either: recorded when the database is back unless this process ends first",
      );
      if (!durable) this.failed("unrecorded-file");
      this.retryLater();
      return "waiting";
    }
  }

  /**
   * Records the changes left waiting, in the order they were made (a text changed twice meanwhile: its last change
   * only); stops at the first the database refuses, so none is recorded before an earlier one. This process's own
   * changes being recorded (or just recorded) are left to their record; another process's still marked recording,
   * until the grace period has passed (it died during the record); an unsure one (its process died before naming it)
   * is settled by comparing the text's labels now with those it kept.
   */
  private async recordWaiting(): Promise<void> {
    const { logger, now } = this.options;
    const grace = this.options.graceMs ?? GRACE_MS;
    const listing = ++this.listings;
    const before = new Set(this.waiting.keys());
    const { changes: listed, unreadable } = await this.unrecorded.list();
    // Left alone (a newer version's, broken by hand, unreadable): told by /healthz's error kind, never guessed at.
    if (unreadable > 0) this.failed("unrecorded-file");
    // Settled here and gone before this listing began: no listing holds them any more.
    for (const [id, gone] of this.settled) if (gone < listing) this.settled.delete(id);
    const changes = listed.filter((c) => !this.inFlight.has(c.id) && !this.settled.has(c.id));
    // What the folder holds waits; what it no longer holds was recorded (by another replica on a shared folder); a
    // change whose record failed while the folder was read stays.
    const ids = new Set(changes.map((c) => c.id));
    for (const id of before) if (!ids.has(id)) this.waiting.delete(id);
    for (const c of changes) this.waiting.set(c.id, c.key);
    const open: Known[] = [];
    for (const c of changes) {
      // A text this replica's console is recording now is left to that record (it is newer).
      if (this.pending.has(c.key)) continue;
      if (c.recording && now() - c.changedAt < grace) continue;
      if (c.change.kind !== "unsure") {
        open.push(c as Known);
        continue;
      }
      const labels = await this.options.file.staffLabelsOf(c.change.text);
      if (labels === undefined) continue;
      const change = changeBetween(c.change.text, c.change.before as Example[], labels);
      if (change) {
        logger.info(
          { kind: change.kind, changedAt: c.changedAt },
          "câu mẫu begun by a process that ended before recording it: recorded now",
        );
        open.push({ ...c, change, audit: this.auditOf(change, c.change.before, c.actor) });
      } else {
        this.waiting.delete(c.id);
        await this.unrecorded.drop(c).catch(() => this.failed("unrecorded-file"));
      }
    }
    const last = new Map(open.map((c) => [c.key, c]));
    for (const entry of open) {
      if (this.closed) return;
      if (last.get(entry.key) !== entry) continue;
      let recorded: boolean;
      try {
        recorded = await inTransaction(this.pool, (client) => writeChange(client, entry, true));
      } catch (err) {
        this.failed(databaseErrorKind(err));
        this.reasons.set(entry.key, databaseErrorKind(err));
        if (!refusedForGood(err)) throw err;
        // Refused for this change alone, at every try: set aside (kept, told) so the changes after it go on.
        await this.setAside(
          open.filter((c) => c.key === entry.key),
          err,
        );
        continue;
      }
      if (!recorded) {
        logger.info(
          { kind: entry.change.kind, changedAt: entry.changedAt },
          "câu mẫu kept while the database was away not recorded: a change of its text made later (or this one) is recorded already",
        );
      }
      for (const done of open.filter((c) => c.key === entry.key)) {
        this.waiting.delete(done.id);
        await this.unrecorded.drop(done).catch(() => this.failed("unrecorded-file"));
      }
      this.reasons.delete(entry.key);
    }
  }

  /** Sets aside the changes of a text the database refuses for good: logged by kind, time and SQLSTATE, never text. */
  private async setAside(entries: Known[], err: unknown): Promise<void> {
    for (const entry of entries) {
      this.waiting.delete(entry.id);
      const moved = await this.unrecorded.setAside(entry).then(
        () => true,
        () => false,
      );
      if (moved) this.refusedCount++;
      else this.failed("unrecorded-file");
      this.options.logger.error(
        {
          kind: entry.change.kind,
          changedAt: entry.changedAt,
          code: (err as { code?: unknown }).code,
          kept: moved ? "refused folder" : "not moved",
        },
        "câu mẫu change refused by the database for good: set aside in .examples-unrecorded/refused/, not sent to the other replicas; the changes after it go on",
      );
    }
  }

  /**
   * The audit row of a change the console made and may not have audited (as src/staff/console.ts writes it): who,
   * from the console's word or, for a label, its source; undefined (logged) when who is not known, or when the label
   * the text holds now is not the one who began the change's (another's change of the text, on a catalogue folder
   * replicas share, came after it: that change's own request names its maker).
   */
  private auditOf(change: ExampleChange, before: readonly unknown[], actor?: ExampleActor): ExampleAudit | undefined {
    const maker = change.kind === "add" ? sourceUser(change.example.source) : undefined;
    if (actor && maker !== undefined && maker !== actor.user) {
      this.options.logger.warn(
        { kind: change.kind },
        "câu mẫu recorded without an audit row: the text's label now is another staff user's, not the change begun",
      );
      return undefined;
    }
    const user = actor?.user ?? maker;
    if (!user) {
      this.options.logger.warn(
        { kind: change.kind },
        "câu mẫu recorded without its audit row: the request failed before writing it, and who made it is not known",
      );
      return undefined;
    }
    return { user: auditUser(user), ...(actor?.ward ? { ward: actor.ward } : {}), ...exampleAudit(change, before) };
  }

  waitingReason(text: string): WaitingReason | undefined {
    const key = sameTextKey(text);
    if (![...this.waiting.values()].includes(key)) {
      this.reasons.delete(key);
      return undefined;
    }
    return this.reasons.get(key) ?? "database-unreachable";
  }

  /** Notes a failure for /healthz. */
  private failed(kind: ExamplesSyncErrorKind): void {
    this.lastError = { kind, at: this.options.now() };
  }

  /** Tries again to record what waits, after a pause growing with each failure (the poll is minutes away). */
  private retryLater(): void {
    if (this.closed || this.retryTimer) return;
    const delay = backoffDelay(this.retries++, this.options.retry ?? RETRY);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.catchUp();
    }, delay);
    this.retryTimer.unref();
  }

  /**
   * Records the changes waiting here (recordWaiting), then applies every change recorded above the last one applied
   * here, in order; resolves once done (a call while a read runs is served by one more read after it). Never
   * rejects: a failure is logged (once until a catch-up succeeds again) and retried.
   */
  catchUp(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.again = true;
    this.running ??= (async () => {
      while (this.again && !this.closed) {
        this.again = false;
        const { logger, now } = this.options;
        // Waiting changes first: a row of their text read before they are recorded is held back, not applied.
        const notRecorded = await this.recordWaiting().then(
          () => undefined,
          (err: unknown) => err,
        );
        const notRead = await this.readAndApply().then(
          () => undefined,
          (err: unknown) => {
            this.failed(databaseErrorKind(err));
            return err;
          },
        );
        // Read through: caught up with the others (what waits to be recorded is counted apart).
        if (notRead === undefined) this.caughtUpAt = now();
        const err = notRecorded ?? notRead;
        if (err === undefined) {
          if (this.failing) logger.info({ applied: this.applied }, "câu mẫu: the database answers again, caught up");
          this.failing = false;
        } else if (!this.failing) {
          this.failing = true;
          logger.warn(
            { err: errorSummary(err), waiting: this.waiting.size },
            "câu mẫu: changes not read or recorded now; tried again at the next change, reconnection or retry",
          );
        }
        if (this.waiting.size > 0) this.retryLater();
        else this.retries = 0;
      }
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The highest change number applied here (tests, health). */
  get position(): number {
    return this.applied;
  }

  /** For /healthz: numbers, times and kinds, nothing staff typed. */
  health(): ExamplesSyncHealth {
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    return {
      applied: this.applied,
      caughtUpAt: iso(this.caughtUpAt),
      waiting: this.waiting.size,
      refused: this.refusedCount,
      listening: this.broadcast?.connected ?? false,
      lastError: this.lastError ? { kind: this.lastError.kind, at: iso(this.lastError.at) as string } : null,
    };
  }

  /** Stops listening, polling and retrying; resolves once a read under way is done (no write after it). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.retryTimer);
    this.broadcast?.close();
    await this.running;
  }

  private async readAndApply(): Promise<void> {
    const { file, reload, served, knownCodes, logger } = this.options;
    // A row read now but for a text this replica's console changes after the read, or finishes changing after it
    // (the query's snapshot may predate the change's record), may be older than that change: held back.
    const readAt = this.begun;
    const waiting = new Set(this.waiting.values());
    const { rows } = await this.pool.query<{ seq: number; text_key: string; change: unknown }>(
      "SELECT seq, text_key, change FROM example_changes WHERE seq > $1 ORDER BY seq",
      [this.applied],
    );
    if (rows.length === 0) return;
    const known = knownCodes();
    const inFile = await staffLabelsIn(file.file);
    let wrote = false;
    let held = false;
    const advance = (seq: number) => {
      if (!held) this.applied = seq;
    };
    const applied: ExampleChange[] = [];
    for (const row of rows) {
      if (this.closed) return;
      if (
        this.pending.has(row.text_key) ||
        (this.touched.get(row.text_key) ?? 0) > readAt ||
        waiting.has(row.text_key)
      ) {
        // Written here right now or since the read began: its own change, recorded after, comes later in the order
        // (or, if it is not written after all, this row is read again then). Rows after it are applied, and read again.
        // Without the mark at the change's end, a read sent while it was recorded applied the other replica's older
        // label over this one's, after this one's save had returned (put right only by the next read).
        // Waiting to be recorded (the database was away at its save): its record decides which change stands.
        held = true;
        continue;
      }
      const parsed = Change.safeParse(row.change);
      if (!parsed.success || sameTextKey(textOf(parsed.data)) !== row.text_key) {
        logger.warn({ seq: row.seq }, "câu mẫu change in the database not understood (a newer version's?): skipped");
        advance(row.seq);
        continue;
      }
      const change = parsed.data;
      if (change.kind === "add" && change.example.code !== NOT_A_PROCEDURE && !known.has(change.example.code)) {
        logger.warn(
          { seq: row.seq, code: change.example.code.slice(0, 40) },
          "câu mẫu from another replica names a procedure this replica's catalogue lacks: not applied (again at the next start)",
        );
        advance(row.seq);
        continue;
      }
      if (!holds(inFile, change)) {
        try {
          if (change.kind === "add") wrote = (await file.put(change.example, known)) || wrote;
          else wrote = (await file.remove(change.text, known)).length > 0 || wrote;
        } catch (err) {
          if (!(err instanceof ExampleWriteError)) throw err;
          // Its message may quote the file's entries: the reason is npm run catalogue:check's to tell.
          this.failed("examples-file");
          logger.warn(
            { seq: row.seq, kind: change.kind },
            "câu mẫu from another replica not written into examples.json here: the file is unreadable, broken or refuses it (npm run catalogue:check)",
          );
          advance(row.seq);
          continue;
        }
      }
      applied.push(change);
      advance(row.seq);
    }
    // A shared folder holds the changes already (the watcher may not hear of another machine's write): reloaded too.
    const servedNow = staffLabelsOf(served());
    if (wrote || applied.some((c) => !holds(servedNow, c))) await reload();
  }
}

/**
 * Records one change (under the table's lock, so numbers follow commit order) and announces it. A change recorded as
 * it is saved (`late` false) stands over whatever the row held: of two changes of a text, the one committed later.
 * A change recorded late (kept while the database was away) is weighed by the time it was made instead, and not
 * recorded when the row holds a change made at that time or later: its fresh number would otherwise lay an older
 * change over a newer one made elsewhere meanwhile (the number says when the table got it, not when staff made it),
 * and a change whose record committed though its answer was lost finds itself (same time) and is not made twice.
 * Times come from the replicas' clocks, kept to well under a second of each other (NTP), far less than staff take
 * to label one text twice. Resolves to whether it was recorded.
 */
async function writeChange(client: pg.PoolClient, entry: Known, late: boolean): Promise<boolean> {
  await client.query("LOCK TABLE example_changes IN EXCLUSIVE MODE");
  if (late) {
    const { rows } = await client.query<{ changed_at: number }>(
      "SELECT changed_at FROM example_changes WHERE text_key = $1",
      [entry.key],
    );
    const recorded = rows[0]?.changed_at;
    if (recorded !== undefined && recorded >= entry.changedAt) return false;
  }
  if (entry.audit) {
    // Written only by the attempt that records the change, in its transaction: a change recorded already (an
    // earlier try whose answer was lost, a process that died after its commit) or outdated by a later one (whose
    // own request names its maker) writes none. Once: the console's own row, written after the change was begun,
    // counts.
    const { user, ward, action, detail } = entry.audit;
    await client.query(
      `INSERT INTO staff_audit (at, username, action, detail, ward)
       SELECT $1::text, $2::text, $3::text, $4::text, $5::text
        WHERE NOT EXISTS (SELECT 1 FROM staff_audit WHERE username = $2 AND action = $3 AND detail = $4 AND at >= $1)`,
      [new Date(entry.changedAt).toISOString(), user, action, detail, ward ?? null],
    );
  }
  const { rows } = await client.query<{ seq: number }>(
    `INSERT INTO example_changes (text_key, seq, change, origin, changed_at)
     VALUES ($1, nextval('example_changes_seq'), $2, $3, $4)
     ON CONFLICT (text_key) DO UPDATE
       SET seq = excluded.seq, change = excluded.change, origin = excluded.origin, changed_at = excluded.changed_at
     RETURNING seq`,
    [entry.key, JSON.stringify(entry.change), entry.origin, entry.changedAt],
  );
  // Delivered at commit, to every listening replica (this one too: it finds the change applied).
  await client.query("SELECT pg_notify($1, $2)", [EXAMPLES_CHANNEL, String(rows[0]?.seq ?? "")]);
  return true;
}

/**
 * The database refused (an SQLSTATE outside the connection classes: a schema, a permission) or could not be reached
 * (no SQLSTATE: refused, reset, timed out; class 08: connection exception; 57P0x: shutting down or starting).
 */
function databaseErrorKind(err: unknown): "database" | "database-unreachable" {
  const code = (err as { code?: unknown } | null)?.code;
  const sqlState = typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  return sqlState && !sqlState.startsWith("08") && !sqlState.startsWith("57P0") ? "database" : "database-unreachable";
}

/**
 * The change the console made to a text's staff labels, from those before its write and those now: one label now
 * (another before) is an addition, none now (some before) a removal; undefined when nothing changed or either side
 * is unknown.
 */
function changeBetween(
  text: string,
  was: readonly unknown[] | undefined,
  now: Example[] | undefined,
): ExampleChange | undefined {
  if (!was || !now || isDeepStrictEqual(was, now)) return undefined;
  if (now.length === 0) return { kind: "remove", text };
  if (now.length !== 1) return undefined;
  return Change.safeParse({ kind: "add", example: now[0] }).success
    ? { kind: "add", example: now[0] as Example }
    : undefined;
}

/**
 * Whether the database refuses this change itself, whenever it is tried: a data exception (class 22: a value too
 * long, a bad encoding) or an integrity constraint (class 23). A schema or permission error (class 42), a timeout,
 * a lost connection refuse every change alike and pass: those wait.
 */
function refusedForGood(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^2[23][0-9A-Z]{3}$/.test(code);
}

/**
 * A câu mẫu change's audit action and detail, as the console writes them: the question (a deletion's scrubbed, as
 * staff typed it) cut to 80 characters, and the label — or the labels `before` it, for a deletion.
 */
export function exampleAudit(change: ExampleChange, before: readonly unknown[]): Omit<ExampleAudit, "user" | "ward"> {
  if (change.kind === "add") {
    const { text, code, intent } = change.example;
    return { action: "example-added", detail: `«${text.slice(0, 80)}» → ${code}${intent ? ` (${intent})` : ""}` };
  }
  const codes = before.map((e) => String((e as { code?: unknown }).code ?? "?"));
  return { action: "example-deleted", detail: `«${scrubQuestion(change.text).slice(0, 80)}» → ${codes.join(", ")}` };
}

/** The staff account a label's source names ("nhân viên <user>, <day>"). */
function sourceUser(source: string): string | undefined {
  if (!source.startsWith(STAFF_SOURCE_PREFIX)) return undefined;
  const rest = source.slice(STAFF_SOURCE_PREFIX.length);
  const comma = rest.lastIndexOf(", ");
  return (comma >= 0 ? rest.slice(0, comma) : rest) || undefined;
}

/** Staff labels by sameTextKey. */
function staffLabelsOf(examples: readonly Example[]): Map<string, Example[]> {
  const byKey = new Map<string, Example[]>();
  for (const e of examples) {
    if (!isStaffExample(e)) continue;
    const key = sameTextKey(e.text);
    byKey.set(key, [...(byKey.get(key) ?? []), e]);
  }
  return byKey;
}

/** The staff labels of the file as it is now; undefined when it cannot be read (then every change is written). */
async function staffLabelsIn(file: string): Promise<Map<string, Example[]> | undefined> {
  try {
    const raw = JSON.parse((await readFile(file, "utf8")).replace(/^\uFEFF/, "")) as { examples?: unknown };
    if (!Array.isArray(raw.examples)) return undefined;
    const examples = raw.examples.filter(
      (e): e is Example =>
        typeof e === "object" && e !== null && typeof e.text === "string" && typeof e.source === "string",
    );
    return staffLabelsOf(examples);
  } catch {
    return undefined;
  }
}

/** Whether these staff labels are as the change leaves them: its label alone for the text, or none. */
function holds(labels: Map<string, Example[]> | undefined, change: ExampleChange): boolean {
  if (!labels) return false;
  const those = labels.get(sameTextKey(textOf(change))) ?? [];
  if (change.kind === "remove") return those.length === 0;
  const e = change.example;
  const [only] = those;
  return (
    those.length === 1 &&
    only !== undefined &&
    only.code === e.code &&
    only.intent === e.intent &&
    only.source === e.source &&
    only.added === e.added
  );
}

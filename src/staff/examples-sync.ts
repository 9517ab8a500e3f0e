import { readFile } from "node:fs/promises";
import { z } from "zod";
import { Example, isStaffExample, NOT_A_PROCEDURE, sameTextKey } from "../catalogue/examples.js";
import { errorSummary, type Logger } from "../logger.js";
import { DatabaseBroadcast } from "../replicas/broadcast.js";
import { inTransaction, type Pool } from "../storage/postgres/database.js";
import type { Backoff } from "../util/backoff.js";
import { type ExamplesFileEditor, ExampleWriteError } from "./examples-file.js";

/** The channel a replica announces a câu mẫu change on (the payload is the change's number; any message means "read"). */
export const EXAMPLES_CHANNEL = "motcua_examples";

/** A câu mẫu change made through one replica's console. */
export type ExampleChange = { kind: "add"; example: Example } | { kind: "remove"; text: string };

const Change = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("add"), example: Example }),
  z.object({ kind: z.literal("remove"), text: z.string().min(1).max(2_000) }),
]);

/** How the staff console tells of its changes (src/wiring/examples.ts gives it the replicas' sync). */
export interface ExampleAnnouncer {
  /**
   * Called before the console writes a change of `text` into its own examples.json: until the returned function is
   * called, changes of that text made on other replicas are not laid over it here. Call it with the change once
   * written (it is recorded for every replica; never throws: the change is saved here whatever happens), or with
   * nothing when nothing was written. A second call does nothing.
   */
  changing(text: string): (change?: ExampleChange) => Promise<void>;
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
}

const DEFAULT_POLL_MS = 5 * 60_000;

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
 * text (docs/staff-console.md §4a).
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

  private constructor(
    private readonly pool: Pool,
    private readonly options: ExamplesSyncOptions,
  ) {}

  /** Starts listening (a failed first LISTEN is retried in the background); `catchUp` applies what is recorded. */
  static async open(pool: Pool, options: ExamplesSyncOptions): Promise<ExamplesSync> {
    const sync = new ExamplesSync(pool, options);
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

  changing(text: string): (change?: ExampleChange) => Promise<void> {
    const key = sameTextKey(text);
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    this.touched.set(key, ++this.begun);
    let finished = false;
    return async (change?: ExampleChange) => {
      if (finished) return;
      finished = true;
      try {
        if (change) await this.record(change);
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

  private async record(change: ExampleChange): Promise<void> {
    const { origin, now, logger } = this.options;
    try {
      await inTransaction(this.pool, async (client) => {
        // One writer at a time (readers go on): numbers are taken in the order the changes commit.
        await client.query("LOCK TABLE example_changes IN EXCLUSIVE MODE");
        const { rows } = await client.query<{ seq: number }>(
          `INSERT INTO example_changes (text_key, seq, change, origin, changed_at)
           VALUES ($1, nextval('example_changes_seq'), $2, $3, $4)
           ON CONFLICT (text_key) DO UPDATE
             SET seq = excluded.seq, change = excluded.change, origin = excluded.origin, changed_at = excluded.changed_at
           RETURNING seq`,
          [sameTextKey(textOf(change)), JSON.stringify(change), origin, now()],
        );
        // Delivered at commit, to every listening replica (this one too: it finds the change applied).
        await client.query("SELECT pg_notify($1, $2)", [EXAMPLES_CHANNEL, String(rows[0]?.seq ?? "")]);
      });
    } catch (err) {
      logger.warn(
        { err: errorSummary(err), kind: change.kind },
        "câu mẫu saved here, but not recorded for the other replicas (database): they do not get it",
      );
    }
  }

  /**
   * Applies every change recorded above the last one applied here, in order; resolves once done (a call while a
   * read runs is served by one more read after it). Never rejects: a failure is logged and the next call retries.
   */
  catchUp(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.again = true;
    this.running ??= (async () => {
      while (this.again && !this.closed) {
        this.again = false;
        await this.readAndApply().catch((err: unknown) =>
          this.options.logger.warn(
            { err: errorSummary(err) },
            "câu mẫu: changes made on other replicas not read now; read again at the next change or reconnection",
          ),
        );
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

  /** Stops listening and polling; resolves once a read under way is done (no write after it). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.broadcast?.close();
    await this.running;
  }

  private async readAndApply(): Promise<void> {
    const { file, reload, served, knownCodes, logger } = this.options;
    // A row read now but for a text this replica's console changes after the read, or finishes changing after it
    // (the query's snapshot may predate the change's record), may be older than that change: held back.
    const readAt = this.begun;
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
      if (this.pending.has(row.text_key) || (this.touched.get(row.text_key) ?? 0) > readAt) {
        // Written here right now or since the read began: its own change, recorded after, comes later in the order
        // (or, if it is not written after all, this row is read again then). Rows after it are applied, and read again.
        // Without the mark at the change's end, a read sent while it was recorded applied the other replica's older
        // label over this one's, after this one's save had returned (put right only by the next read).
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

const textOf = (change: ExampleChange) => (change.kind === "add" ? change.example.text : change.text);

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

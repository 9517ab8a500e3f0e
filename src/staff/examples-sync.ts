import { randomBytes } from "node:crypto";
import { z } from "zod";
import { Example, sameTextKey } from "../catalogue/examples.js";
import { errorSummary, type Logger } from "../logger.js";
import { DatabaseBroadcast } from "../replicas/broadcast.js";
import type { Pool } from "../storage/postgres/database.js";
import { type ExamplesFileEditor, ExampleWriteError } from "./examples-file.js";

/** The channel the replicas' consoles tell each other of câu mẫu changes on. */
export const EXAMPLES_CHANNEL = "motcua_examples";

/** A câu mẫu change made through one replica's console. */
export type ExampleChange = { kind: "add"; example: Example } | { kind: "remove"; text: string };

const Message = z.object({
  v: z.literal(1),
  /** The replica's console that made the change (it has applied it already). */
  origin: z.string(),
  /** SHA-256 of its examples.json once written: a replica whose file reads the same has nothing to write. */
  digest: z.string(),
  /** When it was made (the replicas' clocks agree, NTP): of two changes of one text, the later one stands. */
  at: z.number(),
  change: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("add"), example: Example }),
    z.object({ kind: z.literal("remove"), text: z.string().max(2_000) }),
  ]),
});

export interface ExamplesSyncOptions {
  file: ExamplesFileEditor;
  /** The live catalogue's reload: the path its file watcher takes. */
  reload(): Promise<boolean>;
  /** The codes this replica's catalogue knows (a label naming another is refused, as the console's own). */
  knownCodes(): ReadonlySet<string>;
  logger: Logger;
  now(): number;
}

/**
 * Câu mẫu saved or deleted on one replica, served by every replica at once (DATABASE_URL): the console that made
 * the change tells the others through the database (src/replicas/broadcast.ts), and each reloads its catalogue as
 * its file watcher would. Replicas sharing one catalogue folder (the same disk, NFS — whose changes a watcher on
 * another machine may never hear of) find the file written already; those with a copy of their own each write the
 * same change into it (the label as made: same text, code, section, source and date), then reload. A replica that
 * was not listening (restarting, the database away) reloads when it listens again, which catches a shared folder
 * up; a copy of its own misses what was said meanwhile (docs/staff-console.md §4a).
 */
export class ExamplesSync {
  private readonly origin = randomBytes(8).toString("hex");
  private queue: Promise<void> = Promise.resolve();
  /** When this replica last changed each text (by sameTextKey): an older change of it heard later is not applied. */
  private readonly changedHere = new Map<string, number>();

  private constructor(
    private readonly options: ExamplesSyncOptions,
    private broadcast?: DatabaseBroadcast,
  ) {}

  static async open(pool: Pool, options: ExamplesSyncOptions): Promise<ExamplesSync> {
    const sync = new ExamplesSync(options);
    sync.broadcast = await DatabaseBroadcast.open(pool, {
      channel: EXAMPLES_CHANNEL,
      logger: options.logger,
      onMessage: (payload) => sync.heard(payload),
      onReconnect: () => sync.inTurn(async () => void (await options.reload())),
    });
    return sync;
  }

  /**
   * Notes that this replica is about to change a text (before writing it): a change of that text made earlier on
   * another replica, heard from now on, is not applied over it. Resolves to the change's time, for `publish`.
   */
  changing(text: string): number {
    const at = this.options.now();
    this.changedHere.set(sameTextKey(text), at);
    return at;
  }

  /** Tells the other replicas of a change this one has written and reloaded. Never throws: the change is saved here. */
  async publish(change: ExampleChange, at: number): Promise<void> {
    try {
      const digest = await this.options.file.digest();
      await this.broadcast?.publish(JSON.stringify({ v: 1, origin: this.origin, digest, at, change }));
    } catch (err) {
      this.options.logger.warn(
        { err: errorSummary(err) },
        "câu mẫu saved here, but the other replicas were not told: they take it at their next reload",
      );
    }
  }

  /** Resolves once every change heard so far is applied (tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  close(): void {
    this.broadcast?.close();
  }

  private heard(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      parsed = undefined;
    }
    const message = Message.safeParse(parsed);
    if (!message.success) {
      this.options.logger.warn("câu mẫu change from another replica not understood; ignored");
      return;
    }
    if (message.data.origin === this.origin) return;
    const { digest, change, at, origin } = message.data;
    this.inTurn(() => this.apply(digest, change, at, origin));
  }

  /** One change at a time, in the order the database delivered them (the same order on every replica). */
  private inTurn(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((err: unknown) => {
      this.options.logger.warn({ err: errorSummary(err) }, "câu mẫu change from another replica not applied");
    });
  }

  private async apply(digest: string, change: ExampleChange, at: number, origin: string): Promise<void> {
    const { file, reload, knownCodes, logger } = this.options;
    // Two staff changing one text on two replicas at once: each replica keeps the later change, not the last heard
    // (the same millisecond: the change of the greater origin).
    const mine = this.changedHere.get(sameTextKey(textOf(change)));
    const stale = mine !== undefined && (mine > at || (mine === at && this.origin > origin));
    // A shared folder holds the change already: reloading, as the watcher would, serves it.
    if (!stale && (await file.digest()) !== digest) {
      try {
        if (change.kind === "add") await file.put(change.example, knownCodes());
        else await file.remove(change.text, knownCodes());
      } catch (err) {
        if (!(err instanceof ExampleWriteError)) throw err;
        logger.warn({ reason: err.message, kind: change.kind }, "câu mẫu from another replica not written here");
        return;
      }
    }
    await reload();
  }
}

const textOf = (change: ExampleChange) => (change.kind === "add" ? change.example.text : change.text);

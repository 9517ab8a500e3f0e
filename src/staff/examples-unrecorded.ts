import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { Example, sameTextKey } from "../catalogue/examples.js";

/** A câu mẫu change made through one replica's console. */
export type ExampleChange = { kind: "add"; example: Example } | { kind: "remove"; text: string };

export const ExampleChangeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("add"), example: Example }),
  z.object({ kind: z.literal("remove"), text: z.string().min(1).max(2_000) }),
]);

/**
 * A change begun and not yet named: written before the console's examples.json write, with the text's staff labels
 * as they were before it. Found after a crash, it is settled by comparing the text's labels then with `before`.
 */
export interface UnsureChange {
  kind: "unsure";
  text: string;
  /** The text's staff labels before the write, as the file held them (not parsed). */
  before: unknown[];
}

/** What a file of the folder keeps: a change, or one begun and not yet named. */
export type KeptChange = ExampleChange | UnsureChange;

export const textOf = (change: KeptChange) => (change.kind === "add" ? change.example.text : change.text);

/**
 * The folder, inside the catalogue folder next to examples.json, of the changes saved there and not yet recorded in
 * the database. A dot name: the catalogue's watcher and loader pass it by; a copy of the folder taken for a backup
 * carries it along with the labels it belongs to.
 */
export const UNRECORDED_DIR = ".examples-unrecorded";

/** The subfolder of the changes the database refused for good (setAside). */
export const REFUSED_DIR = "refused";

/** Who made a change on the console (its staff account, and the ward an account bound to one acts for). */
export interface ExampleActor {
  user: string;
  ward?: string;
}

/**
 * The staff audit row a change's record writes along with it (the console's own row failed, or is not known to have
 * been written): as the console writes it (src/staff/console.ts), at the time the change was made.
 */
export interface ExampleAudit extends ExampleActor {
  action: "example-added" | "example-deleted";
  detail: string;
}

/** A câu mẫu change saved into examples.json here, waiting to be recorded for the other replicas. */
export interface UnrecordedChange {
  /** Its file's name: names sort in the order the changes were made. */
  id: string;
  /** sameTextKey of its text. */
  key: string;
  change: KeptChange;
  /**
   * Its replica is recording it now (the file is written before the record, removed after it): another replica
   * sharing the folder leaves it alone until it is older than the sync's grace period (its replica died then).
   * False once its record failed: whoever can, records it.
   */
  recording: boolean;
  /** When it was made (epoch ms, the bot's clock): weighed against a change of the text recorded meanwhile. */
  changedAt: number;
  /** The replica whose console made it. */
  origin: string;
  /** Who made it, when the console said (an unsure change's audit row is written from it once settled). */
  actor?: ExampleActor;
  /** The audit row to write with its record. */
  audit?: ExampleAudit;
}

const Stored = z
  .object({
    version: z.literal(1),
    change: ExampleChangeSchema.optional(),
    unsure: z.object({ text: z.string().min(1).max(2_000), before: z.array(z.unknown()).max(100) }).optional(),
    changedAt: z.number().int().nonnegative(),
    origin: z.string().max(200),
    recording: z.boolean().optional(),
    actor: z.object({ user: z.string().max(200), ward: z.string().max(200).optional() }).optional(),
    audit: z
      .object({
        user: z.string().max(200),
        ward: z.string().max(200).optional(),
        action: z.enum(["example-added", "example-deleted"]),
        detail: z.string().max(2_000),
      })
      .optional(),
  })
  .refine((s) => (s.change === undefined) !== (s.unsure === undefined));

const NAME = /^\d{15}-\d{6}-[0-9a-f]{8}\.json$/;
/** A file being written (`write`): its change's name, the writer's process id. */
const TEMP = /^\.\d{15}-\d{6}-[0-9a-f]{8}\.json\.\d+\.tmp$/;

/**
 * The câu mẫu changes saved here and not yet recorded in the database (src/staff/examples-sync.ts), one small file
 * each. A change's file is written when the console begins it, with (not after) the examples.json write, first as an
 * unsure change (the text and its labels before), and removed once the change is recorded; when the record fails it
 * is replaced by the change itself, no longer marked recording. A replica killed at any point after the write, the
 * record waiting on a database away, leaves the file: found at the next start (or by a replica sharing the folder)
 * and recorded then. Each file is written whole under a temporary name and renamed (a crash leaves it or nothing,
 * never half). Two replicas sharing the catalogue folder each write files of their own names; what one records
 * twice the database weighs (examples-sync.ts writeChange), so twice is harmless. A file that cannot be written
 * leaves the change in memory only: recorded while the process lives, lost if it ends first (`keep` says so).
 */
export class UnrecordedChanges {
  private readonly memory = new Map<string, UnrecordedChange>();
  private made = 0;

  constructor(
    /** The catalogue folder (CATALOGUE_DIR). */
    catalogueDir: string,
    private readonly fsync = true,
  ) {
    this.dir = path.join(catalogueDir, UNRECORDED_DIR);
  }

  readonly dir: string;

  /** A change made now, named to sort in the order made (not kept yet: `keep`). */
  entry(change: KeptChange, changedAt: number, origin: string, recording = true): UnrecordedChange {
    const id = `${String(Math.max(0, Math.trunc(changedAt))).padStart(15, "0")}-${String(++this.made % 1e6).padStart(6, "0")}-${randomBytes(4).toString("hex")}.json`;
    return { id, key: sameTextKey(textOf(change)), change, recording, changedAt, origin };
  }

  /**
   * Keeps a change (replacing what its file held); resolves to whether it is on disk. One that cannot be written is
   * kept in memory instead when it waits (not recording: its record failed), else only told (the record is under way).
   */
  async keep(entry: UnrecordedChange): Promise<boolean> {
    const { change, changedAt, origin, recording, actor, audit } = entry;
    const stored = {
      version: 1,
      ...(change.kind === "unsure" ? { unsure: { text: change.text, before: change.before } } : { change }),
      changedAt,
      origin,
      recording,
      ...(actor ? { actor } : {}),
      ...(audit ? { audit } : {}),
    };
    try {
      await this.write(entry.id, `${JSON.stringify(stored)}\n`);
      return true;
    } catch {
      if (!recording) this.memory.set(entry.id, entry);
      return false;
    }
  }

  /**
   * Every change waiting, in the order they were made (this replica's and, in a shared folder, the others'). Files
   * that are not one of ours (a newer version's, broken by hand) are left alone and counted in `unreadable`, as are
   * files that cannot be read; a folder that cannot be read gives those in memory, `unreadable` 1.
   */
  async list(): Promise<{ changes: UnrecordedChange[]; unreadable: number }> {
    const byId = new Map(this.memory);
    let unreadable = 0;
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") unreadable++;
    }
    for (const name of names) {
      if (!NAME.test(name)) continue;
      let text: string;
      try {
        text = await readFile(path.join(this.dir, name), "utf8");
      } catch (err) {
        // ENOENT: recorded and removed by another replica sharing the folder since the listing.
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") unreadable++;
        continue;
      }
      let parsed: z.infer<typeof Stored> | undefined;
      try {
        parsed = Stored.parse(JSON.parse(text));
      } catch {
        unreadable++;
        continue;
      }
      const change: KeptChange = parsed.change
        ? (parsed.change as ExampleChange)
        : { kind: "unsure", text: parsed.unsure?.text ?? "", before: parsed.unsure?.before ?? [] };
      byId.set(name, {
        id: name,
        key: sameTextKey(textOf(change)),
        change,
        // Files of an earlier version (no mark) were all written when their record failed.
        recording: parsed.recording ?? false,
        changedAt: parsed.changedAt,
        origin: parsed.origin,
        ...(parsed.actor ? { actor: parsed.actor } : {}),
        ...(parsed.audit ? { audit: parsed.audit } : {}),
      });
    }
    const changes = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { changes, unreadable };
  }

  /**
   * Removes the temporary files a crash left before their rename (the change they held was never kept: its
   * examples.json write is settled as any other). Only those older than `olderThanMs`: a replica sharing the folder
   * may be writing one now. Resolves to how many were removed; a folder that cannot be read removes none.
   */
  async sweep(now: number, olderThanMs = 60_000): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      if (!TEMP.test(name)) continue;
      const file = path.join(this.dir, name);
      const made = await stat(file).then(
        (s) => s.mtimeMs,
        () => undefined,
      );
      if (made === undefined || now - made < olderThanMs) continue;
      if (
        await rm(file, { force: true }).then(
          () => true,
          () => false,
        )
      )
        removed++;
    }
    return removed;
  }

  /**
   * Moves a change the database refuses for good (a constraint, a value it cannot hold) into the folder's `refused/`
   * subfolder: kept for whoever looks into it, no longer waiting, so the changes after it go on.
   */
  async setAside(entry: UnrecordedChange): Promise<void> {
    const aside = path.join(this.dir, REFUSED_DIR);
    await mkdir(aside, { recursive: true });
    if (this.memory.delete(entry.id)) {
      const { change, changedAt, origin } = entry;
      await writeFile(path.join(aside, entry.id), `${JSON.stringify({ version: 1, change, changedAt, origin })}\n`);
      return;
    }
    await rename(path.join(this.dir, entry.id), path.join(aside, entry.id));
  }

  /** How many changes were set aside (refused for good). */
  async refused(): Promise<number> {
    const names = await readdir(path.join(this.dir, REFUSED_DIR)).catch(() => [] as string[]);
    return names.filter((n) => NAME.test(n)).length;
  }

  /** Forgets a change: recorded, or outdated by a later one. */
  async drop(entry: UnrecordedChange): Promise<void> {
    this.memory.delete(entry.id);
    await rm(path.join(this.dir, entry.id), { force: true });
  }

  private async write(id: string, text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // A dot name: listings pass it by until the rename.
    const temp = path.join(this.dir, `.${id}.${process.pid}.tmp`);
    try {
      const handle = await open(temp, "w", 0o644);
      try {
        await handle.writeFile(text, "utf8");
        if (this.fsync) await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temp, path.join(this.dir, id));
      if (this.fsync) await syncFolder(this.dir);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
  }
}

/** The rename itself reaches the disk (a power cut after the save keeps the file). */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the rename is then as durable as they make it.
  } finally {
    await handle.close();
  }
}

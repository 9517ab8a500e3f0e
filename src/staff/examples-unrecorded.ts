import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { Example, sameTextKey } from "../catalogue/examples.js";

/** A câu mẫu change made through one replica's console. */
export type ExampleChange = { kind: "add"; example: Example } | { kind: "remove"; text: string };

export const ExampleChangeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("add"), example: Example }),
  z.object({ kind: z.literal("remove"), text: z.string().min(1).max(2_000) }),
]);

export const textOf = (change: ExampleChange) => (change.kind === "add" ? change.example.text : change.text);

/**
 * The folder, inside the catalogue folder next to examples.json, of the changes saved there and not yet recorded in
 * the database. A dot name: the catalogue's watcher and loader pass it by; a copy of the folder taken for a backup
 * carries it along with the labels it belongs to.
 */
export const UNRECORDED_DIR = ".examples-unrecorded";

/** A câu mẫu change saved into examples.json here, waiting to be recorded for the other replicas. */
export interface UnrecordedChange {
  /** Its file's name: names sort in the order the changes were made. */
  id: string;
  /** sameTextKey of its text. */
  key: string;
  change: ExampleChange;
  /** When it was made (epoch ms, the bot's clock): weighed against a change of the text recorded meanwhile. */
  changedAt: number;
  /** The replica whose console made it. */
  origin: string;
}

const Stored = z.object({
  version: z.literal(1),
  change: ExampleChangeSchema,
  changedAt: z.number().int().nonnegative(),
  origin: z.string().max(200),
});

const NAME = /^\d{15}-\d{6}-[0-9a-f]{8}\.json$/;

/**
 * The câu mẫu changes saved here that the database did not take (src/staff/examples-sync.ts), one small file each,
 * written when the record fails and removed once the change is recorded: one left after a restart is found and
 * recorded then. (Written only then, not ahead of every record: a file would otherwise exist for each change being
 * recorded, and a replica that listed it just before it was removed would record it a second time, late, over a
 * change committed after it. A process killed in the milliseconds between the examples.json write and the record
 * leaves the label in its own file only.) Each file is written whole under a
 * temporary name and renamed (a crash leaves it or nothing, never half), and never rewritten; two replicas sharing
 * the catalogue folder each write files of their own names and may record each other's (the database decides, so
 * twice is harmless). A file that cannot be written leaves the change in memory only: recorded while the process
 * lives, lost if it ends first (`keep` says so).
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
  entry(change: ExampleChange, changedAt: number, origin: string): UnrecordedChange {
    const id = `${String(Math.max(0, Math.trunc(changedAt))).padStart(15, "0")}-${String(++this.made % 1e6).padStart(6, "0")}-${randomBytes(4).toString("hex")}.json`;
    return { id, key: sameTextKey(textOf(change)), change, changedAt, origin };
  }

  /** Keeps a change the database did not take; resolves to whether it is on disk (else in memory only). */
  async keep(entry: UnrecordedChange): Promise<boolean> {
    const { change, changedAt, origin } = entry;
    try {
      await this.write(entry.id, `${JSON.stringify({ version: 1, change, changedAt, origin })}\n`);
      return true;
    } catch {
      this.memory.set(entry.id, entry);
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
      const change = parsed.change as ExampleChange;
      byId.set(name, {
        id: name,
        key: sameTextKey(textOf(change)),
        change,
        changedAt: parsed.changedAt,
        origin: parsed.origin,
      });
    }
    const changes = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { changes, unreadable };
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

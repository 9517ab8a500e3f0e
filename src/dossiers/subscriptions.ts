import { z } from "zod";
import { ShardedRecords } from "../storage/sharded.js";
import type { DossierRepository } from "./repository.js";
import { FINAL_STATUSES } from "./schema.js";

/** Links between a chat and the dossiers it follows; the file implementation can be swapped for a database. */
export interface SubscriptionRepository {
  /** Resolves once the link is on disk; false when it already existed. */
  add(chatKey: string, key: string, now: number): Promise<boolean>;
  remove(chatKey: string, key: string): Promise<boolean>;
  /** Removes every link of a chat; resolves to how many there were. */
  removeChat(chatKey: string): Promise<number>;
  chatsOf(key: string): Promise<string[]>;
  codesOf(chatKey: string): Promise<string[]>;
  /** Every followed dossier with its chats. */
  followed(): Promise<Map<string, string[]>>;
  /**
   * Deletes the links to dossiers that are gone, or over (3, 7, 8, 10) since before `overBefore`;
   * resolves to how many. PostgreSQL does it in one statement against its own dossiers table.
   */
  dropFinished(dossiers: DossierRepository, overBefore: number): Promise<number>;
  count(): Promise<number>;
}

const Link = z.object({ at: z.number() });
type Link = z.infer<typeof Link>;
const SEP = "\n";

/** Links sharded by chat, so a subscription or a /huy rewrites one small file. */
export class FileSubscriptionRepository implements SubscriptionRepository {
  private readonly byCode = new Map<string, Set<string>>();
  private readonly byChat = new Map<string, Set<string>>();

  private constructor(private readonly links: ShardedRecords<Link>) {
    for (const [id] of links.entries()) this.index(...split(id), true);
  }

  static async open(dir: string, fsync = true): Promise<FileSubscriptionRepository> {
    const links = await ShardedRecords.open(
      dir,
      { kind: "subscriptions", version: 1, record: Link, shards: 16, shardKey: (id) => split(id)[0] },
      fsync,
    );
    return new FileSubscriptionRepository(links);
  }

  async add(chatKey: string, key: string, now: number): Promise<boolean> {
    const id = chatKey + SEP + key;
    if (this.links.get(id)) return false;
    this.links.set(id, { at: now });
    this.index(chatKey, key, true);
    await this.links.persist([id]);
    return true;
  }

  async remove(chatKey: string, key: string): Promise<boolean> {
    const id = chatKey + SEP + key;
    if (!this.links.delete(id)) return false;
    this.index(chatKey, key, false);
    await this.links.persist([id]);
    return true;
  }

  async removeChat(chatKey: string): Promise<number> {
    const keys = [...(this.byChat.get(chatKey) ?? [])];
    for (const key of keys) {
      this.links.delete(chatKey + SEP + key);
      this.index(chatKey, key, false);
    }
    if (keys.length > 0) await this.links.persist([chatKey + SEP]);
    return keys.length;
  }

  async chatsOf(key: string): Promise<string[]> {
    return [...(this.byCode.get(key) ?? [])];
  }

  async codesOf(chatKey: string): Promise<string[]> {
    return [...(this.byChat.get(chatKey) ?? [])];
  }

  async followed(): Promise<Map<string, string[]>> {
    return new Map([...this.byCode].map(([key, chats]) => [key, [...chats]]));
  }

  dropFinished(dossiers: DossierRepository, overBefore: number): Promise<number> {
    return dropFinishedOneByOne(this, dossiers, overBefore);
  }

  async count(): Promise<number> {
    return this.links.size;
  }

  /** Every link with when it was made (npm run store:migrate-to-postgres copies them). */
  all(): { chatKey: string; key: string; at: number }[] {
    return [...this.links.entries()].map(([id, link]) => {
      const [chatKey, key] = split(id);
      return { chatKey, key, at: link.at };
    });
  }

  private index(chatKey: string, key: string, present: boolean): void {
    for (const [map, a, b] of [
      [this.byCode, key, chatKey],
      [this.byChat, chatKey, key],
    ] as const) {
      const set = map.get(a);
      if (present) {
        if (set) set.add(b);
        else map.set(a, new Set([b]));
      } else if (set) {
        set.delete(b);
        if (set.size === 0) map.delete(a);
      }
    }
  }
}

function split(id: string): [string, string] {
  const at = id.indexOf(SEP);
  return [id.slice(0, at), id.slice(at + 1)];
}

/** Deletes links to dossiers that are gone or over (3, 7, 8, 10) since before `overBefore`: no reason to keep them. */
export function dropFinishedLinks(
  subscriptions: SubscriptionRepository,
  dossiers: DossierRepository,
  overBefore: number,
): Promise<number> {
  return subscriptions.dropFinished(dossiers, overBefore);
}

/** dropFinished over any two stores: a get per followed dossier (cheap in memory, a query each in a database). */
export async function dropFinishedOneByOne(
  subscriptions: SubscriptionRepository,
  dossiers: DossierRepository,
  overBefore: number,
): Promise<number> {
  let dropped = 0;
  for (const [key, chats] of await subscriptions.followed()) {
    const d = await dossiers.get(key);
    if (d && !(FINAL_STATUSES.has(d.status) && d.statusSince < overBefore)) continue;
    for (const chatKey of chats) if (await subscriptions.remove(chatKey, key)) dropped++;
  }
  return dropped;
}

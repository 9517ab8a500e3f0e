import type { Choice } from "../../core/types.js";

interface PagedList {
  choices: Choice[];
  page: number;
}

/**
 * The full choice lists of paged messages, by chat and message id, so a paging button can
 * redraw the keyboard; callback data (64 bytes) cannot carry the list. Kept in memory and
 * bounded: after a restart or eviction, a paging button answers "this list has expired".
 */
export class PageStore {
  private readonly lists = new Map<string, PagedList>();

  constructor(private readonly capacity = 5_000) {}

  remember(chatId: number, messageId: number, choices: Choice[]): void {
    const key = `${chatId}:${messageId}`;
    this.lists.delete(key);
    this.lists.set(key, { choices, page: 0 });
    // Maps iterate in insertion order, so the first key is the oldest list.
    for (const oldest of this.lists.keys()) {
      if (this.lists.size <= this.capacity) break;
      this.lists.delete(oldest);
    }
  }

  get(chatId: number, messageId: number): PagedList | undefined {
    return this.lists.get(`${chatId}:${messageId}`);
  }

  get size(): number {
    return this.lists.size;
  }
}

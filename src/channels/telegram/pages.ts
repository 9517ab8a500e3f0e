import type { Choice } from "../../core/types.js";
import { RecentMap } from "../../util/recent.js";

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
  private readonly lists: RecentMap<string, PagedList>;

  constructor(capacity = 5_000) {
    this.lists = new RecentMap(capacity);
  }

  remember(chatId: number, messageId: number, choices: Choice[]): void {
    this.lists.set(`${chatId}:${messageId}`, { choices, page: 0 });
  }

  get(chatId: number, messageId: number): PagedList | undefined {
    return this.lists.get(`${chatId}:${messageId}`);
  }

  get size(): number {
    return this.lists.size;
  }
}

import type { Api } from "grammy";
import type { Reply, SendProgress } from "../../core/types.js";
import type { PageStore } from "./pages.js";
import { escapeHtml, keyboard, type PageLabels, pageCount, splitText, usableChoices } from "./render.js";

/** Turns the core's replies into Telegram messages: split, HTML-escaped, choices as inline keyboards. */
export class TelegramMessages {
  constructor(
    private readonly api: Api,
    private readonly pages: PageStore,
    /** Paging labels in the chat's language; only asked for when a list is long enough to page. */
    private readonly labels: (chatId: number) => Promise<PageLabels>,
  ) {}

  /**
   * Sends the replies in order; resolves once Telegram accepted every message, rejects otherwise.
   * With `progress`, the first `skip` messages are taken as sent and each acceptance is reported.
   */
  async send(chatId: number, replies: readonly Reply[], progress?: SendProgress): Promise<void> {
    let count = 0;
    for (const reply of replies) {
      const choices = usableChoices(reply.choices ?? []);
      const chunks = splitText(reply.text);
      if (chunks.length === 0 && choices.length === 0) continue;
      // A keyboard needs a message to hang on.
      if (chunks.length === 0) chunks.push("…");
      const paged = pageCount(choices.length) > 1;
      const labels = paged ? await this.labels(chatId) : NO_LABELS;
      for (const [i, chunk] of chunks.entries()) {
        count++;
        if (progress && count <= progress.skip) continue;
        const last = i === chunks.length - 1;
        const sent = await this.api.sendMessage(chatId, escapeHtml(chunk), {
          parse_mode: "HTML",
          // Links to the public service portal would otherwise unfurl into large previews.
          link_preview_options: { is_disabled: true },
          reply_markup: last ? keyboard(choices, 0, labels) : undefined,
        });
        progress?.accepted(count);
        if (last && paged) this.pages.remember(chatId, sent.message_id, choices);
      }
    }
  }

  /** Redraws a paged list's keyboard at `page`; "expired" when the list is no longer known. */
  async turnPage(chatId: number, messageId: number, page: number): Promise<"shown" | "unchanged" | "expired"> {
    const list = this.pages.get(chatId, messageId);
    if (!list) return "expired";
    if (page === list.page || page >= pageCount(list.choices.length)) return "unchanged";
    const markup = keyboard(list.choices, page, await this.labels(chatId));
    await this.api.editMessageReplyMarkup(chatId, messageId, { reply_markup: markup });
    list.page = page;
    return "shown";
  }
}

const NO_LABELS: PageLabels = { previous: "«", next: "»", of: (page, pages) => `${page}/${pages}` };

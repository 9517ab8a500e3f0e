import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Choice } from "../../core/types.js";
import { splitText as splitLines } from "../text.js";

/** Telegram's limit on a message's text, counted after entity parsing (so before HTML escaping). */
const MESSAGE_LIMIT = 4096;
/** Telegram's limit on a button's callback_data, in bytes. */
const CALLBACK_DATA_LIMIT = 64;
/** Lists up to this long are shown whole; longer ones are paged PAGE_SIZE buttons at a time. */
const PAGE_THRESHOLD = 10;
export const PAGE_SIZE = 8;
/** Callback data of the paging buttons; no core choice id starts with it. */
const PAGE_PREFIX = "tgpage:";

export interface PageLabels {
  previous: string;
  next: string;
  /** e.g. "Page 2/3"; {page} and {pages} are filled in. */
  of: (page: number, pages: number) => string;
}

/** Escapes the three characters Telegram's HTML parse mode treats as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/** Telegram's limit by default (counted after HTML entities are parsed, so split before escaping). */
export function splitText(text: string, limit = MESSAGE_LIMIT): string[] {
  return splitLines(text, limit);
}

/** Choices Telegram can carry as buttons: a label and callback data of 1–64 bytes. */
export function usableChoices(choices: readonly Choice[]): Choice[] {
  return choices.filter((c) => {
    const bytes = Buffer.byteLength(c.id);
    return bytes > 0 && bytes <= CALLBACK_DATA_LIMIT && c.label.trim() !== "" && !c.id.startsWith(PAGE_PREFIX);
  });
}

/**
 * Buttons laid out by label length, in their order: short labels (sections, languages) three to
 * a row, medium ones two, long ones (procedure names) one per row so phones don't truncate them.
 * A row takes the next button only while every label in it allows that many: an answer's six
 * section buttons stay three to a row when a related procedure's long name follows them.
 */
function buttonRows(choices: readonly Choice[]): InlineKeyboardButton[][] {
  const perRow = (label: string) => (label.length <= 14 ? 3 : label.length <= 24 ? 2 : 1);
  const rows: InlineKeyboardButton[][] = [];
  let row: InlineKeyboardButton[] = [];
  let room = 0;
  for (const c of choices) {
    const fits = Math.min(room, perRow(c.label));
    if (row.length > 0 && row.length < fits) {
      row.push({ text: c.label, callback_data: c.id });
      room = fits;
      continue;
    }
    row = [{ text: c.label, callback_data: c.id }];
    room = perRow(c.label);
    rows.push(row);
  }
  return rows;
}

export function pageCount(choices: number): number {
  return choices > PAGE_THRESHOLD ? Math.ceil(choices / PAGE_SIZE) : 1;
}

/** The inline keyboard for one page of a list; undefined when there is nothing to press. */
export function keyboard(
  choices: readonly Choice[],
  page: number,
  labels: PageLabels,
): InlineKeyboardMarkup | undefined {
  if (choices.length === 0) return undefined;
  const pages = pageCount(choices.length);
  if (pages === 1) return { inline_keyboard: buttonRows(choices) };
  const shown = choices.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const nav: InlineKeyboardButton[] = [];
  if (page > 0) nav.push({ text: labels.previous, callback_data: `${PAGE_PREFIX}${page - 1}` });
  nav.push({ text: labels.of(page + 1, pages), callback_data: `${PAGE_PREFIX}${page}` });
  if (page < pages - 1) nav.push({ text: labels.next, callback_data: `${PAGE_PREFIX}${page + 1}` });
  return { inline_keyboard: [...buttonRows(shown), nav] };
}

/** The page a paging button asks for, or undefined when the data is not a paging button's. */
export function requestedPage(data: string): number | undefined {
  if (!data.startsWith(PAGE_PREFIX)) return undefined;
  const page = Number(data.slice(PAGE_PREFIX.length));
  return Number.isInteger(page) && page >= 0 ? page : undefined;
}

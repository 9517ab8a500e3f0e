import type { Reply } from "../../core/types.js";
import { renderReplyAsText, splitText } from "../text.js";

/** sendMessage accepts 1–2000 characters. */
export const ZALO_TEXT_LIMIT = 2000;

/**
 * Replies → the texts to send, in order. Zalo has no buttons: choices become numbered lines
 * (as on the terminal) and the user answers with the number, which the core resolves.
 */
export function renderForZalo(replies: readonly Reply[], limit = ZALO_TEXT_LIMIT): string[] {
  return replies.flatMap((reply) => splitText(renderReplyAsText(reply), limit));
}

/** Zalo's limit by default. */
export function splitForZalo(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  return splitText(text, limit);
}

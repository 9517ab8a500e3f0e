import type { Reply } from "../../core/types.js";
import { renderReplyAsText } from "../terminal/chat.js";

/** sendMessage accepts 1–2000 characters. */
export const ZALO_TEXT_LIMIT = 2000;

/**
 * Replies → the texts to send, in order. Zalo has no buttons: choices become numbered lines
 * (as on the terminal) and the user answers with the number, which the core resolves.
 */
export function renderForZalo(replies: readonly Reply[], limit = ZALO_TEXT_LIMIT): string[] {
  return replies.flatMap((reply) => splitText(renderReplyAsText(reply), limit));
}

/**
 * Splits text into pieces of at most `limit` UTF-16 units (never fewer than the characters
 * Zalo counts, whichever way it counts), on line boundaries first, then on spaces, and only
 * inside a word when one word alone is too long. Pieces keep their order; blank ones are dropped.
 */
export function splitText(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  const trimmed = text.trimEnd();
  if (trimmed.length <= limit) return trimmed.trim() === "" ? [] : [trimmed];
  const pieces: string[] = [];
  let current = "";
  const flush = () => {
    if (current.trim() !== "") pieces.push(current.trimEnd());
    current = "";
  };
  for (const line of trimmed.split("\n")) {
    const joined = current === "" ? line : `${current}\n${line}`;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    flush();
    if (line.length <= limit) {
      current = line;
      continue;
    }
    for (const part of splitLine(line, limit)) {
      flush();
      current = part;
    }
  }
  flush();
  return pieces;
}

/** A line longer than the limit, on spaces; a word longer than the limit is cut between code points. */
function splitLine(line: string, limit: number): string[] {
  const parts: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    const joined = current === "" ? word : `${current} ${word}`;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    if (current !== "") parts.push(current);
    current = "";
    if (word.length <= limit) {
      current = word;
      continue;
    }
    let chunk = "";
    for (const char of word) {
      if (chunk.length + char.length > limit) {
        parts.push(chunk);
        chunk = "";
      }
      chunk += char;
    }
    current = chunk;
  }
  if (current !== "") parts.push(current);
  return parts;
}

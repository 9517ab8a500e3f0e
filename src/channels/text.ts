import type { Reply } from "../core/types.js";

/**
 * Splits text into pieces of at most `limit` UTF-16 units (never fewer than the characters a
 * chat API counts, whichever way it counts), on line boundaries first, then on spaces, and only
 * inside a word when one word alone is too long — never inside a surrogate pair. Pieces keep
 * their order; blank ones are dropped. Shared by every channel with a message-length limit.
 */
export function splitText(text: string, limit: number): string[] {
  if (text.length <= limit) return text.trim() === "" ? [] : [text];
  const pieces: string[] = [];
  let current = "";
  const flush = () => {
    if (current.trim() !== "") pieces.push(current);
    current = "";
  };
  for (const line of text.split("\n")) {
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

/** A reply as plain text, its choices as numbered lines: the user answers with the number (Zalo, the terminal). */
export function renderReplyAsText(reply: Reply): string {
  const choices = (reply.choices ?? []).map((c, i) => `  ${i + 1}. ${c.label}`);
  return [reply.text, ...choices].join("\n");
}

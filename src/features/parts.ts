/** About a phone screen: a longer section is sent in parts, each with a "xem tiếp" choice. */
export const PART_CHARS = 1000;

/**
 * Cuts a text into parts of at most `limit` characters at line ends (a longer line at its last
 * space), so a list item is never split between two messages when it fits in one.
 */
export function splitIntoParts(text: string, limit = PART_CHARS): string[] {
  const parts: string[] = [];
  let current = "";
  const push = (line: string) => {
    if (current === "") current = line;
    else if (current.length + 1 + line.length <= limit) current = `${current}\n${line}`;
    else {
      parts.push(current);
      current = line;
    }
  };
  for (const line of text.split("\n")) {
    let rest = line;
    while (rest.length > limit) {
      const cut = rest.lastIndexOf(" ", limit);
      const at = cut > limit / 2 ? cut : limit;
      push(rest.slice(0, at).trimEnd());
      rest = rest.slice(at).trimStart();
    }
    push(rest);
  }
  if (current !== "" || parts.length === 0) parts.push(current);
  return parts;
}

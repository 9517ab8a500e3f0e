/**
 * Replaces known word sequences with another sequence, longest match first.
 * Used for synonyms (both sides of the search) and chat filler (queries only).
 */
export class PhraseMap {
  private readonly byFirst = new Map<string, Array<{ from: string[]; to: string[] }>>();

  add(from: string[], to: string[]): void {
    const head = from[0];
    if (head === undefined) return;
    const list = this.byFirst.get(head) ?? [];
    list.push({ from, to });
    list.sort((a, b) => b.from.length - a.from.length);
    this.byFirst.set(head, list);
  }

  apply(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const match = this.byFirst.get(tokens[i] as string)?.find((p) => startsWith(tokens, i, p.from));
      if (match) {
        out.push(...match.to);
        i += match.from.length;
      } else {
        out.push(tokens[i] as string);
        i += 1;
      }
    }
    return out;
  }
}

function startsWith(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > tokens.length) return false;
  return phrase.every((w, k) => tokens[at + k] === w);
}

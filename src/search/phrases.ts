import type { Word } from "./normalize.js";

/**
 * Replaces known word sequences with another sequence, longest match first.
 * Used for intent cues, synonyms (both sides of the search) and chat filler.
 * Matching is on folded tokens; replacement words carry no accent marks.
 */
export class PhraseMap {
  private readonly byFirst = new Map<string, Array<{ from: string[]; to: Word[] }>>();

  add(from: string[], to: string[]): void {
    const head = from[0];
    if (head === undefined) return;
    const list = this.byFirst.get(head) ?? [];
    list.push({ from, to: to.map((token) => ({ token, marks: "" })) });
    list.sort((a, b) => b.from.length - a.from.length);
    this.byFirst.set(head, list);
  }

  apply(input: readonly Word[]): Word[] {
    const out: Word[] = [];
    for (let i = 0; i < input.length; ) {
      const word = input[i] as Word;
      const match = this.byFirst.get(word.token)?.find((p) => startsWith(input, i, p.from));
      if (match) {
        out.push(...match.to);
        i += match.from.length;
      } else {
        out.push(word);
        i += 1;
      }
    }
    return out;
  }
}

function startsWith(input: readonly Word[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > input.length) return false;
  return phrase.every((w, k) => input[at + k]?.token === w);
}

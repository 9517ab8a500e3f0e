import { type Word, words } from "./normalize.js";

/**
 * How typed accents take part in matching a phrase:
 * - "loose": folded tokens only (synonyms: the record side decides accents later);
 * - "typed": a word typed with accents must carry the phrase's accents ("tiện" is not the cue "tiền"),
 *   a word typed without any matches every accented form ("tien" may be "tiền");
 * - "exact": also an unaccented word must be unaccented in the phrase (used when the whole message
 *   is typed with accents: there "phi" is the word phi, not a "phí" whose marks were left off).
 */
export type MarkMode = "loose" | "typed" | "exact";

/** Words of a phrase as written (accents kept as marks), for `PhraseMap.add`. */
export function phrase(text: string): Word[] {
  return words(text);
}

/** Words with no accent marks: concepts and other replacement tokens that fit any accent. */
export function plain(tokens: readonly string[]): Word[] {
  return tokens.map((token) => ({ token, marks: "" }));
}

/**
 * Replaces known word sequences with another sequence, longest match first.
 * Used for intent cues, chat spellings, place names, synonyms (both sides of the search) and filler.
 * A replacement word takes the other properties (case, clause) of the first word it replaces.
 */
export class PhraseMap {
  /** The phrases by their first word, longest first, and those read by their second word (made again after an `add`). */
  private readonly byFirst = new Map<string, { list: Phrase[]; heads?: Heads }>();

  add(from: readonly Word[], to: readonly Word[]): void {
    const head = from[0];
    if (head === undefined) return;
    const found = this.byFirst.get(head.token) ?? { list: [] };
    found.list.push({ from: [...from], to: [...to] });
    found.list.sort((a, b) => b.from.length - a.from.length);
    found.heads = undefined;
    this.byFirst.set(head.token, found);
  }

  /**
   * The phrases that may start at `at`, longest first as `byFirst` lists them: a phrase of two words or more matches
   * only where its second word is the next one (`startsWith`), so only those whose second word it is are read, then
   * the single words (the list's last). The first that starts there (and takes no word of `keep`), if any.
   */
  private firstAt(input: readonly Word[], at: number, mode: MarkMode, keep?: ReadonlySet<Word>): Phrase | undefined {
    const found = this.byFirst.get((input[at] as Word).token);
    if (found === undefined) return undefined;
    found.heads ??= headsOf(found.list);
    const heads = found.heads;
    const next = input[at + 1];
    const longer = next === undefined ? undefined : heads.bySecond.get(next.token);
    return (longer && firstIn(longer, input, at, mode, keep)) ?? firstIn(heads.single, input, at, mode, keep);
  }

  /** `keep`: words no phrase may take (the concepts a synonym map put in, which the filler must not eat). */
  apply<T extends Word>(input: readonly T[], mode: MarkMode = "loose", keep?: ReadonlySet<T>): T[] {
    const out: T[] = [];
    for (let i = 0; i < input.length; ) {
      const word = input[i] as T;
      const match = this.firstAt(input, i, mode, keep as ReadonlySet<Word> | undefined);
      if (match) {
        for (const to of match.to) out.push({ ...word, token: to.token, marks: to.marks });
        i += match.from.length;
      } else {
        out.push(word);
        i += 1;
      }
    }
    return out;
  }

  /** Whether a phrase starts at `at`, and how many words it spans (0 when none does). */
  matchAt(input: readonly Word[], at: number, mode: MarkMode = "loose"): number {
    return this.entryAt(input, at, mode)?.from.length ?? 0;
  }

  /** The longest phrase that starts at `at`, with its replacement. */
  entryAt(input: readonly Word[], at: number, mode: MarkMode = "loose"): { from: Word[]; to: Word[] } | undefined {
    const word = input[at];
    if (!word) return undefined;
    return this.firstAt(input, at, mode);
  }
}

type Phrase = { from: Word[]; to: Word[] };

/** One head word's phrases of two words or more by their second word, and its single-word phrases, each in list order. */
interface Heads {
  bySecond: Map<string, Phrase[]>;
  single: Phrase[];
}

/** The first phrase of `list` that starts at `at` and takes no word of `keep`. */
function firstIn(
  list: readonly Phrase[],
  input: readonly Word[],
  at: number,
  mode: MarkMode,
  keep: ReadonlySet<Word> | undefined,
): Phrase | undefined {
  for (const p of list)
    if (startsWith(input, at, p.from, mode) && !(keep && keeps(input, at, p.from.length, keep))) return p;
  return undefined;
}

function headsOf(list: readonly Phrase[]): Heads {
  const heads: Heads = { bySecond: new Map(), single: [] };
  for (const p of list) {
    const second = p.from[1];
    if (second === undefined) {
      heads.single.push(p);
      continue;
    }
    const same = heads.bySecond.get(second.token);
    if (same) same.push(p);
    else heads.bySecond.set(second.token, [p]);
  }
  return heads;
}

/** Whether one of the `length` words from `at` is kept. */
function keeps<T>(input: readonly T[], at: number, length: number, keep: ReadonlySet<T>): boolean {
  for (let k = at; k < at + length && k < input.length; k++) if (keep.has(input[k] as T)) return true;
  return false;
}

function startsWith(input: readonly Word[], at: number, phrase: readonly Word[], mode: MarkMode): boolean {
  if (at + phrase.length > input.length) return false;
  // Accents decide only for a single word: a phrase of two words or more is clear as it is,
  // and a slip of one accent in it ("giấy tở gì", "khai tủ", "tạm trứ") should not hide it.
  if (phrase.length > 1) {
    for (let k = 0; k < phrase.length; k++)
      if ((input[at + k] as Word).token !== (phrase[k] as Word).token) return false;
    return true;
  }
  const w = phrase[0];
  if (w === undefined) return true;
  const typed = input[at] as Word;
  if (typed.token !== w.token) return false;
  if (mode === "loose" || (typed.marks === "" && mode === "typed")) return true;
  return typed.marks === w.marks;
}

/** Whether a message is typed with accents: then an unaccented word is meant as written. */
export function typedWithAccents(input: readonly Word[]): boolean {
  let marked = 0;
  for (const w of input) if (w.marks !== "") marked++;
  return marked >= 2 && marked >= input.length * 0.4;
}

// Marks that shape a letter (â ă ê ô ơ ư đ), as against the five tones.
const SHAPE_MARKS = new Set(["\u0302", "\u0306", "\u031b", "đ"]);

/** The marks of a word's letters' shapes, without its tone. */
export function shapeOf(marks: string): string {
  let out = "";
  for (const m of marks) if (SHAPE_MARKS.has(m)) out += m;
  return out;
}

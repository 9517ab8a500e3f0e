// What the twenty-first session made faster (issue 11's latency target) must answer exactly what the plain way answers.
// Each fast path is checked against a straightforward reference over real text (the tuning part's messages and the
// catalogue's records): the syllable memo (spelling.ts), a text's words read once (normalize.ts) and the phrase maps'
// loops (phrases.ts); test/search/s21-perf-titles.test.ts checks the index's. The served outcomes as a whole are
// compared with the previous commit's by bench/search-latency.ts --dump/--against.
import { beforeAll, describe, expect, it } from "vitest";
import type { Catalogue } from "../../src/catalogue/load.js";
import { type TextWord, textWords, type Word, words } from "../../src/search/normalize.js";
import { type MarkMode, PhraseMap, phrase, plain } from "../../src/search/phrases.js";
import { isVietnameseSyllable, syllable } from "../../src/search/spelling.js";
import { bundledDataAndTuning } from "../harness/common.js";

let catalogue: Catalogue;
let messages: string[];
beforeAll(async () => {
  ({ catalogue, messages } = await bundledDataAndTuning());
});

/** The phrase map as it was written first: `find` over each first word's phrases, `every` over a phrase's words. */
class ReferencePhraseMap {
  private readonly byFirst = new Map<string, Array<{ from: Word[]; to: Word[] }>>();
  add(from: readonly Word[], to: readonly Word[]): void {
    const head = from[0];
    if (head === undefined) return;
    const list = this.byFirst.get(head.token) ?? [];
    list.push({ from: [...from], to: [...to] });
    list.sort((a, b) => b.from.length - a.from.length);
    this.byFirst.set(head.token, list);
  }
  apply<T extends Word>(input: readonly T[], mode: MarkMode, keep?: ReadonlySet<T>): T[] {
    const out: T[] = [];
    for (let i = 0; i < input.length; ) {
      const word = input[i] as T;
      const match = this.byFirst
        .get(word.token)
        ?.find(
          (p) =>
            startsWith(input, i, p.from, mode) && !(keep && input.slice(i, i + p.from.length).some((w) => keep.has(w))),
        );
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
  entryAt(input: readonly Word[], at: number, mode: MarkMode): { from: Word[]; to: Word[] } | undefined {
    const word = input[at];
    if (!word) return undefined;
    return this.byFirst.get(word.token)?.find((p) => startsWith(input, at, p.from, mode));
  }
}
function startsWith(input: readonly Word[], at: number, phrase: readonly Word[], mode: MarkMode): boolean {
  if (at + phrase.length > input.length) return false;
  const loose = phrase.length > 1 ? "loose" : mode;
  return phrase.every((w, k) => {
    const typed = input[at + k] as Word;
    if (typed.token !== w.token) return false;
    if (loose === "loose" || (typed.marks === "" && loose === "typed")) return true;
    return typed.marks === w.marks;
  });
}

describe("fast paths answer as the plain ones", () => {
  it("a syllable is told as the rules tell it, asked once or again", () => {
    const tokens = [
      ...new Set([
        ...messages.flatMap((m) => words(m).map((w) => w.token)),
        ...catalogue.procedures.flatMap((p) => words(`${p.name} ${p.aliases.join(" ")}`).map((w) => w.token)),
      ]),
    ];
    expect(tokens.length).toBeGreaterThan(2_000);
    const wrong = tokens.filter(
      (t) => isVietnameseSyllable(t) !== syllable(t) || isVietnameseSyllable(t) !== syllable(t),
    );
    expect(wrong).toEqual([]);
    // Both answers occur: the check reads real words and slips.
    expect(tokens.filter((t) => syllable(t)).length).toBeGreaterThan(500);
    expect(tokens.filter((t) => !syllable(t)).length).toBeGreaterThan(500);
  });

  it("a text's words are what splitting and folding it give, a fresh copy each time", () => {
    /** normalize.ts words as first written: split, fold each piece, copy. */
    const plainWords = (text: string): Word[] =>
      text
        .normalize("NFC")
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((raw) => raw !== "")
        .flatMap((raw) => {
          const folded = raw
            .normalize("NFD")
            .replace(/\p{M}/gu, "")
            .replace(/[đĐ]/g, "d")
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, " ")
            .trim();
          const marks = [...(raw.normalize("NFD").match(/\p{M}/gu) ?? []), ...(raw.includes("đ") ? ["đ"] : [])]
            .sort()
            .join("");
          const spelling = new Map([
            ["ky", "ki"],
            ["ly", "li"],
            ["quy", "qui"],
            ["hy", "hi"],
          ]);
          return folded === ""
            ? []
            : folded.split(" ").map((piece) => ({ token: spelling.get(piece) ?? piece, marks }));
        });
    const texts = [
      ...messages.filter((_, k) => k % 4 === 0),
      ...catalogue.procedures.flatMap((p) => [p.name, ...p.aliases, p.field, ...(p.conditions ?? [])]),
    ];
    const wrong: string[] = [];
    for (const text of texts) {
      const first = words(text);
      const again = words(text);
      if (JSON.stringify(first) !== JSON.stringify(plainWords(text))) wrong.push(text);
      if (JSON.stringify(again) !== JSON.stringify(first)) wrong.push(`again: ${text}`);
      // Words of their own: changing one call's words changes no other call's.
      const [w] = again;
      if (w && first[0] === w) wrong.push(`shared: ${text}`);
      if (w) w.token = "changed";
      if (w && words(text)[0]?.token === "changed") wrong.push(`changed: ${text}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it("the phrase maps replace, match and keep as the plain loops did, in every accent mode", () => {
    const fast = new PhraseMap();
    const reference = new ReferencePhraseMap();
    for (const group of catalogue.synonyms.groups) {
      for (const term of group.terms) {
        fast.add(phrase(term), plain(words(group.concept).map((w) => w.token)));
        reference.add(phrase(term), plain(words(group.concept).map((w) => w.token)));
      }
    }
    for (const text of catalogue.synonyms.filler) {
      fast.add(phrase(text), []);
      reference.add(phrase(text), []);
    }
    let replaced = 0;
    const wrong: string[] = [];
    for (const [n, message] of messages.entries()) {
      if (n % 3 !== 0) continue;
      const input: TextWord[] = textWords(message);
      // Every fifth word kept (as the analyzer keeps the concepts a synonym put in from the filler).
      const keep = new Set(input.filter((_, k) => k % 5 === 2));
      for (const mode of ["loose", "typed", "exact"] as const) {
        const out = fast.apply(input, mode);
        if (JSON.stringify(out) !== JSON.stringify(reference.apply(input, mode))) wrong.push(`${mode} ${message}`);
        if (JSON.stringify(fast.apply(input, mode, keep)) !== JSON.stringify(reference.apply(input, mode, keep)))
          wrong.push(`${mode} kept ${message}`);
        if (out.length !== input.length || out.some((w, k) => w !== input[k])) replaced++;
        for (let at = 0; at <= input.length; at++) {
          const a = fast.entryAt(input, at, mode);
          const b = reference.entryAt(input, at, mode);
          if (JSON.stringify(a) !== JSON.stringify(b) || fast.matchAt(input, at, mode) !== (b?.from.length ?? 0))
            wrong.push(`${mode} @${at} ${message}`);
        }
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(replaced).toBeGreaterThan(1_000);
  });
});

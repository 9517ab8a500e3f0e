import type { SynonymsFile } from "../catalogue/schema.js";
import { cueVocabulary, extractIntent, type Intent } from "./intent.js";
import { cleanText, MAX_QUERY_CHARS, tokenize, type Word, words } from "./normalize.js";
import { PhraseMap } from "./phrases.js";

export interface AnalyzedQuery {
  intent: Intent;
  /** Content words, in order, after typos, cues, synonyms and filler are handled. */
  words: Word[];
  /** How much each word counts: words of a purpose clause ("… để mua nhà") count less. */
  weights: number[];
}

/** "để" opens a purpose clause: "giấy độc thân để kết hôn" asks for the certificate, not a marriage. */
const PURPOSE = "de";
const PURPOSE_WEIGHT = 0.4;

/**
 * Turns text into matching words. The same synonym mapping runs over the
 * catalogue and the queries, so slang and the official phrase meet on one concept.
 */
export class Analyzer {
  private readonly synonyms = new PhraseMap();
  private readonly filler = new PhraseMap();
  /** Words the analyzer itself knows (synonym terms, filler, cues): never typo-corrected. */
  readonly vocabulary = new Set<string>(cueVocabulary());

  constructor(file: SynonymsFile) {
    for (const group of file.groups) {
      const concept = tokenize(group.concept);
      for (const term of group.terms) {
        const from = tokenize(term);
        this.synonyms.add(from, concept);
        for (const t of from) this.vocabulary.add(t);
      }
    }
    for (const phrase of file.filler) {
      const from = tokenize(phrase);
      this.filler.add(from, []);
      for (const t of from) this.vocabulary.add(t);
    }
  }

  /** Raw words of catalogue text, before any mapping: the vocabulary typos are corrected against. */
  rawTokens(text: string): string[] {
    return tokenize(text);
  }

  /** Catalogue side: the same mapping as queries, so titles and queries line up word for word. */
  document(text: string): Word[] {
    return this.filler.apply(this.synonyms.apply(words(text)));
  }

  /** `correct` may replace a raw word it does not know (a typo) before anything else looks at it. */
  query(text: string, correct: (token: string) => string | undefined = () => undefined): AnalyzedQuery {
    const raw = words(cleanText(text).slice(0, MAX_QUERY_CHARS)).map((w) => {
      const fixed = this.vocabulary.has(w.token) ? undefined : correct(w.token);
      return fixed ? { token: fixed, marks: "" } : w;
    });
    const { intent, rest } = extractIntent(raw);
    const mapped = this.synonyms.apply(rest);
    const purpose = mapped.findIndex((w) => w.token === PURPOSE);
    const main = this.filler.apply(purpose < 0 ? mapped : mapped.slice(0, purpose));
    const tail = purpose < 0 ? [] : this.filler.apply(mapped.slice(purpose + 1));
    return {
      intent,
      words: [...main, ...tail],
      weights: [...main.map(() => 1), ...tail.map(() => PURPOSE_WEIGHT)],
    };
  }
}

import type { SynonymsFile } from "../catalogue/schema.js";
import { extractIntent, type Intent } from "./intent.js";
import { cleanText, MAX_QUERY_CHARS, tokenize } from "./normalize.js";
import { PhraseMap } from "./phrases.js";

export interface AnalyzedQuery {
  intent: Intent;
  /** Content words, in order, after cues, synonyms and filler are handled. */
  tokens: string[];
}

/**
 * Turns text into matching tokens. The same synonym mapping runs over the
 * catalogue and the queries, so slang and the official phrase meet on one concept.
 */
export class Analyzer {
  private readonly synonyms = new PhraseMap();
  private readonly filler = new PhraseMap();

  constructor(file: SynonymsFile) {
    for (const group of file.groups) {
      const concept = tokenize(group.concept);
      for (const term of group.terms) this.synonyms.add(tokenize(term), concept);
    }
    for (const phrase of file.filler) this.filler.add(tokenize(phrase), []);
  }

  /** Catalogue side: folded tokens with synonyms mapped. */
  document(text: string): string[] {
    return this.synonyms.apply(tokenize(text));
  }

  query(text: string): AnalyzedQuery {
    const raw = tokenize(cleanText(text).slice(0, MAX_QUERY_CHARS));
    const { intent, rest } = extractIntent(raw);
    return { intent, tokens: this.filler.apply(this.synonyms.apply(rest)) };
  }
}

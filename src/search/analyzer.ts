import type { SynonymsFile } from "../catalogue/schema.js";
import { extractIntent, type Intent } from "./intent.js";
import { cleanText, MAX_QUERY_CHARS, tokenize } from "./normalize.js";
import { PhraseMap } from "./phrases.js";

export interface AnalyzedQuery {
  intent: Intent;
  /** Content words, in order, after cues, synonyms and filler are handled. */
  tokens: string[];
  /** How much each token counts: words of a purpose clause ("… để mua nhà") count less. */
  weights: number[];
}

/** "để" opens a purpose clause: "giấy độc thân để kết hôn" asks for the certificate, not a marriage. */
const PURPOSE = "de";
const PURPOSE_WEIGHT = 0.4;

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

  /** Catalogue side: the same mapping as queries, so titles and queries line up word for word. */
  document(text: string): string[] {
    return this.filler.apply(this.synonyms.apply(tokenize(text)));
  }

  query(text: string): AnalyzedQuery {
    const raw = tokenize(cleanText(text).slice(0, MAX_QUERY_CHARS));
    const { intent, rest } = extractIntent(raw);
    const mapped = this.synonyms.apply(rest);
    const purpose = mapped.indexOf(PURPOSE);
    const main = this.filler.apply(purpose < 0 ? mapped : mapped.slice(0, purpose));
    const tail = purpose < 0 ? [] : this.filler.apply(mapped.slice(purpose + 1));
    return {
      intent,
      tokens: [...main, ...tail],
      weights: [...main.map(() => 1), ...tail.map(() => PURPOSE_WEIGHT)],
    };
  }
}

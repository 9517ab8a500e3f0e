import { createHash } from "node:crypto";
import { storedGrams, storeGrams } from "./gram-store.js";
import { asCatalogue } from "./normalize.js";
import { GramModel, SituationModel } from "./ranker.js";
import type { SearchableProcedure, SynonymsFile } from "./records.js";

/**
 * The re-ranker's two models of a catalogue, kept by what they are made from. A search index is built again when
 * any part of the catalogue changes (a câu mẫu synced, a redirect edited, a file touched) and once more for a ward
 * whose overlay adds procedures; the gram model reads only the câu mẫu and the labelled procedures' names, the
 * situation model only the records' situation texts and the synonyms, so most rebuilds find them unchanged. The
 * models are deterministic functions of those inputs (their lazily made tables too), so one made earlier serves
 * as well as a new one. The last `KEPT` of each are kept; a model a live index holds is never copied.
 */
const KEPT = 2;

class Recent<T> {
  private readonly items = new Map<string, T>();
  get(key: string, make: () => T): T {
    const found = this.items.get(key);
    if (found !== undefined) {
      // The most recently used last: the first is the one to drop.
      this.items.delete(key);
      this.items.set(key, found);
      return found;
    }
    const made = make();
    this.items.set(key, made);
    if (this.items.size > KEPT) this.items.delete(this.items.keys().next().value as string);
    return made;
  }
}

const gramModels = new Recent<GramModel>();
const situationModels = new Recent<SituationModel>();

/**
 * A digest of strings in order; the separators keep ["ab", "c"] apart from ["a", "bc"]. The parts are handed to the
 * hash in runs of about 64 KB (the same bytes as one by one, without a call per part: a 10,000-record catalogue has
 * 70,000 of them, read again at every reload).
 */
function digest(parts: Iterable<string>): string {
  const hash = createHash("sha256");
  let run: string[] = [];
  let length = 0;
  for (const part of parts) {
    run.push(part);
    length += part.length + 1;
    if (length >= 65_536) {
      hash.update(`${run.join("\u0000")}\u0000`);
      run = [];
      length = 0;
    }
  }
  if (run.length > 0) hash.update(`${run.join("\u0000")}\u0000`);
  return hash.digest("base64");
}

/** What names a gram model: its documents' codes and texts, in order. */
export function gramsKey(documents: ReadonlyArray<{ text: string; code: string }>): string {
  return digest(
    (function* () {
      for (const d of documents) {
        yield d.code;
        yield d.text;
      }
    })(),
  );
}

/**
 * Documents at least this many (a whole catalogue's câu mẫu, not a test's handful) keep their gram model on disk for
 * the next start (gram-store.ts).
 */
const STORE_GRAMS_AFTER = 1000;

/**
 * `new GramModel(documents)`, or the one made from the same documents in the same order: in this process, or at an
 * earlier start (gram-store.ts; `dir`: another folder than the default).
 */
export function gramModelOf(documents: ReadonlyArray<{ text: string; code: string }>, dir?: string): GramModel {
  const key = gramsKey(documents);
  return gramModels.get(key, () => {
    const stored = documents.length >= STORE_GRAMS_AFTER ? storedGrams(key, dir) : undefined;
    if (stored) return new GramModel([], stored);
    const made = asCatalogue(() => new GramModel(documents));
    if (documents.length >= STORE_GRAMS_AFTER) storeGrams(key, made.state(), dir);
    return made;
  });
}

/**
 * `new SituationModel(procedures, concepts)`, or the one made from the same records' situation texts (every field
 * `SituationModel` reads, in order) with the same synonyms: `concepts` is the synonyms' concept map of a text.
 */
export function situationModelOf(
  procedures: readonly SearchableProcedure[],
  synonyms: SynonymsFile,
  concepts: (text: string) => readonly string[],
): SituationModel {
  const key = digest(
    (function* () {
      yield JSON.stringify(synonyms);
      for (const p of procedures) {
        yield p.code;
        yield p.name;
        yield JSON.stringify(p.aliases);
        yield p.applicants ?? "";
        yield p.result ?? "";
        yield JSON.stringify(p.conditions ?? []);
        yield p.checkFirst ?? "";
      }
    })(),
  );
  // The records' texts read as the catalogue's (normalize.ts): kept for the next index built.
  return situationModels.get(key, () => asCatalogue(() => new SituationModel(procedures, concepts)));
}

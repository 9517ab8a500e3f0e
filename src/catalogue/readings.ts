/**
 * What the câu mẫu (data/examples.json: citizens' phrasings labelled with their procedure) say of each procedure, learned
 * once per catalogue version where its snapshot is built (live.ts), and the word readers it is learned with (clauses,
 * word pairs, negators, the English glossary of the synonyms file), shared with the readers of look-alikes
 * (features/variants.ts). Learned in steps (learningReadings) so a reload lets other work run between them; nothing is
 * registered anywhere: the readings travel with the snapshot, and a reader given none reads the records' fields only.
 */
import { fold, words } from "../search/normalize.js";
import type { Procedure } from "./schema.js";

/**
 * Words some names say that tell no thing apart in a message (folded): chat and function words ("không", "phải", "em",
 * "làm", "cho", "được", "ở"), time ("tháng"), and a shop, house, person or mistake said of anything ("cửa hàng", "nhà",
 * "người", "lỗi", "sai").
 */
export const GENERIC = new Set(
  tokenizeAll(
    "không phải là em anh chị tôi tui mình họ ai cho được làm ở nhà thay người có của với và thì mà đó này sau khi nếu " +
      "lại ra vào đi về qua từ tới đến tháng năm ngày giờ nay hàng cửa lỗi sai sót một hai ba trên dưới bên cùng khác " +
      "mới cũ nào gì sao đâu thế vậy định rồi nữa cũng đã sẽ đang muốn cần xin hỏi bao nhiêu lâu còn hay hoặc nhưng vì " +
      "nên để lúc trước vẫn chỉ cả những mấy nhiều ít rất quá ông bà cô chú bác cháu con bố mẹ vợ chồng tự hết luôn " +
      "cơ sở trường hợp",
  ),
);

function tokenizeAll(text: string): string[] {
  return words(text).map((w) => w.token);
}

/** Said before a word, these turn it round ("không còn lưu", "chưa từng"). */
export const NEGATORS = new Set(["khong", "ko", "k", "chua", "chang", "kg", "hem", "hong", "not", "no", "never"]);

/** Folded words, a clause break ("."/",") kept as "|" so no pair spans two clauses. */
export function clauseTokens(text: string): string[] {
  return clauseSplit(fold(text.normalize("NFC"))).map((t) => FATHER.get(t) ?? t);
}

export function clauseSplit(text: string): string[] {
  return text
    .replace(/[.,;:!?()\n–-]+/gu, " | ")
    .split(/[^\p{L}\p{N}|]+/u)
    .filter((t) => t !== "");
}

/**
 * clauseTokens with each token's spelling as typed (lower case, accents kept: "phổi" beside its folded "phoi"); the
 * spelling is the folded token where the two do not split alike.
 */
/** fold of a word, kept (the words of a language are few): clauseTokensSpelled reads every word typed. */
function foldWord(word: string): string {
  let folded = FOLDED.get(word);
  if (folded === undefined) {
    if (FOLDED.size >= 50_000) FOLDED.clear();
    folded = fold(word);
    FOLDED.set(word, folded);
  }
  return folded;
}
const FOLDED = new Map<string, string>();

export function clauseTokensSpelled(text: string): { tokens: string[]; spelled: string[] } {
  const lower = text.normalize("NFC").toLowerCase();
  const typed = clauseSplit(lower);
  if (!/\p{M}/u.test(lower)) {
    // no mark standing alone: the words split alike folded or not, each folded alone (the same tokens as clauseTokens)
    const folded = typed.map(foldWord);
    const tokens = folded.map((t) => FATHER.get(t) ?? t);
    return { tokens, spelled: typed.map((t, i) => (FATHER.has(folded[i] as string) ? (tokens[i] as string) : t)) };
  }
  const tokens = clauseTokens(text);
  const spelled =
    typed.length === tokens.length
      ? // only a short word folds to a father's ("bố" → "bo"): the rest are not folded again
        typed.map((t, i) => (t.length <= 4 && FATHER.has(foldWord(t)) ? (tokens[i] as string) : t))
      : tokens;
  return { tokens, spelled };
}

/** The father said in everyday words, as the records say him (folded): "bố", "ba" (read as "cha" only beside "tên"/"nhận"). */
export const FATHER = new Map([["bo", "cha"]]);

/** Words that say no case (folded): particles, questions, links; left out before pairing ("người có công": "nguoi cong"). */
export const FUNCTION_WORDS = new Set(
  "co la cua va cho thi ma hoac khi nhung theo voi do duoc gi nao sao dau the vay khong ko k roi nhe a oi da dang se bi ve den tu o trong cac mot nay nua cung van chua ra vao len xin hoi muon can phai vua moi".split(
    " ",
  ),
);

/** Word pairs of the content words, in one clause; each pair with whether a negator stands before it. */
/** Whether a negator stands up to three words before the word at `i`. */
function negatedAt(tokens: readonly string[], i: number): boolean {
  for (let j = Math.max(0, i - 3); j < i; j++) if (NEGATORS.has(tokens[j] as string)) return true;
  return false;
}

export function pairsSaid(tokens: readonly string[]): { pair: string; negated: boolean; at: [number, number] }[] {
  const content: { token: string; negated: boolean; at: number }[] = [];
  tokens.forEach((token, i) => {
    if (token !== "|" && FUNCTION_WORDS.has(token)) return;
    content.push({ token, negated: negatedAt(tokens, i), at: i });
  });
  const out: { pair: string; negated: boolean; at: [number, number] }[] = [];
  for (let i = 0; i + 1 < content.length; i++) {
    const [a, b] = [content[i]?.token as string, content[i + 1]?.token as string];
    if (a === "|" || b === "|") continue;
    if ((GENERIC.has(a) || /^\d+$/.test(a)) && (GENERIC.has(b) || /^\d+$/.test(b))) continue;
    out.push({
      pair: `${a} ${b}`,
      negated: content[i]?.negated === true,
      at: [content[i]?.at as number, content[i + 1]?.at as number],
    });
  }
  return out;
}

export interface Glossary {
  /** English terms, longest first, with the Vietnamese words of their concept. */
  terms: { run: string; vietnamese: string; words: string[] }[];
  /** the terms (their places in `terms`) by their first word */
  byFirst: Map<string, number[]>;
  /** words of the concepts' Vietnamese: put in by a term, a later term may start there */
  putIn: Set<string>;
  /** the terms starting with such a word, tried on every message */
  always: number[];
}
/** The glossary of a synonyms file: read from it alone (the same file, the same glossary). */
const GLOSSARY_OF = new WeakMap<object, Glossary>();

export const accented = (text: string) => /[^\x00-\x7f]/u.test(text);

export interface SynonymsRead {
  readonly groups: readonly { readonly concept: string; readonly terms: readonly string[] }[];
}

/** The English terms of a synonyms file with their concepts' Vietnamese words (englishGloss). */
export function glossaryOf(synonyms: SynonymsRead): Glossary {
  const known = GLOSSARY_OF.get(synonyms);
  if (known) return known;
  const spaced = new Map<string, string>();
  const foldedAccented = new Set<string>();
  for (const group of synonyms.groups)
    for (const term of group.terms) {
      const nfc = term.normalize("NFC").toLowerCase();
      const fused = nfc.replace(/\s+/gu, "");
      if (accented(nfc)) foldedAccented.add(fold(nfc));
      // the concept's own spelling first ("khai sinh" of "khaisinh"), an accented one over a bare one
      if (nfc.includes(" ") && (!spaced.has(fused) || (accented(nfc) && !accented(spaced.get(fused) ?? ""))))
        spaced.set(fused, nfc);
    }
  const terms: Glossary["terms"] = [];
  for (const group of synonyms.groups) {
    const vietnamese = group.concept
      .normalize("NFC")
      .toLowerCase()
      .split(/\s+/u)
      .map((w) => spaced.get(w) ?? w)
      .join(" ");
    // a concept of no content ("chưa" of "not married yet", for search's negation) would drop what the words say
    const content = fold(vietnamese)
      .split(/\s+/u)
      .filter((t) => !FUNCTION_WORDS.has(t) && !NEGATORS.has(t));
    if (!accented(vietnamese) || content.length === 0) continue;
    for (const term of group.terms) {
      const run = term.normalize("NFC").toLowerCase().replace(/['’]/gu, " ").replace(/\s+/gu, " ").trim();
      if (!/^[a-z ]+$/u.test(run) || run.length < 3 || foldedAccented.has(run)) continue;
      terms.push({ run, vietnamese, words: run.split(" ") });
      // the plural said too ("disabilities", "veterans"), when the file lacks it
      const plural = run.endsWith("y") ? `${run.slice(0, -1)}ies` : run.endsWith("s") ? undefined : `${run}s`;
      if (plural && !foldedAccented.has(plural)) terms.push({ run: plural, vietnamese, words: plural.split(" ") });
    }
  }
  terms.sort((a, b) => b.run.length - a.run.length);
  const byFirst = new Map<string, number[]>();
  terms.forEach(({ run }, i) => {
    const first = run.split(" ")[0] as string;
    byFirst.set(first, [...(byFirst.get(first) ?? []), i]);
  });
  const putIn = new Set(terms.flatMap(({ vietnamese }) => vietnamese.split(" ")));
  const always = [...putIn].flatMap((w) => byFirst.get(w) ?? []);
  const glossary = { terms, byFirst, putIn, always };
  GLOSSARY_OF.set(synonyms, glossary);
  return glossary;
}

/** Words only English says: two of them make a message English. */
export const ENGLISH_WORDS = new Set(
  "the my our his her their is was were are be been and of for with on at to from in a an we he she they it this that who what how can could would should will do does did has have had not my me i".split(
    " ",
  ),
);

export function glossWith(text: string, glossary: Glossary | undefined): string {
  const nfc = text.normalize("NFC");
  if (!glossary || /[^\x00-\x7f’‘“”–—]/u.test(nfc)) return text;
  let read = ` ${nfc
    .toLowerCase()
    // "aren't", "wasn't", "didn't": a negator read as one ("not")
    .replace(/n['’]t(?![a-z])/gu, " not")
    .replace(/['’]/gu, " ")
    .replace(/([,.;!?])/gu, " $1 ")
    .replace(/[^a-z0-9,.;!?]+/gu, " ")} `;
  if (read.split(" ").filter((w) => ENGLISH_WORDS.has(w)).length < 2) return text;
  const plain = read;
  // only the terms whose words are all said, or put in by a term before (the same reading as trying every term, in
  // the same order, without reading the message once per term of the file)
  const said = new Set(read.split(" "));
  const has = (w: string) => said.has(w) || glossary.putIn.has(w);
  const tried = new Set(glossary.always);
  for (const w of said) for (const i of glossary.byFirst.get(w) ?? []) tried.add(i);
  const order = Int32Array.from(tried).sort();
  for (const i of order) {
    const { run, vietnamese, words } = glossary.terms[i] as Glossary["terms"][number];
    if (words.every(has) && read.includes(` ${run} `)) read = read.split(` ${run} `).join(` ${vietnamese} `);
  }
  return read === plain ? text : `${text} . ${read.replace(/\s+/gu, " ").trim()}`;
}

export interface Said {
  /** câu mẫu of the procedure */
  count: number;
  /** of them, how many say each key (folded) */
  keys: Map<string, number>;
  /** the same over the câu mẫu typed without accents (folded), and over those typed with them (as spelled) */
  plain: Map<string, number>;
  spelled: Map<string, number>;
  /** of each word, the word pair holding it that most of these câu mẫu say, and how many say it */
  bound?: Map<string, { pair: string; count: number }>;
}
/**
 * What the câu mẫu of a catalogue say of its procedures (lookAlikeReadings): learned once per catalogue version, where
 * its snapshot is built (catalogue/live.ts), and handed to the readers that tell look-alikes apart with it (learnedTold,
 * learnedAmong, funeralTold …). Nothing is registered anywhere: a reader given none reads the records' fields only.
 */
export interface LookAlikeReadings {
  byCode: Map<string, Said>;
  /** in how many câu mẫu of any procedure each key stands */
  anywhere: Said;
  /** in how many `none` câu mẫu (small talk, other agencies, other matters) each key stands */
  none: Said;
  /** who died as a funeral support's câu mẫu say it (learnedOwn), read when first asked */
  own: WeakMap<Procedure, Set<string>>;
  /**
   * Of each word said after "de" in the câu mẫu typed with accents (folded), how many say "để" before it (a purpose:
   * "để làm", "để nộp") and how many another word typed "de" without accents ("đề nghị", "dễ hiểu"): an unaccented
   * "de nghi" is read as the câu mẫu say it.
   */
  afterDe: Map<string, { purpose: number; other: number }>;
}

/** Whether an unaccented "de" before `next` (folded) is "để" as the câu mẫu say it: not when they say another word more. */
export function deIsPurpose(readings: LookAlikeReadings | undefined, next: string): boolean {
  const seen = readings?.afterDe.get(next);
  return seen === undefined || seen.purpose >= seen.other;
}

const newSaid = (): Said => ({ count: 0, keys: new Map(), plain: new Map(), spelled: new Map() });

/**
 * How many câu mẫu say a key: folded when the words were typed without accents; typed with them, those that say it
 * spelled alike and those typed without accents ("phổi" is no "phối": a lung is no distributor).
 */
export function saidCount(said: Said | undefined, key: string, spelled: string | undefined): number {
  if (!said) return 0;
  return spelled === undefined
    ? (said.keys.get(key) ?? 0)
    : (said.plain.get(key) ?? 0) + (said.spelled.get(spelled) ?? 0);
}

/** A word of no case in either language: a particle, a question word, an English function word. */
export const SAYS_NOTHING = (t: string) => FUNCTION_WORDS.has(t) || ENGLISH_WORDS.has(t) || ENGLISH_LINKS.has(t);
/** English links and particles ENGLISH_WORDS leaves out ("or", "so", "still"): no case either. */
export const ENGLISH_LINKS = new Set(
  "or but if so as by up out any some about also still just there then than when where which other another any into onto off too very".split(
    " ",
  ),
);

/** The content words and word pairs a text says, not negated ("không phải người có công" tells no merit). */
export function keysTold(text: string, negatedToo = false): Set<string> {
  return new Set(keysSpelled(text, negatedToo).keys());
}

/** keysTold, each key with its spelling as typed ("phoi" → "phổi"). */
export function keysSpelled(text: string, negatedToo = false): Map<string, string> {
  const { tokens, spelled } = clauseTokensSpelled(text);
  const keys = new Map<string, string>();
  for (const p of pairsSaid(tokens))
    if (
      (negatedToo || !p.negated) &&
      !SAYS_NOTHING(tokens[p.at[0]] as string) &&
      !SAYS_NOTHING(tokens[p.at[1]] as string)
    )
      keys.set(p.pair, `${spelled[p.at[0]]} ${spelled[p.at[1]]}`);
  tokens.forEach((t, i) => {
    if (t === "|" || SAYS_NOTHING(t) || GENERIC.has(t) || NEGATORS.has(t) || /^\d+$/.test(t) || t.length < 2) return;
    if (negatedToo || !negatedAt(tokens, i)) keys.set(t, spelled[i] as string);
  });
  return keys;
}

/** Whether a text is typed with accents (a word of it carries a mark or "đ"). */
export const typedWithAccents = (text: string) => fold(text.normalize("NFC")) !== text.normalize("NFC").toLowerCase();

/** Adds a câu mẫu's keys to what is said. */
function countSaid(said: Said, keys: Map<string, string>, withAccents: boolean): void {
  said.count++;
  for (const [key, spelled] of keys) {
    said.keys.set(key, (said.keys.get(key) ?? 0) + 1);
    if (withAccents) said.spelled.set(spelled, (said.spelled.get(spelled) ?? 0) + 1);
    else said.plain.set(key, (said.plain.get(key) ?? 0) + 1);
  }
}

/**
 * What the câu mẫu say of each procedure (LookAlikeReadings), the English ones read through the synonyms' glossary. About
 * a tenth of a second for the bundled catalogue's eleven thousand câu mẫu; learningReadings does it in steps (a step
 * every `chunk` câu mẫu) so a caller can let other work run between them.
 */
export function lookAlikeReadings(
  synonyms: SynonymsRead,
  examples: readonly { readonly text: string; readonly code: string }[],
): LookAlikeReadings {
  const steps = learningReadings(synonyms, examples);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Procedures whose counts are summed per step of learningReadings (their word maps are long). */
const SUMS_PER_STEP = 16;

/** lookAlikeReadings in steps: yields after every `chunk` câu mẫu, returns the readings. */
export function* learningReadings(
  synonyms: SynonymsRead,
  examples: readonly { readonly text: string; readonly code: string }[],
  chunk = 2000,
): Generator<void, LookAlikeReadings> {
  const glossary = glossaryOf(synonyms);
  const byCode = new Map<string, Said>();
  const anywhere = newSaid();
  const none = newSaid();
  const afterDe = new Map<string, { purpose: number; other: number }>();
  let read = 0;
  for (const example of examples) {
    if (++read % chunk === 0) yield;
    const text = glossWith(example.text, glossary);
    const keys = keysSpelled(text, true);
    const withAccents = typedWithAccents(text);
    if (withAccents) countAfterDe(text, afterDe);
    if (example.code === "none") {
      countSaid(none, keys, withAccents);
      continue;
    }
    const said = byCode.get(example.code) ?? newSaid();
    byCode.set(example.code, said);
    countSaid(said, keys, withAccents);
  }
  // the catalogue's câu mẫu over all procedures: each procedure's counts summed (not counted a second time per câu mẫu)
  let summed = 0;
  for (const said of byCode.values()) {
    if (++summed % SUMS_PER_STEP === 0) yield;
    anywhere.count += said.count;
    for (const field of ["keys", "plain", "spelled"] as const)
      for (const [key, n] of said[field]) anywhere[field].set(key, (anywhere[field].get(key) ?? 0) + n);
  }
  for (const said of byCode.values()) {
    if (++summed % SUMS_PER_STEP === 0) yield;
    const bound = new Map<string, { pair: string; count: number }>();
    for (const [pair, count] of said.keys) {
      if (!pair.includes(" ")) continue;
      for (const word of pair.split(" ")) if (count > (bound.get(word)?.count ?? 0)) bound.set(word, { pair, count });
    }
    said.bound = bound;
  }
  return { byCode, anywhere, none, own: new WeakMap(), afterDe };
}

/** Counts, in a text typed with accents, the word after each word folding to "de": after "để", or after another. */
function countAfterDe(text: string, afterDe: Map<string, { purpose: number; other: number }>): void {
  const { tokens, spelled } = clauseTokensSpelled(text);
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (token !== "de" || next === undefined || next === "|") return;
    const seen = afterDe.get(next) ?? { purpose: 0, other: 0 };
    if (spelled[i] === "để") seen.purpose++;
    else seen.other++;
    afterDe.set(next, seen);
  });
}

/** câu mẫu read per step of learning (ReadingsOnce): a few hundredths of a second of the event loop each. */
const STEP = 500;

/**
 * A catalogue version's readings, learned once, when first needed, in steps of STEP câu mẫu with the event loop free
 * between them (a chat or the staff console answered meanwhile). Held by the catalogue's snapshot and its ward views.
 * Learning that fails fails soft: the version is answered without them (a reader given none reads the records' fields
 * only), the failure is reported once (its error's class, never a câu mẫu's words), and the next catalogue version,
 * whose snapshot holds a new ReadingsOnce, learns them afresh.
 */
export class ReadingsOnce {
  private learned?: LookAlikeReadings;
  private learning?: Promise<LookAlikeReadings>;
  private failedWith?: string;

  constructor(
    private readonly synonyms: SynonymsRead,
    private readonly examples: readonly { readonly text: string; readonly code: string }[],
    /** Told once when learning fails: the error's class only (a message may quote a câu mẫu). Stderr when absent. */
    private readonly report: (failure: { type: string; examples: number }) => void = reportToStderr,
  ) {}

  /** The readings once learned; undefined before, and after learning failed. */
  get value(): LookAlikeReadings | undefined {
    return this.learned;
  }

  /** Whether learning is over: learned, or failed (then the version is answered without them). */
  get settled(): boolean {
    return this.learned !== undefined || this.failedWith !== undefined;
  }

  /**
   * Learns them, once; every caller gets the same readings. Rejects when learning failed (the failure reported once);
   * a turn waits with `settle`, which never does.
   */
  ready(): Promise<LookAlikeReadings> {
    this.learning ??= (async () => {
      try {
        const steps = learningReadings(this.synonyms, this.examples, STEP);
        for (;;) {
          const step = steps.next();
          if (step.done) {
            this.learned = step.value;
            return step.value;
          }
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } catch (err) {
        this.failedWith = err instanceof Error ? err.name : typeof err;
        try {
          this.report({ type: this.failedWith, examples: this.examples.length });
        } catch {
          // a report that fails changes nothing: the version is answered without the readings all the same
        }
        throw err;
      }
    })();
    return this.learning;
  }

  /** Waits until learning is over, learned or failed; never rejects (a failed version is answered without them). */
  async settle(): Promise<void> {
    await this.ready().catch(() => undefined);
  }
}

/** One line on stderr, as the service's logs are written (stdout belongs to the terminal chat and the CLIs). */
function reportToStderr(failure: { type: string; examples: number }): void {
  process.stderr.write(
    `${JSON.stringify({ level: 40, time: Date.now(), err: { type: failure.type }, examples: failure.examples, msg: "câu mẫu readings: learning failed; this catalogue version is answered without them" })}\n`,
  );
}

import trained from "../../data/case-question.json" with { type: "json" };
import type { Example } from "../catalogue/examples.js";
import type { Procedure } from "../catalogue/schema.js";
import { fitLogistic } from "../search/logistic.js";
import { typedWithMarks, type Word, words } from "../search/normalize.js";
import { wordKind as kind, type WordKind } from "../search/scope.js";
import { procedureTexts, sectionCue } from "./follow-up.js";

/**
 * The case-question judge: how likely a message sent after an answer asks of the case at hand (a section, who may,
 * what if, in the citizen's own words) rather than of nothing the ward does ("giá vàng hôm nay", "how long does
 * shipping take") — read where no reading of answer.ts took the message and search finds no procedure (or meets
 * another one unsure). The scope gate, learnt from first messages, reads a follow-up that names no procedure ("con
 * trai đi thay được không", "what ID should I bring?") as out of scope: a first message that names nothing of the ward
 * is out of scope, a follow-up seldom names its procedure.
 *
 * One logistic regression, trained offline by `npx tsx src/cli/case-question-train.ts` into data/case-question.json on
 * the tuning conversations' turns after an answer (those that stay on the procedure at hand against those that expect
 * no procedure) and the `none` tuning messages read as if sent after an answer. Its features say how the message is
 * built, not which procedure it is about, so that they carry to procedures and phrasings it was not trained on:
 * - its words and adjacent pairs, with the words of the case at hand (the record's own words, and its câu mẫu's, that
 *   few records say) read as one token `C`, and the message's start and end marked (question frames: "C có cần …
 *   không", "… được không$", "how long …");
 * - how many of its other words the câu mẫu say mostly of the ward, mostly of other things (`none`), or never;
 * - the share of its words that are the case's; the section it asks (sectionCue), alone or not; a question mark;
 *   English; typed with accents; its length.
 * Reading a message is one pass over its words and a map look-up per feature.
 */
export interface CaseQuestionModel {
  /** The features' version: a model trained for other features is not read. */
  readonly features: string;
  readonly bias: number;
  /** Weight by feature (features whose weight rounds to 0 are left out). */
  readonly weights: Readonly<Record<string, number>>;
  /** P(a question of the case) from which answer.ts reads a follow-up as the case's (`asksOfCase`). */
  readonly threshold: number;
  /** Words (folded, and with accents `token:marks`) that the follow-ups of FOLLOW_MIN procedures at least say. */
  readonly followWords: string;
  /** What the trainer saw and how (for the record). */
  readonly trained?: Readonly<Record<string, number | string>>;
}

export const CASE_QUESTION_FEATURES = "case-question:masked-uni-bi+kinds+lean+strangers+share+cue+shape/v2";

/** A word of more than this share of the procedures (their records and câu mẫu: "có", "không", "how") is no word of one case. */
const COMMON_SHARE = 0.25;

/** What the judge reads of the catalogue: the records and the câu mẫu. */
export interface CaseQuestionCatalogue {
  readonly procedures: readonly Procedure[];
  readonly examples: readonly Example[];
}

interface Lexicon {
  /** In how many in-scope and `none` câu mẫu each word is said: folded, and with its accents (`token:marks`). */
  uses: Map<string, [number, number]>;
  /** Each procedure's words (its record's and its câu mẫu's, folded and with accents), those of many procedures aside. */
  caseWords: Map<string, Set<string>>;
  /** Words of many procedures (folded and with accents): no word of one case, nor of another matter. */
  common: Set<string>;
  /** Words the ward says: in a record or an in-scope câu mẫu (folded, and with accents). */
  wardSaid: Set<string>;
  /** How many in-scope and `none` câu mẫu there are, all of them (folded) and those typed with accents. */
  foldedTotals: [number, number];
  accentedTotals: [number, number];
}

const LEXICONS = new WeakMap<readonly Example[], WeakMap<readonly Procedure[], Lexicon>>();

/** A text's words as keys: folded, and with their accents when the text is typed with them. */
export function keysOf(text: string): string[] {
  const said = words(text);
  const withAccents = typedWithMarks(said);
  return said.flatMap((w) => (withAccents ? [w.token, `${w.token}:${w.marks}`] : [w.token]));
}

function lexiconOf(catalogue: CaseQuestionCatalogue): Lexicon {
  let byProcedures = LEXICONS.get(catalogue.examples);
  if (!byProcedures) {
    byProcedures = new WeakMap();
    LEXICONS.set(catalogue.examples, byProcedures);
  }
  let found = byProcedures.get(catalogue.procedures);
  if (found) return found;
  const own = new Map<string, Set<string>>();
  for (const p of catalogue.procedures) own.set(p.code, new Set(procedureTexts(p).flatMap(keysOf)));
  const uses = new Map<string, [number, number]>();
  const foldedTotals: [number, number] = [0, 0];
  const accentedTotals: [number, number] = [0, 0];
  for (const e of catalogue.examples) {
    const said = new Set(keysOf(e.text));
    const none = e.code === "none";
    foldedTotals[none ? 1 : 0]++;
    if ([...said].some((k) => k.includes(":"))) accentedTotals[none ? 1 : 0]++;
    for (const w of said) {
      const use = uses.get(w) ?? [0, 0];
      use[none ? 1 : 0]++;
      uses.set(w, use);
    }
    const mine = own.get(e.code);
    if (mine) for (const w of said) mine.add(w);
  }
  const inProcedures = new Map<string, number>();
  for (const words of own.values()) for (const w of words) inProcedures.set(w, (inProcedures.get(w) ?? 0) + 1);
  const common = new Set(
    [...inProcedures].filter(([, n]) => n > catalogue.procedures.length * COMMON_SHARE).map(([w]) => w),
  );
  const caseWords = new Map<string, Set<string>>();
  for (const [code, words] of own) caseWords.set(code, new Set([...words].filter((w) => !common.has(w))));
  const wardSaid = new Set<string>();
  for (const words of own.values()) for (const w of words) wardSaid.add(w);
  found = { uses, caseWords, common, wardSaid, foldedTotals, accentedTotals };
  byProcedures.set(catalogue.procedures, found);
  return found;
}

/** An English word's plain forms ("stayed" → "stay", "starts" → "start", "getting" → "get"), itself first. */
function plainForms(token: string): string[] {
  return [
    token,
    token.replace(/(ing|ed|es|s)$/, ""),
    token.replace(/(ing|ed)$/, "e"),
    token.replace(/(.)\1(ing|ed)$/, "$1"),
  ];
}

/** English number words, read as the numbers they are ("she is only seventeen", "nineteen"). */
const NUMBER_WORDS = new Set(
  "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred".split(
    " ",
  ),
);

/**
 * The words of `text` the ward never says — in no record, no in-scope câu mẫu, and no follow-up of FOLLOW_MIN
 * procedures (the model's `followWords`) — numbers (and English number words) aside: "shipping", "bánh mì", "giảm cân", "xì (mùi)", "covid". A
 * question of the case at hand asks in the case's words or the words of asking; one of these names another matter.
 * Typed without accents, an English word is read in its plain forms too ("stayed": "stay").
 */
export function outsiderWords(text: string, catalogue: CaseQuestionCatalogue, model: CaseQuestionModel): string[] {
  const lexicon = lexiconOf(catalogue);
  const follows = followCountOf(model);
  const said = words(text.slice(0, 600));
  const accented = typedWithMarks(said);
  const known = (k: string) => lexicon.wardSaid.has(k) || follows(k) >= FOLLOW_MIN;
  return said
    .filter((w) => !/^\d+$/.test(w.token) && !(!accented && NUMBER_WORDS.has(w.token)))
    .filter((w) => (accented ? !known(`${w.token}:${w.marks}`) : !plainForms(w.token).some(known)))
    .map((w) => w.token);
}

/** Words English says often and Vietnamese typed without accents hardly ever. */
const ENGLISH_WORDS = new Set(
  "the my is are does do of for how what when where which who we our you your have has need with this and i it can if should will".split(
    " ",
  ),
);

/** Two common English words at least, no accents. */
function saysEnglish(said: readonly Word[]): boolean {
  return new Set(said.filter((w) => ENGLISH_WORDS.has(w.token)).map((w) => w.token)).size >= 2;
}

/** Whether a message is typed in English (no accents, two common English words at least). */
export function typedInEnglish(text: string): boolean {
  const said = words(text.slice(0, 600));
  return !typedWithMarks(said) && saysEnglish(said);
}

const bucket = (n: number, max: number) => String(Math.min(n, max));

/** A word follow-ups of this many procedures say is a word of following up ("thay", "ký", "nhờ", "hear"). */
export const FOLLOW_MIN = 3;

/**
 * How far a word said in `inScope` in-scope and `none` câu mẫu leans to the ward's business: the log of its rate in
 * in-scope câu mẫu over its rate in `none` ones, moved toward nothing by its standard error (the counts' Poisson
 * spread), so that a word of a handful of câu mẫu leans nowhere (as answer.ts confidentLean).
 */
function lean(inScope: number, none: number, totals: [number, number]): number {
  const ratio = Math.max(1, totals[0]) / Math.max(1, totals[1]);
  const by = Math.log((inScope + ratio) / (ratio * (none + 1)));
  const spread = Math.sqrt(1 / (inScope + ratio) + 1 / (none + 1));
  return Math.sign(by) * Math.max(0, Math.abs(by) - spread);
}

const FOLLOW_COUNTS = new WeakMap<CaseQuestionModel, Map<string, number>>();

/** The model's follow-up words: in how many procedures' follow-ups each is said (FOLLOW_MIN and more only). */
function followCountOf(model: CaseQuestionModel): (key: string) => number {
  let found = FOLLOW_COUNTS.get(model);
  if (!found) {
    found = new Map(
      model.followWords
        .split(" ")
        .filter((w) => w !== "")
        .map((w) => [w, FOLLOW_MIN]),
    );
    FOLLOW_COUNTS.set(model, found);
  }
  const counts = found;
  return (key) => counts.get(key) ?? 0;
}

/**
 * The features of `text` sent after an answer on `current`. `ownExample`: the text is a câu mẫu itself (training on the
 * `none` tuning messages), so its own counts are taken off as if it were a new message.
 */
export function caseQuestionFeatures(
  text: string,
  current: Procedure,
  catalogue: CaseQuestionCatalogue,
  /** In how many procedures' follow-ups each word is said (the model's `followWords`, or the trainer's leave-one-out count). */
  followCount: (key: string) => number,
  ownExample?: { none: boolean },
): string[] {
  const lexicon = lexiconOf(catalogue);
  const cut = text.slice(0, 600);
  const said = words(cut);
  const accented = typedWithMarks(said);
  const caseOwn = lexicon.caseWords.get(current.code) ?? new Set<string>();
  const out = new Set<string>();
  const tokens: string[] = [];
  const counts: Record<WordKind | "case", number> = { ward: 0, other: 0, known: 0, unknown: 0, case: 0 };
  const seen = new Set<string>();
  let leanSum = 0;
  let leanMin = 0;
  let strangers = 0;
  for (const w of said) {
    const t = w.token;
    if (/^\d+$/.test(t)) {
      tokens.push("#");
      continue;
    }
    // typed with accents, a word is read with them ("lông" is no "lòng")
    const key = accented ? `${t}:${w.marks}` : t;
    const isCase = caseOwn.has(key);
    tokens.push(isCase ? "C" : t);
    if (seen.has(key)) continue;
    seen.add(key);
    if (isCase) {
      counts.case++;
      continue;
    }
    if (lexicon.common.has(key)) continue;
    const use = lexicon.uses.get(key) ?? [0, 0];
    const mine = ownExample ? 1 : 0;
    const [inScope, none] = [
      use[0] - (ownExample && !ownExample.none ? mine : 0),
      use[1] - (ownExample?.none ? mine : 0),
    ];
    counts[kind(inScope, none)]++;
    const by = lean(inScope, none, accented ? lexicon.accentedTotals : lexicon.foldedTotals);
    leanSum += by;
    leanMin = Math.min(leanMin, by);
    // a stranger: no word of the case, of many procedures, nor one that follow-ups of several procedures say
    if (followCount(key) < FOLLOW_MIN) strangers++;
  }
  out.add(`lean:${Math.max(-3, Math.min(3, Math.round(leanSum)))}`);
  out.add(`leanmin:${Math.max(-3, Math.min(0, Math.round(leanMin)))}`);
  out.add(`x:${bucket(strangers, 3)}`);
  const framed = ["^", ...tokens, "$"];
  framed.forEach((t, k) => {
    if (t !== "^" && t !== "$") out.add(`w:${t}`);
    const prev = framed[k - 1];
    if (prev !== undefined) out.add(`p:${prev}_${t}`);
  });
  out.add(`k:c:${bucket(counts.case, 3)}`);
  out.add(`k:w:${bucket(counts.ward, 3)}`);
  out.add(`k:o:${bucket(counts.other, 2)}`);
  out.add(`k:u:${bucket(counts.unknown, 2)}`);
  const content = counts.case + counts.ward + counts.other + counts.known + counts.unknown;
  out.add(`cs:${content === 0 ? "-" : String(Math.round((4 * counts.case) / content))}`);
  const cue = sectionCue(cut);
  out.add(`cue:${cue ? cue.section : "-"}${cue?.only ? ":only" : ""}`);
  if (cut.includes("?")) out.add("q");
  const english = !accented && saysEnglish(said);
  out.add(accented ? "acc" : english ? "en" : "bare");
  const n = said.length;
  out.add(`len:${n <= 2 ? n : n <= 4 ? 4 : n <= 8 ? 8 : n <= 15 ? 15 : 16}`);
  return [...out];
}

/** P(the message asks of the case at hand) under `model`. */
export function caseQuestionP(
  model: CaseQuestionModel,
  text: string,
  current: Procedure,
  catalogue: CaseQuestionCatalogue,
): number {
  return logisticOf(model, caseQuestionFeatures(text, current, catalogue, followCountOf(model)));
}

/** A model's bias plus the weights of the features present, through the logistic function. */
function logisticOf(
  model: { readonly bias: number; readonly weights: Readonly<Record<string, number>> },
  features: Iterable<string>,
): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** The trained model (data/case-question.json), or null when it was trained for other features. */
export const CASE_QUESTION_MODEL: CaseQuestionModel | null =
  (trained as { features: string }).features === CASE_QUESTION_FEATURES
    ? (trained as unknown as CaseQuestionModel)
    : null;

/**
 * P(a question of the case) from which a follow-up typed with accents, or in English, that says no outsider word is read
 * as the case's where the scope gate is not sure of another matter (answer.ts asksOfCase).
 */
export const CASE_QUESTION_BROAD = 0.5;

/**
 * Whether the trained judge reads `text`, sent after an answer on `current`, as a question of that case at
 * CASE_QUESTION_BROAD or more, and it says no word the ward never says (outsiderWords): "tôi đau chân không đi được,
 * nhờ con trai đi thay được không", "nhóm 10 hộ cùng đi được ko", "what ID should I bring?" — not "chơi cầu lông mỗi
 * ngày có giảm cân được không" after a sports club ("cân": no record, câu mẫu in scope nor follow-up says it), "how long
 * does shipping take", "bao lâu thì hết covid".
 */
export function asksOfCaseBroadly(text: string, current: Procedure, catalogue: CaseQuestionCatalogue): boolean {
  const model = CASE_QUESTION_MODEL;
  return (
    model !== null &&
    outsiderWords(text, catalogue, model).length === 0 &&
    caseQuestionP(model, text, current, catalogue) >= CASE_QUESTION_BROAD
  );
}

/** Whether the trained judge reads `text`, sent after an answer on `current`, as a question of that case. */
export function asksOfCaseByModel(text: string, current: Procedure, catalogue: CaseQuestionCatalogue): boolean {
  const model = CASE_QUESTION_MODEL;
  return model !== null && caseQuestionP(model, text, current, catalogue) >= model.threshold;
}

/** Options of `trainCaseQuestion`. */
export interface CaseQuestionTraining {
  l2: number;
  steps: number;
  rate: number;
  minCount: number;
  threshold: number;
}

export const DEFAULT_CASE_QUESTION_TRAINING: CaseQuestionTraining = {
  l2: 1,
  steps: 300,
  rate: 0.05,
  minCount: 2,
  threshold: 0.9,
};

/**
 * Trains the judge on featured messages (`yes`: a question of the case at hand), each with a weight. Deterministic:
 * features are numbered in sorted order and every step reads every message.
 */
export function trainCaseQuestion(
  docs: ReadonlyArray<{ features: readonly string[]; yes: boolean; weight?: number }>,
  followWords: readonly string[],
  options: Partial<CaseQuestionTraining> = {},
): CaseQuestionModel {
  const o = { ...DEFAULT_CASE_QUESTION_TRAINING, ...options };
  const fit = fitLogistic(
    docs.map((d) => d.features),
    docs.map((d) => d.yes),
    docs.map((d) => d.weight ?? 1),
    o,
  );
  return {
    features: CASE_QUESTION_FEATURES,
    bias: fit.bias,
    weights: fit.weights,
    threshold: o.threshold,
    followWords: [...followWords].sort().join(" "),
    trained: {
      messages: docs.length,
      yes: docs.filter((d) => d.yes).length,
      features: fit.features,
      l2: o.l2,
      steps: o.steps,
      rate: o.rate,
      minCount: o.minCount,
    },
  };
}

/**
 * The stay-or-switch judge: after an answer on a procedure, where search's first hit Y is another one and the rules
 * moved the chat to Y, how likely the follow-up still asks of the procedure at hand — Y named only as a paper or a
 * state of the case ("tiệm em là hộ cá thể thì tốn bao nhiêu" on a tobacco licence, "bệnh viện chỉ cho giấy báo tử" on a
 * death registration) — rather than of Y. One logistic regression over features of the message and of Y against the
 * one at hand (answer.ts `staySwitchFeatures`), trained by `npm run case-question:train` on the tuning conversations'
 * turns of that kind (stay: expected is the procedure at hand; switch: expected is Y). Its model sits in
 * data/case-question.json beside the case-question judge's.
 */
export interface StaySwitchModel {
  readonly features: string;
  readonly bias: number;
  readonly weights: Readonly<Record<string, number>>;
  /** P(stay) from which the chat stays on the procedure at hand. */
  readonly threshold: number;
  readonly trained?: Readonly<Record<string, number | string>>;
}

export const STAY_SWITCH_FEATURES = "stay-switch:name+record+opener+before+cue+case-p+margin/v1";

/** P(the follow-up stays on the procedure at hand) for the features `features`. */
export function staySwitchP(model: StaySwitchModel, features: readonly string[]): number {
  return logisticOf(model, features);
}

/** The trained stay-or-switch judge (data/case-question.json `staySwitch`), or null when trained for other features. */
export const STAY_SWITCH_MODEL: StaySwitchModel | null =
  (trained as { staySwitch?: { features: string } }).staySwitch?.features === STAY_SWITCH_FEATURES
    ? ((trained as { staySwitch?: unknown }).staySwitch as StaySwitchModel)
    : null;

/** The case-question judge's P for a turn after an answer (0 without a model). */
export function caseP(text: string, current: Procedure, catalogue: CaseQuestionCatalogue): number {
  const model = CASE_QUESTION_MODEL;
  return model === null ? 0 : caseQuestionP(model, text, current, catalogue);
}

export const DEFAULT_STAY_SWITCH_TRAINING = { l2: 1, steps: 300, rate: 0.05, minCount: 3, threshold: 0.8 };

/** Trains the stay-or-switch judge on featured turns (`yes`: the turn stays). Deterministic. */
export function trainStaySwitch(
  docs: ReadonlyArray<{ features: readonly string[]; yes: boolean }>,
  options: Partial<typeof DEFAULT_STAY_SWITCH_TRAINING> = {},
  /** A fingerprint of the conversations it learnt from (the model test holds the file to today's). */
  data = "",
): StaySwitchModel {
  const o = { ...DEFAULT_STAY_SWITCH_TRAINING, ...options };
  const fit = fitLogistic(
    docs.map((d) => d.features),
    docs.map((d) => d.yes),
    docs.map(() => 1),
    o,
  );
  return {
    features: STAY_SWITCH_FEATURES,
    bias: fit.bias,
    weights: fit.weights,
    threshold: o.threshold,
    trained: {
      turns: docs.length,
      stay: docs.filter((d) => d.yes).length,
      features: fit.features,
      l2: o.l2,
      steps: o.steps,
      rate: o.rate,
      minCount: o.minCount,
      data,
    },
  };
}

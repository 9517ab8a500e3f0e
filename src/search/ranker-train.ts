import { Analyzer } from "./analyzer.js";
import type { LabelledQuery } from "./evaluate.js";
import {
  asExample,
  conceptsOf,
  ExampleIndex,
  type ExampleSearch,
  foldsOf,
  type LabelledExample,
  NONE,
  rankerDocuments,
  titlesOf,
  withExamples,
} from "./examples.js";
import type { SearchOutcome } from "./index.js";
import {
  candidateFeatures,
  candidateScores,
  GramModel,
  type LeadSample,
  leadOf,
  RANKER_K,
  type RankerModel,
  RESCUE_COST,
  RESCUE_FLOOR,
  type RescueInputs,
  rerank,
  rescuable,
  rescueInputs,
  rescueOffer,
  rescueRow,
  type Sample,
  SituationModel,
  trainLead,
  trainRanker,
  trainRescue,
  withNearest,
} from "./ranker.js";
import type { SearchableProcedure, SynonymsFile } from "./records.js";
import { LIST_VETO, OVERWHELMING, outOfScope, type ScopeModel, trainScope } from "./scope.js";

/**
 * Training the re-ranker (src/search/ranker.ts) on labelled messages, and measuring it by nested cross-validation.
 *
 * A message's features must come from examples that exclude it, as a message the bot has never seen meets the
 * examples: so the messages are cut into folds (the bench's seeded folds) and each fold's features are read
 * against the examples of the other folds (and `extra`, staff's). The model then learns from every message whose
 * right procedure is among the rules' candidates.
 */

export interface RankerData<P extends SearchableProcedure> {
  /** A search built with a ranker (any model): its rules give every message's candidates. */
  index: ExampleSearch<P>;
  records: readonly P[];
  synonyms: SynonymsFile;
  queries: readonly LabelledQuery[];
  /** Examples that serve every fold (staff's). */
  extra?: readonly LabelledExample[];
  key?: (text: string) => string;
  folds?: number;
  seed?: number;
  /** Told the list judge's samples (each with its message's index in `queries` and its fold): for diagnosis. */
  onLead?: (samples: ReadonlyArray<LeadSample & { fold: number; index: number }>) => void;
  /**
   * Told the rescue's samples under the trained model (each with its message's index in `queries`): what
   * bench/oos-assistant.ts retrains the rescue from without a fold's messages.
   */
  onRescue?: (samples: ReadonlyArray<ReturnType<typeof rescueSamples>[number] & { index: number }>) => void;
}

/** The rules' candidates of each message, found once however many folds read them. */
const memo = new WeakMap<object, Map<string, ReturnType<ExampleSearch["candidates"]>>>();
function candidatesOf<P extends SearchableProcedure>(data: RankerData<P>, text: string) {
  let seen = memo.get(data.index);
  if (!seen) {
    seen = new Map();
    memo.set(data.index, seen);
  }
  let found = seen.get(text);
  if (!found) {
    found = data.index.candidates(text);
    seen.set(text, found);
  }
  return found as ReturnType<ExampleSearch<P>["candidates"]>;
}

/** The records' situations (no example changes them): built once per set of records. */
const situationMemo = new WeakMap<object, SituationModel>();
function situationsOf<P extends SearchableProcedure>(data: RankerData<P>): SituationModel {
  let made = situationMemo.get(data.records);
  if (!made) {
    made = new SituationModel(data.records, conceptsOf(new Analyzer(data.synonyms)));
    situationMemo.set(data.records, made);
  }
  return made;
}

/** The records by code (the nearest câu mẫu's recall makes hits of them): built once per set of records. */
const byCodeMemo = new WeakMap<object, (code: string) => SearchableProcedure | undefined>();
function procedureOf<P extends SearchableProcedure>(data: RankerData<P>): (code: string) => P | undefined {
  let made = byCodeMemo.get(data.records);
  if (!made) {
    const byCode = new Map<string, SearchableProcedure>();
    for (const p of data.records) if (!byCode.has(p.code)) byCode.set(p.code, p);
    made = (code) => byCode.get(code);
    byCodeMemo.set(data.records, made);
  }
  return made as (code: string) => P | undefined;
}

/**
 * Reads the examples' side of the features for `items` (indexes into `queries`) with `taught` as the examples; the
 * scope gate the rescue reads (`RESCUE` "scope") is trained on `taught` too, as data/scope.json is on all the câu mẫu
 * (scope.ts `trainScope`), so no message is read by a gate that learnt from it.
 */
function withTaught<P extends SearchableProcedure>(
  data: RankerData<P>,
  taught: readonly LabelledExample[],
  items: readonly number[],
  visit: (i: number, near: ExampleIndex, grams: GramModel, gate: ScopeModel) => void,
): void {
  const known = new Set(data.records.map((p) => p.code));
  const titles = titlesOf(data.records);
  const near = new ExampleIndex(taught, data.synonyms, known, { titles, ...(data.key ? { key: data.key } : {}) });
  const grams = new GramModel(rankerDocuments(taught, titles, known));
  const gate = trainScope(taught.map((e) => ({ text: e.text, out: e.code === NONE })));
  for (const i of items) visit(i, near, grams, gate);
}

/** A message the rules found nothing for, to learn the rescue from once the model that orders its candidates is known. */
interface RescueSample {
  /** The message's index in `queries`. */
  index: number;
  rows: number[][];
  codes: string[];
  inputs: RescueInputs;
  outOfScope: boolean;
  expected: readonly string[];
}

/**
 * The rescue rows of `pending` under `model`, and whether the list each one would be offered holds the right procedure:
 * a rescue offers a "which one?" list, never an answer, so a list that holds it serves the citizen though its first
 * is a look-alike (learning from the first alone taught the rescue to stay silent where the list would have served).
 */
function rescueSamples(pending: readonly RescueSample[], model: RankerModel) {
  return pending.map((p) => {
    const scores = candidateScores(p.rows, p.codes, model);
    const { row } = rescueRow(p.inputs, scores);
    return { row, right: rescueOffer(p.codes, scores).some((c) => p.expected.includes(c)), outOfScope: p.outOfScope };
  });
}

/** A "which one?" list of the rules, kept to be re-ranked by a model that never learnt from its message (`leadSamples`). */
interface ListItem<P extends SearchableProcedure> {
  index: number;
  rules: SearchOutcome<P>;
  candidates: ReturnType<typeof withNearest<P>>;
  support: ReturnType<ExampleIndex["nearest"]>;
  grams: GramModel;
  scope: number;
}

/**
 * The samples of `items`, each read against `taught`; with `rescues`, the messages the rules found nothing for too;
 * with `lists`, the rules' "which one?" lists.
 */
function samplesOf<P extends SearchableProcedure>(
  data: RankerData<P>,
  taught: readonly LabelledExample[],
  items: readonly number[],
  rescues?: RescueSample[],
  lists?: ListItem<P>[],
): Sample[] {
  const out: Sample[] = [];
  withTaught(data, taught, items, (i, near, grams, gate) => {
    const q = data.queries[i] as LabelledQuery;
    const { rules, ranked } = candidatesOf(data, q.query);
    if (rules.sectionOnly || ranked.length < 2) return;
    if (rules.decision === "none") {
      if (!rescues || !rescuable(ranked)) return;
      const support = near.nearest(q.query);
      if (support.exact !== undefined) return;
      const candidates = ranked.slice(0, RANKER_K);
      rescues.push({
        index: i,
        rows: candidateFeatures(
          q.query,
          candidates,
          "none",
          new Set(),
          support,
          grams,
          situationsOf(data),
          rules.abroadOnly === true,
        ),
        codes: candidates.map((h) => h.procedure.code),
        inputs: rescueInputs(q.query, candidates, support, grams, situationsOf(data), outOfScope(gate, q.query)),
        outOfScope: q.expected.length === 0,
        expected: q.expected,
      });
      return;
    }
    const support = near.nearest(q.query);
    if (support.exact !== undefined) return;
    const candidates = withNearest(ranked, support, procedureOf(data));
    if (lists && rules.decision === "choose") {
      lists.push({ index: i, rules, candidates, support, grams, scope: outOfScope(gate, q.query) });
    }
    const right = candidates.findIndex((h) => q.expected.includes(h.procedure.code));
    if (right < 0) return;
    const listed = new Set(rules.hits.map((h) => h.procedure.code));
    out.push({
      rows: candidateFeatures(
        q.query,
        candidates,
        rules.decision,
        listed,
        support,
        grams,
        situationsOf(data),
        rules.abroadOnly === true,
      ),
      codes: candidates.map((h) => h.procedure.code),
      right,
    });
  });
  return out;
}

const examplesOf = (queries: readonly LabelledQuery[], keep: (i: number) => boolean) =>
  queries.filter((_, i) => keep(i)).map(asExample);

/** Trains the model on all of `queries` (each fold's features against the other folds' examples). */
export function trainOn<P extends SearchableProcedure>(data: RankerData<P>): RankerModel {
  const { queries, extra = [], folds = 5, seed = 20261202 } = data;
  const fold = foldsOf(queries.length, folds, seed);
  const byFold: Sample[][] = [];
  const rescues: RescueSample[] = [];
  const lists: ListItem<P>[] = [];
  for (let g = 0; g < folds; g++) {
    const items = queries.map((_, i) => i).filter((i) => fold[i] === g);
    byFold.push(samplesOf(data, [...examplesOf(queries, (i) => fold[i] !== g), ...extra], items, rescues, lists));
  }
  const model = trainRanker(byFold.flat());
  const leads = leadSamples(data, lists, fold, byFold);
  data.onLead?.(leads);
  const { cv: _, ...lead } = trainLead(leads, folds);
  const rescued = rescueSamples(rescues, model);
  data.onRescue?.(rescued.map((r, k) => ({ ...r, index: (rescues[k] as RescueSample).index })));
  return { ...model, rescue: trainRescue(rescued, { floor: RESCUE_FLOOR }), lead };
}

/**
 * The list judge's samples: each "which one?" list of the rules re-ranked as the served search would (`rerank`), by a
 * model trained on the other folds' messages only (their features read against examples that exclude their own fold),
 * the message's own features read against examples without its fold: a list as a message nobody learnt from meets the
 * search. Lists the scope gate takes away (`LIST_VETO`) are not learnt from: they are never offered.
 */
function leadSamples<P extends SearchableProcedure>(
  data: RankerData<P>,
  lists: readonly ListItem<P>[],
  fold: Int32Array,
  byFold: readonly Sample[][],
): Array<LeadSample & { fold: number; index: number }> {
  const out: Array<LeadSample & { fold: number; index: number }> = [];
  byFold.forEach((_, f) => {
    const model = trainRanker(byFold.filter((__, g) => g !== f).flat());
    for (const item of lists) {
      if (fold[item.index] !== f) continue;
      const q = data.queries[item.index] as LabelledQuery;
      const served = rerank(
        q.query,
        item.rules,
        item.candidates,
        item.support,
        item.grams,
        model,
        5,
        situationsOf(data),
        () => item.scope,
      );
      const judged = leadOf(served);
      const first = served.hits[0];
      if (served.decision !== "choose" || !judged || !first) continue;
      if (item.scope >= LIST_VETO && first.score < OVERWHELMING) continue;
      out.push({
        row: judged.row,
        right: q.expected.includes(first.procedure.code),
        outOfScope: q.expected.length === 0,
        fold: f,
        index: item.index,
      });
    }
  });
  return out;
}

/**
 * Each message's outcome under nested cross-validation: the model that re-ranks a fold is trained on the other
 * folds alone (their features read against examples that exclude the fold too), and the fold is answered with
 * the other folds' examples: neither the model nor the examples ever saw the message.
 */
export function crossValidateRanker<P extends SearchableProcedure>(data: RankerData<P>): Map<string, SearchOutcome<P>> {
  return crossValidateRescueFloors(data, [RESCUE_FLOOR]).get(RESCUE_FLOOR) as Map<string, SearchOutcome<P>>;
}

/**
 * `crossValidateRanker` at several rescue floors at once (each fold's model is trained once; only the rescue's
 * threshold, max(floor, what the fold's out-of-scope messages set), differs): how a floor is chosen on evidence.
 */
export function crossValidateRescueFloors<P extends SearchableProcedure>(
  data: RankerData<P>,
  floors: readonly number[],
  cost: number = RESCUE_COST,
): Map<number, Map<string, SearchOutcome<P>>> {
  const { queries, extra = [], folds = 5, seed = 20261202 } = data;
  const fold = foldsOf(queries.length, folds, seed);
  const byCode = new Map(data.records.map((p) => [p.code, p]));
  const outcomes = new Map(floors.map((f) => [f, new Map<string, SearchOutcome<P>>()]));
  for (let f = 0; f < folds; f++) {
    const samples: Sample[] = [];
    const rescues: RescueSample[] = [];
    for (let g = 0; g < folds; g++) {
      if (g === f) continue;
      const items = queries.map((_, i) => i).filter((i) => fold[i] === g);
      const taught = [...examplesOf(queries, (i) => fold[i] !== f && fold[i] !== g), ...extra];
      samples.push(...samplesOf(data, taught, items, rescues));
    }
    const trained = trainRanker(samples);
    const rows = rescueSamples(rescues, trained);
    const models = floors.map((floor) => ({ ...trained, rescue: trainRescue(rows, { floor, cost }) }));
    const items = queries.map((_, i) => i).filter((i) => fold[i] === f);
    withTaught(data, [...examplesOf(queries, (i) => fold[i] !== f), ...extra], items, (i, near, grams, gate) => {
      const q = data.queries[i] as LabelledQuery;
      const { rules, ranked } = candidatesOf(data, q.query);
      const support = rules.sectionOnly ? undefined : near.nearest(q.query);
      floors.forEach((floor, k) => {
        const served = outcomes.get(floor) as Map<string, SearchOutcome<P>>;
        if (!support) served.set(q.query, rules);
        else if (support.exact !== undefined) served.set(q.query, withExamples(rules, support, byCode));
        else
          served.set(
            q.query,
            rerank(
              q.query,
              rules,
              withNearest(ranked, support, procedureOf(data)),
              support,
              grams,
              models[k] as RankerModel,
              5,
              situationsOf(data),
              () => outOfScope(gate, q.query),
            ),
          );
      });
    });
  }
  return outcomes;
}

/**
 * The messages `items` (indexes into `queries`) answered as the served search would, re-ranked by `model` with `taught`
 * as the câu mẫu, and where the right procedure stood among the candidates the model weighed (-1: the rules and the
 * nearest câu mẫu never brought it: recall, not order). A model trained on one half of the tuning part (`trainOn` over
 * those messages) scores the other half with this (bench/letters-halves.ts): neither saw the messages.
 */
export function scoreUnseen<P extends SearchableProcedure>(
  data: RankerData<P>,
  model: RankerModel,
  taught: readonly LabelledExample[],
  items: readonly number[],
): Map<number, { outcome: SearchOutcome<P>; recalled: number }> {
  const byCode = new Map(data.records.map((p) => [p.code, p]));
  const out = new Map<number, { outcome: SearchOutcome<P>; recalled: number }>();
  withTaught(data, taught, items, (i, near, grams, gate) => {
    const q = data.queries[i] as LabelledQuery;
    const { rules, ranked } = candidatesOf(data, q.query);
    const support = rules.sectionOnly ? undefined : near.nearest(q.query);
    if (!support) {
      out.set(i, { outcome: rules, recalled: ranked.findIndex((h) => q.expected.includes(h.procedure.code)) });
      return;
    }
    if (support.exact !== undefined) {
      out.set(i, { outcome: withExamples(rules, support, byCode), recalled: 0 });
      return;
    }
    const candidates = withNearest(ranked, support, procedureOf(data));
    const outcome = rerank(q.query, rules, candidates, support, grams, model, 5, situationsOf(data), () =>
      outOfScope(gate, q.query),
    );
    out.set(i, { outcome, recalled: candidates.findIndex((h) => q.expected.includes(h.procedure.code)) });
  });
  return out;
}

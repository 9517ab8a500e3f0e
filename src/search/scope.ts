import trained from "../../data/scope.json" with { type: "json" };
import type { SearchOutcome } from "./index.js";
import { cleanText, fold } from "./normalize.js";
import type { SearchableProcedure } from "./records.js";

/**
 * The scope gate: how likely a message asks for nothing the ward does (another agency's service — a bank loan, a
 * school place, a hospital, a court, tax, insurance — or nothing at all: cooking, comfort, chit-chat), learnt from the
 * câu mẫu (data/examples.json: the tuning messages, `none` or a procedure). Long letters full of ward words ("đã làm
 * khai sinh và nhập hộ khẩu cho cháu ở phường… xin hỏi lịch tiêm chủng") reach a ward record by their words; the
 * gate reads what the message as a whole, and its last sentence above all, is like.
 *
 * A logistic regression over the message's folded words and adjacent pairs, with the words of its request (the last
 * sentence and any sentence asking "?") counted again apart: trained offline by `npx tsx src/cli/scope-train.ts`
 * (src/cli/scope-train.ts) into data/scope.json, deterministic (full-batch, no sampling). Reading a message is one
 * pass over its words and a map look-up per feature.
 */
export interface ScopeModel {
  /** The feature set's version: a model trained for other features is not read. */
  readonly features: string;
  readonly bias: number;
  /** Weight by feature (features whose weight rounds to 0 are left out). */
  readonly weights: Readonly<Record<string, number>>;
  /** P(out of scope) from which a confident answer is vetoed (`scopeGate`). */
  readonly veto: number;
  /** What the trainer saw and how: counts, regularisation, iterations (for the record). */
  readonly trained?: Readonly<Record<string, number | string>>;
}

/** The features this code reads (`ScopeModel.features` must say the same). */
export const SCOPE_FEATURES = "fold-uni-bi+request-uni-bi/v1";

const SENTENCE = /[.!?;\n]+|\s-\s/;

/** A message's words, folded to lower-case ASCII; numbers read `#`. */
function wordsOf(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => (/^\d+$/.test(w) ? "#" : w));
}

/**
 * The message's request: its last sentence that has words, and every sentence that asks ("?"), for a message of
 * several sentences; empty for a message of one (its words are all request already).
 */
function requestOf(text: string): string[][] {
  const parts: Array<{ words: string[]; asks: boolean }> = [];
  let at = 0;
  for (const match of text.matchAll(new RegExp(SENTENCE, "g"))) {
    const end = (match.index ?? 0) + match[0].length;
    parts.push({ words: wordsOf(text.slice(at, end)), asks: match[0].includes("?") });
    at = end;
  }
  parts.push({ words: wordsOf(text.slice(at)), asks: false });
  const said = parts.filter((p) => p.words.length > 0);
  if (said.length < 2) return [];
  const last = said[said.length - 1] as { words: string[] };
  return said.filter((p) => p.asks || p === last).map((p) => p.words);
}

/** The distinct features of a message: words `w:`, adjacent pairs `p:`, and the request's `r:`/`rp:` again. */
export function scopeFeatures(input: string): string[] {
  const text = cleanText(input).slice(0, 1_500);
  const out = new Set<string>();
  const add = (words: readonly string[], word: string, pair: string) => {
    words.forEach((w, k) => {
      out.add(`${word}${w}`);
      const prev = words[k - 1];
      if (prev !== undefined) out.add(`${pair}${prev} ${w}`);
    });
  };
  add(wordsOf(text), "w:", "p:");
  for (const words of requestOf(text)) add(words, "r:", "rp:");
  if (out.size === 0) out.add("empty");
  return [...out];
}

/** P(out of scope) of a message under `model`. */
export function outOfScope(model: ScopeModel, text: string): number {
  let z = model.bias;
  for (const f of scopeFeatures(text)) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** The trained model (data/scope.json), or null when it was trained for other features. */
export const SCOPE_MODEL: ScopeModel | null =
  (trained as ScopeModel).features === SCOPE_FEATURES ? (trained as ScopeModel) : null;

/** Options of `trainScope`. */
export interface ScopeTraining {
  /** L2 penalty per example (the sum of squared weights times this, over the number of examples). */
  l2: number;
  /** Full-batch Adam steps. */
  steps: number;
  /** Adam's step size. */
  rate: number;
  /** A feature seen in fewer training messages than this is not learnt. */
  minCount: number;
  /** How much an out-of-scope message weighs against an in-scope one (1: as many as they are). */
  outWeight: number;
  veto: number;
}

export const DEFAULT_SCOPE_TRAINING: ScopeTraining = {
  l2: 0.1,
  steps: 300,
  rate: 0.05,
  minCount: 2,
  outWeight: 1,
  veto: 0.95,
};

/**
 * Trains the gate on labelled messages (`out`: true for a `none` câu mẫu). Deterministic: features are numbered in
 * sorted order and every step reads every message (no shuffling), so the same messages give the same model.
 */
export function trainScope(
  docs: ReadonlyArray<{ text: string; out: boolean }>,
  options: Partial<ScopeTraining> = {},
): ScopeModel {
  const o = { ...DEFAULT_SCOPE_TRAINING, ...options };
  const featured = docs.map((d) => scopeFeatures(d.text));
  const count = new Map<string, number>();
  for (const fs of featured) for (const f of fs) count.set(f, (count.get(f) ?? 0) + 1);
  const names = [...count.entries()]
    .filter(([, c]) => c >= o.minCount)
    .map(([f]) => f)
    .sort();
  const id = new Map(names.map((f, k) => [f, k]));
  const rows = featured.map((fs) => Int32Array.from(fs.flatMap((f) => (id.has(f) ? [id.get(f) as number] : []))));
  const y: number[] = docs.map((d) => (d.out ? 1 : 0));
  const sampleWeight = docs.map((d) => (d.out ? o.outWeight : 1));
  const total = sampleWeight.reduce((a, b) => a + b, 0);
  const n = names.length + 1; // the last is the bias
  const w = new Float64Array(n);
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  const g = new Float64Array(n);
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  for (let step = 1; step <= o.steps; step++) {
    g.fill(0);
    rows.forEach((row, i) => {
      let z = w[n - 1] as number;
      for (const k of row) z += w[k] as number;
      const p = 1 / (1 + Math.exp(-z));
      const err = ((p - (y[i] as number)) * (sampleWeight[i] as number)) / total;
      for (const k of row) g[k] = (g[k] as number) + err;
      g[n - 1] = (g[n - 1] as number) + err;
    });
    for (let k = 0; k < n - 1; k++) g[k] = (g[k] as number) + (o.l2 * (w[k] as number)) / total;
    for (let k = 0; k < n; k++) {
      const gk = g[k] as number;
      m[k] = b1 * (m[k] as number) + (1 - b1) * gk;
      v[k] = b2 * (v[k] as number) + (1 - b2) * gk * gk;
      const mh = (m[k] as number) / (1 - b1 ** step);
      const vh = (v[k] as number) / (1 - b2 ** step);
      w[k] = (w[k] as number) - (o.rate * mh) / (Math.sqrt(vh) + eps);
    }
  }
  const weights: Record<string, number> = {};
  names.forEach((f, k) => {
    const weight = Math.round((w[k] as number) * 1e4) / 1e4;
    if (weight !== 0) weights[f] = weight;
  });
  return {
    features: SCOPE_FEATURES,
    bias: Math.round((w[n - 1] as number) * 1e4) / 1e4,
    weights,
    veto: o.veto,
    trained: {
      messages: docs.length,
      outOfScope: y.reduce((a, b) => a + b, 0),
      features: names.length,
      l2: o.l2,
      steps: o.steps,
      rate: o.rate,
      minCount: o.minCount,
      outWeight: o.outWeight,
    },
  };
}

/**
 * Support the search's answer has beyond any doubt: a record whose whole name the message says and whose words
 * explain all of it scores 1 and more (`Hit.score`); the gate never takes such an answer away.
 */
export const OVERWHELMING = 1;

/**
 * Whether the gate takes the served search's outcome away: an answer or a "which one?" list (not a follow-up, not a
 * not-found) to a message the model is sure asks for nothing the ward does (P ≥ `model.veto`), whose first record's
 * support is not overwhelming. Cross-validated on the tuning part at 0.95: of the out-of-scope messages the served
 * search answers 11/43 are caught, of those it offers a list 18/33; right answers lost 0/4755, lists holding the right
 * procedure lost 0/1142.
 */
export function scopeVetoes<P extends SearchableProcedure>(
  text: string,
  outcome: SearchOutcome<P>,
  model: ScopeModel | null = SCOPE_MODEL,
): boolean {
  if (!model || outcome.sectionOnly || outcome.decision === "none") return false;
  if ((outcome.hits[0]?.score ?? 0) >= OVERWHELMING) return false;
  return outOfScope(model, text) >= model.veto;
}

/**
 * The gate over the served search's outcome: an answer or list `scopeVetoes` takes away becomes "not found" (the reply
 * gives the office's contact and any other agency's pointer); everything else is left as it is.
 */
export function scopeGate<P extends SearchableProcedure>(
  text: string,
  outcome: SearchOutcome<P>,
  model: ScopeModel | null = SCOPE_MODEL,
): SearchOutcome<P> {
  return scopeVetoes(text, outcome, model) ? { ...outcome, decision: "none", hits: [], sure: true } : outcome;
}

/** What `fitLogistic` needs to know: how often a feature must be seen to be kept, and Adam's steps, rate and L2. */
export interface LogisticTraining {
  readonly minCount: number;
  readonly steps: number;
  readonly rate: number;
  readonly l2: number;
}

/** A fitted model: the bias, the non-zero weights (rounded to 4 places) and how many features were kept. */
export interface LogisticFit {
  bias: number;
  weights: Record<string, number>;
  features: number;
}

/** Adam's decay of the gradient's mean and square, and the guard against dividing by zero. */
const [B1, B2, EPS] = [0.9, 0.999, 1e-8];

/**
 * One step of Adam (the full-batch optimiser of the logistic regressions here and of the re-ranker, ranker.ts
 * `trainRanker`): moves each weight of `w` against its gradient `g` by `rate`, updating the moments `m` and `v` (as
 * long as `w`, zero at first) in place; `t` counts the steps from 1.
 */
export function adamStep(
  w: Float64Array,
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  t: number,
  rate: number,
): void {
  for (let k = 0; k < w.length; k++) {
    const gk = g[k] as number;
    m[k] = B1 * (m[k] as number) + (1 - B1) * gk;
    v[k] = B2 * (v[k] as number) + (1 - B2) * gk * gk;
    const mh = (m[k] as number) / (1 - B1 ** t);
    const vh = (v[k] as number) / (1 - B2 ** t);
    w[k] = (w[k] as number) - (rate * mh) / (Math.sqrt(vh) + EPS);
  }
}

/**
 * One logistic regression over sets of string features: full-batch Adam with an L2 penalty, shared by the
 * out-of-scope gate (`scope.ts`) and the follow-up judge (`features/case-question.ts`). Deterministic: features are
 * numbered in sorted order and every step reads every row, so the same data give the same weights.
 * `featured[i]` is row i's features, `yes[i]` its label and `weight[i]` its sample weight.
 */
export function fitLogistic(
  featured: ReadonlyArray<readonly string[]>,
  yes: readonly boolean[],
  weight: readonly number[],
  o: LogisticTraining,
): LogisticFit {
  const count = new Map<string, number>();
  for (const fs of featured) for (const f of fs) count.set(f, (count.get(f) ?? 0) + 1);
  const names = [...count.entries()]
    .filter(([, c]) => c >= o.minCount)
    .map(([f]) => f)
    .sort();
  const id = new Map(names.map((f, k) => [f, k]));
  const rows = featured.map((fs) => Int32Array.from(fs.flatMap((f) => (id.has(f) ? [id.get(f) as number] : []))));
  const y: number[] = yes.map((b) => (b ? 1 : 0));
  const total = weight.reduce((a, b) => a + b, 0);
  const n = names.length + 1; // the last is the bias
  const w = new Float64Array(n);
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  const g = new Float64Array(n);
  for (let step = 1; step <= o.steps; step++) {
    g.fill(0);
    rows.forEach((row, i) => {
      let z = w[n - 1] as number;
      for (const k of row) z += w[k] as number;
      const p = 1 / (1 + Math.exp(-z));
      const err = ((p - (y[i] as number)) * (weight[i] as number)) / total;
      for (const k of row) g[k] = (g[k] as number) + err;
      g[n - 1] = (g[n - 1] as number) + err;
    });
    for (let k = 0; k < n - 1; k++) g[k] = (g[k] as number) + (o.l2 * (w[k] as number)) / total;
    adamStep(w, g, m, v, step, o.rate);
  }
  const weights: Record<string, number> = {};
  names.forEach((f, k) => {
    const rounded = Math.round((w[k] as number) * 1e4) / 1e4;
    if (rounded !== 0) weights[f] = rounded;
  });
  return { bias: Math.round((w[n - 1] as number) * 1e4) / 1e4, weights, features: names.length };
}

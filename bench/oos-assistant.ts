// npx tsx bench/oos-assistant.ts [--oos-only] [--served-ranker | --retrain-folds] [--no-question-alone] [--dump FILE]
//   [--against FILE]
//
// The tuning part's messages through the whole assistant (a fresh chat each, as a citizen's first message), under
// 5-fold cross-validation (the folds of `npm run scope:train -- --cv`): each fifth is answered by a catalogue whose câu
// mẫu lack that fifth, by a scope gate trained without it (the served model is swapped for the fold's in place, so
// the features that read the gate — redirects, small talk, answer — read the fold's too), and by a re-ranker whose
// rescue and list judge (the parts that learn from out-of-scope messages) never learnt from that fifth (below: one
// ranker:train, then seconds a fold; `--retrain-folds` retrains the whole re-ranker per fold, about an hour).
// `--served-ranker`: the served re-ranker (data/ranker.json, trained on every fold) instead, as before the thirty-fourth
// session (lists and rescues may then read a little better than unseen).
//
// Prints, per half of the ids (even / odd) and per out-of-scope kind, what the first reply was: answered with a
// procedure, a list of procedures, a pointer (redirect), not found (with the contact block), or another reply (small
// talk, the office's contact); and for in-scope messages right / another / list / none per half. `--dump FILE` writes
// every message's outcome (TSV: id, kind, outcome, reply head); `--against FILE` prints what changed from such a dump
// (mended / broken per half). `--no-question-alone`: the question-alone rule (src/search/scope.ts `questionAloneVetoes`)
// off, to read what it mends; either way the run prints how many messages it searched a second time (its request alone).
// Reads eval/tuning.tsv only. Heavy (minutes): run it under the lock.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LiveCatalogue, labelKey, servedExamples } from "../src/catalogue/live.js";
import { ReadingsOnce } from "../src/catalogue/readings.js";
import type { Procedure } from "../src/catalogue/schema.js";
import { rankerInputs } from "../src/cli/ranker-train.js";
import { MemoryConversationStore, type Reply } from "../src/core/types.js";
import { createAssistant } from "../src/features/index.js";
import { readProcedureChoice } from "../src/features/procedure-choice.js";
import { parseLabelledQueries } from "../src/search/evaluate.js";
import { ExampleSearch, foldsOf, NONE } from "../src/search/examples.js";
import { type LeadSample, type RankerModel, RESCUE_FLOOR, trainLead, trainRescue } from "../src/search/ranker.js";
import { type RankerData, trainOn } from "../src/search/ranker-train.js";
import { SCOPE_MODEL, type ScopeModel, trainScope } from "../src/search/scope.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const OOS_ONLY = args.includes("--oos-only");
const SERVED_RANKER = args.includes("--served-ranker");
const RETRAIN_FOLDS = args.includes("--retrain-folds");
const NO_QUESTION_ALONE = args.includes("--no-question-alone");
const FOLDS = 5;
const SEED = 20261202;

interface Row {
  id: string;
  query: string;
  expected: string[];
  oos: string;
  topic: string;
}
const lines = readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8").split(/\r?\n/);
const header = (lines[0] ?? "").split("\t");
const col = (name: string) => header.indexOf(name);
const rows: Row[] = lines
  .slice(1)
  .filter((l) => l.trim() !== "")
  .map((l) => {
    const c = l.split("\t");
    const expected = c[col("expected")] ?? "none";
    return {
      id: c[col("id")] ?? "",
      query: c[col("query")] ?? "",
      expected: expected === "none" || expected === "-" ? [] : expected.split("|"),
      oos: c[col("oos")] ?? "-",
      topic: c[col("topic")] ?? "-",
    };
  });

const live = await LiveCatalogue.open(path.join(ROOT, "data"), {}, { search: "when first used" });
const base = live.current().catalogue;
const known = new Set(base.procedures.map((p) => p.code));
const served = SCOPE_MODEL as ScopeModel;
const servedCopy: ScopeModel = { ...served };
const fold = foldsOf(rows.length, FOLDS, SEED);
const idOf = (source: string) => /^eval\/tuning\.tsv (m\d+)/.exec(source)?.[1];

// The re-ranker of each fold. The ranker's own weights learn from in-scope messages alone (a sample needs its right
// procedure among the candidates); what learns from out-of-scope messages is the rescue (a list where the rules find
// nothing) and the list judge (a list answered with its first). By default the re-ranker is trained once as
// npm run ranker:train trains it, and each fold's rescue and list judge are trained again without that fold's samples
// (seconds): no out-of-scope message is scored by a part that learnt from it. `--retrain-folds`: the whole re-ranker
// trained on the other four fifths for each fold (about one ranker:train each: 636 s at load 10 on the two-core
// machine, so five of them take about an hour), so in-scope messages are unseen too. Trained models are kept in
// node_modules/.cache/motcua-bot-oos-folds, named by what the trainer reads and runs (src/cli/ranker-train.ts
// `rankerInputs`): a second run on the same checkout trains none. parseLabelledQueries reads the same lines in the same
// order as `rows`, so `fold` cuts both alike (and the trainer's own folds are these: same count, seed and length).
const queries = parseLabelledQueries(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8"));
if (queries.length !== rows.length) throw new Error("eval/tuning.tsv read two ways gives two lengths");
const CACHE = path.join(ROOT, "node_modules/.cache/motcua-bot-oos-folds");
const cacheKey = createHash("sha256")
  .update(JSON.stringify([rankerInputs(ROOT), FOLDS, SEED]))
  .digest("hex")
  .slice(0, 16);
const trainIndex = new ExampleSearch(base.procedures, base.synonyms, [], base.redirects, {
  key: labelKey,
  ranker: { features: [], weights: [], codes: {} },
});
const extra = servedExamples(base.examples.filter((e) => !e.source.startsWith("eval/tuning.tsv")));
function cached<T>(name: string, make: () => T): T {
  const file = path.join(CACHE, `${cacheKey}-${name}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as T;
  const t0 = performance.now();
  const made = make();
  console.error(`${name}: trained in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  try {
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(file, JSON.stringify(made));
  } catch {
    // best effort: the next run trains again
  }
  return made;
}
const train = (keep: (i: number) => boolean, hooks: Pick<RankerData<Procedure>, "onLead" | "onRescue"> = {}) =>
  trainOn({
    index: trainIndex,
    records: base.procedures,
    synonyms: base.synonyms,
    queries: queries.filter((_, i) => keep(i)),
    extra,
    key: labelKey,
    ...hooks,
  });
type Trained = {
  model: RankerModel;
  leads: Array<LeadSample & { fold: number; index: number }>;
  rescues: Array<{ row: number[]; right: boolean; outOfScope: boolean; index: number }>;
};
let once: Trained | undefined;
function rankerOf(f: number): RankerModel {
  if (RETRAIN_FOLDS) return cached(`fold${f}`, () => train((i) => fold[i] !== f));
  once ??= cached("all", () => {
    const got: Omit<Trained, "model"> = { leads: [], rescues: [] };
    const model = train(() => true, { onLead: (s) => got.leads.push(...s), onRescue: (s) => got.rescues.push(...s) });
    return { model, ...got };
  });
  const { model, leads, rescues } = once;
  const { cv: _, ...lead } = trainLead(
    leads.filter((s) => fold[s.index] !== f),
    FOLDS,
  );
  return {
    ...model,
    rescue: trainRescue(
      rescues.filter((s) => fold[s.index] !== f),
      { floor: RESCUE_FLOOR },
    ),
    lead,
  };
}

const namedCodes = (replies: readonly Reply[]) =>
  [...(replies[0]?.text ?? "").matchAll(/\((?:mã|code) ([0-9.]+)\)/g)].map((m) => m[1] as string);
const NOT_FOUND = ["Xin lỗi, tôi chưa tìm thấy thủ tục", "Sorry, I could not find", "Sorry, I couldn't find"];

/** The first reply's kind: `answer CODE`, `list CODE,CODE`, `pointer`, `notfound`, `other`. */
function outcomeOf(replies: readonly Reply[]): string {
  const text = replies[0]?.text ?? "";
  const listed = replies
    .flatMap((r) => r.choices ?? [])
    .map((c) => readProcedureChoice(c.id)?.code)
    .filter((c): c is string => c !== undefined);
  const codes = namedCodes(replies);
  if (text.startsWith("ℹ️")) return "pointer";
  if (codes.length === 1 && !(listed.length > 1 && !listed.includes(codes[0] as string))) {
    // An answer names its procedure once; its choices are its own sections (or the others, one tap away).
    return `answer ${codes[0]}`;
  }
  if (listed.length > 0) return `list ${[...new Set(listed)].join(",")}`;
  if (codes.length > 1) return `list ${[...new Set(codes)].join(",")}`;
  if (NOT_FOUND.some((s) => text.startsWith(s)) || /^(Xin lỗi|Sorry)/.test(text)) return "notfound";
  return "other";
}

const results = new Map<string, { row: Row; outcome: string; head: string }>();
let requestSearches = 0;
const started = performance.now();
for (let f = 0; f < FOLDS; f++) {
  const held = new Set(rows.filter((_, i) => fold[i] === f).map((r) => r.id));
  const examples = base.examples.filter((e) => {
    const id = idOf(e.source);
    return id === undefined || !held.has(id);
  });
  const model = trainScope(examples.map((e) => ({ text: e.text, out: e.code === NONE })));
  // Every reader of the gate (search, redirects, small talk, answer) reads the fold's model.
  Object.assign(served, model);
  const catalogue = { ...base, examples, version: `${base.version}-fold${f}` };
  const search = new ExampleSearch(
    catalogue.procedures,
    catalogue.synonyms,
    servedExamples(examples),
    catalogue.redirects,
    {
      key: labelKey,
      scope: served,
      ...(SERVED_RANKER ? {} : { ranker: rankerOf(f) }),
    },
  );
  // The question-alone rule's second search (examples.ts `searchRequest`), counted; with --no-question-alone it finds a
  // procedure by fiat, so that the rule never takes an outcome away.
  const searchRequest = (search as unknown as Record<string, (request: string, limit: number) => unknown>)
    .searchRequest;
  Object.assign(search, {
    searchRequest: (request: string, limit: number) => {
      requestSearches++;
      const found = searchRequest?.call(search, request, limit) as { decision: string };
      return NO_QUESTION_ALONE ? { ...found, decision: "choose" } : found;
    },
  });
  const snapshot = { catalogue, search, readings: new ReadingsOnce(catalogue.synonyms, examples) };
  live.current = () => snapshot;
  const assistant = createAssistant({ catalogue: live, conversations: new MemoryConversationStore() });
  let chat = 0;
  for (const [i, row] of rows.entries()) {
    if (fold[i] !== f) continue;
    if (OOS_ONLY && row.expected.length > 0) continue;
    if (row.expected.length > 0 && !row.expected.every((c) => known.has(c))) continue;
    const replies = await assistant.handle(`oos:${f}:${chat++}`, { kind: "text", text: row.query });
    results.set(row.id, {
      row,
      outcome: outcomeOf(replies),
      head: (replies[0]?.text ?? "").slice(0, 80).replace(/\s+/g, " "),
    });
  }
  console.error(`fold ${f + 1}/${FOLDS} done, ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
Object.assign(served, servedCopy);
console.log(
  `question alone: ${requestSearches} requests searched a second time${NO_QUESTION_ALONE ? " (rule off)" : ""}`,
);

const half = (id: string) => (Number.parseInt(id.slice(1), 10) % 2 === 0 ? "even" : "odd");
/** What an outcome is, as counted. */
function classOf(row: Row, outcome: string): string {
  const [kind, codes = ""] = outcome.split(" ");
  if (row.expected.length === 0) return kind as string;
  if (kind === "answer") return row.expected.includes(codes) ? "right" : "another";
  if (kind === "list") return codes.split(",").some((c) => row.expected.includes(c)) ? "list-holds" : "list-not";
  return "none";
}

const table = new Map<string, Map<string, number>>();
const add = (key: string, cls: string) => {
  const m = table.get(key) ?? new Map<string, number>();
  m.set(cls, (m.get(cls) ?? 0) + 1);
  table.set(key, m);
};
for (const { row, outcome } of results.values()) {
  const cls = classOf(row, outcome);
  const h = half(row.id);
  if (row.expected.length === 0) {
    add(`oos ${h} all`, cls);
    add(`oos ${h} ${row.oos}`, cls);
  } else add(`in ${h}`, cls);
}
const keys = [...table.keys()].sort();
for (const key of keys) {
  const m = table.get(key) as Map<string, number>;
  const total = [...m.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${key.padEnd(22)} ${String(total).padStart(5)}  ${[...m.entries()]
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join("  ")}`,
  );
}

const dump = option("--dump");
if (dump) {
  writeFileSync(
    dump,
    `${[...results.values()]
      .map(({ row, outcome, head }) =>
        [row.id, row.expected.join("|") || `none:${row.oos}:${row.topic}`, outcome, row.query, head].join("\t"),
      )
      .join("\n")}\n`,
  );
}
const against = option("--against");
if (against) {
  const before = new Map(
    readFileSync(against, "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => {
        const [id, , outcome] = l.split("\t");
        return [id as string, outcome as string];
      }),
  );
  const good = (row: Row, outcome: string) => {
    const cls = classOf(row, outcome);
    return row.expected.length === 0 ? !["answer", "list"].includes(cls) : cls === "right";
  };
  const moved = { mended: { even: 0, odd: 0 }, broken: { even: 0, odd: 0 }, changed: { even: 0, odd: 0 } };
  for (const { row, outcome } of results.values()) {
    const was = before.get(row.id);
    if (was === undefined || was === outcome) continue;
    const h = half(row.id) as "even" | "odd";
    moved.changed[h]++;
    const [g0, g1] = [good(row, was), good(row, outcome)];
    const tag = g0 === g1 ? "moved" : g1 ? "MENDED" : "BROKEN";
    if (g0 !== g1) moved[g1 ? "mended" : "broken"][h]++;
    console.log(
      `${tag}\t${row.id}\t${row.expected.join("|") || `none:${row.oos}`}\t${was} → ${outcome}\t${row.query.slice(0, 140)}`,
    );
  }
  console.log(JSON.stringify(moved));
}

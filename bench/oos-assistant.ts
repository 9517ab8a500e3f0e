// npx tsx bench/oos-assistant.ts [--oos-only] [--dump FILE] [--against FILE]
//
// The tuning part's messages through the whole assistant (a fresh chat each, as a citizen's first message), under
// 5-fold cross-validation (the folds of `npm run scope:train -- --cv`): each fifth is answered by a catalogue whose câu
// mẫu lack that fifth, and by a scope gate trained without it (the served model is swapped for the fold's in place, so
// the features that read the gate — redirects, small talk, answer — read the fold's too). The re-ranker and the list
// judge are the served ones (trained on every fold: lists may read a little better than unseen).
//
// Prints, per half of the ids (even / odd) and per out-of-scope kind, what the first reply was: answered with a
// procedure, a list of procedures, a pointer (redirect), not found (with the contact block), or another reply (small
// talk, the office's contact); and for in-scope messages right / another / list / none per half. `--dump FILE` writes
// every message's outcome (TSV: id, kind, outcome, reply head); `--against FILE` prints what changed from such a dump
// (mended / broken per half). Reads eval/tuning.tsv only. Heavy (minutes): run it under the lock.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LiveCatalogue, labelKey, servedExamples } from "../src/catalogue/live.js";
import { ReadingsOnce } from "../src/catalogue/readings.js";
import { MemoryConversationStore, type Reply } from "../src/core/types.js";
import { createAssistant } from "../src/features/index.js";
import { readProcedureChoice } from "../src/features/procedure-choice.js";
import { ExampleSearch, foldsOf, NONE } from "../src/search/examples.js";
import { SCOPE_MODEL, type ScopeModel, trainScope } from "../src/search/scope.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const OOS_ONLY = args.includes("--oos-only");
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
    },
  );
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

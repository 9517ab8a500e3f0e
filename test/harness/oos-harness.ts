/**
 * Out-of-scope messages (another agency's service, chit-chat) and their in-scope look-alikes sent through the WHOLE
 * assistant, each as a new chat, the reply sorted as a procedure answer, a "which one?" list, a redirect, small talk
 * or not found. test/search/oos-letters.test.ts holds floors on test/search/oos-letters.tsv; run directly it prints
 * the figures for that set and for eval/tuning.tsv (5-fold: each fifth answered without its own câu mẫu, as
 * bench/search.ts scores the tuning part), with every miss:
 *
 *   npx tsx test/search/oos-harness.ts [--own] [--tuning] [--quiet] [--each] [other.tsv]
 *
 * --each prints every row of other.tsv with the kind of reply it got (a redirect's first line), so a pointer lost to
 * "not found" shows too: that counts as no ward answer above, but the citizen needed the pointer.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LiveCatalogue, labelKey } from "../../src/catalogue/live.js";
import { Translator } from "../../src/core/i18n.js";
import { MemoryConversationStore, type Reply } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { readProcedureChoice } from "../../src/features/procedure-choice.js";
import { ExampleSearch, foldsOf, NONE } from "../../src/search/examples.js";
import { trainScope } from "../../src/search/scope.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export type Kind = "answer" | "list" | "redirect" | "smalltalk" | "notfound";
export interface Outcome {
  kind: Kind;
  /** The procedure answered (kind answer). */
  code?: string;
  /** The procedures a list offers (kind list). */
  listed: string[];
  text: string;
}

export interface Row {
  query: string;
  /** Codes that answer it; empty for out of scope. */
  expected: string[];
  oos: string;
  topic: string;
  style: string;
  id?: string;
}

/** Rows of a TSV with a header naming at least query, expected, oos, topic (eval/tuning.tsv, oos-letters.tsv). */
export function parseRows(tsv: string): Row[] {
  const lines = tsv.split(/\r?\n/).filter((line) => line.trim() !== "" && !line.startsWith("#"));
  const header = (lines[0] ?? "").split("\t");
  const at = (name: string) => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const cells = line.split("\t");
    const cell = (name: string) => (at(name) < 0 ? "" : (cells[at(name)] ?? ""));
    const expected = cell("expected");
    return {
      query: cell("query"),
      expected: expected === "none" || expected === "-" || expected === "" ? [] : expected.split("|"),
      oos: cell("oos"),
      topic: cell("topic"),
      style: cell("style"),
      ...(at("id") >= 0 ? { id: cell("id") } : {}),
    };
  });
}

const translator = new Translator();
const LANGS = ["vi", "en"] as const;
const REDIRECT_MARKS = LANGS.map((lang) => translator.t(lang, "redirect", { topic: "\u0000", answer: "\u0000" }))
  .map((t) => t.split("\u0000")[1]?.trim().split("\n")[0] ?? "∅")
  .filter((t) => t.length > 5);
const NOT_FOUND = LANGS.map((lang) => translator.t(lang, "not-found", { contact: "" }).split("\n")[0] ?? "∅");
const COMPARE_PICK = LANGS.map((lang) => translator.t(lang, "compare-pick"));

export function classify(replies: readonly Reply[]): Outcome {
  const text = replies[0]?.text ?? "";
  const codes = [...text.matchAll(/\((?:mã|code) ([0-9.]+)\)/g)].map((m) => m[1] as string);
  const listed = replies
    .flatMap((r) => r.choices ?? [])
    .map((c) => readProcedureChoice(c.id)?.code)
    .filter((c): c is string => c !== undefined);
  if (COMPARE_PICK.some((line) => text.includes(line))) return { kind: "list", listed: [...new Set(codes)], text };
  if (codes.length > 0) return { kind: "answer", code: codes[0] as string, listed: [], text };
  if (listed.length > 0 && !REDIRECT_MARKS.some((m) => text.includes(m))) return { kind: "list", listed, text };
  if (REDIRECT_MARKS.some((m) => text.includes(m))) return { kind: "redirect", listed, text };
  if (NOT_FOUND.some((m) => text.startsWith(m))) return { kind: "notfound", listed, text };
  return { kind: "smalltalk", listed, text };
}

/** Each message sent as the first message of a new chat. */
export async function sendEach(catalogue: LiveCatalogue, rows: readonly Row[]): Promise<Outcome[]> {
  const assistant = createAssistant({ catalogue, conversations: new MemoryConversationStore() });
  const out: Outcome[] = [];
  for (const [i, row] of rows.entries()) {
    out.push(classify(await assistant.handle(`oos:${i}`, { kind: "text", text: row.query })));
  }
  return out;
}

export interface Figures {
  oos: number;
  oosAnswered: number;
  oosListed: number;
  inScope: number;
  inRight: number;
  inListedRight: number;
  inWrong: number;
  inNone: number;
  misses: string[];
}

export function score(rows: readonly Row[], outcomes: readonly Outcome[]): Figures {
  const f: Figures = {
    oos: 0,
    oosAnswered: 0,
    oosListed: 0,
    inScope: 0,
    inRight: 0,
    inListedRight: 0,
    inWrong: 0,
    inNone: 0,
    misses: [],
  };
  rows.forEach((row, i) => {
    const o = outcomes[i] as Outcome;
    const tag = `${row.id ? `${row.id} ` : ""}${row.query.slice(0, 160)}`;
    if (row.expected.length === 0) {
      f.oos++;
      if (o.kind === "answer") {
        f.oosAnswered++;
        f.misses.push(`OOS ANSWERED ${o.code} ← [${row.topic}] ${tag}`);
      } else if (o.kind === "list") {
        f.oosListed++;
        f.misses.push(`oos listed ${o.listed.slice(0, 3).join(",")} ← [${row.topic}] ${tag}`);
      }
      return;
    }
    f.inScope++;
    if (o.kind === "answer" && row.expected.includes(o.code as string)) f.inRight++;
    else if (o.kind === "list" && row.expected.some((c) => o.listed.includes(c))) {
      f.inListedRight++;
    } else if (o.kind === "answer" || o.kind === "list") {
      f.inWrong++;
      f.misses.push(
        `in-scope wrong ${o.code ?? `list ${o.listed.slice(0, 3).join(",")}`} (want ${row.expected.join("|")}) ← ${tag}`,
      );
    } else {
      f.inNone++;
      f.misses.push(`IN-SCOPE LOST ${o.kind} (want ${row.expected.join("|")}) ← ${tag}`);
    }
  });
  return f;
}

export function line(name: string, f: Figures): string {
  return (
    `${name}: out of scope ${f.oos}: answered ${f.oosAnswered}, listed ${f.oosListed}; ` +
    `in scope ${f.inScope}: answered right ${f.inRight}, list holding it ${f.inListedRight}, wrong ${f.inWrong}, ` +
    `redirect/not found ${f.inNone}`
  );
}

export async function ownSet(
  catalogue: LiveCatalogue,
  file = "test/search/oos-letters.tsv",
): Promise<{ rows: Row[]; figures: Figures; outcomes: Outcome[] }> {
  const rows = parseRows(await readFile(path.join(ROOT, file), "utf8"));
  const outcomes = await sendEach(catalogue, rows);
  return { rows, figures: score(rows, outcomes), outcomes };
}

const TUNING_SOURCE = "eval/tuning.tsv ";
/** As bench/search.ts deals the tuning part into folds. */
const FOLDS = 5;
const FOLD_SEED = 20261202;

/**
 * eval/tuning.tsv through the assistant, 5-fold: each fifth answered by a catalogue whose câu mẫu leave out that
 * fifth's own messages (every tuning message is a câu mẫu, so the plain catalogue would answer each as labelled), and
 * whose scope gate is trained on those câu mẫu alone (the served data/scope.json has seen every fold: with it the
 * out-of-scope figure was optimistic). The re-ranker stays the served one, as in `npm run scope:train -- --cv`.
 */
export async function tuningFolds(): Promise<{ rows: Row[]; figures: Figures }> {
  const rows = parseRows(await readFile(path.join(ROOT, "eval/tuning.tsv"), "utf8"));
  const fold = foldsOf(rows.length, FOLDS, FOLD_SEED);
  const outcomes: Outcome[] = new Array(rows.length);
  const examplesFile = JSON.parse(await readFile(path.join(ROOT, "data/examples.json"), "utf8")) as {
    examples: Array<{ text: string; source: string; code: string }>;
  };
  for (let f = 0; f < FOLDS; f++) {
    const part = rows.map((row, i) => ({ row, i })).filter(({ i }) => fold[i] === f);
    const ids = new Set(part.map(({ row }) => row.id));
    const keys = new Set(part.map(({ row }) => labelKey(row.query)));
    const dir = await mkdtemp(path.join(tmpdir(), "motcua-oos-"));
    try {
      await cp(path.join(ROOT, "data"), dir, { recursive: true });
      const kept = examplesFile.examples.filter(
        (e) =>
          !(e.source.startsWith(TUNING_SOURCE) && ids.has(e.source.slice(TUNING_SOURCE.length))) &&
          !keys.has(labelKey(e.text)),
      );
      await writeFile(path.join(dir, "examples.json"), JSON.stringify({ ...examplesFile, examples: kept }));
      const catalogue = await LiveCatalogue.open(dir);
      // The fold's own gate (the served search reads its model from the instance's `scope`).
      const gate = trainScope(kept.map((e) => ({ text: e.text, out: e.code === NONE })));
      const served = catalogue.current().search;
      if (!(served instanceof ExampleSearch)) throw new Error("the served search is no ExampleSearch");
      Object.assign(served, { scope: gate });
      const got = await sendEach(
        catalogue,
        part.map(({ row }) => row),
      );
      part.forEach(({ i }, k) => {
        outcomes[i] = got[k] as Outcome;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return { rows, figures: score(rows, outcomes) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const file = args.find((a) => a.endsWith(".tsv"));
  const all = !args.includes("--own") && !args.includes("--tuning") && !file;
  const quiet = args.includes("--quiet");
  if (file) {
    const catalogue = await LiveCatalogue.open(path.join(ROOT, "data"));
    const { rows, figures, outcomes } = await ownSet(catalogue, file);
    if (!quiet) for (const miss of figures.misses) console.log(miss);
    if (args.includes("--each")) {
      rows.forEach((row, i) => {
        const o = outcomes[i] as Outcome;
        const what = o.kind === "answer" ? o.code : o.kind === "list" ? o.listed.slice(0, 3).join(",") : "";
        const want = row.expected.length > 0 ? row.expected.join("|") : `${row.oos}/${row.topic}`;
        console.log(`${o.kind} ${what} (${want}) ← ${row.query.slice(0, 110)}`);
      });
    }
    console.log(line(file, figures));
  }
  if (all || args.includes("--own")) {
    const catalogue = await LiveCatalogue.open(path.join(ROOT, "data"));
    const { figures } = await ownSet(catalogue);
    if (!quiet) for (const miss of figures.misses) console.log(miss);
    console.log(line("own oos-letters.tsv", figures));
  }
  if (all || args.includes("--tuning")) {
    const { figures } = await tuningFolds();
    if (!quiet) for (const miss of figures.misses) if (!miss.startsWith("in-scope wrong")) console.log(miss);
    console.log(line("eval tuning (5-fold)", figures));
  }
}

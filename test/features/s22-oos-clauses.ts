/**
 * Session 22 (OOS): the clause finder of small talk (src/features/small-talk.ts: `askedPart`, the words after a
 * letter's turn from its story; `askedClauses`, the clauses after its last told one) and the reading built on it
 * (`asksBeyondWardAfterStory`: the question alone read by the scope gate) under 5-fold cross-validation on the tuning
 * part: each fold's lines read by a gate trained on the câu mẫu without them (data/examples.json less the fold's own
 * lines, as test/harness/oos-harness.ts does), so no line is read by a gate that learnt it. The word lists of the finder
 * itself (turns, told clauses) were written by hand from tuning lines; only the gate is held out here.
 *
 *   npx tsx test/features/s22-oos-clauses.ts
 *
 * Prints, for in-scope and out-of-scope lines: how many have a question found (a turn, or told clauses then a
 * question), and of those how many the reading takes for another matter (small talk's "not the ward's" reply) at the
 * gate's veto and at other thresholds.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { labelKey } from "../../src/catalogue/live.js";
import { askedClauses, askedPart, asksBeyondWardAfterStory } from "../../src/features/small-talk.js";
import { foldsOf, NONE } from "../../src/search/examples.js";
import { outOfScope, trainScope } from "../../src/search/scope.js";
import { parseRows } from "../harness/oos-harness.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FOLDS = 5;
const FOLD_SEED = 20261202;
const TUNING_SOURCE = "eval/tuning.tsv ";

interface Case {
  out: boolean;
  found: boolean;
  flagged: boolean;
  p: number;
  text: string;
}

export function clauseCases(): Case[] {
  const rows = parseRows(readFileSync(path.join(ROOT, "eval/tuning.tsv"), "utf8"));
  const fold = foldsOf(rows.length, FOLDS, FOLD_SEED);
  const examples = (
    JSON.parse(readFileSync(path.join(ROOT, "data/examples.json"), "utf8")) as {
      examples: Array<{ text: string; source: string; code: string }>;
    }
  ).examples;
  const cases: Case[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const part = rows.filter((_, i) => fold[i] === f);
    const ids = new Set(part.map((row) => row.id));
    const keys = new Set(part.map((row) => labelKey(row.query)));
    const kept = examples.filter(
      (e) =>
        !(e.source.startsWith(TUNING_SOURCE) && ids.has(e.source.slice(TUNING_SOURCE.length))) &&
        !keys.has(labelKey(e.text)),
    );
    const gate = trainScope(kept.map((e) => ({ text: e.text, out: e.code === NONE })));
    for (const row of part) {
      const asked = askedPart(row.query) ?? askedClauses(row.query);
      cases.push({
        out: row.expected.length === 0,
        found: asked !== undefined,
        flagged: asksBeyondWardAfterStory(row.query, gate),
        p: asked ? outOfScope(gate, asked.map((w) => w.token).join(" ")) : 0,
        text: row.query,
      });
    }
  }
  return cases;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cases = clauseCases();
  for (const [name, set] of [
    ["in scope", cases.filter((c) => !c.out)],
    ["out of scope", cases.filter((c) => c.out)],
  ] as const) {
    const found = set.filter((c) => c.found);
    const flagged = set.filter((c) => c.flagged);
    const at = (t: number) => found.filter((c) => c.p >= t).length;
    console.log(
      `${name}: ${set.length} lines, question found in ${found.length}; taken for another matter ` +
        `(asksBeyondWardAfterStory, 5-fold gate) ${flagged.length}; question alone at P ≥ 0.9/0.95/0.97: ` +
        `${at(0.9)}/${at(0.95)}/${at(0.97)}`,
    );
    if (!name.startsWith("out")) for (const c of flagged) console.log(`  in scope taken away: ${c.text.slice(0, 140)}`);
  }
}

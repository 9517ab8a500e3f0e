// npx tsx src/cli/case-question-train.ts — trains the case-question judge (src/features/case-question.ts) and writes
// data/case-question.json. Deterministic: the same data give the same file.
// What it learns from (tuning parts only, never the held-out): the turns of eval/conversations-tuning.jsonl sent after
// an answer — read with the procedure the conversation is on by its labels — that stay on it (a question of the case)
// against those that expect no procedure and those that move to another (no question of this case); and the `none`
// messages of eval/tuning.tsv, each read as if sent after an answer on a procedure drawn by its id.
// `--half even|odd`: only the conversations and messages whose number is even (odd), to measure on the other half.
// `--out FILE`: write there instead. `--check`: train on the even half and print how the odd half's turns are read.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { indexCatalogue } from "../catalogue/live.js";
import { loadCatalogue } from "../catalogue/load.js";
import type { Procedure } from "../catalogue/schema.js";
import { followUpOutcome, staySwitchFeatures } from "../features/answer.js";
import {
  type CaseQuestionCatalogue,
  type CaseQuestionModel,
  caseQuestionFeatures,
  caseQuestionP,
  FOLLOW_MIN,
  keysOf,
  type StaySwitchModel,
  staySwitchP,
  trainCaseQuestion,
  trainStaySwitch,
} from "../features/case-question.js";
import { readCorrection } from "../features/corrections.js";
import { sectionCue } from "../features/follow-up.js";
import type { ProcedureSearch } from "../search/index.js";

export const CASE_QUESTION_FILE = "data/case-question.json";

/** A turn or message to learn from: its text, the procedure at hand, whether it asks of that case, and its weight. */
export interface CaseTurn {
  id: string;
  text: string;
  current: Procedure;
  yes: boolean;
  weight: number;
  /** Where it comes from: a follow-up that stays, one that expects none, one that moves, a `none` message. */
  kind: "stay" | "none" | "switch" | "message";
  /** A câu mẫu itself (the `none` tuning messages): its own counts are taken off its word kinds. */
  example: boolean;
}

/** How much a turn that moves to another procedure weighs against one that stays. */
const SWITCH_WEIGHT = 0.5;

/** How much a turn after an answer that expects no procedure weighs: the few off-topic questions asked after one. */
const NONE_WEIGHT = 3;

/** A message's last sentence of three words at least, when it has several; undefined for a message of one. */
function lastSentence(text: string): string | undefined {
  const sentences = text
    .split(/[.!?;\n]+/)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 3);
  return sentences.length > 1 ? sentences[sentences.length - 1] : undefined;
}

const number = (id: string) => Number(id.replace(/\D/g, ""));

/** The turns and messages of the tuning parts at `root`, `half` of them when given. */
export function caseTurns(root: string, catalogue: CaseQuestionCatalogue, half?: "even" | "odd"): CaseTurn[] {
  const keep = (id: string) => half === undefined || number(id) % 2 === (half === "even" ? 0 : 1);
  const byCode = new Map(catalogue.procedures.map((p) => [p.code, p]));
  const turns: CaseTurn[] = [];
  const lines = readFileSync(path.join(root, "eval/conversations-tuning.jsonl"), "utf8").split("\n");
  for (const line of lines) {
    if (line.trim() === "") continue;
    const c = JSON.parse(line) as {
      id: string;
      turns: Array<{ text?: string; pick?: string; expected: string }>;
    };
    if (!keep(c.id)) continue;
    let current: Procedure | undefined;
    c.turns.forEach((t, i) => {
      const codes = t.expected.split("|");
      // (a section asked alone, "mất bao lâu", the readings take before the judge is asked: not learnt from)
      const only = t.text !== undefined && sectionCue(t.text)?.only === true;
      if (i > 0 && current && t.text !== undefined && t.text !== "/start" && !only) {
        const kind = t.expected === "none" ? "none" : codes.includes(current.code) ? "stay" : "switch";
        turns.push({
          id: `${c.id}#${i + 1}`,
          text: t.text,
          current,
          yes: kind === "stay",
          weight: kind === "switch" ? SWITCH_WEIGHT : kind === "none" ? NONE_WEIGHT : 1,
          kind,
          example: false,
        });
      }
      if (t.text === "/start") current = undefined;
      else if (t.pick) current = byCode.get(t.pick) ?? current;
      else if (t.expected !== "none" && (codes.length === 1 || !current || !codes.includes(current.code)))
        current = byCode.get(codes[0] as string) ?? current;
    });
  }
  const procedures = [...catalogue.procedures].sort((a, b) => a.code.localeCompare(b.code));
  const tsv = readFileSync(path.join(root, "eval/tuning.tsv"), "utf8").split(/\r?\n/);
  const header = (tsv[0] ?? "").split("\t");
  const [idAt, queryAt, expectedAt] = ["id", "query", "expected"].map((h) => header.indexOf(h));
  for (const line of tsv.slice(1)) {
    const cells = line.split("\t");
    const id = cells[idAt as number] ?? "";
    if (line.trim() === "" || cells[expectedAt as number] !== "none" || !keep(id)) continue;
    // a procedure drawn by the id (Knuth's multiplicative hash), the same each run
    const current = procedures[((number(id) * 2654435761) % 2 ** 32) % procedures.length] as Procedure;
    const text = cells[queryAt as number] ?? "";
    turns.push({ id, text, current, yes: false, weight: 1, kind: "message", example: true });
    // its request alone (a letter's last sentence, "…, giờ em muốn hỏi chơi cầu lông có giảm cân không"), as a short
    // question after an answer would say it
    const request = lastSentence(text);
    if (request !== undefined) {
      turns.push({ id, text: request, current, yes: false, weight: 1, kind: "message", example: true });
    }
  }
  return turns;
}

/** The judge trained on `turns`. */
export function trainOn(turns: readonly CaseTurn[], catalogue: CaseQuestionCatalogue): CaseQuestionModel {
  // The follow-up words: by word, how many of the turns that stay on each procedure say it. A turn's own words are
  // read as if it were not among them (its procedure counted only when another of its turns says the word too).
  const byWord = new Map<string, Map<string, number>>();
  const keysOfTurn = turns.map((t) => new Set(keysOf(t.text.slice(0, 600))));
  turns.forEach((t, i) => {
    if (t.kind !== "stay") return;
    for (const k of keysOfTurn[i] as Set<string>) {
      const by = byWord.get(k) ?? new Map<string, number>();
      byWord.set(k, by);
      by.set(t.current.code, (by.get(t.current.code) ?? 0) + 1);
    }
  });
  const followWords = [...byWord].filter(([, by]) => by.size >= FOLLOW_MIN).map(([k]) => k);
  return trainCaseQuestion(
    turns.map((t, i) => {
      const own = keysOfTurn[i] as Set<string>;
      const count = (k: string) => {
        const by = byWord.get(k);
        if (!by) return 0;
        const mine = t.kind === "stay" && own.has(k) && by.get(t.current.code) === 1 ? 1 : 0;
        return by.size - mine;
      };
      return {
        features: caseQuestionFeatures(t.text, t.current, catalogue, count, t.example ? { none: true } : undefined),
        yes: t.yes,
        weight: t.weight,
      };
    }),
    followWords,
  );
}

/** The model as data/case-question.json holds it: one weight a line, so that a retrained file's diff reads. */
export function formatCaseQuestion(model: CaseQuestionModel, staySwitch?: StaySwitchModel): string {
  const { weights, ...rest } = model;
  const head = JSON.stringify(rest, null, 1).replace(/\n}$/, "");
  const lines = Object.entries(weights).map(([f, w]) => `  ${JSON.stringify(f)}: ${w}`);
  const stay = staySwitch
    ? (() => {
        const { weights: w, ...r } = staySwitch;
        const h = JSON.stringify(r, null, 1).replace(/\n}$/, "").replace(/\n/g, "\n ");
        const l = Object.entries(w).map(([f, x]) => `   ${JSON.stringify(f)}: ${x}`);
        return `,\n "staySwitch": ${h},\n  "weights": {\n${l.join(",\n")}\n  }\n }`;
      })()
    : "";
  return `${head},\n "weights": {\n${lines.join(",\n")}\n }${stay}\n}\n`;
}

/** A fingerprint of the tuning conversations the stay-or-switch judge learns from. */
export function conversationsFingerprint(root: string): string {
  const text = readFileSync(path.join(root, "eval/conversations-tuning.jsonl"));
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** A turn after an answer where search's first hit is another procedure than the one at hand, with its label. */
export interface StayTurn {
  id: string;
  text: string;
  current: Procedure;
  other: Procedure;
  /** The turn stays on the procedure at hand (false: it moves to the other). */
  yes: boolean;
  features: string[];
}

/**
 * The stay-or-switch judge's turns of the tuning conversations (`half` of them when given): a follow-up after an
 * answer, the procedure at hand read by the labels as caseTurns reads it, search's first hit another procedure; stay
 * when the turn expects the one at hand, switch when it expects the hit (others are left out). The case judge's P of
 * a turn comes from a judge trained on the other half of the conversations, so no turn is scored by one that saw it.
 */
export function stayTurns(
  root: string,
  catalogue: CaseQuestionCatalogue,
  search: ProcedureSearch<Procedure>,
  half?: "even" | "odd",
): StayTurn[] {
  const keep = (id: string) => half === undefined || number(id) % 2 === (half === "even" ? 0 : 1);
  const judges = {
    even: trainOn(caseTurns(root, catalogue, "odd"), catalogue),
    odd: trainOn(caseTurns(root, catalogue, "even"), catalogue),
  };
  const byCode = new Map(catalogue.procedures.map((p) => [p.code, p]));
  const out: StayTurn[] = [];
  const lines = readFileSync(path.join(root, "eval/conversations-tuning.jsonl"), "utf8").split("\n");
  for (const line of lines) {
    if (line.trim() === "") continue;
    const c = JSON.parse(line) as { id: string; turns: Array<{ text?: string; pick?: string; expected: string }> };
    if (!keep(c.id)) continue;
    const judge = number(c.id) % 2 === 0 ? judges.even : judges.odd;
    let current: Procedure | undefined;
    c.turns.forEach((t, i) => {
      const codes = t.expected.split("|");
      if (i > 0 && current && t.text !== undefined && t.text !== "/start" && readCorrection(t.text) === undefined) {
        const outcome = followUpOutcome(search, t.text);
        const other = outcome.decision === "none" ? undefined : outcome.hits[0]?.procedure;
        const stays = codes.includes(current.code);
        if (other && other.code !== current.code && (stays || codes.includes(other.code))) {
          const p = caseQuestionP(judge, t.text, current, catalogue);
          out.push({
            id: `${c.id}#${i + 1}`,
            text: t.text,
            current,
            other,
            yes: stays,
            features: staySwitchFeatures(t.text, current, other, outcome, p),
          });
        }
      }
      if (t.text === "/start") current = undefined;
      else if (t.pick) current = byCode.get(t.pick) ?? current;
      else if (t.expected !== "none" && (codes.length === 1 || !current || !codes.includes(current.code)))
        current = byCode.get(codes[0] as string) ?? current;
    });
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const loaded = await loadCatalogue(path.join(root, "data"));
  if (!loaded.ok) throw new Error("bundled catalogue is invalid: run npm run catalogue:check");
  const catalogue = loaded.catalogue;
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at < 0 ? undefined : process.argv[at + 1];
  };
  if (process.argv.includes("--check")) {
    const model = trainOn(caseTurns(root, catalogue, "even"), catalogue);
    const odd = caseTurns(root, catalogue, "odd");
    for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
      const by = (kind: CaseTurn["kind"]) => {
        const of = odd.filter((x) => x.kind === kind);
        const yes = of.filter((x) => caseQuestionP(model, x.text, x.current, catalogue) >= t).length;
        return `${kind} ${yes}/${of.length}`;
      };
      console.log(
        `P ≥ ${t}: read as the case's — ${(["stay", "none", "switch", "message"] as const).map(by).join(", ")}`,
      );
    }
  } else {
    const half = arg("--half") as "even" | "odd" | undefined;
    const model = trainOn(caseTurns(root, catalogue, half), catalogue);
    const search = indexCatalogue(catalogue) as ProcedureSearch<Procedure>;
    // `--stay-half even|odd`: the stay-or-switch judge of that half's turns only, to measure on the other half
    const stays = stayTurns(root, catalogue, search, (arg("--stay-half") ?? half) as "even" | "odd" | undefined);
    const staySwitch = trainStaySwitch(stays, {}, conversationsFingerprint(root));
    if (process.argv.includes("--stay-check")) {
      // how the judge of one half reads the other half's turns, by threshold
      const other = stayTurns(root, catalogue, search, arg("--stay-half") === "even" ? "odd" : "even");
      for (const th of [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]) {
        const read = other.filter((t) => staySwitchP(staySwitch, t.features) >= th);
        console.log(
          `P ≥ ${th}: stay read ${read.filter((t) => t.yes).length}/${other.filter((t) => t.yes).length}, switch read as stay ${read.filter((t) => !t.yes).length}/${other.filter((t) => !t.yes).length}`,
        );
      }
    }
    const out = arg("--out") ?? path.join(root, CASE_QUESTION_FILE);
    writeFileSync(out, formatCaseQuestion(model, staySwitch));
    console.log(`${out}: ${Object.keys(model.weights).length} weights, ${JSON.stringify(model.trained)}`);
  }
}

/**
 * Session 17 (OOS): a probe batch's figures through the WHOLE assistant. A .tsv (query, expected, …) sends each line as
 * the first message of a new chat (test/harness/oos-harness.ts); a .jsonl (eval/conversations format) plays each
 * conversation in one chat and sorts every turn's reply as an answer, a "which one?" list, a redirect, small talk or
 * not found, so an off-topic turn offered a list shows (eval-conversations counts only answers there).
 *
 *   npx tsx test/harness/oos-run.ts file.tsv|file.jsonl [--each]
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { readProcedureChoice } from "../../src/features/procedure-choice.js";
import { classify, line, type Outcome, ownSet } from "./oos-harness.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface TurnFigures {
  /** Turns that expect no procedure: answered with one, offered a list. */
  none: number;
  noneAnswered: number;
  noneListed: number;
  /** Turns that expect a procedure: answered with it (a list of several codes holding them all counts too). */
  inScope: number;
  inRight: number;
  misses: string[];
}

interface ConvTurn {
  /** A typed message; a turn without one picks `pick` from the list offered before (eval/README.md). */
  text?: string;
  pick?: string;
  expected: string;
}

/** Every conversation of `file` in its own chat; each turn's reply sorted. */
export async function playTurns(catalogue: LiveCatalogue, file: string): Promise<TurnFigures> {
  const list = (await readFile(path.resolve(ROOT, file), "utf8"))
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { id: string; turns: ConvTurn[] });
  const assistant = createAssistant({ catalogue, conversations: new MemoryConversationStore() });
  const f: TurnFigures = { none: 0, noneAnswered: 0, noneListed: 0, inScope: 0, inRight: 0, misses: [] };
  for (const conv of list) {
    let offered: string[] = [];
    for (const [i, turn] of conv.turns.entries()) {
      // A pick answers the list offered before with its number (a pick of nothing offered sends "1", as a
      // citizen would, so the turn still counts).
      const text = turn.text ?? String(Math.max(offered.indexOf(turn.pick ?? ""), 0) + 1);
      const replies = await assistant.handle(`s17:${conv.id}`, { kind: "text", text });
      const choices = replies.flatMap((r) => r.choices ?? []).map((c) => readProcedureChoice(c.id)?.code ?? "");
      if (choices.length > 0) offered = choices;
      // A reply that keeps the menu of the answer before (a not-found or off-topic reply after an answer: one
      // procedure's sections, two or more of them) offers no list: sorted by its text alone.
      const sections = new Map<string, Set<string>>();
      for (const c of replies.flatMap((r) => r.choices ?? [])) {
        const [p, code, section] = c.id.split(":");
        if (p !== "p" || !code || !section) continue;
        sections.set(code, (sections.get(code) ?? new Set()).add(section));
      }
      const kept = [...sections.values()].some((s) => s.size >= 2);
      const o: Outcome = classify(kept ? replies.map((r) => ({ ...r, choices: [] })) : replies);
      const tag = `${conv.id}#${i + 1} «${turn.text ?? `pick ${turn.pick}`}»`;
      if (turn.expected === "none") {
        f.none++;
        if (o.kind === "answer") {
          f.noneAnswered++;
          f.misses.push(`OFF-TOPIC ANSWERED ${o.code} ← ${tag}`);
        } else if (o.kind === "list") {
          f.noneListed++;
          f.misses.push(`off-topic listed ${o.listed.slice(0, 3).join(",")} ← ${tag}`);
        }
        continue;
      }
      const want = turn.expected.split("|");
      f.inScope++;
      if (o.kind === "answer" && want.includes(o.code as string)) f.inRight++;
      else
        f.misses.push(
          `in-scope ${o.kind} ${o.code ?? o.listed.slice(0, 3).join(",")} (want ${turn.expected}) ← ${tag}`,
        );
    }
  }
  return f;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? "";
  const catalogue = await LiveCatalogue.open(path.join(ROOT, "data"));
  if (file.endsWith(".jsonl")) {
    const f = await playTurns(catalogue, file);
    for (const m of f.misses) console.log(m);
    console.log(
      `${file}: off-topic turns ${f.none}: answered ${f.noneAnswered}, listed ${f.noneListed}; ` +
        `in-scope turns ${f.inScope}: right ${f.inRight}`,
    );
  } else {
    const { rows, figures, outcomes } = await ownSet(catalogue, path.relative(ROOT, path.resolve(file)));
    for (const m of figures.misses) console.log(m);
    if (process.argv.includes("--each")) {
      rows.forEach((row, i) => {
        const o = outcomes[i] as Outcome;
        const what = o.kind === "answer" ? o.code : o.kind === "list" ? o.listed.slice(0, 3).join(",") : "";
        console.log(`${o.kind} ${what} (${row.expected.join("|") || row.topic}) ← ${row.query.slice(0, 100)}`);
      });
    }
    console.log(line(file, figures));
  }
}

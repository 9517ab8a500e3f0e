import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LiveCatalogue } from "../../src/catalogue/live.js";
import { Translator } from "../../src/core/i18n.js";
import { type Choice, MemoryConversationStore, type Reply } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { readProcedureChoice } from "../../src/features/procedure-choice.js";
import { BUNDLED_DATA, ROOT } from "../harness/common.js";

/** The multi-turn conversations of eval/ (issue 11 item 6), run against the real assistant. */
interface Turn {
  text?: string;
  pick?: string;
  expected: string;
  intent: string;
}
interface Conversation {
  id: string;
  kind: string;
  turns: Turn[];
}

function conversations(file: string): Conversation[] {
  return readFileSync(path.join(ROOT, "eval", file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Conversation);
}

const translator = new Translator();
/** Lines that open each section's text, in both languages. */
const SECTION_MARKS: Record<string, string[]> = {
  fee: ["fee-title"],
  time: ["time-title"],
  documents: ["documents-title"],
  place: ["place-title"],
  steps: ["steps-title"],
  conditions: ["conditions-title", "conditions-none", "steps-title"],
  online: ["online-yes", "online-no"],
  general: ["summary-fee"],
};

function answeredCode(replies: readonly Reply[]): string | undefined {
  return /\((?:mã|code) ([0-9.]+)\)/.exec(replies[0]?.text ?? "")?.[1];
}

function showsSection(replies: readonly Reply[], intent: string): boolean {
  const text = replies[0]?.text ?? "";
  return intent
    .split("|")
    .some((i) =>
      (SECTION_MARKS[i] ?? []).some((id) =>
        (["vi", "en"] as const).some((lang) =>
          text.includes(translator.t(lang, id, { fee: "\u0000" }).split("\u0000")[0] ?? "∅"),
        ),
      ),
    );
}

interface Score {
  conversations: number;
  skipped: number;
  followUps: number;
  followUpsRight: number;
  sectionsRight: number;
  /** Follow-up turns whose turn before was right: what the conversation logic itself gets right. */
  afterRight: number;
  afterRightRight: number;
  noneTurns: number;
  noneRight: number;
  wrong: string[];
}

async function run(list: readonly Conversation[], catalogue: LiveCatalogue): Promise<Score> {
  const known = new Set(catalogue.current().catalogue.procedures.map((p) => p.code));
  const assistant = createAssistant({ catalogue, conversations: new MemoryConversationStore() });
  const score: Score = {
    conversations: 0,
    skipped: 0,
    followUps: 0,
    followUpsRight: 0,
    sectionsRight: 0,
    afterRight: 0,
    afterRightRight: 0,
    noneTurns: 0,
    noneRight: 0,
    wrong: [],
  };
  for (const conversation of list) {
    const codes = conversation.turns.flatMap((t) => [...t.expected.split("|"), ...(t.pick ? [t.pick] : [])]);
    if (codes.some((c) => c !== "none" && !known.has(c))) {
      score.skipped++;
      continue;
    }
    score.conversations++;
    const chat = `eval:${conversation.id}`;
    let offered: Choice[] = [];
    let answered: string | undefined;
    let previousRight = true;
    for (const [i, turn] of conversation.turns.entries()) {
      let replies: Reply[] = [];
      let right: boolean;
      let sectionRight = false;
      if (turn.pick) {
        const at = offered.findIndex((c) => readProcedureChoice(c.id)?.code === turn.pick);
        if (answered === turn.pick) right = sectionRight = true;
        else if (at < 0) right = false;
        else {
          replies = await assistant.handle(chat, { kind: "text", text: String(at + 1) });
          right = answeredCode(replies) === turn.pick;
          sectionRight = right && showsSection(replies, turn.intent);
        }
      } else {
        replies = await assistant.handle(chat, { kind: "text", text: turn.text ?? "" });
        const code = answeredCode(replies);
        if (turn.expected === "none") right = code === undefined;
        else {
          const expected = turn.expected.split("|");
          const listed = replies.flatMap((r) => r.choices ?? []).map((c) => readProcedureChoice(c.id)?.code);
          right = code ? expected.includes(code) : expected.length > 1 && expected.every((c) => listed.includes(c));
          sectionRight = right && (code === undefined || showsSection(replies, turn.intent));
        }
      }
      const choices = replies.flatMap((r) => r.choices ?? []);
      if (choices.length > 0) offered = choices;
      answered = answeredCode(replies) ?? answered;
      if (turn.expected === "none") {
        score.noneTurns++;
        if (right) score.noneRight++;
      } else if (i > 0) {
        score.followUps++;
        if (right) score.followUpsRight++;
        if (sectionRight) score.sectionsRight++;
        if (previousRight) {
          score.afterRight++;
          if (right) score.afterRightRight++;
        }
      }
      previousRight = right;
      if (!right || (turn.expected !== "none" && !sectionRight)) {
        score.wrong.push(
          `${conversation.id}#${i + 1} ${turn.text ?? `pick ${turn.pick}`} → ${answeredCode(replies) ?? (replies[0]?.text ?? "").slice(0, 50)}`,
        );
      }
    }
  }
  return score;
}

let catalogue: LiveCatalogue;
beforeAll(async () => {
  catalogue = await LiveCatalogue.open(BUNDLED_DATA);
});

describe("eval conversations", () => {
  // Floors, not targets (issue 11 asks 0.95 of follow-up turns): what the conversation logic holds today,
  // so a regression fails. The held-out part is measured, never tuned on.
  it.each([
    ["conversations-tuning.jsonl", 0.95, 1],
    ["conversations-heldout.jsonl", 0.6, 0.9],
  ])("%s: follow-up turns refer to the right procedure", async (file, logicFloor, noneFloor) => {
    const score = await run(conversations(file), catalogue);
    const rate = score.followUpsRight / Math.max(1, score.followUps);
    const logic = score.afterRightRight / Math.max(1, score.afterRight);
    console.log(
      `${file}: ${score.conversations} conversations (${score.skipped} skipped: code not in the catalogue), ` +
        `follow-up turns right ${score.followUpsRight}/${score.followUps} = ${rate.toFixed(3)}, ` +
        `section right ${score.sectionsRight}/${score.followUps}, no-procedure turns right ${score.noneRight}/${score.noneTurns}; ` +
        `after a right turn ${score.afterRightRight}/${score.afterRight} = ${logic.toFixed(3)}`,
    );
    if (file.includes("tuning") && process.env.SHOW_WRONG) console.log(score.wrong.join("\n"));
    expect(score.conversations).toBeGreaterThan(10);
    // Whether the first turn is found is the search's part (bench:search); this holds the conversation's part.
    expect(logic).toBeGreaterThanOrEqual(logicFloor);
    expect(score.noneRight / Math.max(1, score.noneTurns)).toBeGreaterThanOrEqual(noneFloor);
  });
});

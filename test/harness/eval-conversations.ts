/**
 * The multi-turn conversations of eval/ (issue 11 item 6) played against the real assistant, turn
 * by turn as a citizen would send them: what test/core/conversations.test.ts holds as floors and
 * bench/search.ts reports beside the single messages. See eval/README.md for the format.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { Translator } from "../../src/core/i18n.js";
import { type Choice, MemoryConversationStore, type Reply } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { readProcedureChoice } from "../../src/features/procedure-choice.js";
import { ROOT } from "./common.js";

export interface Turn {
  text?: string;
  pick?: string;
  expected: string;
  intent: string;
}
export interface Conversation {
  id: string;
  kind: string;
  turns: Turn[];
}

/** A file of eval/ by its name, or any other file by its path from the checkout's root (test/core/conversations-own.jsonl). */
export function conversations(file: string): Conversation[] {
  return readFileSync(path.join(ROOT, file.includes("/") ? "" : "eval", file), "utf8")
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
  online: ["online-yes", "online-no", "compare-online-title"],
  // The summary's first line too: a summary sent in parts (a long note first) shows its fee in part 2.
  general: ["summary-fee", "summary-office"],
};

/** How a section set side by side over a list ends (compareReply), in both languages. */
const COMPARE_PICK = (["vi", "en"] as const).map((lang) => translator.t(lang, "compare-pick"));

/**
 * The procedures a reply names by code: the one it answers (its first code: a note may cite another procedure's),
 * or each procedure of a section set side by side over a list.
 */
function namedCodes(replies: readonly Reply[]): string[] {
  const text = replies[0]?.text ?? "";
  const codes = [...text.matchAll(/\((?:mã|code) ([0-9.]+)\)/g)].map((m) => m[1] as string);
  return COMPARE_PICK.some((line) => text.includes(line)) ? [...new Set(codes)] : codes.slice(0, 1);
}

/** The procedure a reply answers; none for a list, or for one section of each listed procedure side by side. */
function answeredCode(replies: readonly Reply[]): string | undefined {
  const codes = namedCodes(replies);
  return codes.length === 1 ? codes[0] : undefined;
}

function showsSection(replies: readonly Reply[], intent: string): boolean {
  const text = replies[0]?.text ?? "";
  return intent
    .split("|")
    .some((i) =>
      (SECTION_MARKS[i] ?? []).some((id) =>
        (["vi", "en"] as const).some((lang) =>
          text.includes(translator.t(lang, id, { fee: "\u0000", office: "\u0000" }).split("\u0000")[0] ?? "∅"),
        ),
      ),
    );
}

export interface Score {
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
  /** Wrong turns meaning one procedure whose section was shown beside the other listed procedures' (not counted right). */
  sideBySide: number;
  wrong: string[];
}

/** One turn as played: what a per-turn dump (bench/conversation-turns.ts) lists. */
export interface PlayedTurn {
  conversation: string;
  turn: number;
  text: string;
  expected: string;
  /** The reply is about the expected procedure (or none); sectionRight: and shows the section asked. */
  right: boolean;
  sectionRight: boolean;
  previousRight: boolean;
  replies: readonly Reply[];
}

export async function playConversations(
  list: readonly Conversation[],
  catalogue: LiveCatalogue,
  onTurn?: (played: PlayedTurn) => void,
): Promise<Score> {
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
    sideBySide: 0,
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
          // A section asked over a "which one?" list may be shown for each listed procedure, a line each
          // (compareReply). Like a list, that is right only for a turn that expects several procedures and
          // only when it holds every one of them: a turn meaning one procedure wants that one answered. The
          // citizen still reads the section there, so such turns are counted apart (sideBySide), never as right.
          const compared = namedCodes(replies);
          const holdsAll = (codes: readonly (string | undefined)[]) => expected.every((c) => codes.includes(c));
          right = code
            ? expected.includes(code)
            : expected.length > 1 && holdsAll(compared.length > 1 ? compared : listed);
          if (!right && compared.length > 1 && holdsAll(compared) && showsSection(replies, turn.intent)) {
            score.sideBySide++;
          }
          sectionRight =
            right && (code === undefined && compared.length < 2 ? true : showsSection(replies, turn.intent));
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
      onTurn?.({
        conversation: conversation.id,
        turn: i + 1,
        text: turn.text ?? `pick ${turn.pick}`,
        expected: turn.expected,
        right,
        sectionRight,
        previousRight,
        replies,
      });
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

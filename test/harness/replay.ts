/**
 * Conversations replayed through the real assistant with every reply kept as text: what the determinism test compares
 * between a fresh process and one that has already played other conversations (test/eval/s20-determinism.test.ts),
 * and what a diff of two runs reads when a floor moves with the order the files run in.
 */
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore, type Reply } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";
import { readProcedureChoice } from "../../src/features/procedure-choice.js";
import type { Conversation } from "./eval-conversations.js";

/** A reply as the citizen reads it: its text, then its choices' labels (a pick is sent by number). */
export function replyText(replies: readonly Reply[]): string {
  return replies.map((r) => [r.text, ...(r.choices ?? []).map((c) => `[${c.label}]`)].join("\n")).join("\n---\n");
}

/** One line per turn: «conversation#turn text» then the reply, in the order played. */
export interface Transcript {
  lines: string[];
}

/**
 * Plays each conversation on one assistant (a fresh chat per conversation, the clock fixed so no context expires
 * mid-run), sending a pick as the 1-based position of its code in the last offered list, and keeps every reply.
 */
export async function replay(list: readonly Conversation[], catalogue: LiveCatalogue): Promise<Transcript> {
  const clock = { now: Date.UTC(2026, 11, 2, 8) };
  const assistant = createAssistant({
    catalogue,
    conversations: new MemoryConversationStore(),
    now: () => clock.now,
  });
  const lines: string[] = [];
  for (const conversation of list) {
    const chat = `replay:${conversation.id}`;
    let offered: string[] = [];
    for (const [i, turn] of conversation.turns.entries()) {
      let text = turn.text ?? "";
      if (turn.pick) {
        const at = offered.findIndex((id) => readProcedureChoice(id)?.code === turn.pick);
        if (at < 0) {
          lines.push(`${conversation.id}#${i + 1} pick ${turn.pick}: not offered`);
          continue;
        }
        text = String(at + 1);
      }
      const replies = await assistant.handle(chat, { kind: "text", text });
      const choices = replies.flatMap((r) => r.choices ?? []).map((c) => c.id);
      if (choices.length > 0) offered = choices;
      lines.push(`${conversation.id}#${i + 1} «${text}»\n${replyText(replies)}`);
      clock.now += 60_000;
    }
  }
  return { lines };
}

/** The turns whose replies differ between two transcripts of the same conversations, each with both replies. */
export function differences(a: Transcript, b: Transcript): string[] {
  const out: string[] = [];
  const n = Math.max(a.lines.length, b.lines.length);
  for (let i = 0; i < n; i++) {
    if (a.lines[i] !== b.lines[i]) out.push(`=== first\n${a.lines[i]}\n=== then\n${b.lines[i]}`);
  }
  return out;
}

import { expect } from "vitest";
import type { LiveCatalogue } from "../../src/catalogue/live.js";
import { MemoryConversationStore, type Reply } from "../../src/core/types.js";
import { createAssistant } from "../../src/features/index.js";

/**
 * Plays short conversations through the real assistant and reads its replies as a citizen would: which procedure a
 * reply answers and which section it shows. Shared by the conversation tests so each one states only its turns.
 */

/** The procedure code a reply answers, from its title line ("(mã 1.000894)", "(code 1.000894)"); undefined: none. */
export const codeOf = (replies: readonly Reply[]) => /\((?:mã|code) ([0-9.]+)\)/.exec(replies[0]?.text ?? "")?.[1];

/**
 * The line that opens each section of a procedure reply, Vietnamese or English (locales/{vi,en}/core.ftl). The fee
 * section's title stands on its own line: the summary's "Lệ phí: 50.000 đồng" is no fee section.
 */
export const SECTION_LINE = {
  fee: /\n(Lệ phí|Fees):\n/,
  time: /\n(Thời gian giải quyết|Processing time):/,
  place: /\n(Nơi nộp hồ sơ|Where to submit):/,
  documents: /\n(Giấy tờ cần chuẩn bị|Documents to prepare):/,
  steps: /\n(Các bước thực hiện|Steps):/,
  online: /\n(Có thể nộp trực tuyến|Thủ tục này chưa|You can submit online|This procedure is not yet available online)/,
  conditions: /\n(Điều kiện|Không có điều kiện|Conditions)/,
} as const;
export type Section = keyof typeof SECTION_LINE;

/** A fresh chat with one citizen on the given catalogue, its clock settable (context expiry). */
export function chatWith(catalogue: LiveCatalogue, user = "telegram:7") {
  const clock = { now: Date.UTC(2026, 11, 2, 8) };
  const assistant = createAssistant({
    catalogue,
    conversations: new MemoryConversationStore(),
    now: () => clock.now,
  });
  const say = (text: string) => assistant.handle(user, { kind: "text", text });
  return { clock, say };
}

/** One turn: what the citizen says, the procedure the reply must answer (undefined: none), the section it shows. */
export type Turn = [text: string, code: string | undefined, section?: Section];

/** Sends each turn in one fresh chat and checks the procedure answered and, when given, the section shown. */
export async function converse(catalogue: LiveCatalogue, turns: readonly Turn[]) {
  const { say } = chatWith(catalogue);
  for (const [text, code, section] of turns) {
    const replies = await say(text);
    expect(codeOf(replies), `after «${text}»`).toBe(code);
    if (section) expect(replies[0]?.text, `after «${text}»`).toMatch(SECTION_LINE[section]);
  }
}

/** The first reply to a message sent as a new chat: the procedure it answers, its text with its choices' labels. */
export async function firstReply(
  catalogue: LiveCatalogue,
  text: string,
): Promise<{ code: string | undefined; text: string; choices: number }> {
  const replies = await chatWith(catalogue).say(text);
  const [first] = replies;
  return {
    code: codeOf(replies),
    text: [first?.text ?? "", ...(first?.choices ?? []).map((c) => c.label)].join("\n"),
    choices: (first?.choices ?? []).length,
  };
}

/** Kept here for the files that import it from here; the scaffold of the probe batches is probe-floors.ts. */
export { expectProbeFloors } from "./probe-floors.js";

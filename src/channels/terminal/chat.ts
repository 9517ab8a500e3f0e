import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Assistant } from "../../core/assistant.js";
import type { Reply } from "../../core/types.js";

export interface TerminalChatOptions {
  assistant: Assistant;
  input: Readable;
  output: Writable;
  /** A person at a terminal gets a prompt; piped input gets each line echoed so transcripts read well. */
  interactive: boolean;
}

/** Choices as numbered lines: the user answers with the number, as on Zalo. */
export function renderReplyAsText(reply: Reply): string {
  const choices = (reply.choices ?? []).map((c, i) => `  ${i + 1}. ${c.label}`);
  return [reply.text, ...choices].join("\n");
}

/** A chat with the core on stdin/stdout: one message per line, replies printed in order. */
export async function runTerminalChat({ assistant, input, output, interactive }: TerminalChatOptions): Promise<void> {
  const rl = createInterface({ input, terminal: interactive, output: interactive ? output : undefined });
  const write = (text: string) => output.write(`${text}\n`);
  const key = "terminal:local";
  const lang = process.env.LANG?.startsWith("en") ? "en" : undefined;

  if (interactive) {
    for (const reply of await assistant.handle(key, { kind: "text", text: "/start" }, { languageCode: lang })) {
      write(renderReplyAsText(reply));
    }
    rl.setPrompt("\n> ");
    rl.prompt();
  }
  // Lines are handled one at a time, in order, even when piped faster than we answer.
  for await (const line of rl) {
    if (!interactive) write(`> ${line}`);
    for (const reply of await assistant.handle(key, { kind: "text", text: line }, { languageCode: lang })) {
      write(renderReplyAsText(reply));
      write("");
    }
    if (interactive) rl.prompt();
  }
}

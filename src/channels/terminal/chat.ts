import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Assistant } from "../../core/assistant.js";
import { chatKey } from "../../util/chat-key.js";
import type { ChannelHandle } from "../channel.js";
import { renderReplyAsText } from "../text.js";

export interface TerminalChatOptions {
  assistant: Pick<Assistant, "handle">;
  input: Readable;
  output: Writable;
  /** A person at a terminal gets a prompt; piped input gets each line echoed so transcripts read well. */
  interactive: boolean;
  /** The language of the welcome, from the environment's LANG; Vietnamese by default. */
  languageCode?: string;
}

export interface TerminalHealth {
  interactive: boolean;
  messages: number;
}

export interface TerminalChannel extends ChannelHandle<TerminalHealth> {
  readonly name: "terminal";
  /** Resolves when the input ends (end of the piped text, Ctrl-D) and every reply is printed. */
  readonly ended: Promise<void>;
}

/** A chat with the core on stdin/stdout: one message per line, replies printed in order. */
export function startTerminalChat(options: TerminalChatOptions): TerminalChannel {
  const { assistant, input, output, interactive } = options;
  const rl = createInterface({ input, terminal: interactive, output: interactive ? output : undefined });
  const write = (text: string) => output.write(`${text}\n`);
  const key = chatKey("terminal", "local");
  const context = { languageCode: options.languageCode };
  let messages = 0;

  const run = async () => {
    if (interactive) {
      for (const reply of await assistant.handle(key, { kind: "text", text: "/start" }, context)) {
        write(renderReplyAsText(reply));
      }
      rl.setPrompt("\n> ");
      rl.prompt();
    }
    // Lines are handled one at a time, in order, even when piped faster than we answer.
    for await (const line of rl) {
      messages++;
      if (!interactive) write(`> ${line}`);
      for (const reply of await assistant.handle(key, { kind: "text", text: line }, context)) {
        write(renderReplyAsText(reply));
        write("");
      }
      if (interactive) rl.prompt();
    }
  };
  const ended = run();
  return {
    name: "terminal",
    ended,
    health: () => ({ interactive, messages }),
    async stop() {
      rl.close();
      await ended.catch(() => undefined);
    },
  };
}

import type { Feature, FeatureContext, Reply } from "../core/types.js";
import { tokenize } from "../search/normalize.js";

const HELP_WORDS = new Set(["help", "tro giup", "huong dan", "giup"]);

/** How to use the assistant: /help, "hướng dẫn", the menu's help button. */
export function createHelpFeature(): Feature {
  const help = (ctx: FeatureContext): Reply[] => [{ text: ctx.t("help") }];
  return {
    name: "help",
    commands: { help, huongdan: help },
    open: help,
    onText: (ctx, text) => (HELP_WORDS.has(tokenize(text).join(" ")) ? help(ctx) : undefined),
  };
}

import type { LiveCatalogue } from "../catalogue/live.js";
import type { Feature, FeatureContext, Reply } from "../core/types.js";
import { tokenize } from "../search/normalize.js";
import { wardDirectory } from "../wards/directory.js";

const HELP_WORDS = new Set(["help", "tro giup", "huong dan", "giup"]);

/** How to use the assistant: /help, "hướng dẫn", the menu's help button; with several wards, how to pick one. */
export function createHelpFeature(catalogue?: LiveCatalogue): Feature {
  const help = (ctx: FeatureContext): Reply[] => {
    const multi = catalogue ? wardDirectory(catalogue.current().catalogue).multi : false;
    return [{ text: multi ? `${ctx.t("help")}\n${ctx.t("help-ward")}` : ctx.t("help") }];
  };
  return {
    name: "help",
    commands: { help, huongdan: help },
    open: help,
    onText: (ctx, text) => (HELP_WORDS.has(tokenize(text).join(" ")) ? help(ctx) : undefined),
  };
}

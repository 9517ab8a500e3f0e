import type { LiveCatalogue } from "../catalogue/live.js";
import { MENU_CHOICE } from "../core/assistant.js";
import type { Feature, FeatureContext, Reply } from "../core/types.js";
import { tokenize } from "../search/normalize.js";
import { wardDirectory } from "../wards/directory.js";
import { endAnswerContext } from "./answer-context.js";
import { LANGUAGE_CHOICE } from "./language.js";
import { chooseWardById, chosenWard, snapshotFor, wardMenuChoice } from "./ward.js";

const GREETINGS = new Set([
  ...["xin chao", "chao", "chao ban", "hello", "hi", "alo", "menu", "bat dau", "start"],
  ...["chao buoi sang", "chao buoi chieu", "chao buoi toi", "chao ad", "chao admin", "chao bot", "good morning", "hey"],
  ...["bot oi", "ad oi", "admin oi", "co ai khong", "co ai o do khong", "co ai day khong"],
]);

/**
 * The greeting and main menu: /start, "xin chào", and any stale menu button. /start also ends the
 * conversation's context; `/start <ward id>` (a Telegram deep link `?start=<ward id>`) picks the ward.
 */
export function createWelcomeFeature(catalogue: LiveCatalogue): Feature {
  const greet = (ctx: FeatureContext) => greeting(ctx, catalogue);
  const start = (ctx: FeatureContext, arg: string) => {
    endAnswerContext(ctx);
    if (arg) chooseWardById(ctx, catalogue, arg);
    return greeting(ctx, catalogue);
  };
  return {
    name: "welcome",
    commands: { start },
    open: greet,
    onText: (ctx, text) => (GREETINGS.has(tokenize(text).join(" ")) ? greet(ctx) : undefined),
  };
}

export function greeting(ctx: FeatureContext, catalogue: LiveCatalogue): Reply[] {
  const directory = wardDirectory(catalogue.current().catalogue);
  // Before a ward is picked in a province of several, the bot speaks for the province's wards.
  const office =
    directory.multi && directory.province && !chosenWard(ctx, catalogue)
      ? ctx.t("ward-province", { province: directory.province.name })
      : snapshotFor(catalogue)(ctx).catalogue.defaultOffice.name;
  return [
    {
      text: ctx.t("greeting", { office }),
      choices: [
        ...wardMenuChoice(ctx, catalogue),
        { id: MENU_CHOICE.pack({ feature: "browse" }), label: ctx.t("menu-browse") },
        { id: MENU_CHOICE.pack({ feature: "help" }), label: ctx.t("menu-help") },
        { id: LANGUAGE_CHOICE.pack({ lang: ctx.state.lang === "vi" ? "en" : "vi" }), label: ctx.t("menu-language") },
      ],
    },
  ];
}

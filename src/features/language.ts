import { choiceKind } from "../core/choice-id.js";
import type { Language } from "../core/i18n.js";
import type { Feature, FeatureContext, Reply } from "../core/types.js";
import { tokenize } from "../search/normalize.js";

export const LANGUAGE_CHOICE = choiceKind("lang", ["lang"]);

const WORDS = new Map<string, Language>([
  ["english", "en"],
  ["tieng anh", "en"],
  ["tieng viet", "vi"],
  ["vietnamese", "vi"],
]);

/** The chat's language: /ngonngu, "english", "tiếng việt", the menu's language button; `then` follows a switch (the greeting). */
export function createLanguageFeature(then: (ctx: FeatureContext) => Reply[]): Feature {
  const choose = (ctx: FeatureContext): Reply[] => [
    {
      text: ctx.t("choose-language"),
      choices: [
        { id: LANGUAGE_CHOICE.pack({ lang: "vi" }), label: "Tiếng Việt" },
        { id: LANGUAGE_CHOICE.pack({ lang: "en" }), label: "English" },
      ],
    },
  ];
  const set = (ctx: FeatureContext, lang: Language): Reply[] => {
    ctx.state.lang = lang;
    ctx.state.langChosen = true;
    return [{ text: ctx.t("language-set") }, ...then(ctx)];
  };
  return {
    name: "language",
    commands: { ngonngu: choose, language: choose, lang: choose },
    choicePrefixes: [LANGUAGE_CHOICE.prefix],
    open: choose,
    onChoice: (ctx, id) => set(ctx, LANGUAGE_CHOICE.unpack(id)?.lang === "en" ? "en" : "vi"),
    onText: (ctx, text) => {
      const lang = WORDS.get(tokenize(text).join(" "));
      return lang ? set(ctx, lang) : undefined;
    },
  };
}

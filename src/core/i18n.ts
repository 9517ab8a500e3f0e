import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Values a message may be given ({ $code }, { $count }…). */
export type MessageArgs = Record<string, string | number>;
/**
 * The one shape of "a message id (+ values) → text in the chat's language", handed to every
 * feature and renderer. Message ids are the keys of locales/<lang>/*.ftl.
 */
export type Translate = (id: string, args?: MessageArgs) => string;

const LOCALES_DIR = fileURLToPath(new URL("../../locales/", import.meta.url));

/** User-facing strings from locales/*.ftl (Fluent, the format of grammY's i18n plugin). */
export class Translator {
  private readonly bundles = new Map<Language, FluentBundle>();

  /** Every `locales/<lang>/*.ftl` file is loaded: each feature keeps its strings in its own file. */
  constructor(dir: string = LOCALES_DIR) {
    for (const lang of LANGUAGES) {
      // No bidi isolation marks: they would show up as garbage in plain-text channels.
      const bundle = new FluentBundle(lang, { useIsolating: false });
      const langDir = path.join(dir, lang);
      for (const file of readdirSync(langDir)
        .filter((f) => f.endsWith(".ftl"))
        .sort()) {
        const resource = new FluentResource(readFileSync(path.join(langDir, file), "utf8"));
        const errors = bundle.addResource(resource);
        if (errors.length > 0) throw new Error(`locales/${lang}/${file}: ${errors.map(String).join("; ")}`);
      }
      this.bundles.set(lang, bundle);
    }
  }

  /** The messages of one language, as the Translate function everything else takes. */
  translate(lang: Language): Translate {
    return (id, args) => this.t(lang, id, args);
  }

  t(lang: Language, id: string, args?: Record<string, FluentVariable>): string {
    const bundle = this.bundles.get(lang) as FluentBundle;
    const message = bundle.getMessage(id) ?? (this.bundles.get("vi") as FluentBundle).getMessage(id);
    if (!message?.value) return id;
    return bundle.formatPattern(message.value, args);
  }
}

/** Telegram's language_code (e.g. "en-US") → our language; Vietnamese by default. */
export function languageFromCode(code: string | undefined): Language {
  return code?.toLowerCase().startsWith("en") ? "en" : "vi";
}

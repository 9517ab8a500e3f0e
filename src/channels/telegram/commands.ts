import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Language, Translator } from "../../core/i18n.js";

/** The menu shown by Telegram's "/" button; the core answers every one of them (the channel only forwards text). */
export const COMMANDS = ["start", "help", "tim", "linhvuc", "hoso", "danhgia", "huy", "xoadulieu", "ngonngu"] as const;

function commandList(translator: Translator, lang: Language): BotCommand[] {
  return COMMANDS.map((command) => ({ command, description: translator.t(lang, `tg-command-${command}`) }));
}

/** Vietnamese for everyone, English for clients set to English (Telegram picks by the user's language). */
export async function registerCommands(api: Api, translator: Translator): Promise<void> {
  await api.setMyCommands(commandList(translator, "vi"));
  await api.setMyCommands(commandList(translator, "en"), { language_code: "en" });
}

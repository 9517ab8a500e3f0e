import type { Feature } from "../core/types.js";
import { tokenize } from "../search/normalize.js";

/** Folded whole messages (particles aside) that are thanks, agreement or goodbye, not questions. */
const KINDS: { reply: string; phrases: string[] }[] = [
  {
    reply: "small-talk-thanks",
    phrases: [
      "cảm ơn",
      "cám ơn",
      "cảm ơn bạn",
      "cảm ơn nhiều",
      "cảm ơn nhé",
      "cảm ơn ạ",
      "cám ơn nhiều",
      "thanks",
      "thank you",
      "thank",
      "tks",
      "thanks a lot",
      "many thanks",
      "thank you very much",
      "cảm ơn bot",
      "camon",
      "cmon",
      "thankyou",
    ],
  },
  {
    reply: "small-talk-ok",
    phrases: [
      "ok",
      "oke",
      "okay",
      "okie",
      "ok ạ",
      "ok nhé",
      "ok bạn",
      "vâng",
      "dạ",
      "ừ",
      "uh",
      "uk",
      "ừm",
      "được",
      "được rồi",
      "đã rõ",
      "rõ rồi",
      "hiểu rồi",
      "tốt",
      "tuyệt",
      "hay quá",
      "good",
      "great",
      "got it",
      "i see",
      "fine",
      "yes",
    ],
  },
  {
    reply: "small-talk-bye",
    phrases: ["tạm biệt", "bye", "bye bye", "goodbye", "bai", "chào tạm biệt", "hẹn gặp lại", "see you"],
  },
];
const PARTICLES = new Set(tokenize("ạ à nhé nha nhe nhiều lắm ha ơi bot ad admin shop very much"));

const BY_TEXT = new Map<string, string>();
for (const kind of KINDS) for (const phrase of kind.phrases) BY_TEXT.set(tokenize(phrase).join(" "), kind.reply);
/** Every word small talk is made of: a message of these words only ("dạ em cảm ơn", "ok cảm ơn") is small talk. */
const VOCABULARY = new Set([
  ...PARTICLES,
  ...tokenize("em anh chị dạ vâng ok"),
  ...[...BY_TEXT.keys()].flatMap((k) => k.split(" ")),
]);
/** When one message holds several (ok cảm ơn, tạm biệt), which reply it gets. */
const PRIORITY = ["small-talk-bye", "small-talk-thanks", "small-talk-ok"];
const LONGEST = 8;

/** An emoji (👍, ❤️, 🙏) with no letters or digits around it. */
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Thanks, "ok", an emoji, goodbye: a short reply instead of "not found". The chat keeps its last
 * choices, so a number typed next still picks from the answer before.
 */
export function createSmallTalkFeature(): Feature {
  return {
    name: "small-talk",
    onText: (ctx, text) => {
      const id = smallTalkReply(text);
      if (!id) return undefined;
      ctx.keepChoices = true;
      return [{ text: ctx.t(id) }];
    },
  };
}

export function smallTalkReply(text: string): string | undefined {
  if (PICTOGRAPH.test(text) && !LETTER_OR_DIGIT.test(text)) return "small-talk-ok";
  const tokens = tokenize(text);
  const full = BY_TEXT.get(tokens.join(" "));
  if (full) return full;
  if (tokens.length === 0 || tokens.length > LONGEST || !tokens.every((t) => VOCABULARY.has(t))) return undefined;
  const joined = ` ${tokens.join(" ")} `;
  const said = new Set([...BY_TEXT].filter(([phrase]) => joined.includes(` ${phrase} `)).map(([, reply]) => reply));
  return PRIORITY.find((reply) => said.has(reply));
}

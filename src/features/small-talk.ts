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
      "thank you so much",
      "thanks so much",
      "ty",
      "tks ad",
    ],
  },
  {
    reply: "small-talk-praise",
    phrases: [
      "giỏi quá",
      "giỏi ghê",
      "thông minh ghê",
      "thông minh quá",
      "bot thông minh",
      "hữu ích quá",
      "tuyệt vời",
      "good job",
      "very helpful",
      "great very helpful",
      "helpful",
      "well done",
      "nice",
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
      "okela",
      "okê",
      "oki",
      "ừm",
      "ừ ừ",
      "vậy hả",
      "zậy hả",
      "thế à",
      "vậy à",
      "mình hiểu rồi",
      "em hiểu rồi",
      "để em xem",
      "để mình xem",
      "hihi",
      "hehe",
      "haha",
      "hic",
      "kkk",
      "kk",
      "lol",
    ],
  },
  {
    reply: "small-talk-bye",
    phrases: [
      "tạm biệt",
      "bye",
      "bye bye",
      "goodbye",
      "bai",
      "chào tạm biệt",
      "hẹn gặp lại",
      "see you",
      "thôi chào nhé",
      "chào nhé",
      "chào bạn nhé",
      "bye ad",
    ],
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
const PRIORITY = ["small-talk-bye", "small-talk-thanks", "small-talk-praise", "small-talk-ok"];
const LONGEST = 8;

/** An emoji (👍, ❤️, 🙏) with no letters or digits around it. */
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Typed faces: ":)", ":D", "=))", "^^", "<3". */
const EMOTICON = /^\s*(?:[:;=xX8][-']?[()DPpOo3|\][]+|<3+|\^[_.]?\^)\s*$/;

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
  if ((PICTOGRAPH.test(text) && !LETTER_OR_DIGIT.test(text)) || EMOTICON.test(text)) return "small-talk-ok";
  const tokens = tokenize(text);
  const full = BY_TEXT.get(tokens.join(" "));
  if (full) return full;
  if (tokens.length === 0 || tokens.length > LONGEST || !tokens.every((t) => VOCABULARY.has(t))) return undefined;
  const joined = ` ${tokens.join(" ")} `;
  const said = new Set([...BY_TEXT].filter(([phrase]) => joined.includes(` ${phrase} `)).map(([, reply]) => reply));
  return PRIORITY.find((reply) => said.has(reply));
}

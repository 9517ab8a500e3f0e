import { tokenize, type Word } from "./normalize.js";
import { PhraseMap } from "./phrases.js";

export const INTENTS = ["documents", "fee", "time", "place", "steps", "online", "general"] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * Phrases that say which part of a procedure the citizen asks about, folded.
 * They are cut out of the query before matching: "bao nhiêu tiền" names no procedure.
 * Never a lone word that collides with content once folded (cần/căn, bán/bản).
 */
const CUES: Record<Exclude<Intent, "general">, string[]> = {
  time: [
    "bao lâu",
    "mấy ngày",
    "bao nhiêu ngày",
    "mất mấy ngày",
    "mất bao lâu",
    "thời gian",
    "thời hạn",
    "khi nào có",
    "khi nào lấy",
    "bao giờ có",
    "bao giờ lấy",
    "bao giờ xong",
    "khi nào xong",
    "lâu không",
    "how long",
    "processing time",
  ],
  fee: [
    "bao nhiêu tiền",
    "mất bao nhiêu",
    "hết bao nhiêu",
    "tốn bao nhiêu",
    "phí bao nhiêu",
    "lệ phí",
    "chi phí",
    "phí",
    "tiền",
    "giá bao nhiêu",
    "miễn phí",
    "có mất phí",
    "có mất tiền",
    "fee",
    "fees",
    "cost",
    "how much",
    "price",
  ],
  documents: [
    "giấy tờ gì",
    "giấy tờ nào",
    "những giấy tờ nào",
    "cần những giấy tờ gì",
    "cần những giấy tờ nào",
    "giấy tờ cần",
    "cần giấy tờ",
    "cần gì",
    "cần những gì",
    "cần mang",
    "mang theo gì",
    "mang gì",
    "chuẩn bị gì",
    "chuẩn bị những gì",
    "hồ sơ gồm",
    "hồ sơ cần",
    "thành phần hồ sơ",
    "documents",
    "papers",
    "what do i need",
  ],
  online: [
    "online",
    "trực tuyến",
    "qua mạng",
    "trên mạng",
    "dịch vụ công",
    "vneid",
    "qua điện thoại",
    "nộp mạng",
    "internet",
    "qua bưu điện",
    "bưu điện",
  ],
  place: [
    "ở đâu",
    "chỗ nào",
    "nơi nào",
    "nộp ở đâu",
    "nộp đâu",
    "làm ở đâu",
    "địa chỉ",
    "where",
    "ở ủy ban",
    "ở ubnd",
    "ở phường",
    "ở xã",
    "tại phường",
    "tại ủy ban",
    "tại ubnd",
    "tại xã",
    "ở công an",
    "ủy ban phường",
    "ủy ban xã",
  ],
  steps: [
    "như thế nào",
    "thế nào",
    "làm thế nào",
    "các bước",
    "trình tự",
    "quy trình",
    "cách làm",
    "làm thủ tục",
    "hướng dẫn",
    "how to",
    "steps",
    "procedure",
  ],
};

// Look like cues but name the thing asked about: "đổi địa chỉ hộ kinh doanh" is not "where".
const NOT_CUES = ["đổi địa chỉ", "thay đổi địa chỉ", "chuyển địa chỉ", "sửa địa chỉ"];

// When a question carries several cues, the more specific section wins.
const PRIORITY: Intent[] = ["time", "fee", "documents", "online", "place", "steps"];

const cueMap = new PhraseMap();
for (const phrase of NOT_CUES) cueMap.add(tokenize(phrase), tokenize(phrase));
for (const [intent, phrases] of Object.entries(CUES)) {
  for (const phrase of phrases) cueMap.add(tokenize(phrase), [`@${intent}`]);
}

/** Detects the intent and returns the query's tokens with the cue phrases removed. */
export function extractIntent(input: readonly Word[]): { intent: Intent; rest: Word[] } {
  const marked = cueMap.apply(input);
  const found = new Set(marked.filter((w) => w.token.startsWith("@")).map((w) => w.token.slice(1)));
  const intent = PRIORITY.find((i) => found.has(i)) ?? "general";
  return { intent, rest: marked.filter((w) => !w.token.startsWith("@")) };
}

/** Every word the cues use: known words, never "corrected" into catalogue words. */
export function cueVocabulary(): string[] {
  return Object.values(CUES).flatMap((phrases) => phrases.flatMap(tokenize));
}

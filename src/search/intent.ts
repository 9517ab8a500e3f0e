import { tokenize, type Word } from "./normalize.js";
import { PhraseMap, phrase, plain, typedWithAccents } from "./phrases.js";
import { unchat } from "./spelling.js";

export const INTENTS = ["documents", "fee", "time", "place", "steps", "online", "conditions", "general"] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * Phrases that say which part of a procedure the citizen asks about, written with their accents:
 * a word typed with accents must carry the same ones (tiền ≠ tiện, phí ≠ phi), a word typed
 * without accents matches (see MarkMode). They are cut out of the query before matching:
 * "bao nhiêu tiền" names no procedure. Never a lone word that collides with content once folded
 * (cần/căn, bán/bản) unless its accents are typed.
 */
const CUES: Record<Exclude<Intent, "general">, string[]> = {
  time: [
    "bao lâu",
    "mấy ngày",
    "bao nhiêu ngày",
    "mất mấy ngày",
    "mất bao lâu",
    "mất bao nhiêu ngày",
    "mất bao nhiêu thời gian",
    "hết bao nhiêu ngày",
    "bao nhiêu thời gian",
    "bao nhiêu lâu",
    "mấy hôm",
    "mấy tuần",
    "mấy tiếng",
    "bao nhiêu tiếng",
    "nhiêu ngày",
    "nhiêu lâu",
    "bao nhiêu ngày làm việc",
    "thời gian",
    "thời gian giải quyết",
    "thời gian xử lý",
    "thời hạn giải quyết",
    "thời hạn",
    "khi nào có",
    "khi nào lấy",
    "khi nào nhận",
    "khi nào thì có",
    "bao giờ có",
    "bao giờ lấy",
    "bao giờ nhận",
    "bao giờ xong",
    "bao giờ thì có",
    "khi nào thì nhận",
    "khi nào nhận được",
    "khi nào thì lấy",
    "khi nào có kết quả",
    "bao giờ có kết quả",
    "bao giờ nhận được",
    "ngày nào có",
    "ngày nào lấy",
    "hẹn mấy ngày",
    "hẹn ngày",
    "khi nào xong",
    "lâu không",
    "lâu ko",
    "có lâu không",
    "có nhanh không",
    "nhanh không",
    "lấy ngay",
    "trong ngày",
    "how long",
    "how many days",
    "processing time",
    "when can i pick up",
    "when can i get",
    "when will i get",
    "how soon",
    "take",
  ],
  fee: [
    "bao nhiêu tiền",
    "mất bao nhiêu",
    "hết bao nhiêu",
    "hết nhiêu",
    "nhiêu tiền",
    "tốn bao nhiêu",
    "phí bao nhiêu",
    "bao nhiêu",
    "lệ phí",
    "chi phí",
    "phí",
    "tiền",
    "giá bao nhiêu",
    "miễn phí",
    "có mất phí",
    "có mất tiền",
    "mất phí",
    "mất tiền",
    "tốn tiền",
    "tốn phí",
    "đóng bao nhiêu",
    "nộp bao nhiêu",
    "fee",
    "fees",
    "cost",
    "costs",
    "how much",
    "price",
    "charge",
    "free",
  ],
  documents: [
    "giấy tờ gì",
    "giấy tờ nào",
    "giấy tờ",
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
    "mang theo",
    "chuẩn bị gì",
    "chuẩn bị những gì",
    "cần chuẩn bị",
    "chuẩn bị",
    "hồ sơ gồm",
    "hồ sơ cần",
    "hồ sơ gì",
    "hồ sơ những gì",
    "cần hồ sơ",
    "cần hồ sơ gì",
    "bộ hồ sơ",
    "thành phần hồ sơ",
    "gồm những gì",
    "gồm những giấy tờ gì",
    "gồm những giấy tờ nào",
    "gồm những gì",
    "gồm gì",
    "gồm có những gì",
    "gồm có gì",
    "gồm có những giấy tờ gì",
    "mấy bản",
    "bao nhiêu bản",
    "cần mấy bản",
    "nộp mấy bản",
    "hồ sơ như thế nào",
    "hồ sơ thế nào",
    "mẫu đơn",
    "tờ khai",
    "mẫu tờ khai",
    "biểu mẫu",
    "tải mẫu",
    "có mẫu",
    "mẫu giấy",
    "mẫu đơn ở đâu",
    "form",
    "forms",
    "documents",
    "document",
    "papers",
    "paperwork",
    "what do i need",
    "what do i bring",
    "bring",
    "need to bring",
    "required documents",
    "what do i have to prepare",
    "what should i prepare",
    "prepare",
    "nộp gì",
    "cần nộp gì",
    "phải nộp gì",
    "nộp những gì",
    "cần nộp những gì",
    "cần có giấy",
    // a paper named as needed: "có cần hộ chiếu không", "cần cccd và hợp đồng thuê nhà"
    "cần cccd",
    "cần căn cước",
    "cần cmnd",
    "cần chứng minh thư",
    "cần hộ chiếu",
    "cần sổ hộ khẩu",
    "cần hộ khẩu",
    "cần ảnh",
    "cần giấy khai sinh",
    "cần sổ đỏ",
    "có cần cccd",
    "có cần căn cước",
    "có cần hộ chiếu",
    "cần làm giấy tờ gì",
    "làm giấy tờ gì",
    "làm những giấy tờ gì",
    "cần có",
    "có cần có",
    "cần giấy",
    "nộp bản gốc",
    "nộp lại bản gốc",
    "mang bản gốc",
    "mang bản chính",
    "xuất trình",
    "hồ sơ cần những gì",
    "hồ sơ gồm những gì",
    "cần những hồ sơ gì",
    "những hồ sơ gì",
    "hồ sơ nào",
    "giấy gì",
    "giấy nào",
    "cần đem",
    "đem theo",
    "đem gì",
    "mang những gì",
    "chuẩn bị hồ sơ",
    "cần bản",
    "cần hợp đồng",
    "cần người làm chứng",
    "cần xét nghiệm",
  ],
  online: [
    "online",
    "onl",
    "trực tuyến",
    "qua mạng",
    "trên mạng",
    "dịch vụ công",
    "cổng dịch vụ công",
    "vneid",
    "vn eid",
    "qua điện thoại",
    "trên điện thoại",
    "qua app",
    "trên app",
    "nộp mạng",
    "internet",
    "qua bưu điện",
    "bưu điện",
    "bưu chính",
    "qua bưu chính",
    "nộp từ xa",
    "public service portal",
    "portal",
    "electronically",
    "e-government",
  ],
  place: [
    "ở đâu",
    "đâu",
    "chỗ nào",
    "nơi nào",
    "nộp ở đâu",
    "nộp đâu",
    "làm ở đâu",
    "đến đâu",
    "đi đâu",
    "địa chỉ",
    "nơi nộp",
    "nộp cho ai",
    "nộp hồ sơ cho ai",
    "cơ quan nào",
    "cơ quan nào thực hiện",
    "cơ quan nào giải quyết",
    "cơ quan nào cấp",
    "cơ quan thực hiện",
    "cơ quan giải quyết",
    "cơ quan có thẩm quyền",
    "thẩm quyền",
    "ai giải quyết",
    "ai cấp",
    "bộ phận nào",
    "where",
    "which office",
    "phường được không",
    "xã được không",
    "ủy ban được không",
    "ubnd được không",
    "công an được không",
    "phường có được không",
    "xã có được không",
    "phường nào",
    "xã nào",
    "xã khác",
    "phường khác",
    "nơi khác",
    "gửi ai",
    "gửi đến đâu",
    "nộp tại đâu",
    "nộp ở",
    "nộp tại",
    "hay ủy ban",
    "hay ubnd",
    "hay công an",
    "hay nơi",
    "hay tại",
    "hay ở",
    "bộ phận một cửa",
    "làm tại đâu",
    "nơi làm",
    "về quê",
    "ở quê",
    "làm ở đó",
    "làm ở đây",
    "nộp ở đó",
    "cấp ở đâu",
    "xin ở đâu",
    "liên hệ ai",
    "liên hệ ở đâu",
    "liên hệ cơ quan nào",
    "cơ quan nào có thẩm quyền",
    "ở cơ quan nào",
    "tại cơ quan nào",
    "nộp ở cơ quan nào",
    "who issues",
    "which authority",
    "where do i",
    "where can i",
  ],
  conditions: [
    "điều kiện",
    "đủ điều kiện",
    "điều kiện gì",
    "yêu cầu gì",
    "ai được",
    "ai có quyền",
    "ai có thể",
    "đối tượng nào",
    "đối tượng thực hiện",
    "đối tượng áp dụng",
    "đối tượng được hưởng",
    "những ai",
    "có được không",
    "có được phép",
    "được phép",
    "có bắt buộc",
    "bắt buộc",
    "có phải",
    "có cần phải",
    "ai làm",
    "ai đi",
    "ai phải",
    "ai là người",
    "ai có trách nhiệm",
    "ai đứng tên",
    "ai được làm",
    "có mặt",
    "cần có mặt",
    "phải có mặt",
    "trực tiếp có mặt",
    "người nào được",
    "trường hợp nào",
    "những trường hợp nào",
    "có đủ điều kiện",
    "bao nhiêu tuổi",
    "mấy tuổi",
    "đủ tuổi",
    "đủ bao nhiêu tuổi",
    "cần điều kiện gì",
    "có được làm",
    "làm được không",
    "quá hạn có bị phạt",
    "có bị phạt",
    "có sao không",
    "có sao ko",
    "bị phạt",
    "có được",
    "eligible",
    "eligibility",
    "conditions",
    "requirements",
    "who can",
    "am i allowed",
    "is it allowed",
    "do i have to",
    "must i",
  ],
  steps: [
    "như thế nào",
    "thế nào",
    "làm thế nào",
    "ra sao",
    "các bước",
    "trình tự",
    "quy trình",
    "cách làm",
    "cách thức",
    "cách",
    "hướng dẫn",
    "đặt lịch",
    "đặt lịch hẹn",
    "hẹn trước",
    "lấy số thứ tự",
    "làm như thế nào",
    "như nào",
    "làm như nào",
    "thực hiện như thế nào",
    "thủ tục như thế nào",
    "những bước nào",
    "bước nào",
    "mấy bước",
    "gồm những bước",
    "how to",
    "how do i",
    "how can i",
    "how do we",
    "how can we",
    "how should i",
    "steps",
    "procedure",
    "process",
  ],
};

/**
 * A legal deadline asked ("thời hạn đăng ký khai tử là bao nhiêu ngày", "trong bao lâu phải khai sinh"):
 * conditions, and the days asked beside it in the same sentence are that deadline, not the office's time.
 */
const DEADLINE = [
  "trong bao nhiêu ngày phải",
  "trong bao lâu phải",
  "thời hạn phải",
  "hạn chót",
  "thời hạn đăng ký",
  "thời hạn đi đăng ký",
  "thời hạn đi",
  "thời hạn khai",
  "thời hạn làm",
  "kể từ khi",
  "kể từ ngày",
  "trước bao nhiêu ngày",
  "trong thời hạn nào",
  "thời hạn nào",
  "trong vòng bao nhiêu ngày",
  "đi muộn",
  "đăng ký muộn",
  "làm muộn",
  "quá hạn",
  "trễ hạn",
  "bị phạt",
  "có bị phạt",
  "deadline",
];

/**
 * A question that asks for the procedure as a whole ("phải làm thủ tục gì", "cần làm gì"): the sentence
 * that says it is the question, so a paper named in the story before it ("cần giấy tờ chứng minh") is no
 * documents question.
 */
const ASKS_WHOLE = [
  "làm thủ tục gì",
  "phải làm thủ tục gì",
  "thủ tục gì",
  "thủ tục nào",
  "làm gì",
  "phải làm gì",
  "cần làm gì",
  "phải làm sao",
  "làm sao",
  "làm thế nào để có",
  "what should i do",
];

/**
 * A paper the citizen lacks ("không có giấy chứng sinh thì … được không"): asks whether it is needed,
 * unless the sentence asks something else ("chưa có giấy khai sinh … đăng ký ở đâu").
 */
const LACKS_PAPER = ["không có giấy", "chưa có giấy", "thiếu giấy", "không có bản", "chưa có bản"];

/**
 * Polite closings of a letter ("anh chị hướng dẫn giúp em với", "mong được giải đáp"): they ask for steps
 * only when nothing before them asks anything more specific.
 */
const CLOSINGS = [
  "hướng dẫn giúp",
  "hướng dẫn giúp em",
  "hướng dẫn giúp tôi",
  "hướng dẫn giúp mình",
  "hướng dẫn giùm",
  "xin hướng dẫn",
  "mong được hướng dẫn",
  "mong được giải đáp",
  "xin giải đáp",
  "giải đáp giúp",
  "tư vấn giúp",
  "mong được tư vấn",
  "xin tư vấn",
];

// Look like cues but name the thing asked about: "đổi địa chỉ hộ kinh doanh" is not "where",
// "lần đầu" is not "đâu", "chuyển đi nơi khác" is residence, "bản sao giấy tờ" is a copy.
const NOT_CUES = [
  "đổi địa chỉ",
  "thay đổi địa chỉ",
  "chuyển địa chỉ",
  "sửa địa chỉ",
  "lần đầu",
  "đầu tiên",
  "ban đầu",
  "mai táng phí",
  "giá thú",
  "đóng dấu",
  "con dấu",
  "bắt đầu",
  "bản sao giấy tờ",
  "chứng thực giấy tờ",
  "công chứng giấy tờ",
  "sao y giấy tờ",
  "giấy tờ cá nhân",
  "giấy tờ tùy thân",
  "giấy tờ nhà đất",
  "giấy tờ đất",
  "mất giấy tờ",
  "bị mất giấy tờ",
  "chứng thực bản chính",
  "sao từ bản chính",
  "từ bản chính",
  "chưa bao giờ",
  "sai dấu",
  "ghi sai dấu",
  "làm giấy tờ",
  "bán hàng online",
  "bán online",
  "học phí",
  "viện phí",
  "tiền thờ cúng",
  "chi phí mai táng",
  "hỗ trợ chi phí",
  "nhận tiền",
];

/** Removed from the query but naming no section: the amount of an allowance is the allowance itself. */
const NEUTRAL = [
  // "còn kết hôn thì sao": asks about it, and "sao" is no copy (bản sao).
  "thì sao",
  "thế thì sao",
  "vậy thì sao",
  "được bao nhiêu",
  "được hưởng bao nhiêu",
  "hưởng bao nhiêu",
  "bao nhiêu một tháng",
  "mỗi tháng bao nhiêu",
];

const DEADLINE_MARK = "conditions-deadline";
const CLOSING_MARK = "steps-closing";
const LACKS_MARK = "documents-lacking";
const ASK_MARK = "ask";
/** Where a letter turns to its question; removed like the filler they are. */
const ASKING = [
  "xin hỏi",
  "cho hỏi",
  "cho tôi hỏi",
  "cho em hỏi",
  "cho mình hỏi",
  "cho cháu hỏi",
  "xin cho hỏi",
  "muốn hỏi",
  "tôi muốn hỏi",
];
const MARKED: Record<string, Intent> = {
  [DEADLINE_MARK]: "conditions",
  [CLOSING_MARK]: "steps",
  [LACKS_MARK]: "documents",
};

// When a question carries several cues, the more specific section wins.
const PRIORITY: Intent[] = ["time", "fee", "documents", "online", "place", "conditions", "steps"];

const cueMap = new PhraseMap();
for (const text of NOT_CUES) cueMap.add(phrase(text), []);
for (const text of NEUTRAL) cueMap.add(phrase(text), plain(["-"]));
for (const [intent, phrases] of Object.entries(CUES)) {
  for (const text of phrases) cueMap.add(phrase(text), plain([intent]));
}
for (const text of DEADLINE) cueMap.add(phrase(text), plain([DEADLINE_MARK]));
for (const text of ASKS_WHOLE) cueMap.add(phrase(text), plain(["general"]));
for (const text of CLOSINGS) cueMap.add(phrase(text), plain([CLOSING_MARK]));
for (const text of LACKS_PAPER) cueMap.add(phrase(text), plain([LACKS_MARK]));
for (const text of ASKING) cueMap.add(phrase(text), plain([ASK_MARK]));

/**
 * A section cue found in a message: the section, its words (folded) and the sentence it stands in.
 * `general` marks a question for the procedure as a whole; `deadline` a legal deadline asked (conditions);
 * `closing` a polite closing that asks for steps only when nothing else is asked.
 */
export interface Cue {
  intent: Intent;
  tokens: string[];
  sentence: number;
  deadline?: boolean;
  closing?: boolean;
  /** Counts only when its sentence asks nothing else. */
  weak?: boolean;
}

/**
 * Detects the section asked and returns the words with the cue phrases removed.
 * Reads chat spellings first ("cần j" → "cần gì"). In a message typed with accents, an
 * unaccented word is taken as written ("phi" is not "phí").
 */
export function extractIntent<T extends Word>(
  input: readonly T[],
): { intent: Intent; rest: T[]; cued: boolean; cues: Cue[] } {
  const spelled = unchat(input);
  const mode = typedWithAccents(spelled) ? "exact" : "typed";
  const rest: T[] = [];
  const cues: Cue[] = [];
  // "Nay làm hồ sơ cần giấy khai sinh, xin hỏi tôi có thể … không?": what follows "xin hỏi" is the question.
  let asking: { sentence: number; at: number } | undefined;
  const sentenceAt = (k: number) => {
    const sentence = (spelled[k] as Word & { sentence?: number }).sentence ?? 0;
    return asking && asking.sentence === sentence && k > asking.at ? sentence + 0.5 : sentence;
  };
  for (let i = 0; i < spelled.length; ) {
    const entry = cueMap.entryAt(spelled, i, mode);
    if (!entry) {
      rest.push(spelled[i] as T);
      i++;
      continue;
    }
    const matched = spelled.slice(i, i + entry.from.length);
    const mark = entry.to[0]?.token;
    if (mark === "-") {
      i += entry.from.length;
      continue;
    }
    if (mark === ASK_MARK) {
      asking = { sentence: (matched[0] as Word & { sentence?: number }).sentence ?? 0, at: i };
      i += entry.from.length;
      continue;
    }
    if (mark) {
      const cue: Cue = {
        intent: MARKED[mark] ?? (mark as Intent),
        tokens: matched.map((w) => w.token),
        sentence: sentenceAt(i),
      };
      if (mark === DEADLINE_MARK) cue.deadline = true;
      if (mark === CLOSING_MARK) cue.closing = true;
      if (mark === LACKS_MARK) cue.weak = true;
      cues.push(cue);
    } else rest.push(...matched); // a look-alike of a cue: content, as typed
    i += entry.from.length;
  }
  // A yes/no question with no section cue asks whether something is allowed or required:
  // "mở tiệm tóc cần đăng ký hộ kinh doanh không", "đổi tên cho con được không".
  // The question word before the closing particles: "… có cần hộ chiếu không ạ".
  let end = spelled.length - 1;
  while (end > 0 && TRAILING.has((spelled[end] as Word).token)) end--;
  const last = spelled[end];
  const lastSentence = last ? sentenceAt(end) : 0;
  const asked = cues.some((c) => c.sentence === lastSentence);
  if (!asked && last && YES_NO.has(last.token) && (last.marks === "" || last.marks === KHONG.marks)) {
    cues.push({ intent: "conditions", tokens: [], sentence: lastSentence });
  }
  return {
    intent: chooseIntent(cues),
    rest,
    cued: cues.some((c) => c.tokens.length > 0 && c.intent !== "general"),
    cues,
  };
}

const KHONG = phrase("không")[0] as Word;
const YES_NO = new Set(["khong"]);
const TRAILING = new Set(tokenize("ạ à nhé nha nhỉ vậy ha hả ad shop bạn"));

/**
 * The section a message asks: a letter tells its story first and asks last, so the cues of
 * the last sentence that has any decide (a polite closing only when no other sentence asks);
 * among them the more specific section wins, and a legal deadline asked makes the days beside
 * it that deadline.
 */
export function chooseIntent(cues: readonly Cue[]): Intent {
  const asking = cues.some((c) => !c.closing) ? cues.filter((c) => !c.closing) : cues;
  const last = Math.max(-1, ...asking.map((c) => c.sentence));
  const inLast = asking.filter((c) => c.sentence === last);
  const there = inLast.some((c) => !c.weak) ? inLast.filter((c) => !c.weak) : inLast;
  const deadline = there.some((c) => c.deadline);
  const found = new Set<Intent>(there.filter((c) => !(deadline && c.intent === "time")).map((c) => c.intent));
  return PRIORITY.find((i) => found.has(i)) ?? "general";
}

/** Every phrase the cues use (folded tokens): known words, never "corrected" into catalogue words. */
export function cuePhrases(): string[][] {
  return [...Object.values(CUES), DEADLINE, LACKS_PAPER, NOT_CUES].flatMap((phrases) => phrases.map(tokenize));
}

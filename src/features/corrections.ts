import { DEFAULT_TUNING, type Hit, type SearchOutcome, type Tuning } from "../search/index.js";
import { fold, tokenize } from "../search/normalize.js";
import type { SearchableProcedure } from "../search/records.js";

/**
 * A citizen correcting the bot ("không phải", "sai rồi", "nhầm rồi, ý tôi là khai tử", "not this one", "tôi hỏi
 * tạm vắng cơ", "không phải khai sinh mà là khai tử", "none of these"), read from the message alone. The answer
 * feature decides what it means with the conversation (src/features/answer.ts).
 */
export interface Correction {
  /**
   * `reject`: what was answered (or listed) is not it; `rest` then names what is meant, if anything.
   * `none`: none of the listed procedures ("không có cái nào đúng", "none of these").
   */
  kind: "reject" | "none";
  /** What the citizen says they meant ("khai tử" of "không phải khai sinh mà là khai tử"), as typed; "" when nothing. */
  rest: string;
  /** What they say was wrong ("khai sinh" of the same), as typed; "" when they say nothing of it. */
  rejected: string;
}

/** Words said around a correction that name nothing: particles, pointers at what was answered, addressing the bot. */
const PARTICLES = new Set(
  tokenize(
    [
      "ạ à a ơi ah ak nhé nha nhe đâu rồi roi mà đó đấy này kia ấy cơ chứ vậy thế hả hở bạn ad admin bot shop em anh chị",
      "cái thủ tục này đó kia ấy khác loại việc vụ cả hết luôn hoàn toàn hẳn",
      "it this that one the a another different other please sorry thanks",
      // thanks said with the no: "không phải đâu, cảm ơn" is a bare no, not a search for "cảm ơn"
      "cảm cám ơn thank thx",
      // what the citizen asked or needs, said without naming it: "không phải cái tôi cần", "not what I'm looking for"
      "tôi mình tui ý hỏi cần tìm muốn lắm với câu",
      "s m is was not what i need needed want wanted looking for asked meant mean procedure wrong you got",
      // chat letters and repeats: "sai r" (rồi), "ko phải đâu e", "no no", "not really"
      "r e t no really answer correct",
    ].join(" "),
  ),
);

/** Interjections before a correction: "dạ, không phải", "ơ sai rồi", "ủa nhầm rồi". */
const OPENERS_BEFORE = /^(?:(?:dạ|da|ơ|o|ủa|ua|ừ|u|à|a|ờ|hmm|hm|ơ kìa|uhm|ừm)\s*[,.!]?\s+)?/u;

/** "không phải", "ko phải", "k phải", "chẳng phải", "hông phải", "not": a no, folded. */
const NOT = String.raw`(?:khong|ko|k|kh|khg|hong|hok|hem|chang|cha|ch|hk|dau)\s+(?:phai|fai|pai)`;
/** "sai rồi", "nhầm rồi", "không đúng", "chưa đúng", "wrong", "that's not it": the answer is wrong, folded. */
const WRONG = String.raw`(?:(?:(?:ban|bot|ad|em)\s+)?(?:tra\s+loi|hieu|doc|tim)\s+(?:sai|nham|lon)(?:\s+roi)?|(?:sai|nham)\s+thu\s+tuc(?:\s+roi)?|sai\s+roi|sai\s+bet|sai|nham\s+roi|nham|lon\s+roi|khong\s+dung|ko\s+dung|k\s+dung|chua\s+dung|khong\s+phai\s+vay|that'?s\s+wrong|that\s+is\s+wrong|wrong(?:\s+one)?|incorrect|(?:that'?s|that\s+is|this\s+is|it'?s|it\s+is)\s+(?:not|the\s+wrong)\s+(?:it|right|correct|what|one|procedure)|not\s+(?:this|that|it)(?:\s+one)?|not\s+what|not\s+(?:correct|right|really)|wrong\s+answer|nope|nah|no)`;
/** "ý tôi là", "ý mình là", "tôi định hỏi", "tôi muốn hỏi là", "I meant", "I mean": what is meant follows, folded. */
const MEANT = String.raw`(?:y\s+(?:toi|minh|em|tui|con|chau|anh|chi|la|e|t|m)(?:\s+la)?|(?:toi|minh|em|tui)\s+(?:dinh\s+hoi(?:\s+la)?|muon\s+hoi\s+la)|i\s+(?:meant|mean|was\s+asking\s+(?:about|for)|asked\s+(?:about|for))|what\s+i\s+meant\s+(?:was|is))`;
/** "tôi hỏi … cơ", "mình cần … mà": what is meant, said again with a closing particle of insistence, folded. */
const ASKED = String.raw`(?:toi|minh|em|tui|con|chau)\s+(?:hoi|can|muon\s+hoi|muon\s+lam|muon|dang\s+hoi|hoi\s+ve|muon\s+hoi\s+ve|can\s+lam)`;

const NOT_AT_START = new RegExp(`^${NOT}(?![a-z])`);
const WRONG_AT_START = new RegExp(`^${WRONG}(?![a-z'])`);
const MEANT_AT_START = new RegExp(`^${MEANT}(?![a-z])`);
const ASKED_AT_START = new RegExp(`^${ASKED}(?![a-z])`);
const POINTED_NO = new RegExp(
  `^(?:cai|thu\\s+tuc|giay|loai)\\s+(?:nay|do|kia|ay)\\s+(?:(?:la|thi)\\s+)?(?:${NOT}|${WRONG})(?![a-z'])`,
);
/** "X mà là Y", "X mà Y": after a no, what was wrong then what is meant. */
const BUT = /\s(?:ma\s+la|ma|but|ma\s+phai\s+la)\s/;
/** "Y chứ không phải X", "Y, not X": what is meant, then what was wrong. */
const RATHER_NOT = new RegExp(String.raw`\s*,?\s(?:chu\s+)(?:${NOT}|dau\s+phai)\s|\s*,\s*not\s`);
/** A closing particle of insistence: "tôi hỏi tạm vắng cơ", "cơ mà", "chứ". */
const INSIST_END = /\s(?:co|co\s+ma|chu|ma)\s*[.!?]*$/;
/** "không có cái nào đúng", "ko phải mấy cái này", "none of these": nothing of the list, folded. */
const NONE_OF_THEM = [
  String.raw`^(?:khong|ko|k|chang|cha|hong|hok)\s+(?:co\s+)?(?:cai|thu\s+tuc|muc|loai)\s+nao(?:\s+(?:dung|ca|het|phai|trong\s+(?:nay|do|day|danh\s+sach)))*`,
  String.raw`^${NOT}\s+(?:may|nhung|cac)\s+(?:cai|thu\s+tuc|muc)(?:\s+(?:nay|do|kia|tren))?`,
  String.raw`^${NOT}\s+(?:cai|thu\s+tuc)\s+nao(?:\s+(?:ca|het|trong\s+(?:nay|do|danh\s+sach)))*`,
  String.raw`^(?:deu\s+)?(?:sai|khong\s+dung|ko\s+dung)\s+(?:het|ca)(?:\s+roi)?`,
  String.raw`^(?:khong|ko|k)\s+(?:thay|co)\s+(?:cai|thu\s+tuc)\s+(?:nao|minh\s+can)(?:\s+(?:dung|ca|het))*`,
  String.raw`^(?:none\s+of\s+(?:these|them|those|the\s+above)|neither|not\s+any\s+of\s+(?:these|them|those))`,
  String.raw`^(?:no|not)\s+(?:one|procedure)\s+(?:here|listed|matches|fits)`,
].map((source) => new RegExp(`${source}(?![a-z])`));

/**
 * "No, thanks", "no thank you", "nope, that's all": an English no that declines, said after an answer to close the
 * chat, not to correct it (words after "no", folded; "not this one, thanks" is still a correction).
 */
const DECLINED = /^(?:no|nope|nah)$/;
const DECLINING = new Set(tokenize("thanks thank you thx ty so much a lot that s all i m am good fine ok okay anyway"));
const DECLINES = new Set(tokenize("thanks thank thx ty all good fine"));

/** Separators and particles after an opener, before what follows. */
const LEAD = /^[\s,.!;:\-–—…]+/;

/**
 * Folded text and a way back to the typed text: folding an NFC string maps each character to one (marks
 * dropped), so positions agree; when they do not (a rare script), the folded text is returned.
 */
function typedSlice(typed: string, folded: string, from: number, to = folded.length): string {
  return (typed.length === folded.length ? typed : folded).slice(from, to).trim();
}

/** Only particles and pointers ("cái đó", "thủ tục này", "bạn ơi", "another one"): nothing named. */
function namesNothing(text: string): boolean {
  return tokenize(text).every((t) => PARTICLES.has(t));
}

/** Only thanks and closing words ("thanks", "thank you", "that's all", "I'm fine"), one of them said. */
function declines(text: string): boolean {
  const tokens = tokenize(text);
  return tokens.some((t) => DECLINES.has(t)) && tokens.every((t) => DECLINING.has(t));
}

/** The message without a leading "tôi hỏi", "ý tôi là" and without a closing "cơ", "mà", "chứ", as typed. */
function meantPart(typed: string): string {
  let text = typed.trim();
  for (let again = true; again; ) {
    again = false;
    const folded = fold(text);
    const lead = LEAD.exec(folded)?.[0].length ?? 0;
    const meant = MEANT_AT_START.exec(folded.slice(lead)) ?? ASKED_AT_START.exec(folded.slice(lead));
    if (meant) {
      text = typedSlice(text, folded, lead + meant[0].length).replace(/^[\s,:]+/, "");
      again = true;
    }
  }
  const folded = fold(text);
  const insist = INSIST_END.exec(folded);
  const body = insist ? typedSlice(text, folded, 0, insist.index) : text;
  return body.replace(/[\s,.!?;:]+$/u, "").trim();
}

/** The words typed without any accent: then "co" may be "cơ" too. */
function unaccented(text: string): boolean {
  return fold(text) === text.toLowerCase();
}

/**
 * The correction a message makes, or undefined when it makes none. Only at the start of a message (after "dạ",
 * "ơ", "ủa"): "không phải nộp lệ phí à" or "người dịch không phải là cộng tác viên" are questions, not corrections,
 * and a no followed by words that are no separate phrase ("sai tên trong giấy khai sinh") is no correction either.
 */
export function readCorrection(input: string): Correction | undefined {
  const typed = input.normalize("NFC").trim().slice(0, 300);
  const whole = fold(typed);
  const start = OPENERS_BEFORE.exec(whole)?.[0].length ?? 0;
  const folded = whole.slice(start);
  const at = (n: number) => typedSlice(typed, whole, start + n);

  if (NONE_OF_THEM.some((re) => re.test(folded))) {
    const match = NONE_OF_THEM.map((re) => re.exec(folded)).find((m) => m) as RegExpExecArray;
    const after = at(match[0].length);
    return namesNothing(after) ? { kind: "none", rest: "", rejected: "" } : undefined;
  }

  // "cái này không phải", "thủ tục đó sai rồi": what was answered pointed at, then the no.
  const pointedNo = POINTED_NO.exec(folded);
  if (pointedNo) return namesNothing(at(pointedNo[0].length)) ? { kind: "reject", rest: "", rejected: "" } : undefined;

  const not = NOT_AT_START.exec(folded);
  const wrong = not ? undefined : WRONG_AT_START.exec(folded);
  if (not || wrong) {
    const opener = (not ?? wrong) as RegExpExecArray;
    const after = at(opener[0].length);
    if (DECLINED.test(opener[0]) && declines(after)) return undefined;
    if (namesNothing(after)) return { kind: "reject", rest: "", rejected: "" };
    const afterFolded = fold(after);
    const separated = /^\s*[,.!;:\-–—…]/.test(folded.slice(opener[0].length));
    // "sai rồi, ý tôi là …", "no, I meant …", "không phải, tôi hỏi tạm vắng cơ": a separate phrase, then what is meant.
    if (separated || MEANT_AT_START.test(afterFolded) || ASKED_AT_START.test(afterFolded)) {
      const pointer = leadingPointer(after);
      const rest = meantPart(pointer.rest);
      if (rest === "" || namesNothing(rest)) return { kind: "reject", rest: "", rejected: "" };
      return rather(rest) ?? { kind: "reject", rest, rejected: "" };
    }
    if (!not) return undefined;
    // "không phải cái đó, tôi cần …": a pointer at what was answered, then what is meant.
    const pointer = leadingPointer(after);
    if (pointer.pointed) {
      const rest = meantPart(pointer.rest);
      return namesNothing(rest) ? { kind: "reject", rest: "", rejected: "" } : { kind: "reject", rest, rejected: "" };
    }
    // "không phải khai sinh mà là khai tử", "không phải thành lập, tôi hỏi tạm ngừng kinh doanh cơ".
    const but = BUT.exec(afterFolded) ?? /\s*[,;]\s*/.exec(afterFolded);
    if (!but || but.index === 0) return undefined;
    const rejected = typedSlice(after, afterFolded, 0, but.index);
    if (tokenize(rejected).length > 6) return undefined;
    const rest = meantPart(typedSlice(after, afterFolded, but.index + but[0].length));
    return rest === "" || namesNothing(rest) ? undefined : { kind: "reject", rest, rejected };
  }

  // "ý tôi là khai tử", "I meant the death registration".
  const meant = MEANT_AT_START.exec(folded);
  if (meant) {
    const rest = meantPart(at(0));
    if (rest === "" || namesNothing(rest)) return undefined;
    return rather(rest) ?? { kind: "reject", rest, rejected: "" };
  }
  // "tôi hỏi tạm vắng cơ", "mình hỏi khai tử chứ không phải khai sinh": insisting on what was asked.
  const asked = ASKED_AT_START.exec(folded);
  if (asked) {
    const insists = INSIST_END.exec(folded);
    const accentedCo = insists && (unaccented(typed) || /\s(?:cơ|mà|chứ)(?:\s+mà)?\s*[.!?]*$/iu.test(typed));
    const contrast = rather(at(0));
    if (contrast) return contrast;
    if (!accentedCo) return undefined;
    const rest = meantPart(at(0));
    return rest === "" || namesNothing(rest) ? undefined : { kind: "reject", rest, rejected: "" };
  }
  // "khai tử chứ không phải khai sinh", "xóa tạm trú chứ không phải thường trú".
  return rather(at(0));
}

/** "Y chứ không phải X": what is meant (Y) and what was wrong (X), when both are a few words. */
function rather(typed: string): Correction | undefined {
  const folded = fold(typed);
  const match = RATHER_NOT.exec(folded);
  if (!match || match.index === 0) return undefined;
  const rest = meantPart(typedSlice(typed, folded, 0, match.index));
  const rejected = typedSlice(typed, folded, match.index + match[0].length).replace(/[\s,.!?]+$/u, "");
  if (rest === "" || namesNothing(rest) || tokenize(rejected).length > 6 || tokenize(rest).length > 12) {
    return undefined;
  }
  return { kind: "reject", rest, rejected };
}

/** A pointer at what was answered said first ("cái đó", "thủ tục này", "this one"), and what follows it. */
function leadingPointer(typed: string): { pointed: boolean; rest: string } {
  const folded = fold(typed);
  const pointer =
    /^(?:cai|thu\s+tuc|loai|giay)\s+(?:nay|do|kia|ay|vua\s+roi|ban\s+dua|ban\s+tra\s+loi)(?![a-z])|^(?:this|that)(?:\s+one)?(?![a-z])/.exec(
      folded,
    );
  if (!pointer) return { pointed: false, rest: typed.replace(LEAD, "") };
  return { pointed: true, rest: typedSlice(typed, folded, pointer[0].length).replace(/^[\s,.!;:\-–—…]+/u, "") };
}

/**
 * The search's outcome with procedures set aside (the one just rejected, a list said to hold nothing right), decided
 * again on what is left as the search decides (src/search/index.ts): the next candidate is answered when it leads
 * clearly, else the close ones are listed. One set aside but said by its whole name stays: it is meant after all.
 */
export function setAside<P extends SearchableProcedure>(
  outcome: SearchOutcome<P>,
  codes: ReadonlySet<string>,
  tuning: Tuning = DEFAULT_TUNING,
): SearchOutcome<P> {
  if (codes.size === 0 || outcome.hits.length === 0) return outcome;
  const kept = outcome.hits.filter((h, i) => !codes.has(h.procedure.code) || (i === 0 && h.parts.title >= 1));
  if (kept.length === outcome.hits.length) return outcome;
  return { ...outcome, ...decideAgain(kept, tuning) };
}

function decideAgain<P extends SearchableProcedure>(
  ranked: Hit<P>[],
  tuning: Tuning,
): Pick<SearchOutcome<P>, "decision" | "hits" | "sure"> {
  const [top, second] = ranked;
  if (!top || top.score < tuning.choose) return { decision: "none", hits: [], sure: true };
  const clear = !second || top.score - second.score >= tuning.margin;
  const held = !top.parts.free && tuning.heldBack;
  const said = top.parts.title >= tuning.answerTitle;
  if (top.score >= tuning.answer && clear && !held && said) return { decision: "answer", hits: ranked, sure: true };
  const close = ranked.filter((h) => h.score >= top.score - tuning.window && h.score >= tuning.choose);
  if (close.length === 1) {
    return top.score >= tuning.single && !held && said
      ? { decision: "answer", hits: ranked, sure: false }
      : { decision: "none", hits: [], sure: true };
  }
  return { decision: "choose", hits: close, sure: true };
}

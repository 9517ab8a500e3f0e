import { type Word, words } from "./normalize.js";

/**
 * Negation in Vietnamese: "không", "chẳng", "chả" (and "chưa" before a wish: "chưa muốn") deny the
 * words after them up to the end of their clause or a conjunction: "không nhận làm con nuôi",
 * "không phải họ hàng", "vẫn buôn bán, không thay đổi gì". Denied words say what the message is NOT
 * about, so they must not name a record that the same words name when said plainly; they meet only
 * the same denial in a record's own title ("muốn nhận nuôi trẻ nhưng không phải con nuôi").
 *
 * Not a denial: the question particle ("có … không", "được không", "… không ạ?"), which ends its
 * clause or closes a "có/được/phải/cần" question; and not knowing ("không biết", "không rõ").
 * "chưa" alone is left as it stands: "chưa làm giấy khai sinh cho con" asks to do exactly that.
 */

/** The prefix a denied word's token carries: a token of its own, which only a denied title word shares. */
export const DENIED = "~";

const NEGATORS = new Set(["khong", "chang", "cha"]);
/** "chưa" denies only a wish or a need ("chưa muốn nhận con nuôi"), not a deed not yet done. */
const NOT_YET = "chua";
const NOT_YET_WISH = new Set(["muon", "can", "dinh"]);
/** After a negator: not knowing or a particle, not a denial of what follows. */
const NOT_DENIAL = new Set(["biet", "ro", "hieu", "nho", "a", "vay", "nhi", "ha", "nhe", "ta", "the", "hay"]);
/**
 * Words that end a denial's reach: a conjunction opens a new clause of the same sentence, a preposition
 * a place or a beneficiary that the denial does not deny ("không nơi nương tựa vào trung tâm").
 */
const ENDS = new Set([
  ..."nhung ma thi de nen vi khi neu va".split(" "),
  ..."vao o tai tren cho voi tu cua trong ra ve sang".split(" "),
]);
/** Before "không" in its clause, these open a yes/no question that "không" closes ("có … không"). */
const ASKS = new Set(["co", "duoc", "phai", "can", "nen", "da", "chua"]);
/** How many words a denial reaches at most. */
const REACH = 5;

/**
 * "chả" typed without its mark is also "cha", father: a word as common in a civil-status letter as any ("Cha tôi mất
 * năm 2010", "Cha cháu là người Hàn", "cha mẹ tôi đều mất"). It is the negator only where it may be: not in a message
 * typed with accents (there «chả» is written so, and a bare "cha" is the father), nor before whose father it is (a
 * person or a possessive: "cha toi mat", "cha ruot", "cha cua be"), which no negator stands before.
 */
const FATHER = "cha";
const FATHER_OF = new Set(
  "toi tui minh em anh chi chau con be me ruot de nuoi duong vo chong no ho cua ong ba".split(" "),
);

const MARKS_OF = new Map(
  ["không", "chẳng", "chả", "chưa"].map((w) => [(words(w)[0] as Word).token, (words(w)[0] as Word).marks]),
);

interface Clausal {
  clause?: number;
}

/**
 * Which words a negator denies, by index. A word typed with accents must be the negator as written
 * ("chả" is a negator, "chà" and "chạ" are not); one typed without any may be it.
 */
export function deniedMask(input: readonly (Word & Clausal)[]): boolean[] {
  const mask = input.map(() => false);
  const marked = input.some((w) => w.marks !== "");
  for (let i = 0; i < input.length; i++) {
    const w = input[i] as Word & Clausal;
    const written = MARKS_OF.get(w.token);
    const isNegator = NEGATORS.has(w.token) || w.token === NOT_YET;
    if (!isNegator || (w.marks !== "" && written !== undefined && w.marks !== written)) continue;
    const next = input[i + 1];
    if (!next || next.clause !== w.clause || NOT_DENIAL.has(next.token)) continue;
    if (w.token === FATHER && w.marks === "" && (marked || FATHER_OF.has(next.token))) continue;
    if (w.token === NOT_YET && !NOT_YET_WISH.has(next.token)) continue;
    if (w.token === "khong" && closesQuestion(input, i)) continue;
    for (let k = i + 1; k < input.length && k <= i + REACH; k++) {
      const d = input[k] as Word & Clausal;
      if (d.clause !== w.clause || ENDS.has(d.token) || NEGATORS.has(d.token)) break;
      mask[k] = true;
    }
  }
  return mask;
}

/** Whether "không" at `at` closes a question its clause opened ("có được hỗ trợ không nộp ở đâu"). */
function closesQuestion(input: readonly (Word & Clausal)[], at: number): boolean {
  const clause = (input[at] as Word & Clausal).clause;
  for (let k = at - 1; k >= 0; k--) {
    const w = input[k] as Word & Clausal;
    if (w.clause !== clause || ENDS.has(w.token) || NEGATORS.has(w.token)) return false;
    if (ASKS.has(w.token)) return true;
  }
  return false;
}

import type { Procedure } from "../catalogue/schema.js";
import { type Word, words } from "../search/normalize.js";

/**
 * Procedures and their variants: a thing first issued or registered ("Cấp Giấy phép bán lẻ rượu",
 * "Cấp giấy phép xây dựng mới", "Đăng ký giám hộ") beside the procedures that change it once it exists
 * (re-issue, exchange, amend, extend, end: "Cấp lại …", "Cấp sửa đổi, bổ sung …", "Gia hạn …", "Đăng ký
 * chấm dứt giám hộ"). A citizen who wants a change says so ("cấp lại", "gia hạn", "bị mất", "hết hạn"):
 * a message that names no change asks for the thing itself, and one that names a change only one listed
 * title holds asks for that one. Words are compared with their accents when the citizen typed them
 * ("đổi" is no "đời", "đội"); typed without accents, any spelling fits.
 */
const CHANGES = [
  "cấp lại",
  "đăng ký lại",
  "xác định lại",
  "đổi",
  "cấp đổi",
  "điều chỉnh",
  "gia hạn",
  "sửa đổi",
  "bổ sung",
  "thay đổi",
  "chấm dứt",
  "tạm ngừng",
  "dừng",
  "thôi",
  "hủy",
  "xóa",
  "đính chính",
  "cải chính",
  "hiệu đính",
  "cập nhật",
].map((phrase) => words(phrase));

/** How citizens say a change the records name otherwise: "xin lại" is the re-issue ("cấp lại"), a paper lost too. */
const SAID_AS: [said: Word[], change: Word[]][] = [
  ["xin lại", "cấp lại"],
  ["làm lại", "cấp lại"],
  ["bị mất", "cấp lại"],
  ["làm mất", "cấp lại"],
  ["đánh mất", "cấp lại"],
  ["thất lạc", "cấp lại"],
  // "sửa lại di chúc", "sửa lại giấy phép": an amendment; "sửa" alone is also a repair ("sửa chữa nhà")
  ["sửa lại", "sửa đổi"],
  // leaving a post or a trade: "xin nghỉ không làm hòa giải viên nữa" (thôi làm), "nghỉ hẳn" (chấm dứt), "tạm nghỉ"
  ["xin nghỉ", "thôi"],
  ["nghỉ làm", "thôi"],
  ["nghỉ hẳn", "chấm dứt"],
  ["tạm nghỉ", "tạm ngừng"],
  ["reissue", "cấp lại"],
  ["replace", "cấp lại"],
  ["replacement", "cấp lại"],
  ["lost", "cấp lại"],
  ["renew", "gia hạn"],
  ["extend", "gia hạn"],
  ["extension", "gia hạn"],
].map(([said, change]) => [
  words(said as string),
  CHANGES.find(
    (run) =>
      run.map((w) => w.token).join(" ") ===
      words(change as string)
        .map((w) => w.token)
        .join(" "),
  ) ?? [],
]);

/** Words that name a change without naming which: the paper is lost, spoilt, wrong, run out, or done again. */
const CHANGE_HINTS = [
  "lại",
  // lost, not died ("bà em mất hôm qua" asks for the death registration itself)
  "bị mất",
  "làm mất",
  "đánh mất",
  "mất giấy",
  "mất bản",
  "mất sổ",
  "mất thẻ",
  "mất bằng",
  "hỏng",
  "hư",
  "rách",
  "cháy",
  "ướt",
  "thất lạc",
  "hết hạn",
  "quá hạn",
  "sai",
  "nhầm",
  "sửa",
  "thêm",
  "chuyển",
  "tiếp tục",
  "nghỉ",
  "ngừng",
  "đóng cửa",
  "giải thể",
  "renew",
  "replace",
  "replacement",
  "lost",
  "extend",
  "extension",
  "change",
  "amend",
  "again",
  "cancel",
  "stop",
  "close",
  "correct",
  "wrong",
  "expired",
  "add",
  "more",
].map((phrase) => words(phrase));

function sameWord(said: Word, phrase: Word): boolean {
  return said.token === phrase.token && (said.marks === "" || said.marks === phrase.marks);
}

function says(text: readonly Word[], run: readonly Word[]): boolean {
  for (let i = 0; i + run.length <= text.length; i++) {
    if (run.every((w, j) => sameWord(text[i + j] as Word, w))) return true;
  }
  return false;
}

/** Whether the message names a change of something that exists ("cấp lại", "bị mất", "hết hạn", "xin thêm"). */
export function namesChange(text: string): boolean {
  const said = words(text);
  return [...CHANGES, ...CHANGE_HINTS].some((run) => says(said, run));
}

/** Whether a procedure changes something that exists ("Cấp lại …", "Gia hạn …") rather than issuing it. */
export function isChange(procedure: Procedure): boolean {
  return changesOf(procedure).length > 0;
}

/** The changes a procedure's name says ("Cấp sửa đổi, bổ sung Giấy phép …": sửa đổi, bổ sung). */
function changesOf(procedure: Procedure): Word[][] {
  const name = words(procedure.name);
  return CHANGES.filter((run) => says(name, run));
}

/**
 * Of a "which one?" list, the procedure the message means when the list is a thing and the changes to it:
 * the one procedure whose name names no change, when the message names none either; the one procedure
 * whose name holds a change the message names, when it names one that no other listed name holds.
 * Undefined when the list is not settled that way.
 */
export function meantVariant(
  listed: readonly Procedure[],
  text: string,
  /** False: only a change the message names settles the list, never the thing itself for naming none. */
  thingItself = true,
): Procedure | undefined {
  if (listed.length < 2) return undefined;
  const said = words(text);
  const changes = listed.map(changesOf);
  const named = [
    ...CHANGES.filter((run) => says(said, run)),
    ...SAID_AS.filter(([form]) => says(said, form)).map(([, change]) => change),
  ];
  if (named.length > 0) {
    // The longest change named decides ("cấp đổi" over "đổi"): the one listed name that holds it.
    const holders = listed.filter((_, i) => named.some((run) => (changes[i] ?? []).includes(run)));
    return holders.length === 1 ? holders[0] : undefined;
  }
  if (!thingItself || CHANGE_HINTS.some((run) => says(said, run))) return undefined;
  const plain = listed.filter((_, i) => (changes[i] ?? []).length === 0);
  // Only when every other listed procedure is a change of something: "Đăng ký khai sinh" beside "Đăng ký
  // khai sinh có yếu tố nước ngoài" is no thing and its change.
  return plain.length === 1 && listed.length - 1 === changes.filter((c) => c.length > 0).length ? plain[0] : undefined;
}

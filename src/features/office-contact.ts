import { tokenize } from "../search/normalize.js";
import { containsRun } from "./redirects.js";

/**
 * A way to reach someone: a phone number, a hotline, an e-mail address ("sđt", "số đt", "đường dây nóng", "số máy
 * bàn", "email", "phone number", "email address", "hotline").
 */
const CONTACT = [
  ...["số điện thoại", "sđt", "sdt", "số đt", "đường dây nóng", "hotline", "số máy bàn"],
  ...["email", "e mail", "gmail", "địa chỉ email", "địa chỉ mail", "số fax", "fax"],
  ...["phone number", "telephone number", "contact number", "number to call", "email address", "e-mail address"],
].map(tokenize);

/**
 * The office whose contact is asked: the ward or commune, its people's committee, its one-stop desk, its police ("sđt
 * công an phường"), in Vietnamese and English.
 */
const OFFICE = [
  ...["phường", "xã", "ubnd", "ủy ban", "uỷ ban", "một cửa", "bộ phận tiếp nhận", "trung tâm phục vụ"],
  ...["công an", "đặc khu", "thị trấn", "ward", "commune", "office", "committee", "one stop", "reception"],
].map(tokenize);

/**
 * What makes the phone or e-mail a detail of a procedure rather than the office's contact asked for: the citizen's own
 * number or address added to, corrected in or changed on a record ("bổ sung số điện thoại, email vào hồ sơ hộ kinh
 * doanh", "ghi sai số điện thoại"), or a paper sent by e-mail ("gửi đơn tố cáo qua email được không", "nộp hồ sơ qua
 * email"): those are the procedure's (its amendment, its channel).
 */
const DETAIL = [
  ...["bổ sung", "cập nhật", "sửa", "ghi sai", "ghi nhầm", "sai số", "thiếu", "thay đổi", "đổi số", "đổi sang"],
  ...["gửi", "nộp", "qua email", "bằng email", "qua mail"],
  ...["add", "update", "wrong", "missing", "change", "correct", "send", "submit", "via email", "by email"],
].map(tokenize);

/** How the contact is asked: a question of what it is, or a request for it. */
const ASKED = [
  ...["bao nhiêu", "bn", "là gì", "là j", "số mấy", "số nào", "xin", "cho hỏi", "để gọi", "liên hệ", "liên lạc"],
  ...["what", "which", "give", "how can i", "how do i", "reach", "call", "contact", "need", "want", "can i have"],
].map(tokenize);

/**
 * Whether a message asks for the office's own phone number, hotline or e-mail ("sđt bộ phận một cửa phường là bn",
 * "what's the email address of the ward people's committee?", "cho tôi hỏi số điện thoại của bộ phận một cửa UBND
 * phường … để gọi hỏi trước, vì tôi có việc cần làm giấy khai sinh"): the office's contact block answers it (the
 * not-found reply holds it), not the procedures the message names as the reason it will call. Not when the number or
 * address is a detail of a record or the channel a paper is sent by (`DETAIL`).
 */
export function asksOfficeContact(text: string): boolean {
  const tokens = tokenize(text);
  return (
    CONTACT.some((run) => containsRun(tokens, run)) &&
    OFFICE.some((run) => containsRun(tokens, run)) &&
    ASKED.some((run) => containsRun(tokens, run)) &&
    !DETAIL.some((run) => containsRun(tokens, run))
  );
}

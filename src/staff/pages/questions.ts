import type { UnansweredQuestion } from "../../questions/store.js";
import { displayDate } from "../../time/local.js";
import { count, type Html, html } from "../html.js";
import { type PageFrame, page } from "../layout.js";
import { type WardChoice, wardSelect } from "./ratings.js";

export const QUESTION_PERIODS = [7, 30, 90] as const;

export function questionsPage(
  frame: PageFrame,
  questions: UnansweredQuestion[] | undefined,
  days: number,
  /** The province administrator's ward filter: the wards, and the one chosen (undefined: all). */
  ward?: { choice: WardChoice; selected?: string },
): Html {
  const wardQuery = ward?.selected ? `&phuong=${encodeURIComponent(ward.selected)}` : "";
  if (!questions) {
    return page(frame, html`<section><p>Chưa có thư mục dữ liệu (DATA_DIR): bot chưa lưu câu hỏi nào.</p></section>`);
  }
  const total = questions.reduce((sum, q) => sum + q.count, 0);
  return page(
    frame,
    html`<section>
<p>Những câu người dân hỏi mà bot không tìm được thủ tục phù hợp, hỏi nhiều nhất lên đầu. Số điện thoại, mã hồ sơ và các con số đã được xoá trước khi lưu. Câu hỏi được giữ 90 ngày.</p>
<p>${QUESTION_PERIODS.map((d) => html`${d === days ? html`<strong>${d} ngày qua</strong>` : html`<a href="/staff/questions?days=${d}${wardQuery}">${d} ngày qua</a>`} `)}</p>
${
  ward
    ? html`<form class="filters" method="get" action="/staff/questions"><input type="hidden" name="days" value="${days}">${wardSelect(ward.choice, ward.selected)}<div><button type="submit">Xem</button></div></form>`
    : ""
}
<p class="muted">${count(questions.length)} câu khác nhau, ${count(total)} lượt hỏi trong ${days} ngày qua.</p>
${
  questions.length === 0
    ? html`<p class="ok">Không có câu hỏi nào bot chưa trả lời được.</p>`
    : html`<div class="scroll"><table><thead><tr><th class="num">Số lần</th><th>Câu hỏi</th><th class="num">Hỏi gần nhất</th></tr></thead><tbody>
${questions.slice(0, 500).map((q) => html`<tr><td class="num">${count(q.count)}</td><td class="wide">${q.text}</td><td class="num">${q.lastAsked ? displayDate(q.lastAsked) : ""}</td></tr>`)}
</tbody></table></div>`
}
</section>`,
  );
}

import type { Example } from "../../catalogue/examples.js";
import type { UnansweredQuestion } from "../../questions/store.js";
import { displayDate } from "../../time/local.js";
import { labelName } from "../examples-file.js";
import { count, type Html, html } from "../html.js";
import { type PageFrame, page } from "../layout.js";
import type { LabelAccess } from "./examples.js";
import { type WardChoice, wardSelect } from "./ratings.js";

export const QUESTION_PERIODS = [7, 30, 90] as const;

export function questionsPage(
  frame: PageFrame,
  questions: UnansweredQuestion[] | undefined,
  days: number,
  /** The province administrator's ward filter: the wards, and the one chosen (undefined: all). */
  ward?: { choice: WardChoice; selected?: string },
  /** The câu mẫu: a question's label if it has one, and whether this account may label. */
  labels?: { access: LabelAccess; of(text: string): Example | undefined; nameOf(code: string): string | undefined },
): Html {
  const wardQuery = ward?.selected ? `&phuong=${encodeURIComponent(ward.selected)}` : "";
  if (!questions) {
    return page(frame, html`<section><p>Chưa có thư mục dữ liệu (DATA_DIR): bot chưa lưu câu hỏi nào.</p></section>`);
  }
  const total = questions.reduce((sum, q) => sum + q.count, 0);
  const shown = questions.slice(0, 500);
  const labelled = labels ? shown.filter((q) => labels.of(q.text)).length : 0;
  const labelCell = (q: UnansweredQuestion) => {
    if (!labels) return "";
    const label = labels.of(q.text);
    const link = (words: string) =>
      labels.access.ok ? html` <a href="/staff/questions/label?text=${encodeURIComponent(q.text)}">${words}</a>` : "";
    return label
      ? html`<span class="badge ok">Đã gán</span> ${labelName(label.code, labels.nameOf)}${link("Gán lại")}`
      : link("Gán thủ tục");
  };
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
<p class="muted">${count(questions.length)} câu khác nhau, ${count(total)} lượt hỏi trong ${days} ngày qua.${labelled > 0 ? html` ${count(labelled)} câu đã gán làm câu mẫu: bot trả lời được từ khi gán (số lần hỏi là trước đó).` : ""}</p>
${labels?.access.ok ? html`<p>Bấm <strong>Gán thủ tục</strong> ở một câu để chọn thủ tục trả lời nó: câu đó thành <a href="/staff/examples">câu mẫu</a> và bot trả lời được ngay.</p>` : ""}
${
  questions.length === 0
    ? html`<p class="ok">Không có câu hỏi nào bot chưa trả lời được.</p>`
    : html`<div class="scroll"><table class="stack"><thead><tr><th class="num">Số lần</th><th>Câu hỏi</th><th class="num">Hỏi gần nhất</th>${labels ? html`<th>Câu mẫu</th>` : ""}</tr></thead><tbody>
${shown.map((q) => html`<tr><td class="num" data-label="Số lần">${count(q.count)}</td><td class="wide">${q.text}</td><td class="num" data-label="Hỏi gần nhất">${q.lastAsked ? displayDate(q.lastAsked) : ""}</td>${labels ? html`<td data-label="Câu mẫu">${labelCell(q)}</td>` : ""}</tr>`)}
</tbody></table></div>`
}
</section>`,
  );
}

import { EXAMPLE_INTENT_WORDS, EXAMPLE_INTENTS, type Example, NOT_A_PROCEDURE } from "../../catalogue/examples.js";
import { fold } from "../../search/normalize.js";
import { labelName } from "../examples-file.js";
import { type WaitingReason, waitingNotice } from "../examples-sync.js";
import { count, type Html, html } from "../html.js";
import { csrfField, notice, type PageFrame, page } from "../layout.js";

/** A procedure as the label form lists it. */
export interface LabelChoice {
  code: string;
  name: string;
  field: string;
  aliases: readonly string[];
}

/** Why staff cannot label here, if they cannot: said on the pages instead of the forms. */
export type LabelAccess = { ok: true } | { ok: false; reason: string };

export interface LabelFormOptions {
  csrf: string;
  access: LabelAccess;
  /** The question, as the unanswered list shows it. */
  text: string;
  procedures: readonly LabelChoice[];
  /** Words typed to narrow the list ("khai sinh"); accents optional. */
  filter?: string;
  /** What was picked (kept when the form comes back with an error). */
  code?: string;
  intent?: string;
  /** The label it has now, if any. */
  current?: Example;
  error?: string;
  nameOf(code: string): string | undefined;
}

/** The procedures whose name, code or other names hold every word typed (accents optional). */
export function matchingProcedures(procedures: readonly LabelChoice[], filter: string): LabelChoice[] {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...procedures];
  return procedures.filter((p) => {
    const haystack = fold([p.code, p.name, ...p.aliases].join(" "));
    return words.every((w) => haystack.includes(w));
  });
}

/**
 * One question labelled: the procedure picked from a plain select (grouped by field, narrowed by
 * a GET filter: no script, the phone's own picker), or "not the ward's", and what it asks about.
 */
export function labelPage(frame: PageFrame, o: LabelFormOptions): Html {
  const shown = matchingProcedures(o.procedures, o.filter ?? "");
  const fields = [...new Set(shown.map((p) => p.field))].sort((a, b) => a.localeCompare(b, "vi"));
  const selected = (code: string) => (code === o.code ? html` selected` : "");
  const currentLine = o.current
    ? html`<p>Đang gán: <strong>${labelName(o.current.code, o.nameOf)}</strong>${o.current.intent ? html` (hỏi về ${EXAMPLE_INTENT_WORDS[o.current.intent]})` : ""}. Lưu lần nữa sẽ thay nhãn cũ của cán bộ.</p>`
    : "";
  const form = !o.access.ok
    ? notice("info", o.access.reason)
    : html`<form method="get" action="/staff/questions/label" class="filters">
  <input type="hidden" name="text" value="${o.text}">
  <div><label for="tim">Tìm thủ tục (gõ vài chữ, có dấu hay không dấu đều được)</label><input type="text" id="tim" name="tim" maxlength="100" value="${o.filter ?? ""}"></div>
  <div><button type="submit" class="secondary">Lọc danh sách</button></div>
</form>
${o.filter ? html`<p class="muted">${count(shown.length)} thủ tục có «${o.filter}». <a href="/staff/questions/label?text=${encodeURIComponent(o.text)}">Xem tất cả</a></p>` : ""}
<form method="post" action="/staff/examples">${csrfField(o.csrf)}
  <input type="hidden" name="text" value="${o.text}">
  <label for="code">Thủ tục trả lời câu này</label>
  <select id="code" name="code" required>
    <option value="">— Chọn thủ tục —</option>
    <option value="${NOT_A_PROCEDURE}"${selected(NOT_A_PROCEDURE)}>Không phải thủ tục của phường (cơ quan khác, chào hỏi…)</option>
    ${fields.map(
      (field) =>
        html`<optgroup label="${field}">${shown
          .filter((p) => p.field === field)
          .map((p) => html`<option value="${p.code}"${selected(p.code)}>${p.name} (${p.code})</option>`)}</optgroup>`,
    )}
  </select>
  <label for="intent">Người dân hỏi về</label>
  <select id="intent" name="intent">
    <option value="">(không rõ / cả thủ tục)</option>
    ${EXAMPLE_INTENTS.map((i) => html`<option value="${i}"${i === o.intent ? html` selected` : ""}>${EXAMPLE_INTENT_WORDS[i]}</option>`)}
  </select>
  <p><button type="submit">Lưu làm câu mẫu</button></p>
</form>`;
  return page(
    frame,
    html`${o.error ? notice("error", o.error) : ""}<section>
<p>Câu người dân hỏi:</p>
<blockquote>${o.text}</blockquote>
${currentLine}
${form}
<p class="muted">Câu mẫu được lưu vào tệp examples.json của danh mục; bot dùng ngay, không cần khởi động lại. <a href="/staff/questions">Quay lại danh sách câu hỏi</a> · <a href="/staff/examples">Các câu mẫu đã gán</a></p>
</section>`,
  );
}

export interface ExamplesPageOptions {
  csrf: string;
  access: LabelAccess;
  /** The staff's labels, in the file's order. */
  staff: readonly Example[];
  /** Every example the serving catalogue holds (staff's and those from the labelled eval set). */
  total: number;
  /** The file written, for the IT staff (several replicas: docs/staff-console.md). */
  file?: string;
  saved?: { example: Example; served: boolean; problem?: string };
  deleted?: string;
  /**
   * The change saved or deleted here is not yet recorded for the other replicas, and why (the database could not be
   * reached, or answered with an error): kept, and sent once it can be (src/staff/examples-sync.ts).
   */
  waiting?: WaitingReason;
  error?: string;
  nameOf(code: string): string | undefined;
}

/** The labels staff added, newest last as in the file, each with a delete button. */
export function examplesPage(frame: PageFrame, o: ExamplesPageOptions): Html {
  const savedNotice = o.saved
    ? o.saved.served
      ? notice(
          "success",
          html`Đã lưu câu mẫu «${o.saved.example.text}» → <strong>${labelName(o.saved.example.code, o.nameOf)}</strong>. Bot đã dùng danh mục mới: lần sau người dân hỏi câu này, bot trả lời theo nhãn này.`,
        )
      : notice(
          "error",
          html`Đã lưu câu mẫu «${o.saved.example.text}» vào tệp, nhưng bot <strong>chưa dùng</strong> được: ${o.saved.problem ?? "danh mục chưa nạp lại"}. Bot vẫn chạy với danh mục cũ cho đến khi lỗi được sửa.`,
        )
    : "";
  // Worded by why it waits: a lost connection passes by itself, an error the database answers needs the IT staff.
  const waitingBox = o.waiting ? notice("info", waitingNotice(o.waiting)) : "";
  const rows = o.staff.map(
    (e) => html`<tr><td class="wide" data-label="Câu">${e.text}</td>
<td data-label="Gán cho">${labelName(e.code, o.nameOf)}${e.code !== NOT_A_PROCEDURE ? html` <span class="muted">(${e.code})</span>` : ""}</td>
<td data-label="Hỏi về">${e.intent ? EXAMPLE_INTENT_WORDS[e.intent] : ""}</td>
<td data-label="Người gán">${e.source}</td>
<td>${
      o.access.ok
        ? html`<form class="inline" method="post" action="/staff/examples/delete">${csrfField(o.csrf)}<input type="hidden" name="text" value="${e.text}"><button type="submit" class="secondary">Xoá</button></form>`
        : ""
    }</td></tr>`,
  );
  return page(
    frame,
    html`${savedNotice}${o.deleted ? notice("success", html`Đã xoá câu mẫu «${o.deleted}».`) : ""}${waitingBox}${o.error ? notice("error", o.error) : ""}<section>
<p>Câu mẫu là câu người dân thật sự hỏi, được gán với thủ tục trả lời nó (hoặc «không phải thủ tục của phường»). Bot học theo các câu này: câu giống vậy lần sau được trả lời đúng thủ tục. Gán câu mẫu ở trang <a href="/staff/questions">Câu hỏi chưa trả lời</a>.</p>
${o.access.ok ? "" : notice("info", o.access.reason)}
<p class="muted">${count(o.staff.length)} câu mẫu do cán bộ gán; danh mục đang dùng ${count(o.total)} câu mẫu (kể cả các câu có sẵn).${o.file ? html` Tệp: ${o.file}` : ""}</p>
${
  o.staff.length === 0
    ? html`<p>Chưa có câu mẫu nào do cán bộ gán.</p>`
    : html`<div class="scroll"><table class="stack"><thead><tr><th>Câu</th><th>Gán cho</th><th>Hỏi về</th><th>Người gán</th><th></th></tr></thead><tbody>
${rows}
</tbody></table></div>`
}
</section>`,
  );
}

export interface DeleteConfirmOptions {
  csrf: string;
  /** The text as the delete button posted it (matched, never rewritten). */
  text: string;
  /** The staff labels of that text the serving catalogue holds: what the second step removes. */
  labels: readonly Example[];
  nameOf(code: string): string | undefined;
}

/**
 * The step between the Xoá button and the deletion, without script: what would be removed, and a second form
 * (the same CSRF token, `confirm=yes`) that removes it; going back changes nothing.
 */
export function deleteConfirmPage(frame: PageFrame, o: DeleteConfirmOptions): Html {
  return page(
    frame,
    html`<section>
<h2>Xoá câu mẫu này?</h2>
<blockquote>${o.text}</blockquote>
<ul>${o.labels.map(
      (e) =>
        html`<li>Gán cho: <strong>${labelName(e.code, o.nameOf)}</strong>${e.intent ? html` (hỏi về ${EXAMPLE_INTENT_WORDS[e.intent]})` : ""} — ${e.source}</li>`,
    )}</ul>
<p>Sau khi xoá, bot thôi trả lời câu này theo câu mẫu (bot tìm thủ tục cho câu này như với mọi câu khác). Muốn dùng lại thì gán lại từ trang <a href="/staff/questions">Câu hỏi chưa trả lời</a>.</p>
<form method="post" action="/staff/examples/delete">${csrfField(o.csrf)}<input type="hidden" name="text" value="${o.text}"><input type="hidden" name="confirm" value="yes">
  <p><button type="submit">Xoá câu mẫu</button> <a href="/staff/examples">Không xoá, quay lại</a></p>
</form>
</section>`,
  );
}

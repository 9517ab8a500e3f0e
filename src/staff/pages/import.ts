import type { ImportSummary, PreviewRow } from "../deps.js";
import { count, type Html, html } from "../html.js";
import { csrfField, notice, type PageFrame, page } from "../layout.js";

const VERDICTS: Record<PreviewRow["verdict"], [string, string]> = {
  accepted: ["Hợp lệ", "ok"],
  warned: ["Cần xem lại", "warn"],
  rejected: ["Bị từ chối", "bad"],
};

function uploadForm(csrf: string): Html {
  return html`<section><h2>Chọn tệp xuất từ hệ thống một cửa</h2>
<form method="post" action="/staff/import" enctype="multipart/form-data">
  ${csrfField(csrf)}
  <label for="file">Tệp CSV hoặc Excel (.xlsx)</label>
  <input type="file" id="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required>
  <p><button type="submit">Xem trước</button></p>
</form>
<p class="muted">Cột cần có: code (mã hồ sơ), procedure_code (mã thủ tục), phone (số điện thoại), received_at (ngày tiếp nhận), status (trạng thái 1–10); thêm applicant_name, due_at, status_note, office nếu có. Chưa có gì được lưu cho tới khi bấm “Lưu”.</p></section>`;
}

export function importPage(frame: PageFrame, options: { csrf: string; error?: string }): Html {
  return page(frame, html`${options.error ? notice("error", options.error) : ""}${uploadForm(options.csrf)}`);
}

export function previewPage(
  frame: PageFrame,
  options: {
    csrf: string;
    previewId: string;
    fileName: string;
    rows: readonly PreviewRow[];
    notes?: readonly string[];
    /** Data rows in the file (a row replaced by a later one with the same code is not in `rows`). */
    received?: number;
  },
): Html {
  const n = (v: PreviewRow["verdict"]) => options.rows.filter((r) => r.verdict === v).length;
  const storable = n("accepted") + n("warned");
  // Only a province's deployment gives rows a ward: a single ward's preview keeps its columns.
  const wards = options.rows.some((r) => r.ward);
  return page(
    { ...frame, title: "Xem trước khi nhập" },
    html`<section><p>Tệp <strong>${options.fileName}</strong>: ${count(options.received ?? options.rows.length)} dòng. Chưa có gì được lưu.</p>
${(options.notes ?? []).map((n) => notice("info", n))}
<div class="cards">
  <div class="card"><div class="muted">Hợp lệ</div><div class="big ok" id="count-accepted">${count(n("accepted"))}</div></div>
  <div class="card"><div class="muted">Cần xem lại (vẫn nhập)</div><div class="big warn" id="count-warned">${count(n("warned"))}</div></div>
  <div class="card"><div class="muted">Bị từ chối (không nhập)</div><div class="big bad" id="count-rejected">${count(n("rejected"))}</div></div>
</div>
${
  storable > 0
    ? html`<form method="post" action="/staff/import/commit" class="inline">${csrfField(options.csrf)}<input type="hidden" name="preview" value="${options.previewId}"><button type="submit">Lưu ${count(storable)} hồ sơ</button></form>`
    : html`<p class="bad">Không có dòng nào nhập được.</p>`
}
 <a href="/staff/import">Huỷ, chọn tệp khác</a></section>
<section><h2>Từng dòng</h2><div class="scroll"><table class="stack"><thead><tr><th>Dòng</th><th>Mã hồ sơ</th><th>Thủ tục</th>${wards ? html`<th>Phường, xã</th>` : ""}<th>Kết quả</th><th>Ghi chú</th></tr></thead><tbody>
${options.rows.map((r) => {
  const [label, tone] = VERDICTS[r.verdict];
  return html`<tr class="${r.verdict}"><td>${r.place}</td><td class="code" data-label="Mã hồ sơ">${r.code ?? ""}</td><td data-label="Thủ tục">${r.procedure ?? ""}</td>${wards ? html`<td data-label="Phường, xã">${r.ward ?? ""}</td>` : ""}<td data-label="Kết quả"><span class="badge ${tone}">${label}</span></td><td class="wide" data-label="Ghi chú">${r.messages.join("; ")}</td></tr>`;
})}
</tbody></table></div></section>`,
  );
}

export function committedPage(frame: PageFrame, csrf: string, fileName: string, s: ImportSummary): Html {
  return page(
    { ...frame, title: "Đã nhập hồ sơ" },
    html`${notice("success", html`Đã lưu tệp <strong>${fileName}</strong>: ${count(s.created)} hồ sơ mới, ${count(s.updated)} cập nhật, ${count(s.unchanged)} không đổi, ${count(s.rejected)} bị từ chối. ${count(s.notices)} thông báo chờ gửi cho người dân.`)}
${uploadForm(csrf)}`,
  );
}

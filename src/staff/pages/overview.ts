import type { Problem } from "../../catalogue/problems.js";
import type { ReviewDue } from "../../catalogue/review.js";
import { displayDate } from "../../time/local.js";
import { count, type Html, html } from "../html.js";
import { type PageFrame, page } from "../layout.js";

export interface ChannelLine {
  name: string;
  ok: boolean;
  summary: string;
}

export interface OverviewData {
  version: string;
  procedures: number;
  /** Problems of the files on disk (refused: the last good catalogue serves). */
  errors: readonly Problem[];
  warnings: readonly Problem[];
  due: readonly ReviewDue[];
  reviewSummary: string;
  channels: readonly ChannelLine[];
  messagesToday: number;
  /** Shown beside the count when it only covers the time since the service started. */
  messagesNote?: string;
  unanswered?: number;
}

/** The overview stays one screen or two; the full list is `npm run catalogue:review`'s. */
const SHOWN_DUE = 10;

const CHANNEL_NAMES: Record<string, string> = {
  telegram: "Telegram",
  zalo: "Zalo",
  terminal: "Trò chuyện trên máy (terminal)",
};

function problemRow(p: Problem): Html {
  return html`<tr><td data-label="Tệp">${p.file}</td><td data-label="Mã">${p.record ?? ""}</td><td data-label="Chỗ">${p.label ?? p.path}</td><td data-label="Vấn đề">${p.message}</td></tr>`;
}

export function overviewPage(frame: PageFrame, d: OverviewData): Html {
  const problems = [...d.errors, ...d.warnings];
  return page(
    frame,
    html`<div class="cards">
  <div class="card"><div class="muted">Danh mục thủ tục</div><div class="big">${count(d.procedures)}</div><div class="muted">phiên bản <code>${d.version}</code></div></div>
  <div class="card"><div class="muted">Lỗi / cảnh báo dữ liệu</div><div class="big ${d.errors.length > 0 ? "bad" : d.warnings.length > 0 ? "warn" : "ok"}">${count(d.errors.length)} / ${count(d.warnings.length)}</div><div class="muted">${d.errors.length > 0 ? "bot vẫn dùng bản hợp lệ gần nhất" : "dữ liệu đang dùng hợp lệ"}</div></div>
  <div class="card"><div class="muted">Cần rà soát lại</div><div class="big ${d.due.length > 0 ? "warn" : "ok"}">${count(d.due.length)}</div><div class="muted">thủ tục</div></div>
  <div class="card"><div class="muted">Tin nhắn hôm nay</div><div class="big">${count(d.messagesToday)}</div><div class="muted">${d.messagesNote ?? "từ 0 giờ hôm nay"}</div></div>
  ${d.unanswered !== undefined ? html`<div class="card"><div class="muted">Câu hỏi chưa trả lời (7 ngày)</div><div class="big">${count(d.unanswered)}</div><div class="muted"><a href="/staff/questions">xem danh sách</a></div></div>` : ""}
</div>
<section><h2>Kênh trò chuyện</h2>
${
  d.channels.length === 0
    ? html`<p class="muted">Chưa kênh nào chạy (chưa đặt TELEGRAM_BOT_TOKEN hay ZALO_BOT_TOKEN): chỉ bảng điều khiển này đang chạy.</p>`
    : html`<div class="scroll"><table class="stack"><thead><tr><th>Kênh</th><th>Tình trạng</th><th>Chi tiết</th></tr></thead><tbody>
${d.channels.map((c) => html`<tr><td>${CHANNEL_NAMES[c.name] ?? c.name}</td><td data-label="Tình trạng"><span class="badge ${c.ok ? "ok" : "bad"}">${c.ok ? "Hoạt động" : "Có sự cố"}</span></td><td data-label="Chi tiết">${c.summary}</td></tr>`)}
</tbody></table></div>`
}
</section>
<section><h2>Kiểm tra dữ liệu danh mục</h2>
${
  problems.length === 0
    ? html`<p class="ok">Không có lỗi hay cảnh báo.</p>`
    : html`${d.errors.length > 0 ? html`<p class="bad">Tệp dữ liệu hiện có ${count(d.errors.length)} lỗi: thay đổi chưa được nhận, bot vẫn trả lời theo bản hợp lệ gần nhất. Sửa rồi lưu lại tệp.</p>` : ""}
<details${d.errors.length > 0 ? html` open` : ""}><summary>Xem ${count(d.errors.length)} lỗi và ${count(d.warnings.length)} cảnh báo</summary>
<div class="scroll"><table class="stack"><thead><tr><th>Tệp</th><th>Mã</th><th>Chỗ</th><th>Vấn đề</th></tr></thead><tbody>
${d.errors.map(problemRow)}${d.warnings.map(problemRow)}
</tbody></table></div></details>`
}
</section>
<section><h2>Thủ tục cần rà soát lại</h2>
<p>${d.reviewSummary}</p>
${
  d.due.length > 0
    ? html`<details><summary>Xem ${count(Math.min(SHOWN_DUE, d.due.length))} thủ tục gần hạn nhất</summary><div class="scroll"><table class="stack"><thead><tr><th>Mã</th><th>Thủ tục</th><th>Hạn rà soát</th><th>Lý do</th></tr></thead><tbody>
${d.due.slice(0, SHOWN_DUE).map((r) => html`<tr><td data-label="Mã">${r.code}</td><td data-label="Thủ tục">${r.name}</td><td class="num" data-label="Hạn rà soát">${displayDate(r.dueBy)}</td><td data-label="Lý do">${r.reasons.join("; ")}</td></tr>`)}
</tbody></table></div>${d.due.length > SHOWN_DUE ? html`<p class="muted">… và ${d.due.length - SHOWN_DUE} thủ tục khác: xem cả danh sách bằng lệnh <code>npm run catalogue:review</code>.</p>` : ""}</details>`
    : ""
}
</section>`,
  );
}

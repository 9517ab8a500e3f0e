import type { AuditEntry } from "../audit.js";
import { type Html, html } from "../html.js";
import { type PageFrame, page } from "../layout.js";

const ACTIONS: Record<AuditEntry["action"], string> = {
  login: "Đăng nhập",
  "login-failed": "Đăng nhập sai",
  "login-locked": "Tạm khoá đăng nhập",
  logout: "Đăng xuất",
  "import-committed": "Nhập hồ sơ",
  lookup: "Tra cứu hồ sơ",
};

export function auditPage(frame: PageFrame, entries: readonly AuditEntry[], show: (iso: string) => string): Html {
  return page(
    frame,
    html`<section><p class="muted">Các thao tác gần đây của cán bộ (mới nhất trước). Toàn bộ nhật ký ở tệp DATA_DIR/staff/audit.jsonl.</p>
<div class="scroll"><table class="stack"><thead><tr><th>Thời gian</th><th>Cán bộ</th><th>Thao tác</th><th>Chi tiết</th></tr></thead><tbody>
${entries.map((e) => html`<tr><td class="num">${show(e.at)}</td><td data-label="Cán bộ">${e.user}</td><td data-label="Thao tác">${ACTIONS[e.action]}</td><td data-label="Chi tiết">${e.detail ?? ""}</td></tr>`)}
</tbody></table></div></section>`,
  );
}

import type { AuditEntry } from "../audit.js";
import { type Html, html } from "../html.js";
import { type PageFrame, page } from "../layout.js";
import { type WardChoice, wardSelect } from "./ratings.js";

const ACTIONS: Record<AuditEntry["action"], string> = {
  login: "Đăng nhập",
  "login-failed": "Đăng nhập sai",
  "login-locked": "Tạm khoá đăng nhập",
  logout: "Đăng xuất",
  "import-committed": "Nhập hồ sơ",
  lookup: "Tra cứu hồ sơ",
  "example-added": "Gán câu mẫu",
  "example-deleted": "Xoá câu mẫu",
};

export interface AuditPageOptions {
  /** Where the whole log is kept: DATA_DIR/staff/audit.jsonl, or the database's staff_audit table. */
  where: "file" | "database";
  /** The province administrator's ward filter: the wards, and the one chosen (undefined: all). */
  ward?: { choice: WardChoice; selected?: string };
}

export function auditPage(
  frame: PageFrame,
  entries: readonly AuditEntry[],
  show: (iso: string) => string,
  options: AuditPageOptions = { where: "file" },
): Html {
  const whole =
    options.where === "database"
      ? "Toàn bộ nhật ký ở cơ sở dữ liệu (bảng staff_audit)."
      : "Toàn bộ nhật ký ở tệp DATA_DIR/staff/audit.jsonl.";
  return page(
    frame,
    html`<section><p class="muted">Các thao tác gần đây của cán bộ (mới nhất trước). ${whole}</p>
${
  options.ward
    ? html`<form class="filters" method="get" action="/staff/audit">${wardSelect(options.ward.choice, options.ward.selected)}<div><button type="submit">Xem</button></div></form>`
    : ""
}
<div class="scroll"><table class="stack"><thead><tr><th>Thời gian</th><th>Cán bộ</th><th>Thao tác</th><th>Chi tiết</th></tr></thead><tbody>
${entries.map((e) => html`<tr><td class="num">${show(e.at)}</td><td data-label="Cán bộ">${e.user}</td><td data-label="Thao tác">${ACTIONS[e.action] ?? e.action}</td><td data-label="Chi tiết">${e.detail ?? ""}</td></tr>`)}
</tbody></table></div></section>`,
  );
}

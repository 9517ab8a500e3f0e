import { ALL, LEVEL_LABELS, percentSatisfied, type SummaryRow, summarize } from "../../ratings/report.js";
import type { Rating } from "../../ratings/schema.js";
import { displayDate, localTime } from "../../time/local.js";
import { satisfactionChart } from "../chart.js";
import { count, type Html, html } from "../html.js";
import { type PageFrame, page } from "../layout.js";

export interface RatingsFilter {
  /** A procedure code, or "" for all. */
  procedure: string;
  from?: string;
  to?: string;
  /** A ward id (the province administrator's choice); undefined for all wards. */
  ward?: string;
}

/** The ward list a province administrator picks from; absent for a ward's staff or a single ward. */
export interface WardChoice {
  wards: readonly { id: string; name: string }[];
}

const MONTH = /^\d{4}-\d{2}$/;

export function ratingsFilter(query: URLSearchParams): RatingsFilter {
  const month = (v: string | null) => (v && MONTH.test(v) ? v : undefined);
  return {
    procedure: (query.get("procedure") ?? "").slice(0, 40),
    from: month(query.get("from")),
    to: month(query.get("to")),
    ward: query.get("phuong")?.slice(0, 64) || undefined,
  };
}

/** The same filter as a query string, for the workbook link. */
export function filterQuery(filter: RatingsFilter): string {
  const query = new URLSearchParams();
  if (filter.procedure) query.set("procedure", filter.procedure);
  if (filter.from) query.set("from", filter.from);
  if (filter.to) query.set("to", filter.to);
  if (filter.ward) query.set("phuong", filter.ward);
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** 2026-11 → 11/2026. */
export function displayMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

function summaryCells(r: SummaryRow): Html {
  return html`<td class="num">${count(r.count)}</td><td class="num">${percentSatisfied(r)}%</td><td class="num">${r.late}</td><td class="num">${r.repeatVisits}</td><td class="num">${r.poorAttitude}</td><td class="num">${r.comments}</td>`;
}
const SUMMARY_HEAD = html`<th class="num">Lượt</th><th class="num">Hài lòng</th><th class="num">Trễ hẹn</th><th class="num">Đi lại ≥ 2 lần</th><th class="num">Thái độ chưa tốt</th><th class="num">Góp ý</th>`;

export function ratingsPage(
  frame: PageFrame,
  ratings: readonly Rating[] | undefined,
  filter: RatingsFilter,
  nameOf: (code: string) => string,
  timeZone: string,
  wardChoice?: WardChoice,
): Html {
  if (!ratings) {
    return page(frame, html`<section><p>Chưa có thư mục dữ liệu (DATA_DIR): không có đánh giá để xem.</p></section>`);
  }
  const rows = summarize(ratings, { from: filter.from, to: filter.to });
  const selected = filter.procedure || ALL;
  const byMonth = rows.filter((r) => r.month !== ALL && r.procedureCode === selected);
  const byProcedure = rows.filter((r) => r.month === ALL && r.procedureCode !== ALL).sort((a, b) => b.count - a.count);
  const overall = rows.find((r) => r.month === ALL && r.procedureCode === ALL);
  const codes = [...new Set(ratings.map((r) => r.procedureCode))].sort();
  const inRange = (r: Rating) => (!filter.from || r.month >= filter.from) && (!filter.to || r.month <= filter.to);
  const comments = ratings
    .filter((r) => r.comment && inRange(r) && (!filter.procedure || r.procedureCode === filter.procedure))
    .sort((a, b) => b.at - a.at)
    .slice(0, 200);
  const scope = filter.procedure ? nameOf(filter.procedure) : "tất cả thủ tục";
  const chartTitle = `Tỷ lệ hài lòng theo tháng — ${scope}`;
  return page(
    frame,
    html`<section><form class="filters" method="get" action="/staff/ratings">
  <div><label for="procedure">Thủ tục</label><select id="procedure" name="procedure"><option value="">Tất cả thủ tục</option>
  ${codes.map((c) => html`<option value="${c}"${c === filter.procedure ? html` selected` : ""}>${c} — ${nameOf(c)}</option>`)}
  </select></div>
  ${wardChoice ? wardSelect(wardChoice, filter.ward) : ""}
  <div><label for="from">Từ tháng</label><input type="month" id="from" name="from" value="${filter.from ?? ""}"></div>
  <div><label for="to">Đến tháng</label><input type="month" id="to" name="to" value="${filter.to ?? ""}"></div>
  <div><button type="submit">Xem</button></div>
</form>
<p class="muted">Tổng: ${count(overall?.count ?? 0)} lượt đánh giá, ${overall ? percentSatisfied(overall) : 0}% hài lòng (Rất hài lòng và Hài lòng, theo QĐ 766/QĐ-TTg).</p>
<p><a href="/staff/ratings.xlsx${filterQuery(filter)}" download>Tải báo cáo Excel (.xlsx)</a> <span class="muted">— trang tổng hợp theo tháng và thủ tục, trang góp ý; cùng bộ lọc tháng đang chọn.</span></p></section>
<section><h2>${chartTitle}</h2>
<div class="scroll">${satisfactionChart(
      chartTitle,
      byMonth.map((r) => ({ label: displayMonth(r.month), percent: percentSatisfied(r), count: r.count })),
    )}</div>
${
  byMonth.length > 0
    ? html`<div class="scroll"><table><caption class="muted">Số liệu của biểu đồ</caption><thead><tr><th>Tháng</th>${SUMMARY_HEAD}</tr></thead><tbody>
${byMonth.map((r) => html`<tr><td>${displayMonth(r.month)}</td>${summaryCells(r)}</tr>`)}</tbody></table></div>`
    : ""
}
</section>
<section><h2>Theo thủ tục</h2>
${
  byProcedure.length === 0
    ? html`<p class="muted">Chưa có đánh giá trong khoảng này.</p>`
    : html`<div class="scroll"><table><thead><tr><th>Thủ tục</th>${SUMMARY_HEAD}</tr></thead><tbody>
${byProcedure.map((r) => html`<tr><td><a href="/staff/ratings?procedure=${encodeURIComponent(r.procedureCode)}">${nameOf(r.procedureCode)}</a><div class="muted">${r.procedureCode}</div></td>${summaryCells(r)}</tr>`)}
</tbody></table></div>`
}
</section>
<section><h2>Góp ý của người dân (${count(comments.length)})</h2>
${
  comments.length === 0
    ? html`<p class="muted">Chưa có góp ý.</p>`
    : html`<div class="scroll"><table class="stack"><thead><tr><th>Ngày</th><th>Thủ tục</th><th>Mức</th><th>Góp ý</th></tr></thead><tbody>
${comments.map((r) => html`<tr><td class="num">${displayDate(localTime(r.at, timeZone).date)}</td><td data-label="Thủ tục">${nameOf(r.procedureCode)}</td><td data-label="Mức">${LEVEL_LABELS[r.level]}</td><td class="wide"><blockquote>${r.comment}</blockquote></td></tr>`)}
</tbody></table></div>`
}
</section>`,
  );
}

/** The "Phường, xã" filter of the province administrator's pages. */
export function wardSelect(choice: WardChoice, selected: string | undefined): Html {
  return html`<div><label for="phuong">Phường, xã</label><select id="phuong" name="phuong"><option value="">Tất cả phường, xã</option>
  ${choice.wards.map((w) => html`<option value="${w.id}"${w.id === selected ? html` selected` : ""}>${w.name}</option>`)}
  </select></div>`;
}

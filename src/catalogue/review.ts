import { PROVINCE_OVERLAY_FILE, type ProvinceData, WARDS_DIR } from "./province.js";
import type { OverlayFile, Procedure } from "./schema.js";

/** A record is re-checked at least this often, and before a text it rests on stops applying. */
export const REVIEW_AFTER_DAYS = 180;
export const EXPIRY_WARNING_DAYS = 90;

export interface ReviewDue {
  code: string;
  name: string;
  /** Each reason in Vietnamese for staff, e.g. "kiểm tra lần cuối 2026-01-10 (325 ngày trước)". */
  reasons: string[];
  /** The earliest date by which it must be re-checked (YYYY-MM-DD), for sorting. */
  dueBy: string;
}

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Records due for a re-check on `today` (YYYY-MM-DD): not checked for REVIEW_AFTER_DAYS, or resting
 * on a legal basis that stops applying within EXPIRY_WARNING_DAYS (or already has). Soonest first.
 */
export function recordsDueForReview(procedures: readonly Procedure[], today: string): ReviewDue[] {
  const now = dayNumber(today);
  const due: ReviewDue[] = [];
  for (const p of procedures) {
    const reasons: string[] = [];
    const dueDays: number[] = [];
    const checked = dayNumber(p.lastChecked);
    if (now - checked >= REVIEW_AFTER_DAYS) {
      reasons.push(`kiểm tra lần cuối ${p.lastChecked} (${now - checked} ngày trước)`);
      dueDays.push(checked + REVIEW_AFTER_DAYS);
    }
    for (const basis of p.legalBasis) {
      if (!basis.expires) continue;
      const left = dayNumber(basis.expires) - now;
      if (left > EXPIRY_WARNING_DAYS) continue;
      reasons.push(
        left < 0
          ? `căn cứ "${basis.text}" đã hết hiệu lực từ ${basis.expires}`
          : `căn cứ "${basis.text}" hết hiệu lực ngày ${basis.expires} (còn ${left} ngày)`,
      );
      dueDays.push(dayNumber(basis.expires));
    }
    if (reasons.length > 0) {
      due.push({ code: p.code, name: p.name, reasons, dueBy: isoDay(Math.min(...dueDays) * DAY_MS) });
    }
  }
  return due.sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.code.localeCompare(b.code));
}

/** One line for logs and the staff console: how many are due and why. */
export function reviewSummary(due: readonly ReviewDue[], total: number): string {
  if (due.length === 0) return `Không có thủ tục nào cần rà soát lại (${total} thủ tục)`;
  const stale = due.filter((d) => d.reasons.some((r) => r.startsWith("kiểm tra lần cuối"))).length;
  const expiring = due.filter((d) => d.reasons.some((r) => r.startsWith("căn cứ"))).length;
  return `${due.length}/${total} thủ tục cần rà soát lại: ${stale} chưa kiểm tra trong ${REVIEW_AFTER_DAYS} ngày, ${expiring} có căn cứ pháp lý sắp hoặc đã hết hiệu lực — chạy npm run catalogue:review để xem danh sách`;
}

/**
 * The province's and wards' overlays due for a re-check, by the same rules: each change by its
 * own `lastChecked`, each local procedure as a record. The name says which file to open.
 */
export function overlaysDueForReview(province: ProvinceData | undefined, today: string): ReviewDue[] {
  if (!province) return [];
  const overlays: [string, OverlayFile][] = [
    [PROVINCE_OVERLAY_FILE, province.provinceOverlay],
    ...[...province.wardOverlays].map(([id, o]): [string, OverlayFile] => [`${WARDS_DIR}/${id}.overlay.json`, o]),
  ];
  const now = dayNumber(today);
  const due: ReviewDue[] = [];
  for (const [file, overlay] of overlays) {
    for (const change of overlay.changes) {
      const checked = dayNumber(change.lastChecked);
      if (now - checked < REVIEW_AFTER_DAYS) continue;
      due.push({
        code: change.code,
        name: `${file} (thay đổi | change)`,
        reasons: [`kiểm tra lần cuối ${change.lastChecked} (${now - checked} ngày trước)`],
        dueBy: isoDay((checked + REVIEW_AFTER_DAYS) * DAY_MS),
      });
    }
    for (const record of recordsDueForReview(overlay.procedures, today)) {
      due.push({ ...record, name: `${file}: ${record.name}` });
    }
  }
  return due.sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.code.localeCompare(b.code));
}

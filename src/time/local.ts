/** Wall-clock facts of an instant in the office's time zone. */
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// Every zone's offset is a multiple of 15 minutes, so offsets change and days begin only on
// 15-minute boundaries: one slow Intl call per 15-minute slot serves every instant inside it.
const SLOT_MS = 15 * 60_000;
const slots = new Map<string, LocalTime>();

export function localTime(ms: number, timeZone: string): LocalTime {
  const start = Math.floor(ms / SLOT_MS) * SLOT_MS;
  const id = `${timeZone}|${start}`;
  let slot = slots.get(id);
  if (!slot) {
    if (slots.size > 20_000) slots.clear();
    slot = computeLocalTime(start, timeZone);
    slots.set(id, slot);
  }
  return { ...slot, minutes: slot.minutes + Math.floor((ms - start) / 60_000) };
}

function computeLocalTime(ms: number, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
      hourCycle: "h23",
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(ms)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ""] ?? 1,
  };
}

/** Whole calendar days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 2025-11-03 → 03/11/2025, as dates are written in Vietnam. */
export function displayDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** HH:MM of an instant in the office's time zone. */
export function displayClock(ms: number, timeZone: string): string {
  const { minutes } = localTime(ms, timeZone);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

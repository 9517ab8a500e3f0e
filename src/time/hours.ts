import { localTime } from "./local.js";

/** "07:30-11:30,13:30-17:00" → minute ranges [start, end). */
export function parseRanges(text: string): [number, number][] {
  return text.split(",").map((range) => {
    const [from = "", to = ""] = range.split("-");
    return [minutes(from), minutes(to)];
  });
}

/** "1-5" or "1,2,3,4,5,6" → the set of ISO weekdays. */
export function parseWeekdays(text: string): Set<number> {
  const days = new Set<number>();
  for (const part of text.split(",")) {
    const [from, to = from] = part.split("-").map(Number);
    for (let d = from ?? 1; d <= (to ?? 0); d++) days.add(d);
  }
  return days;
}

function minutes(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

export interface OpeningRules {
  timeZone: string;
  ranges: [number, number][];
  /** Undefined: every day. */
  weekdays?: Set<number>;
  holidays?: Set<string>;
}

/** Whether an instant falls inside the rules: office hours on working days, or daytime for notices. */
export function isWithin(rules: OpeningRules, now: number): boolean {
  const local = localTime(now, rules.timeZone);
  if (rules.weekdays && !rules.weekdays.has(local.weekday)) return false;
  if (rules.holidays?.has(local.date)) return false;
  return rules.ranges.some(([from, to]) => local.minutes >= from && local.minutes < to);
}

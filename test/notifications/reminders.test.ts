import { describe, expect, it } from "vitest";
import { readyBefore } from "../../src/notifications/reminders.js";
import { daysBetween, localTime } from "../../src/time/local.js";
import { describeReminders } from "./reminder-cases.js";

describeReminders(async () => ({}));

describe("the bound on readiness the scan asks the store for", () => {
  const HOUR = 3_600_000;
  const age = (t: number, now: number, zone: string) => daysBetween(localTime(t, zone).date, localTime(now, zone).date);

  it("leaves out only results not yet due the first reminder day, and not many hours more than that", () => {
    // Seeded instants over 2025, in zones with summer time, half-hour shifts and a big offset.
    let seed = 0x5ca9;
    const draw = () => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return seed / 2 ** 32;
    };
    const zones = [
      "Asia/Ho_Chi_Minh",
      "Europe/Berlin",
      "America/New_York",
      "Australia/Lord_Howe",
      "Pacific/Kiritimati",
    ];
    const start = Date.UTC(2025, 0, 1);
    let checked = 0;
    for (const zone of zones) {
      for (let i = 0; i < 150; i++) {
        const now = start + Math.floor(draw() * 365 * 24 * HOUR);
        for (const days of [1, 2, 3, 7]) {
          const bound = readyBefore(now, zone, days);
          // Anything ready at the bound or later is not yet due: nothing due is left out.
          expect(age(bound, now, zone), `${zone} ${new Date(now).toISOString()} ${days}`).toBeLessThan(days);
          // Five hours earlier it is due: the store is spared all but a few hours' results.
          expect(
            age(bound - 5 * HOUR, now, zone),
            `${zone} ${new Date(now).toISOString()} ${days}`,
          ).toBeGreaterThanOrEqual(days);
          checked++;
        }
      }
    }
    expect(checked).toBe(zones.length * 150 * 4);
  });

  it("is today's local midnight plus three hours for a first reminder on day 1, in Vietnam", () => {
    const now = Date.parse("2025-11-04T09:17:42.5+07:00");
    expect(readyBefore(now, "Asia/Ho_Chi_Minh", 1)).toBe(Date.parse("2025-11-04T03:00:00+07:00"));
    expect(readyBefore(now, "Asia/Ho_Chi_Minh", 3)).toBe(Date.parse("2025-11-02T03:00:00+07:00"));
  });
});

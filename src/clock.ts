import { readFileSync, statSync } from "node:fs";

/**
 * The service's clock: the system's, or — for acceptance and fault tests only — a test clock
 * read from the file named by MOTCUA_FAKE_CLOCK_FILE. Nothing in production sets that variable;
 * unset (the default), `now` is Date.now and nothing here runs.
 *
 * The file holds one instant, as ISO 8601 ("2025-11-03T07:45:00+07:00") or epoch milliseconds.
 * The clock stands still at that instant until the test writes another one (write a temp file
 * and rename it over, so a half-written file is never read; an unreadable one keeps the last
 * good time). Every call stats the file (a few microseconds) and re-reads it only when it
 * changed, so a new time is seen by the very next call. The scheduled jobs follow it too
 * (src/schedule.ts).
 */
export interface Clock {
  now(): number;
  /** Set only for the test clock: the file it follows. */
  readonly file?: string;
}

export const systemClock: Clock = { now: Date.now };

/** The system clock, or the test clock when `file` is given. */
export function createClock(file: string | undefined): Clock {
  return file ? fileClock(file) : systemClock;
}

function fileClock(file: string): Clock {
  let stamp = "";
  let time = readInstant(file);
  if (time === undefined) throw new Error(`MOTCUA_FAKE_CLOCK_FILE: ${file} does not hold a time`);
  return {
    file,
    now() {
      try {
        const s = statSync(file, { bigint: true });
        const next = `${s.ino}|${s.mtimeNs}|${s.size}`;
        if (next !== stamp) {
          stamp = next;
          time = readInstant(file) ?? time;
        }
      } catch {
        // Briefly missing while the test renames a new one in: keep the last time.
      }
      return time as number;
    },
  };
}

function readInstant(file: string): number | undefined {
  try {
    const text = readFileSync(file, "utf8").trim();
    const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    return Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}

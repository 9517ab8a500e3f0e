import { readFileSync, statSync } from "node:fs";
import { errorSummary, type Logger } from "./logger.js";

/**
 * The service's clock: the system's, or — for acceptance and fault tests only — a test clock
 * read from the file named by MOTCUA_FAKE_CLOCK_FILE. Nothing in production sets that variable;
 * unset (the default), `now` is Date.now and nothing here runs.
 *
 * The file holds one instant, as ISO 8601 ("2025-11-03T07:45:00+07:00") or epoch milliseconds.
 * The clock stands still at that instant until the test writes another one (write a temp file
 * and rename it over, so a half-written file is never read; an unreadable one keeps the last
 * good time). Every call stats the file (a few microseconds) and re-reads it only when it
 * changed, so a new time is seen by the very next call.
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

/** A job the production timers run: node-cron's reminder scan, the outbox's setInterval. */
export interface ClockJob {
  name: string;
  /** Which period an instant falls in; the job runs once whenever the clock enters a new one. */
  period(now: number): string | number;
  run(): Promise<unknown>;
  /** Also run in the period the service starts in (the outbox is flushed at start; cron is not). */
  atStart?: boolean;
}

export interface ClockTimers {
  stop(): Promise<void>;
  /** For /healthz: the test clock, and the time up to which every job has run. */
  state(): { now: string; settled?: string };
}

/**
 * Test clock only. node-cron and setInterval follow the real clock, which stands for nothing
 * while a test moves time by days in seconds; so with the test clock on, the service does not
 * start them (startDossiers `timers: false`) and runs the same jobs from here instead, whenever
 * the test clock enters a new period of the job (the reminder scan at each 10-minute mark, the
 * outbox flush every 30 s of test time). The clock is looked at every `pollMs` of real time;
 * jobs run one after another, never overlapping. `settled` is the clock's time once every job
 * due by then has finished, which tests wait for (GET /healthz) before checking what was sent.
 */
export function runJobsOnClock(clock: Clock, jobs: ClockJob[], logger: Logger, pollMs = 20): ClockTimers {
  const start = clock.now();
  const last = new Map(jobs.map((j) => [j.name, j.atStart ? undefined : j.period(start)]));
  let settled: number | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = async () => {
    for (let rounds = 0; rounds < 100 && !stopped; rounds++) {
      const now = clock.now();
      for (const job of jobs) {
        const period = job.period(now);
        if (last.get(job.name) === period) continue;
        last.set(job.name, period);
        await job.run().catch((err: unknown) => logger.error({ err: errorSummary(err) }, `${job.name} failed`));
      }
      // Moved again while the jobs ran: catch up before calling this time settled.
      if (clock.now() === now) {
        settled = now;
        return;
      }
    }
  };
  const timer = setInterval(() => {
    running ??= tick().finally(() => {
      running = undefined;
    });
  }, pollMs);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    state: () => ({
      now: new Date(clock.now()).toISOString(),
      ...(settled === undefined ? {} : { settled: new Date(settled).toISOString() }),
    }),
  };
}

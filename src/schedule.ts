import { Cron } from "croner";
import cron from "node-cron";
import type { Clock } from "./clock.js";
import { errorSummary, type Logger } from "./logger.js";
import { InFlight } from "./util/in-flight.js";

/**
 * One job of the service's schedule. The list below is the one schedule: node-cron runs it on the
 * real clock in production; with the test clock (MOTCUA_FAKE_CLOCK_FILE) the same list runs
 * whenever the test clock passes one of the job's cron times (croner computes the next time from
 * the same expression: node-cron only fires on the real clock). No period is written twice.
 */
export interface Job {
  name: string;
  /** Cron expression in the office's time zone (TIMEZONE); a sixth, leading field counts seconds. */
  cron: string;
  run(): Promise<unknown>;
  /** Also run once when the schedule starts (what waited in the outbox goes out without waiting a period). */
  atStart?: boolean;
}

export interface ScheduledWork {
  /** Queues due pickup reminders (and the dossiers' daily upkeep); the scan keeps to office hours itself. */
  remindPendingPickups(): Promise<unknown>;
  flushOutbox(): Promise<unknown>;
}

/** The jobs of the service. */
export function serviceJobs(work: ScheduledWork): Job[] {
  return [
    {
      name: "pickup reminder scan",
      cron: "*/10 * * * *",
      run: async () => {
        await work.remindPendingPickups();
        await work.flushOutbox();
      },
    },
    // Retries and messages queued by a chat (a rating after handover) go out within 30 s.
    { name: "outbox flush", cron: "*/30 * * * * *", run: work.flushOutbox, atStart: true },
  ];
}

/** Records due for a re-check (src/catalogue/review.ts), logged at start and every morning. */
export function catalogueReviewJob(review: () => Promise<unknown>): Job {
  return { name: "catalogue review", cron: "0 7 * * *", run: review, atStart: true };
}

export interface RunningSchedule {
  /** Stops the timers and waits for jobs still running. */
  stop(): Promise<void>;
  /** Only with the test clock: its time and the time up to which every due job has run (for /healthz). */
  state?(): { now: string; settled?: string };
}

export interface ScheduleOptions {
  timeZone: string;
  logger: Logger;
  /** The test clock (a Clock with a file) runs the jobs on its own time; any other clock: node-cron's timers. */
  clock: Clock;
  /** Test clock only: how often (real ms) its time is looked at. */
  pollMs?: number;
}

/** Starts the jobs; a job's failure is logged and the schedule goes on. Runs of one job never overlap. */
export function startSchedule(jobs: readonly Job[], options: ScheduleOptions): RunningSchedule {
  return options.clock.file ? runOnTestClock(jobs, options) : runOnTimers(jobs, options);
}

const guarded = (job: Job, logger: Logger) => () =>
  job.run().catch((err: unknown) => logger.error({ err: errorSummary(err) }, `${job.name} failed`));

function runOnTimers(jobs: readonly Job[], { timeZone, logger }: ScheduleOptions): RunningSchedule {
  const running = new InFlight();
  const timers = jobs.map((job) =>
    // noOverlap: a run still going when the next is due is skipped; unref: timers never hold the process open.
    cron.schedule(
      job.cron,
      async () => {
        await running.track(guarded(job, logger)());
      },
      { name: job.name, timezone: timeZone, noOverlap: true, unref: true, suppressMissedWarning: true },
    ),
  );
  for (const job of jobs) if (job.atStart) void running.track(guarded(job, logger)());
  return {
    async stop() {
      await Promise.all(timers.map((timer) => timer.destroy?.() ?? timer.stop()));
      await running.drain();
    },
  };
}

/**
 * Test clock only. Timers follow the real clock, which stands for nothing while a test moves
 * time by days in seconds; so the test clock is looked at every `pollMs` of real time, and each
 * job runs once whenever the clock has reached its next cron time (computed by croner in the
 * office's zone, as in production). Jobs run one after another, never overlapping. `settled`
 * is the clock's time once every job due by then has finished, which tests wait for (GET
 * /healthz) before checking what was sent.
 */
function runOnTestClock(
  jobs: readonly Job[],
  { clock, timeZone, logger, pollMs = 20 }: ScheduleOptions,
): RunningSchedule {
  const start = clock.now();
  const plans = jobs.map((job) => {
    const cron = new Cron(job.cron, { timezone: timeZone, paused: true });
    const nextAfter = (t: number) => cron.nextRun(new Date(t))?.getTime() ?? Number.POSITIVE_INFINITY;
    return { job, nextAfter, next: job.atStart ? start : nextAfter(start) };
  });
  let settled: number | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = async () => {
    for (let rounds = 0; rounds < 100 && !stopped; rounds++) {
      const now = clock.now();
      for (const plan of plans) {
        if (now < plan.next) continue;
        plan.next = plan.nextAfter(now);
        await guarded(plan.job, logger)();
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

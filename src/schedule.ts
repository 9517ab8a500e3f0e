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

/** How a tick of a job ended, with several replicas (see JobTicks). */
export type TickOutcome = "ran" | "done" | "stopped";

/**
 * Replicas sharing one database run each job's tick once between them (src/replicas/jobs.ts).
 * A tick is named by its slot: the job's cron time it stands for, in epoch ms, the same in every
 * replica. Without it (no DATABASE_URL, one process), every tick simply runs here.
 */
export interface JobTicks {
  /**
   * Runs `work` as `job`'s tick of `slot` unless some replica has done that tick (or a later one);
   * while another runs it, waits for that one to finish ("done") or die (then runs it here).
   * "stopped": `stopping` aborted the wait.
   */
  once(job: string, slot: number, work: () => Promise<unknown>, stopping: AbortSignal): Promise<TickOutcome>;
}

/** The cron time a tick at `time` stands for: the latest of `cron`'s times at or before it. */
export function tickSlot(cron: Cron, time: number): number {
  // previousRuns looks strictly before its reference: 1 ms later includes a tick exactly at `time`.
  return cron.previousRuns(1, new Date(time + 1))[0]?.getTime() ?? time;
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
  /** With several replicas: each tick runs on one of them. The runs at start stay each replica's own. */
  ticks?: JobTicks;
}

/** Starts the jobs; a job's failure is logged and the schedule goes on. Runs of one job never overlap. */
export function startSchedule(jobs: readonly Job[], options: ScheduleOptions): RunningSchedule {
  return options.clock.file ? runOnTestClock(jobs, options) : runOnTimers(jobs, options);
}

const guarded = (job: Job, logger: Logger) => () =>
  job.run().catch((err: unknown) => logger.error({ err: errorSummary(err) }, `${job.name} failed`));

/**
 * The tick of `job` at `slot`: run here, or (with `ticks`) on whichever replica claims it. Logged
 * and never thrown, like a job's own failure: the schedule goes on.
 */
function tick(job: Job, slot: number, options: ScheduleOptions, stopping: AbortSignal): Promise<unknown> {
  const { ticks, logger } = options;
  if (!ticks) return guarded(job, logger)();
  return ticks
    .once(job.name, slot, () => job.run(), stopping)
    .catch((err: unknown) => logger.error({ err: errorSummary(err) }, `${job.name} failed`));
}

function runOnTimers(jobs: readonly Job[], options: ScheduleOptions): RunningSchedule {
  const { timeZone, logger } = options;
  const running = new InFlight();
  const stopping = new AbortController();
  const timers = jobs.map((job) => {
    const slots = new Cron(job.cron, { timezone: timeZone, paused: true });
    // noOverlap: a run still going when the next is due is skipped; unref: timers never hold the process open.
    return cron.schedule(
      job.cron,
      async (context) => {
        // node-cron's context.date is the cron time it fires for; the slot is the same in every replica.
        await running.track(tick(job, tickSlot(slots, context.date.getTime()), options, stopping.signal));
      },
      { name: job.name, timezone: timeZone, noOverlap: true, unref: true, suppressMissedWarning: true },
    );
  });
  for (const job of jobs) if (job.atStart) void running.track(guarded(job, logger)());
  return {
    async stop() {
      stopping.abort();
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
function runOnTestClock(jobs: readonly Job[], options: ScheduleOptions): RunningSchedule {
  const { clock, timeZone, logger, pollMs = 20 } = options;
  const start = clock.now();
  const plans = jobs.map((job) => {
    const cron = new Cron(job.cron, { timezone: timeZone, paused: true });
    const nextAfter = (t: number) => cron.nextRun(new Date(t))?.getTime() ?? Number.POSITIVE_INFINITY;
    return { job, cron, nextAfter, next: job.atStart ? start : nextAfter(start), atStart: job.atStart === true };
  });
  let settled: number | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const stopping = new AbortController();

  const runDue = async () => {
    for (let rounds = 0; rounds < 100 && !stopped; rounds++) {
      const now = clock.now();
      for (const plan of plans) {
        if (now < plan.next) continue;
        plan.next = plan.nextAfter(now);
        // The run at start is this replica's own (what waited while it was down); later ones are ticks.
        if (plan.atStart) {
          plan.atStart = false;
          await guarded(plan.job, logger)();
        } else {
          // A clock that jumped past several cron times runs the job once, for the latest of them.
          await tick(plan.job, tickSlot(plan.cron, now), options, stopping.signal);
        }
      }
      // Moved again while the jobs ran: catch up before calling this time settled.
      if (clock.now() === now) {
        settled = now;
        return;
      }
    }
  };
  const timer = setInterval(() => {
    running ??= runDue().finally(() => {
      running = undefined;
    });
  }, pollMs);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      stopping.abort();
      clearInterval(timer);
      await running;
    },
    state: () => ({
      now: new Date(clock.now()).toISOString(),
      ...(settled === undefined ? {} : { settled: new Date(settled).toISOString() }),
    }),
  };
}

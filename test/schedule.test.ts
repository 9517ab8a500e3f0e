import { rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { Cron } from "croner";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClock, systemClock } from "../src/clock.js";
import {
  type Job,
  type JobTicks,
  type RunningSchedule,
  serviceJobs,
  startSchedule,
  tickSlot,
} from "../src/schedule.js";
import { captureLogs, tempDir } from "./harness/common.js";

const TIME_ZONE = "Asia/Ho_Chi_Minh";
/** "2025-11-03 07:45:00" in Vietnam (UTC+7) → epoch ms. */
const at = (local: string) => Date.parse(`${local.replace(" ", "T")}+07:00`);

let dir: string;
let cleanup: () => Promise<void>;
let schedule: RunningSchedule | undefined;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("motcua-schedule-"));
});
afterEach(async () => {
  await schedule?.stop();
  schedule = undefined;
  await cleanup();
});

/** The service's jobs, each counting its runs instead of scanning and sending. */
function countingJobs() {
  const runs: string[] = [];
  const jobs = serviceJobs({
    remindPendingPickups: async () => void runs.push("scan"),
    flushOutbox: async () => void runs.push("flush"),
  });
  return { jobs, runs };
}

describe("the service's schedule", () => {
  it("scans for reminders every 10 minutes (then flushes) and flushes the outbox every 30 s and at start", async () => {
    const { jobs, runs } = countingJobs();
    expect(jobs.map((j) => [j.name, j.cron, j.atStart ?? false])).toEqual([
      ["pickup reminder scan", "*/10 * * * *", false],
      ["outbox flush", "*/30 * * * * *", true],
    ]);
    await jobs[0]?.run();
    expect(runs).toEqual(["scan", "flush"]);
  });
});

describe("on the test clock", () => {
  let file: string;
  const setClock = async (local: string) => {
    // As the acceptance harness does: a new file renamed over the old, never half-written.
    await writeFile(`${file}.tmp`, String(at(local)));
    await rename(`${file}.tmp`, file);
  };
  /** Waits until every job due at `local` has run (what tests read from /healthz). */
  const settledAt = (local: string) =>
    vi.waitFor(() => expect(schedule?.state?.().settled).toBe(new Date(at(local)).toISOString()), {
      timeout: 10_000,
      interval: 5,
    });

  beforeEach(async () => {
    file = path.join(dir, "clock");
    await setClock("2025-11-03 07:45:00");
  });

  it("runs the same list: each job once when the clock reaches its next cron time, in the office's zone", async () => {
    const { jobs, runs } = countingJobs();
    schedule = startSchedule(jobs, {
      clock: createClock(file),
      timeZone: TIME_ZONE,
      logger: captureLogs().logger,
      pollMs: 2,
    });
    await settledAt("2025-11-03 07:45:00");
    expect(runs).toEqual(["flush"]); // the outbox at start; the scan waits for 07:50

    await setClock("2025-11-03 07:45:29");
    await settledAt("2025-11-03 07:45:29");
    expect(runs).toEqual(["flush"]);

    await setClock("2025-11-03 07:45:30");
    await settledAt("2025-11-03 07:45:30");
    expect(runs).toEqual(["flush", "flush"]);

    runs.length = 0;
    await setClock("2025-11-03 07:50:00");
    await settledAt("2025-11-03 07:50:00");
    expect(runs.filter((r) => r === "scan")).toHaveLength(1);

    // Three days later: one run, not one per missed period (as a process that was down).
    runs.length = 0;
    await setClock("2025-11-06 09:03:00");
    await settledAt("2025-11-06 09:03:00");
    expect(runs.filter((r) => r === "scan")).toHaveLength(1);
  });

  it("logs a failing job under err and goes on with the others", async () => {
    const { logger, lines } = captureLogs();
    const ran: string[] = [];
    const jobs: Job[] = [
      { name: "broken", cron: "*/10 * * * *", run: () => Promise.reject(new Error("disk full")), atStart: true },
      { name: "fine", cron: "*/10 * * * *", run: async () => void ran.push("fine"), atStart: true },
    ];
    schedule = startSchedule(jobs, { clock: createClock(file), timeZone: TIME_ZONE, logger, pollMs: 2 });
    await settledAt("2025-11-03 07:45:00");
    expect(ran).toEqual(["fine"]);
    const failure = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "broken failed");
    expect(failure?.err).toMatchObject({ message: "disk full" });
  });

  it("with several replicas, hands each tick to JobTicks under its cron time; the run at start stays local", async () => {
    const { jobs, runs } = countingJobs();
    const claimed: string[] = [];
    const ticks: JobTicks = {
      async once(job, slot, work) {
        claimed.push(`${job} @ ${new Date(slot).toISOString()}`);
        // Every other tick "ran on another replica": not run here.
        if (claimed.length % 2 === 0) return "done";
        await work();
        return "ran";
      },
    };
    schedule = startSchedule(jobs, {
      clock: createClock(file),
      timeZone: TIME_ZONE,
      logger: captureLogs().logger,
      pollMs: 2,
      ticks,
    });
    await settledAt("2025-11-03 07:45:00");
    expect(claimed).toEqual([]); // the outbox at start: this replica's own
    expect(runs).toEqual(["flush"]);
    // 07:59:45 passes 07:50 and many 30-s flush times: each job once, named by its latest cron time.
    await setClock("2025-11-03 07:59:45");
    await settledAt("2025-11-03 07:59:45");
    expect(claimed).toEqual([
      `pickup reminder scan @ ${new Date(at("2025-11-03 07:50:00")).toISOString()}`,
      `outbox flush @ ${new Date(at("2025-11-03 07:59:30")).toISOString()}`,
    ]);
    expect(runs).toEqual(["flush", "scan", "flush"]); // the scan (and its flush) ran here; that flush tick elsewhere
  });
});

describe("tickSlot", () => {
  it("is the latest cron time at or before the moment, the same for any replica's moment within the tick", () => {
    const cron = new Cron("*/10 * * * *", { timezone: TIME_ZONE, paused: true });
    const slot = at("2025-11-03 08:10:00");
    expect(tickSlot(cron, slot)).toBe(slot);
    expect(tickSlot(cron, slot + 4_321)).toBe(slot);
    expect(tickSlot(cron, slot - 1)).toBe(at("2025-11-03 08:00:00"));
  });
});

describe("on the real clock", () => {
  it("runs the start jobs at once, and stop() waits for a job still running", async () => {
    let finish = () => {};
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const events: string[] = [];
    const jobs: Job[] = [
      {
        name: "slow flush",
        cron: "0 0 1 1 *", // once a year: only the start run happens during the test
        atStart: true,
        run: async () => {
          events.push("started");
          await gate;
          events.push("finished");
        },
      },
    ];
    const running = startSchedule(jobs, { clock: systemClock, timeZone: TIME_ZONE, logger: captureLogs().logger });
    expect(events).toEqual(["started"]);
    expect(running.state).toBeUndefined(); // no test clock, nothing for /healthz
    const stopped = running.stop().then(() => events.push("stopped"));
    finish();
    await stopped;
    expect(events).toEqual(["started", "finished", "stopped"]);
  });

  it("node-cron fires a job on its cron expression (here every second, in the office's zone)", async () => {
    let runs = 0;
    const running = startSchedule([{ name: "tick", cron: "* * * * * *", run: async () => void runs++ }], {
      clock: systemClock,
      timeZone: TIME_ZONE,
      logger: captureLogs().logger,
    });
    // The test timeout bounds the wait; nothing here measures time.
    while (runs < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    await running.stop();
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(runs).toBe(after); // stopped means stopped
  });
});

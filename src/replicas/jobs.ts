import { setTimeout as sleep } from "node:timers/promises";
import type { JobTicks, TickOutcome } from "../schedule.js";
import { checkOut, lockId, type Pool } from "../storage/postgres/database.js";

export interface JobTickOptions {
  /** This replica's name, recorded with each tick it runs (for people reading job_runs). */
  replica: string;
  /** How often a replica waiting for another's run looks again (real ms). */
  waitMs?: number;
  /** Ticks older than this are pruned from job_runs. */
  keepMs?: number;
}

/**
 * Each job tick once across replicas sharing one database. A tick is a job's cron time (its
 * `slot`, the same in every replica). The replica that runs it:
 *
 *   BEGIN; pg_try_advisory_xact_lock(job)   -- one replica at a time per job
 *   INSERT INTO job_runs (job, slot) … ON CONFLICT DO NOTHING   -- none: done already
 *   (the job's work, on other connections)
 *   COMMIT                                   -- the row and the lock go together
 *
 * The others wait for the lock (looking again every `waitMs`, so a stopping replica can give
 * up), then find the row and skip. A replica that dies mid-run (SIGKILL, lost connection) has
 * its transaction rolled back by PostgreSQL: the lock is free and the row was never there, so
 * a waiting replica runs the tick. A tick is thus never skipped while one replica lives, and
 * run twice only when the runner died after its work and before COMMIT (the jobs are scans of
 * what is due, and the outbox's sends are recorded one by one: a second run finds nothing new).
 * A row for a later slot also counts: a replica whose clock lags does not redo an older tick.
 */
export class PostgresJobTicks implements JobTicks {
  private readonly waitMs: number;
  private readonly keepMs: number;

  constructor(
    private readonly pool: Pool,
    private readonly options: JobTickOptions,
  ) {
    this.waitMs = options.waitMs ?? 200;
    this.keepMs = options.keepMs ?? 2 * 86_400_000;
  }

  async once(job: string, slot: number, work: () => Promise<unknown>, stopping: AbortSignal): Promise<TickOutcome> {
    const { client, release } = await checkOut(this.pool);
    let clean = false;
    try {
      await client.query("BEGIN");
      const key = lockId(`motcua-bot job ${job}`);
      for (;;) {
        const { rows } = await client.query<{ got: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS got", [key]);
        if (rows[0]?.got) break;
        if (stopping.aborted) {
          await client.query("ROLLBACK");
          clean = true;
          return "stopped";
        }
        await sleep(this.waitMs, undefined, { signal: stopping }).catch(() => undefined);
      }
      const later = await client.query("SELECT 1 FROM job_runs WHERE job = $1 AND slot >= $2 LIMIT 1", [job, slot]);
      if ((later.rowCount ?? 0) > 0) {
        await client.query("COMMIT");
        clean = true;
        return "done";
      }
      await client.query(
        "INSERT INTO job_runs (job, slot, replica) VALUES ($1, $2, $3) ON CONFLICT (job, slot) DO NOTHING",
        [job, slot, this.options.replica],
      );
      try {
        await work();
      } catch (err) {
        // Not done: no row, so the next tick (here or on another replica) does the work.
        await client.query("ROLLBACK");
        clean = true;
        throw err;
      }
      await client.query("DELETE FROM job_runs WHERE job = $1 AND slot < $2", [job, slot - this.keepMs]);
      await client.query("COMMIT");
      clean = true;
      return "ran";
    } finally {
      // A connection whose transaction did not end cleanly still holds the lock: closed, not pooled.
      release(!clean);
    }
  }
}

import type { Queryable } from "../storage/postgres/database.js";

/**
 * The tables replicas coordinate through. Created here (IF NOT EXISTS, idempotent, safe when
 * replicas start together) until they get their numbered migration in
 * src/storage/postgres/migrations/ (asked of REPLICA-STORE, who owns that folder).
 *
 * - job_runs: one row per scheduled job tick done (job name, the tick's cron time in epoch ms);
 *   written in the transaction that holds the job's advisory lock, so it exists only once the
 *   tick's work has finished. Old rows are pruned as ticks go by.
 * - leader_leases: who polls Telegram and Zalo (the lease's holder) and until when (the
 *   database's clock, so replicas' clocks need not agree).
 * - handled_updates: webhook updates already answered, by channel-scoped key, so an update
 *   delivered again to another replica (the load balancer picks any) is not answered twice.
 */
export const REPLICA_TABLES = `
CREATE TABLE IF NOT EXISTS job_runs (
  job         text NOT NULL,
  slot        bigint NOT NULL,
  replica     text NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job, slot)
);
CREATE TABLE IF NOT EXISTS leader_leases (
  name       text PRIMARY KEY,
  holder     text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS handled_updates (
  update_key text PRIMARY KEY,
  handled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS handled_updates_at ON handled_updates (handled_at);
`;

/** Creates the tables when missing; concurrent calls from replicas starting together take turns. */
export async function ensureReplicaTables(db: Queryable): Promise<void> {
  // CREATE TABLE IF NOT EXISTS is not safe against itself run concurrently (a unique violation on
  // pg_type); a transaction-scoped advisory lock makes starting replicas take turns. One string of
  // statements without BEGIN is one implicit transaction: a failure leaves the connection clean.
  await db.query(`SELECT pg_advisory_xact_lock(${REPLICA_SCHEMA_LOCK}); ${REPLICA_TABLES}`);
}

/** Any constant: the id of the lock above (the same in every replica). */
const REPLICA_SCHEMA_LOCK = 0x6d6f7463;

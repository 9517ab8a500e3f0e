-- What several replicas on one database coordinate through (src/replicas, issue 14 item 3),
-- and the Zalo updates taken and not answered yet, shared so that another replica answers them.
-- The first three tables were created at start by src/replicas/schema.ts before they had this
-- migration: IF NOT EXISTS, so a database that has them already is brought to version 6 as it is.

-- One row per scheduled job tick done (job name, the tick's cron time in epoch ms); written in
-- the transaction that holds the job's advisory lock, so it exists only once the tick's work has
-- finished. Old rows are pruned as ticks go by.
CREATE TABLE IF NOT EXISTS job_runs (
  job         text NOT NULL,
  slot        bigint NOT NULL,
  replica     text NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job, slot)
);

-- Who polls Telegram and Zalo (the lease's holder) and until when (the database's clock, so the
-- replicas' clocks need not agree on it).
CREATE TABLE IF NOT EXISTS leader_leases (
  name       text PRIMARY KEY,
  holder     text NOT NULL,
  expires_at timestamptz NOT NULL
);

-- Updates already answered, by channel-scoped key ('zalo:<event>:<message id>'), so an update
-- delivered again to another replica (a webhook retry, a poll taken over) is not answered twice.
-- Pruned a day after.
CREATE TABLE IF NOT EXISTS handled_updates (
  update_key text PRIMARY KEY,
  handled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS handled_updates_at ON handled_updates (handled_at);

-- Zalo updates taken (by the polling leader, or by the replica a webhook reached) and not answered
-- yet: what the file zalo-inbox.log in DATA_DIR holds without a database (src/channels/zalo/inbox.ts).
-- A row lives from the update being taken until its answer went out; the replica working on it
-- holds its claim (claimed_by, claimed_until, renewed while it lives). A replica that dies leaves
-- its claims to expire; another claims the row (FOR UPDATE SKIP LOCKED, one claimant) and answers
-- it, resending a stored answer from the first message Zalo did not accept. `update` holds only
-- what answering needs (ids, date, text), never the sender's name. Times are epoch ms of real time
-- (Zalo's message dates are), so the replicas' clocks must agree (NTP), as for the outbox.
CREATE TABLE IF NOT EXISTS zalo_inbox (
  update_key    text PRIMARY KEY,
  "update"      jsonb NOT NULL,
  -- the message's date, or when it was taken when it has none: REPLAY_MAX_AGE_MS counts from it
  dated_at      bigint NOT NULL,
  taken_at      bigint NOT NULL,
  -- the answer once worked out, and how many of its messages Zalo accepted
  replies       jsonb,
  sent_parts    integer NOT NULL DEFAULT 0,
  -- replicas that took it before and stopped before answering it (given up at 3)
  tries         integer NOT NULL DEFAULT 0,
  claimed_by    text NOT NULL,
  claimed_until bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS zalo_inbox_claims ON zalo_inbox (claimed_until);

-- Câu mẫu (staff labels, examples.json) saved or deleted through the staff console of any replica,
-- so that every replica applies them to its own catalogue folder, also one that was not listening
-- when the change was made (restarting, a bot-only replica, the database away): src/staff/examples-sync.ts.
-- One row per text (sameTextKey: NFC, trimmed, lower case, spaces collapsed), its latest change:
-- `change` is {"kind":"add","example":{…}} (the label as written, who and when included) or
-- {"kind":"remove","text":"…"} (kept, so a copy that still holds the label drops it).
-- `seq` comes from example_changes_seq at each change; writers take the table's EXCLUSIVE lock for the
-- transaction, so seq grows in commit order and a replica that has applied everything up to N reads
-- only `seq > N` afterwards. The texts are scrubbed questions (numbers marked), as in examples.json.
CREATE SEQUENCE example_changes_seq;
CREATE TABLE example_changes (
  text_key   text PRIMARY KEY,
  seq        bigint NOT NULL,
  change     jsonb NOT NULL,
  -- the replica (process name) whose console made it, and when (epoch ms, the bot's clock)
  origin     text NOT NULL,
  changed_at bigint NOT NULL
);
CREATE INDEX example_changes_by_seq ON example_changes (seq);

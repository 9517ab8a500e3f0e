-- Small data sets the file store keeps as one JSON file each and rewrites whole (the lookup
-- brakes, the outbox's queue and sent ids, unanswered-question counts, answer feedback, staff
-- accounts): one row each, written
-- whole in one statement, as atomic as the file's rename. `kind` names the data set, `version`
-- its shape (the same numbers as the files', so a file's migrations apply here too).
CREATE TABLE documents (
  kind       text PRIMARY KEY,
  version    integer NOT NULL,
  body       text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The data sets migration 002 kept as one `documents` row each become rows of their own, so
-- several replicas can share them: each change is one statement on the rows it touches
-- (an upsert with a count, a claimed outbox row), never a rewrite of the whole set.
-- Times are epoch milliseconds (bigint) as elsewhere; they come from the bot's clock, so the
-- replicas' clocks must agree (NTP), as they must for the dossiers' timestamps already.

-- One row per notification. Pending while done_at is null; sent, dropped or given up
-- (done_at set) it stays 90 days so the same id is refused, as the file's `done` map does.
-- A flush claims due rows (claimed_by, claimed_until) with FOR UPDATE SKIP LOCKED; a claim whose
-- replica died expires and the row is taken again (at least once, never lost).
CREATE TABLE outbox (
  id            text PRIMARY KEY,
  chat_key      text NOT NULL,
  -- status | reminder | rating; '' for an id known only as done (moved from a documents row)
  kind          text NOT NULL,
  key           text NOT NULL,
  seq           integer NOT NULL,
  attempts      integer NOT NULL DEFAULT 0,
  -- messages of this notification the channel accepted already (a long one takes several)
  sent_parts    integer NOT NULL DEFAULT 0,
  next_at       bigint NOT NULL,
  created_at    bigint NOT NULL,
  claimed_by    text,
  claimed_until bigint,
  done_at       bigint,
  -- sent | dropped | failed | done (moved, outcome unknown)
  outcome       text
);
CREATE INDEX outbox_due ON outbox (next_at) WHERE done_at IS NULL;
CREATE INDEX outbox_chat ON outbox (chat_key);
CREATE INDEX outbox_done ON outbox (done_at) WHERE done_at IS NOT NULL;

-- The lookup brakes, by keyed pseudonym (never a chat id or a dossier code). A chat's wrong
-- answers within the last hour, and until when it is locked out.
CREATE TABLE lockout_chats (
  id           text PRIMARY KEY,
  failures     bigint[] NOT NULL,
  locked_until bigint
);
-- Wrong answers on one code in one local day.
CREATE TABLE lockout_codes (
  id       text PRIMARY KEY,
  day      text NOT NULL,
  failures integer NOT NULL
);

-- Unanswered questions: times asked per normalised question, ward the chat had chosen ('' when
-- none, or a single-ward install) and UTC day; `text` is the latest wording (scrubbed).
CREATE TABLE unanswered_questions (
  key   text NOT NULL,
  ward  text NOT NULL DEFAULT '',
  day   text NOT NULL,
  text  text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (key, ward, day)
);
CREATE INDEX unanswered_questions_day ON unanswered_questions (day);

-- "Helpful / not helpful" taps per month and procedure, and the month's voters (pseudonyms) so
-- a second tap changes a vote instead of adding one.
CREATE TABLE answer_feedback (
  month          text NOT NULL,
  procedure_code text NOT NULL,
  helpful        integer NOT NULL,
  not_helpful    integer NOT NULL,
  PRIMARY KEY (month, procedure_code)
);
CREATE TABLE answer_feedback_votes (
  month   text NOT NULL,
  voter   text NOT NULL,
  helpful boolean NOT NULL,
  PRIMARY KEY (month, voter)
);

CREATE TABLE staff_accounts (
  username      text PRIMARY KEY,
  password_hash text NOT NULL,
  -- NULL (accounts from before wards: the one ward's administrator), 'province' or 'ward:<id>'
  role          text,
  created_at    text NOT NULL,
  updated_at    text NOT NULL
);

-- One row per staff action, appended only (the file store's staff/audit.jsonl).
CREATE TABLE staff_audit (
  id       bigserial PRIMARY KEY,
  at       text NOT NULL,
  username text NOT NULL,
  action   text NOT NULL,
  detail   text
);

-- Moves `documents` rows of these kinds (version 1, the files' shape) into the tables above and
-- deletes them: run below for the stores switched to rows in this release, at start by each
-- row store for its own kind, and by `npm run store:migrate-to-postgres` after it copies a
-- ward's files. Counts already in the tables are added to, ids already there are kept.
-- The body is text (migration 001: jsonb refuses \u0000); that escape is dropped before the
-- cast to json, whose ->> would refuse it too.
CREATE FUNCTION documents_to_rows(kinds text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d record;
  b json;
BEGIN
  FOR d IN SELECT kind, version, body FROM documents WHERE kind = ANY (kinds) ORDER BY kind FOR UPDATE LOOP
    IF d.version <> 1 THEN
      RAISE EXCEPTION 'documents row "%": version % cannot be moved to rows', d.kind, d.version;
    END IF;
    b := replace(d.body, '\u0000', '')::json;
    IF d.kind = 'outbox' THEN
      INSERT INTO outbox (id, chat_key, kind, key, seq, attempts, sent_parts, next_at, created_at)
      SELECT m->>'id', m->>'chatKey', m->>'kind', m->>'key', (m->>'seq')::integer, (m->>'attempts')::integer,
             coalesce((m->>'sentParts')::integer, 0), round((m->>'nextAt')::numeric)::bigint,
             round((m->>'createdAt')::numeric)::bigint
        FROM json_array_elements(b->'pending') AS m
      ON CONFLICT (id) DO NOTHING;
      INSERT INTO outbox (id, chat_key, kind, key, seq, next_at, created_at, done_at, outcome)
      SELECT e.key, regexp_replace(e.key, '^.*\|', ''), '', '', 0, round(e.value::numeric)::bigint,
             round(e.value::numeric)::bigint, round(e.value::numeric)::bigint, 'done'
        FROM json_each_text(b->'done') AS e
      ON CONFLICT (id) DO NOTHING;
    ELSIF d.kind = 'lockouts' THEN
      INSERT INTO lockout_chats (id, failures, locked_until)
      SELECT c.key,
             ARRAY(SELECT round(t::numeric)::bigint FROM json_array_elements_text(c.value->'failures') AS t),
             round((c.value->>'lockedUntil')::numeric)::bigint
        FROM json_each(b->'chats') AS c
      ON CONFLICT (id) DO NOTHING;
      INSERT INTO lockout_codes (id, day, failures)
      SELECT c.key, c.value->>'day', (c.value->>'failures')::integer
        FROM json_each(b->'dossiers') AS c
      ON CONFLICT (id) DO NOTHING;
    ELSIF d.kind = 'unanswered-questions' THEN
      -- The file keys a ward's entry "<ward>\u001f<key>"; a row has the ward in its own column.
      INSERT INTO unanswered_questions (key, ward, day, text, count)
      SELECT CASE WHEN q.value->>'ward' IS NULL THEN q.key ELSE substr(q.key, length(q.value->>'ward') + 2) END,
             coalesce(q.value->>'ward', ''), n.key, q.value->>'text', n.value::integer
        FROM json_each(b->'questions') AS q, json_each_text(q.value->'days') AS n
      ON CONFLICT (key, ward, day) DO UPDATE SET count = unanswered_questions.count + EXCLUDED.count;
    ELSIF d.kind = 'answer-feedback' THEN
      INSERT INTO answer_feedback (month, procedure_code, helpful, not_helpful)
      SELECT split_part(c.key, '|', 1), split_part(c.key, '|', 2), (c.value->>'helpful')::integer,
             (c.value->>'notHelpful')::integer
        FROM json_each(b->'counts') AS c
      ON CONFLICT (month, procedure_code) DO UPDATE SET
        helpful = answer_feedback.helpful + EXCLUDED.helpful,
        not_helpful = answer_feedback.not_helpful + EXCLUDED.not_helpful;
      INSERT INTO answer_feedback_votes (month, voter, helpful)
      SELECT b->>'month', v.key, v.value::boolean
        FROM json_each_text(b->'votes') AS v
       WHERE coalesce(b->>'month', '') <> ''
      ON CONFLICT (month, voter) DO NOTHING;
    ELSIF d.kind = 'staff-accounts' THEN
      INSERT INTO staff_accounts (username, password_hash, role, created_at, updated_at)
      -- The file's role {kind: province} | {kind: ward, ward} is the column's 'province' | 'ward:<id>'.
      SELECT a.key, a.value->>'passwordHash',
             CASE a.value->'role'->>'kind'
               WHEN 'province' THEN 'province'
               WHEN 'ward' THEN 'ward:' || (a.value->'role'->>'ward')
             END,
             a.value->>'createdAt', a.value->>'updatedAt'
        FROM json_each(b->'accounts') AS a
      ON CONFLICT (username) DO NOTHING;
    ELSE
      RAISE EXCEPTION 'documents row "%": no row tables for this kind', d.kind;
    END IF;
    DELETE FROM documents WHERE kind = d.kind;
  END LOOP;
END
$$;

-- The outbox and the lookup brakes use the row tables from this release on.
SELECT documents_to_rows(ARRAY['lockouts', 'outbox']);

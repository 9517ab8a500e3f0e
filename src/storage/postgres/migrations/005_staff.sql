-- The staff console's own state in the database (issue 14: any replica serves any staff request).
-- Times are epoch milliseconds (bigint) from the bot's clock, as elsewhere (the replicas' clocks agree: NTP).

-- The audit log keeps the ward of the account that acted ('ward:<id>' accounts; NULL for the
-- province administrator, an account from before wards, or a failed login), so a ward's staff
-- read only their ward's lines. Read newest first, per ward or all.
ALTER TABLE staff_audit ADD COLUMN ward text;
CREATE INDEX staff_audit_ward_recent ON staff_audit (ward, id DESC);

-- Signed-in staff. The session token (the cookie) is never stored: only its SHA-256, so a copy
-- of this table (a backup) signs nobody in. `account_stamp` is a SHA-256 of the account's
-- password hash at sign-in: a new password ends the session. `expires_at` is the sooner of the
-- idle end (last request + idle time) and the hard end (sign-in + longest session); a row past it
-- is dead, and is deleted at the next sign-in.
CREATE TABLE staff_sessions (
  token_hash    text PRIMARY KEY,
  username      text NOT NULL,
  account_stamp text NOT NULL,
  csrf          text NOT NULL,
  -- 'province', 'ward:<id>' or NULL (an account from before wards), as at sign-in
  role          text,
  created_at    bigint NOT NULL,
  last_seen_at  bigint NOT NULL,
  expires_at    bigint NOT NULL
);
CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);

-- Failed staff logins, counted across replicas: one row per keyed hash (HMAC-SHA-256, under a
-- secret key: src/staff/throttle.ts) of the username or of the client address (never the name or
-- address itself, nor a plain hash that hashing every IPv4 address would reverse). `failures` are the times within the
-- window; `locked_until` is set when they reach the limit. Rows with neither left are deleted.
CREATE TABLE staff_login_failures (
  key          text PRIMARY KEY,
  failures     bigint[] NOT NULL,
  locked_until bigint,
  last_at      bigint NOT NULL
);
CREATE INDEX staff_login_failures_last ON staff_login_failures (last_at);

-- An import's preview waits for the staff member's "Lưu" click, which the load balancer may send to
-- another replica. The uploaded file waits here, sealed (AES-256-GCM) with a key derived from the
-- preview's id, which only the browser's form holds (the row keeps a SHA-256 of it): a copy of this
-- table reads no dossier. The commit takes the row (DELETE … RETURNING: stored once, whichever replica
-- gets the click); rows older than the preview's 30 minutes are deleted at the next preview.
CREATE TABLE staff_import_previews (
  id_hash    text PRIMARY KEY,
  -- staff_sessions.token_hash of the session that made it: only that session may commit it
  token_hash text NOT NULL,
  file_name  text NOT NULL,
  sealed     bytea NOT NULL,
  -- the ward of the importing ward-bound account (its rows are limited to that ward again)
  ward       text,
  created_at bigint NOT NULL
);
CREATE INDEX staff_import_previews_created ON staff_import_previews (created_at);

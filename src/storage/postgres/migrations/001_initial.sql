-- The first schema: every store that has a repository interface today.
-- Timestamps are epoch milliseconds (bigint), as in the file store. Records the code validates
-- with zod are kept whole as JSON text (not jsonb: it refuses the \u0000 escape a citizen's
-- text may carry), with the columns queries filter on beside them.

-- Small facts about the data set (the phone-hash key id the dossiers were imported with).
CREATE TABLE store_meta (
  name  text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE conversations (
  chat_key   text PRIMARY KEY,
  updated_at bigint NOT NULL,
  state      text NOT NULL
);
CREATE INDEX conversations_updated_at ON conversations (updated_at);

CREATE TABLE dossiers (
  key    text PRIMARY KEY,
  status smallint NOT NULL,
  record text NOT NULL
);
CREATE INDEX dossiers_status ON dossiers (status);

CREATE TABLE subscriptions (
  chat_key   text NOT NULL,
  dossier_key text NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (chat_key, dossier_key)
);
CREATE INDEX subscriptions_dossier ON subscriptions (dossier_key);

CREATE TABLE ratings (
  key    text PRIMARY KEY,
  month  text NOT NULL,
  rating text NOT NULL
);
CREATE INDEX ratings_month ON ratings (month);

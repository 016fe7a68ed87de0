-- Login attempts per key ("email:…" or "addr:…") in a fixed window. An attempt is counted
-- by one conditional UPDATE before the password is checked, so parallel attempts cannot
-- pass the limit (on PostgreSQL the row lock orders them; SQLite has one writer).
CREATE TABLE login_attempts (
  limit_key TEXT NOT NULL CONSTRAINT login_attempts_pk PRIMARY KEY,
  window_start TEXT NOT NULL,
  attempts INTEGER NOT NULL
);

DROP TABLE login_failures;

-- Background jobs and the mail outbox (issue 16, points 6 and 7).
--
-- A job is one row, claimed by one instance at a time: the claimer writes its name and a
-- lease (locked_until); a crashed instance's lease runs out and another claims the job
-- again. A periodic job keeps its row and moves run_at on; a one-off job's row goes once it
-- has run. attempts counts the failed (or crashed) runs in a row and sets the backoff;
-- last_error and failures keep what went wrong visible.
CREATE TABLE jobs (
  id TEXT NOT NULL CONSTRAINT jobs_pk PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  interval_seconds INTEGER,
  run_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  locked_by TEXT,
  locked_until TEXT,
  last_error TEXT,
  last_run_at TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX jobs_due_ix ON jobs (run_at);

-- Mail written inside the caller's transaction and sent after the commit by a job, so
-- nothing is lost while the mail server is down. status: pending (to send), digest
-- (waits for the recipient's daily digest), digested (went out in one), sent, failed (gave
-- up after the last attempt). attachments: JSON [{filename, content_type, content}] with
-- the content in base64.
CREATE TABLE mail_outbox (
  tenant_id TEXT NOT NULL CONSTRAINT mail_outbox_tenant_fk REFERENCES tenants (id),
  id TEXT NOT NULL,
  person_id TEXT,
  kind TEXT NOT NULL,
  locale TEXT NOT NULL,
  to_address TEXT NOT NULL,
  to_name TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  attachments TEXT NOT NULL,
  status TEXT NOT NULL CONSTRAINT mail_outbox_status_ck CHECK (status IN ('pending', 'digest', 'digested', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  locked_by TEXT,
  locked_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  CONSTRAINT mail_outbox_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX mail_outbox_due_ix ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_person_ix ON mail_outbox (tenant_id, person_id, status);

-- How a person wants their notifications; no row: immediately.
CREATE TABLE mail_preferences (
  tenant_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  delivery TEXT NOT NULL CONSTRAINT mail_preferences_delivery_ck CHECK (delivery IN ('immediately', 'daily_digest', 'off')),
  updated_at TEXT NOT NULL,
  CONSTRAINT mail_preferences_pk PRIMARY KEY (tenant_id, person_id),
  CONSTRAINT mail_preferences_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id)
);

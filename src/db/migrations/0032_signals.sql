-- Signals (issue 16): anyone raises a need, problem or idea; it goes to the nearest manager
-- by the organisation tree, who acts within the tenant's routine deadline (working days).
-- A citizen's signal has no person but may carry an e-mail address and is followed through
-- a private link whose secret is kept only as a hash. `handler_unit_id` is the unit whose
-- manager holds the signal now (passing up and escalation start above it); `managers`
-- lists everyone who has held it (a JSON array), who may still read it.
CREATE TABLE signals (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  what TEXT NOT NULL,
  place TEXT,
  suggestion TEXT,
  links TEXT NOT NULL,
  source TEXT NOT NULL CONSTRAINT signals_source_ck CHECK (source IN ('staff', 'citizen')),
  submitter_id TEXT,
  submitter_email TEXT,
  unit_id TEXT NOT NULL,
  handler_unit_id TEXT,
  manager_id TEXT,
  managers TEXT NOT NULL,
  status TEXT NOT NULL CONSTRAINT signals_status_ck CHECK (status IN ('new', 'in_progress', 'waiting', 'closed')),
  deadline TEXT NOT NULL,
  reminded_for TEXT,
  escalations INTEGER NOT NULL,
  answered_at TEXT,
  closed_at TEXT,
  token_hash TEXT,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT signals_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT signals_unit_fk FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  CONSTRAINT signals_submitter_fk FOREIGN KEY (tenant_id, submitter_id) REFERENCES people (tenant_id, id)
);
CREATE INDEX signals_manager_ix ON signals (tenant_id, manager_id, status);
CREATE INDEX signals_submitter_ix ON signals (tenant_id, submitter_id);
CREATE INDEX signals_open_ix ON signals (status, deadline);
CREATE UNIQUE INDEX signals_token_ux ON signals (token_hash);

-- Every step of a signal, in order: what the submitter sees on the private link.
CREATE TABLE signal_events (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  signal_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor_id TEXT,
  manager_id TEXT,
  text TEXT,
  link TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT signal_events_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT signal_events_signal_fk FOREIGN KEY (tenant_id, signal_id) REFERENCES signals (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX signal_events_signal_ix ON signal_events (tenant_id, signal_id, id);

-- The routine deadline in working days, and whose public holidays don't count.
ALTER TABLE tenants ADD COLUMN signal_deadline_days INTEGER NOT NULL DEFAULT 10;
ALTER TABLE tenants ADD COLUMN holidays TEXT NOT NULL DEFAULT 'dk';
UPDATE tenants SET holidays = 'se' WHERE time_zone = 'Europe/Stockholm';

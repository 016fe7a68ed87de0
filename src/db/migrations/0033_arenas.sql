-- Agile arenas (issue 16, seed 004): a cross-competence team of the tenant with a process
-- leader, members from several units (a JSON array of person ids), a goal and a time box,
-- led through the agile-arena template's four pulse steps. signal_id names the signal the
-- arena was started from (migration 0032 made the signals table).
CREATE TABLE arenas (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  goal TEXT NOT NULL,
  leader_id TEXT NOT NULL,
  member_ids TEXT NOT NULL DEFAULT '[]',
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  status TEXT NOT NULL CONSTRAINT arenas_status_ck CHECK (status IN ('open', 'running', 'done', 'stopped')),
  outcome TEXT,
  signal_id TEXT,
  project_id TEXT,
  created_by TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT arenas_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT arenas_dates_ck CHECK (ends_on >= starts_on),
  CONSTRAINT arenas_leader_fk FOREIGN KEY (tenant_id, leader_id) REFERENCES people (tenant_id, id),
  CONSTRAINT arenas_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT arenas_signal_fk FOREIGN KEY (tenant_id, signal_id) REFERENCES signals (tenant_id, id)
);
CREATE INDEX arenas_status_ix ON arenas (tenant_id, status, id);

-- The pulse programme's checklist: one row per item of the template, ticked with who and when.
CREATE TABLE arena_items (
  tenant_id TEXT NOT NULL,
  arena_id TEXT NOT NULL,
  item_key TEXT NOT NULL,
  step_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  done_by TEXT,
  done_at TEXT,
  CONSTRAINT arena_items_pk PRIMARY KEY (tenant_id, arena_id, item_key),
  CONSTRAINT arena_items_arena_fk FOREIGN KEY (tenant_id, arena_id) REFERENCES arenas (tenant_id, id),
  CONSTRAINT arena_items_done_by_fk FOREIGN KEY (tenant_id, done_by) REFERENCES people (tenant_id, id)
);

-- What the arena tried and what came of it, in the order it was written down.
CREATE TABLE arena_log (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  arena_id TEXT NOT NULL,
  tried TEXT NOT NULL,
  result TEXT,
  logged_on TEXT NOT NULL,
  logged_by TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT arena_log_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT arena_log_arena_fk FOREIGN KEY (tenant_id, arena_id) REFERENCES arenas (tenant_id, id),
  CONSTRAINT arena_log_by_fk FOREIGN KEY (tenant_id, logged_by) REFERENCES people (tenant_id, id)
);
CREATE INDEX arena_log_arena_ix ON arena_log (tenant_id, arena_id, id);

-- The action plan (handlingsplan, issue 5): rows of change/task, responsible, effect,
-- how and deadline per project, with a status, the KPI that follows the effect and
-- where the row came from. kpi_id is plain text: KPIs live in another table whose
-- life cycle is not tied to the plan.
CREATE TABLE actions (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  task TEXT NOT NULL,
  responsible_id TEXT,
  effect TEXT,
  how TEXT,
  deadline TEXT,
  status TEXT NOT NULL CONSTRAINT actions_status_ck CHECK (status IN ('not_started', 'in_progress', 'done', 'dropped')),
  kpi_id TEXT,
  origin TEXT NOT NULL CONSTRAINT actions_origin_ck CHECK (origin IN ('manual', 'map_note', 'import')),
  map_id TEXT,
  element_id TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT actions_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT actions_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT actions_responsible_fk FOREIGN KEY (tenant_id, responsible_id) REFERENCES people (tenant_id, id)
);
CREATE INDEX actions_project_ix ON actions (tenant_id, project_id);
CREATE INDEX actions_responsible_ix ON actions (tenant_id, responsible_id);
-- A map step's "before go-live" note becomes at most one row.
CREATE UNIQUE INDEX actions_map_note_ux ON actions (tenant_id, map_id, element_id);

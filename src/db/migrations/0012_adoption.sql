-- Adoption of the redesign (issue 5, point 6), the wins log and lessons learned for
-- the closing report. A redesigned step has no row until a decision changes its
-- status: without one it is on trial. Steps are keyed by their BPMN element id, so a
-- step keeps its status across new versions of the redesign map; map_id and
-- step_name remember where it was when it was last decided on.
CREATE TABLE adoption_steps (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  map_id TEXT,
  step_name TEXT NOT NULL,
  status TEXT NOT NULL CONSTRAINT adoption_steps_status_ck CHECK (status IN ('trial', 'adopted', 'keep_developing', 'cancelled')),
  decision_id TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT adoption_steps_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT adoption_steps_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT adoption_steps_decision_fk FOREIGN KEY (tenant_id, decision_id) REFERENCES decisions (tenant_id, id)
);
CREATE UNIQUE INDEX adoption_steps_element_ux ON adoption_steps (tenant_id, project_id, element_id);

-- Every status change, with the decision that made it.
CREATE TABLE adoption_history (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  step_name TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  decision_id TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT adoption_history_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT adoption_history_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT adoption_history_decision_fk FOREIGN KEY (tenant_id, decision_id) REFERENCES decisions (tenant_id, id)
);
CREATE INDEX adoption_history_project_ix ON adoption_history (tenant_id, project_id, element_id);

-- The wins log. source_key makes automatic wins happen once ("kpi:<id>",
-- "adoption:<history id>", "card:<id>"); manual wins have none.
CREATE TABLE wins (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT wins_kind_ck CHECK (kind IN ('kpi_target_reached', 'card_done', 'step_adopted', 'other')),
  text TEXT NOT NULL,
  happened_on TEXT NOT NULL,
  link TEXT,
  source_key TEXT,
  created_by TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT wins_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT wins_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);
CREATE INDEX wins_project_ix ON wins (tenant_id, project_id, happened_on);
CREATE UNIQUE INDEX wins_source_ux ON wins (tenant_id, source_key);

-- Lessons learned, shown in the closing report.
CREATE TABLE lessons (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  text TEXT NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT lessons_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT lessons_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);
CREATE INDEX lessons_project_ix ON lessons (tenant_id, project_id);

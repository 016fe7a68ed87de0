-- Projects: charter, involved units, checklist copied from a method template,
-- and the decision log (phase gates first).

CREATE TABLE projects (
  tenant_id TEXT NOT NULL CONSTRAINT projects_tenant_fk REFERENCES tenants (id),
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  template_key TEXT NOT NULL,
  phase_key TEXT NOT NULL,
  status TEXT NOT NULL CONSTRAINT projects_status_ck CHECK (status IN ('green', 'yellow', 'red')),
  status_reason TEXT,
  purpose TEXT,
  background TEXT,
  citizen_journey TEXT,
  target_group TEXT,
  success_criteria TEXT NOT NULL,
  result_goals TEXT NOT NULL,
  start_date TEXT,
  end_date TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT projects_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT projects_dates_ck CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE project_units (
  tenant_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  CONSTRAINT project_units_pk PRIMARY KEY (tenant_id, project_id, unit_id),
  CONSTRAINT project_units_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT project_units_unit_fk FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);

CREATE TABLE checklist_items (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  phase_key TEXT NOT NULL,
  item_key TEXT NOT NULL,
  dimension TEXT,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL CONSTRAINT checklist_items_status_ck CHECK (status IN ('open', 'done', 'not_relevant')),
  responsible_id TEXT,
  due_date TEXT,
  evidence TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT checklist_items_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT checklist_items_key_uq UNIQUE (tenant_id, project_id, item_key),
  CONSTRAINT checklist_items_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT checklist_items_responsible_fk FOREIGN KEY (tenant_id, responsible_id) REFERENCES people (tenant_id, id)
);
CREATE INDEX checklist_items_project_ix ON checklist_items (tenant_id, project_id, position);

CREATE TABLE decisions (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT decisions_kind_ck CHECK (kind IN ('phase_gate', 'decision')),
  decided_on TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  text TEXT NOT NULL,
  from_phase TEXT,
  to_phase TEXT,
  links TEXT NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT decisions_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT decisions_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);
CREATE INDEX decisions_project_ix ON decisions (tenant_id, project_id, decided_on);

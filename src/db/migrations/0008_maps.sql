-- Workflow maps (issue 4): as-is and redesign maps of a project, every save a
-- version with the BPMN XML exactly as received, and ideas from the workshop.
CREATE TABLE maps (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT maps_kind_ck CHECK (kind IN ('as_is', 'redesign')),
  title TEXT NOT NULL,
  based_on_map_id TEXT,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT maps_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT maps_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);
CREATE INDEX maps_project_ix ON maps (tenant_id, project_id, kind);

CREATE TABLE map_versions (
  tenant_id TEXT NOT NULL,
  map_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  xml TEXT NOT NULL,
  metrics TEXT NOT NULL,
  comment TEXT,
  created_by TEXT,
  created_by_name TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT map_versions_pk PRIMARY KEY (tenant_id, map_id, number),
  CONSTRAINT map_versions_map_fk FOREIGN KEY (tenant_id, map_id) REFERENCES maps (tenant_id, id)
);

CREATE TABLE map_ideas (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  map_id TEXT NOT NULL,
  element_id TEXT,
  kind TEXT NOT NULL CONSTRAINT map_ideas_kind_ck CHECK (kind IN ('good_idea', 'interesting_thought', 'crazy_proposal')),
  text TEXT NOT NULL,
  carried_from TEXT,
  created_by_name TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT map_ideas_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT map_ideas_map_fk FOREIGN KEY (tenant_id, map_id) REFERENCES maps (tenant_id, id)
);
CREATE INDEX map_ideas_map_ix ON map_ideas (tenant_id, map_id, created_at);

-- Benefits realisation (issue 14, point 1): the benefits of a project on the triple bottom
-- line, each with its owner, responsible and leader (seed 003), baseline and target, the
-- KPIs that measure it and the deliverables and changes that lead to it (the
-- gevinstdiagram), judged in the Revisit phase by a recorded decision. The lists are JSON
-- arrays of texts (kpi_ids: ids of KPIs of the same project, checked by the store).
CREATE TABLE benefits (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  title TEXT NOT NULL,
  category TEXT NOT NULL CONSTRAINT benefits_category_ck CHECK (category IN ('citizen_quality', 'work_environment', 'economy')),
  owner_id TEXT,
  responsible_id TEXT,
  leader_id TEXT,
  baseline REAL,
  target REAL,
  unit TEXT NOT NULL,
  target_date TEXT NOT NULL,
  deliverables TEXT NOT NULL,
  changes TEXT NOT NULL,
  kpi_ids TEXT NOT NULL,
  realisation TEXT NOT NULL CONSTRAINT benefits_realisation_ck CHECK (realisation IN ('not_judged', 'realised', 'partly', 'not_realised')),
  judgement_reason TEXT,
  decision_id TEXT,
  judged_on TEXT,
  created_by TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT benefits_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT benefits_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT benefits_owner_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES people (tenant_id, id),
  CONSTRAINT benefits_responsible_fk FOREIGN KEY (tenant_id, responsible_id) REFERENCES people (tenant_id, id),
  CONSTRAINT benefits_leader_fk FOREIGN KEY (tenant_id, leader_id) REFERENCES people (tenant_id, id),
  CONSTRAINT benefits_decision_fk FOREIGN KEY (tenant_id, decision_id) REFERENCES decisions (tenant_id, id)
);
CREATE INDEX benefits_project_ix ON benefits (tenant_id, project_id, target_date);

-- Seed 003's benefit roles: the head of service as benefit responsible (gevinstansvarlig)
-- and the team leader as benefit leader (gevinstleder). A CHECK cannot be changed in place
-- on SQLite, so the table is rebuilt with the same rows on both engines.
CREATE TABLE project_roles_before_0024 AS SELECT tenant_id, id, project_id, person_id, role, created_at FROM project_roles;
DROP TABLE project_roles;
CREATE TABLE project_roles (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  role TEXT NOT NULL CONSTRAINT project_roles_role_ck CHECK (role IN (
    'owner', 'steering_chair', 'steering_member', 'project_leader', 'project_group',
    'head_of_service', 'benefit_responsible', 'team_leader', 'benefit_leader', 'change_agent',
    'super_user', 'reference_group', 'process_facilitator', 'viewer')),
  created_at TEXT NOT NULL,
  CONSTRAINT project_roles_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT project_roles_uq UNIQUE (tenant_id, project_id, person_id, role),
  CONSTRAINT project_roles_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT project_roles_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id)
);
INSERT INTO project_roles (tenant_id, id, project_id, person_id, role, created_at) SELECT tenant_id, id, project_id, person_id, role, created_at FROM project_roles_before_0024;
DROP TABLE project_roles_before_0024;
CREATE INDEX project_roles_project_ix ON project_roles (tenant_id, project_id);
CREATE INDEX project_roles_person_ix ON project_roles (tenant_id, person_id, role, project_id);

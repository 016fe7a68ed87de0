-- Project roles (seed 003's implementation roles), each held by one person.
CREATE TABLE project_roles (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  role TEXT NOT NULL CONSTRAINT project_roles_role_ck CHECK (role IN (
    'owner', 'steering_chair', 'steering_member', 'project_leader', 'project_group',
    'head_of_service', 'team_leader', 'change_agent', 'super_user', 'reference_group',
    'process_facilitator', 'viewer')),
  created_at TEXT NOT NULL,
  CONSTRAINT project_roles_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT project_roles_uq UNIQUE (tenant_id, project_id, person_id, role),
  CONSTRAINT project_roles_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT project_roles_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id)
);
CREATE INDEX project_roles_project_ix ON project_roles (tenant_id, project_id);

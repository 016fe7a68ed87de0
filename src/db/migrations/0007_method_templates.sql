-- A tenant's own method templates (copies of the shipped ones, edited), and the
-- template a project was created from when it is not a shipped one: a later edit
-- of the template never changes a running project.
CREATE TABLE method_templates (
  tenant_id TEXT NOT NULL CONSTRAINT method_templates_tenant_fk REFERENCES tenants (id),
  id TEXT NOT NULL,
  template_key TEXT NOT NULL,
  based_on TEXT,
  definition TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT method_templates_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT method_templates_key_uq UNIQUE (tenant_id, template_key)
);

CREATE TABLE project_methods (
  tenant_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  definition TEXT NOT NULL,
  CONSTRAINT project_methods_pk PRIMARY KEY (tenant_id, project_id),
  CONSTRAINT project_methods_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);

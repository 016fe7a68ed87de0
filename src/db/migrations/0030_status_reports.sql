-- Status reports (issue 15, point 5): a frozen, dated snapshot issued by the project leader
-- for the steering group. The areas, the decisions asked for and the gathered sections are
-- JSON written once; a report is never changed afterwards. The areas are kept apart so the
-- programme page reads the latest colours without the sections.
CREATE TABLE status_reports (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  level TEXT NOT NULL CONSTRAINT status_reports_level_ck CHECK (level IN ('operational', 'tactical', 'strategic')),
  title TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  issued_by TEXT,
  areas TEXT NOT NULL,
  decisions TEXT NOT NULL,
  sections TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CONSTRAINT status_reports_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT status_reports_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT status_reports_issued_by_fk FOREIGN KEY (tenant_id, issued_by) REFERENCES people (tenant_id, id)
);
CREATE INDEX status_reports_project_ix ON status_reports (tenant_id, project_id, issued_on, id);
CREATE INDEX status_reports_issued_by_ix ON status_reports (tenant_id, issued_by);

-- The business case (issue 14): the tenant's hour price and default discount rate, each
-- project's current estimate and the versions approved by a steering-group decision.
-- A year row's eight amounts are kept as one JSON list per case (at most 21 years).
ALTER TABLE tenants ADD COLUMN hour_price REAL;
ALTER TABLE tenants ADD COLUMN discount_rate REAL;

CREATE TABLE business_cases (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  horizon INTEGER NOT NULL,
  discount_rate REAL,
  currency TEXT NOT NULL,
  note TEXT,
  year_rows TEXT NOT NULL,
  created_by TEXT,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT business_cases_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT business_cases_project_uq UNIQUE (tenant_id, project_id),
  CONSTRAINT business_cases_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);

-- An approved version never changes: the rate and hour price it was approved with are kept.
CREATE TABLE business_case_versions (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  decision_id TEXT NOT NULL,
  approved_on TEXT NOT NULL,
  horizon INTEGER NOT NULL,
  currency TEXT NOT NULL,
  rate REAL NOT NULL,
  hour_price REAL NOT NULL,
  year_rows TEXT NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT business_case_versions_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT business_case_versions_number_uq UNIQUE (tenant_id, project_id, number),
  CONSTRAINT business_case_versions_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT business_case_versions_decision_fk FOREIGN KEY (tenant_id, decision_id) REFERENCES decisions (tenant_id, id)
);

-- Work packages with a timeline, their budget per year with its financing, the tenant's
-- hourly rates and the project's actuals (issue 15). Money is BIGINT minor units (øre/öre:
-- PostgreSQL's INTEGER ends at 21 million kroner), hours BIGINT hundredths, financing shares INTEGER hundredths of a per cent (10000 = 100 %):
-- exact on both engines. A list (participants, dependencies) is a JSON array of ids.
CREATE TABLE work_packages (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  title TEXT NOT NULL,
  goal TEXT,
  deliverable TEXT,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  responsible_id TEXT,
  participant_people TEXT NOT NULL DEFAULT '[]',
  participant_units TEXT NOT NULL DEFAULT '[]',
  depends_on TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL CONSTRAINT work_packages_status_ck CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
  budget_version INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT work_packages_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT work_packages_dates_ck CHECK (end_date >= start_date),
  CONSTRAINT work_packages_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT work_packages_responsible_fk FOREIGN KEY (tenant_id, responsible_id) REFERENCES people (tenant_id, id)
);
CREATE INDEX work_packages_project_ix ON work_packages (tenant_id, project_id, start_date);
CREATE INDEX work_packages_responsible_ix ON work_packages (tenant_id, responsible_id);

-- The tenant's rate card: an hourly rate for a project role or for one person.
CREATE TABLE hourly_rates (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  role TEXT,
  person_id TEXT,
  rate_minor BIGINT NOT NULL CONSTRAINT hourly_rates_rate_ck CHECK (rate_minor >= 0),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT hourly_rates_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT hourly_rates_who_ck CHECK ((role IS NULL) <> (person_id IS NULL)),
  CONSTRAINT hourly_rates_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id)
);
CREATE UNIQUE INDEX hourly_rates_role_ux ON hourly_rates (tenant_id, role);
CREATE UNIQUE INDEX hourly_rates_person_ux ON hourly_rates (tenant_id, person_id);

-- A package's budget lines per year; the rate is the one the rate card gave when saved.
CREATE TABLE wp_budget_lines (
  tenant_id TEXT NOT NULL,
  work_package_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  year INTEGER NOT NULL,
  role TEXT,
  person_id TEXT,
  hours_centi BIGINT NOT NULL CONSTRAINT wp_budget_lines_hours_ck CHECK (hours_centi >= 0),
  rate_minor BIGINT NOT NULL CONSTRAINT wp_budget_lines_rate_ck CHECK (rate_minor >= 0),
  subcontractors_minor BIGINT NOT NULL CONSTRAINT wp_budget_lines_sub_ck CHECK (subcontractors_minor >= 0),
  other_minor BIGINT NOT NULL CONSTRAINT wp_budget_lines_other_ck CHECK (other_minor >= 0),
  note TEXT,
  CONSTRAINT wp_budget_lines_pk PRIMARY KEY (tenant_id, work_package_id, position),
  CONSTRAINT wp_budget_lines_package_fk FOREIGN KEY (tenant_id, work_package_id) REFERENCES work_packages (tenant_id, id)
);

-- How a package is financed: shares that add up to 100 %.
CREATE TABLE wp_financing (
  tenant_id TEXT NOT NULL,
  work_package_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CONSTRAINT wp_financing_kind_ck CHECK (kind IN ('grant', 'in_kind', 'own_cash', 'other')),
  funder TEXT,
  share_bp INTEGER NOT NULL CONSTRAINT wp_financing_share_ck CHECK (share_bp BETWEEN 0 AND 10000),
  CONSTRAINT wp_financing_pk PRIMARY KEY (tenant_id, work_package_id, position),
  CONSTRAINT wp_financing_package_fk FOREIGN KEY (tenant_id, work_package_id) REFERENCES work_packages (tenant_id, id)
);

-- What was spent: an amount, or hours priced when they were recorded.
CREATE TABLE wp_actuals (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  work_package_id TEXT NOT NULL,
  spent_on TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT wp_actuals_kind_ck CHECK (kind IN ('personnel', 'subcontractors', 'other')),
  amount_minor BIGINT NOT NULL,
  hours_centi BIGINT,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT,
  CONSTRAINT wp_actuals_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT wp_actuals_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT wp_actuals_package_fk FOREIGN KEY (tenant_id, work_package_id) REFERENCES work_packages (tenant_id, id)
);
CREATE INDEX wp_actuals_project_ix ON wp_actuals (tenant_id, project_id, spent_on);
CREATE INDEX wp_actuals_package_ix ON wp_actuals (tenant_id, work_package_id);

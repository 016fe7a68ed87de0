-- KPIs of a project, their measurements (one per period) and the splits of
-- their run charts. Periods are stored as text ("2026-W14", "2026-04") and as an
-- ordinal (period_index) that sorts and subtracts; see src/kpis/kpi.hpp.
CREATE TABLE kpis (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  unit TEXT NOT NULL,
  direction TEXT NOT NULL CONSTRAINT kpis_direction_ck CHECK (direction IN ('higher', 'lower')),
  baseline DOUBLE PRECISION,
  target DOUBLE PRECISION,
  frequency TEXT NOT NULL CONSTRAINT kpis_frequency_ck CHECK (frequency IN ('weekly', 'biweekly', 'monthly')),
  start_period TEXT,
  level TEXT NOT NULL CONSTRAINT kpis_level_ck CHECK (level IN ('operational', 'tactical', 'strategic')),
  category TEXT NOT NULL CONSTRAINT kpis_category_ck CHECK (category IN ('citizen_quality', 'work_environment', 'economy')),
  owner_id TEXT,
  map_id TEXT,
  element_id TEXT,
  rule_set TEXT NOT NULL CONSTRAINT kpis_rule_set_ck CHECK (rule_set IN ('anhoej', 'ihi')),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT kpis_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT kpis_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT kpis_owner_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES people (tenant_id, id)
);
CREATE INDEX kpis_project_ix ON kpis (tenant_id, project_id, name);

CREATE TABLE kpi_measurements (
  tenant_id TEXT NOT NULL,
  kpi_id TEXT NOT NULL,
  period_index INTEGER NOT NULL,
  period TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT kpi_measurements_pk PRIMARY KEY (tenant_id, kpi_id, period_index),
  CONSTRAINT kpi_measurements_kpi_fk FOREIGN KEY (tenant_id, kpi_id) REFERENCES kpis (tenant_id, id)
);

CREATE TABLE kpi_periods (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  kpi_id TEXT NOT NULL,
  start_index INTEGER NOT NULL,
  start_period TEXT NOT NULL,
  label TEXT NOT NULL,
  frozen INTEGER NOT NULL CONSTRAINT kpi_periods_frozen_ck CHECK (frozen IN (0, 1)),
  freeze_until TEXT,
  freeze_until_index INTEGER,
  created_at TEXT NOT NULL,
  CONSTRAINT kpi_periods_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT kpi_periods_start_uq UNIQUE (tenant_id, kpi_id, start_index),
  CONSTRAINT kpi_periods_kpi_fk FOREIGN KEY (tenant_id, kpi_id) REFERENCES kpis (tenant_id, id)
);

-- Benchmarks (issue 18, point 4): a catalogue of common indicators shared by every tenant,
-- a KPI's link to one, and a municipality's consent to compare with its size. The catalogue
-- belongs to no tenant: created_by_tenant_id only says who added an entry.
CREATE TABLE indicators (
  id TEXT NOT NULL CONSTRAINT indicators_pk PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  unit TEXT NOT NULL,
  direction TEXT NOT NULL CONSTRAINT indicators_direction_ck CHECK (direction IN ('higher', 'lower')),
  frequency TEXT NOT NULL CONSTRAINT indicators_frequency_ck CHECK (frequency IN ('weekly', 'monthly')),
  source TEXT CONSTRAINT indicators_source_ck CHECK (source IN ('kolada', 'flis')),
  external_code TEXT,
  created_by_tenant_id TEXT NOT NULL CONSTRAINT indicators_tenant_fk REFERENCES tenants (id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT indicators_code_ck CHECK ((source IS NULL) = (external_code IS NULL)),
  -- One entry per external key: two "N00945" would split the tenants comparing on it.
  CONSTRAINT indicators_external_code_uq UNIQUE (source, external_code)
);
CREATE INDEX indicators_name_ix ON indicators (name, id);

ALTER TABLE kpis ADD COLUMN indicator_id TEXT CONSTRAINT kpis_indicator_fk REFERENCES indicators (id);
-- The benchmark reads every tenant's KPIs on one indicator.
CREATE INDEX kpis_indicator_ix ON kpis (indicator_id, tenant_id);

ALTER TABLE tenants ADD COLUMN benchmark_opt_in INTEGER NOT NULL DEFAULT 0
  CONSTRAINT tenants_benchmark_opt_in_ck CHECK (benchmark_opt_in IN (0, 1));
-- Inhabitants give the comparison group by size (0: not given, in "all" only).
ALTER TABLE tenants ADD COLUMN inhabitants INTEGER NOT NULL DEFAULT 0
  CONSTRAINT tenants_inhabitants_ck CHECK (inhabitants >= 0 AND inhabitants <= 20000000);

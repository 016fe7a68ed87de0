-- A run chart reads every point of a KPI in period order: with value in the index the
-- read never visits the table rows (docs/performance.md, run charts).
CREATE INDEX kpi_measurements_points_ix ON kpi_measurements (tenant_id, kpi_id, period_index, value);

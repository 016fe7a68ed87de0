-- A survey scale's index as the measurement series of a KPI (issue 17, point 5): each closed
-- round's index over everyone who answered becomes the KPI's value for the period the round
-- closed in, so "social capital in the three units" has a run chart like any other KPI.
-- Only the whole round's index crosses, and only where the round's results show it.
CREATE TABLE survey_kpi_feeds (
  tenant_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  scale_key TEXT NOT NULL,
  kpi_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CONSTRAINT survey_kpi_feeds_pk PRIMARY KEY (tenant_id, survey_id, scale_key),
  CONSTRAINT survey_kpi_feeds_survey_fk FOREIGN KEY (tenant_id, survey_id) REFERENCES surveys (tenant_id, id),
  CONSTRAINT survey_kpi_feeds_kpi_fk FOREIGN KEY (tenant_id, kpi_id) REFERENCES kpis (tenant_id, id)
);

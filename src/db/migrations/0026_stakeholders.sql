-- The stakeholder analysis (interessentanalyse, issue 14): per project, who — a person or a
-- unit of the tenant, or a free name, exactly one — the seed's group, influence and interest
-- 1–5 on the grid, how and by whom they are involved and when next. "group" is a reserved
-- word, hence stakeholder_group.
CREATE TABLE stakeholders (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  person_id TEXT,
  unit_id TEXT,
  name TEXT,
  stakeholder_group TEXT NOT NULL CONSTRAINT stakeholders_group_ck CHECK (stakeholder_group IN ('economy_data', 'communication', 'networks', 'it_digitalisation', 'legal', 'hr_med', 'it_vendors', 'organisations', 'volunteer_associations', 'private_regional_providers', 'citizens_relatives', 'consultants', 'other')),
  influence INTEGER NOT NULL CONSTRAINT stakeholders_influence_ck CHECK (influence BETWEEN 1 AND 5),
  interest INTEGER NOT NULL CONSTRAINT stakeholders_interest_ck CHECK (interest BETWEEN 1 AND 5),
  involvement TEXT,
  involved_by_id TEXT,
  next_contact TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT stakeholders_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT stakeholders_who_ck CHECK ((CASE WHEN person_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN unit_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN name IS NULL THEN 0 ELSE 1 END) = 1),
  CONSTRAINT stakeholders_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT stakeholders_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  CONSTRAINT stakeholders_unit_fk FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  CONSTRAINT stakeholders_involved_by_fk FOREIGN KEY (tenant_id, involved_by_id) REFERENCES people (tenant_id, id)
);
CREATE INDEX stakeholders_project_ix ON stakeholders (tenant_id, project_id);
CREATE INDEX stakeholders_person_ix ON stakeholders (tenant_id, person_id);
CREATE INDEX stakeholders_unit_ix ON stakeholders (tenant_id, unit_id);
CREATE INDEX stakeholders_involved_by_ix ON stakeholders (tenant_id, involved_by_id);

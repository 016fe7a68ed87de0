-- The risk log (issue 14, point 3): probability and consequence 1-5 before and after
-- mitigation, mitigations as texts, the action-plan rows raised from them (linked_actions:
-- a JSON array of {"source": "mitigation"|"occurred", "text", "action_id"}; no foreign key,
-- so a row can leave the action plan without touching the risk), the next review and what
-- happens now once a risk has occurred.
CREATE TABLE risks (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  cause TEXT NOT NULL,
  consequence_text TEXT NOT NULL,
  owner_id TEXT,
  probability INTEGER NOT NULL CONSTRAINT risks_probability_ck CHECK (probability BETWEEN 1 AND 5),
  consequence INTEGER NOT NULL CONSTRAINT risks_consequence_ck CHECK (consequence BETWEEN 1 AND 5),
  probability_after INTEGER CONSTRAINT risks_probability_after_ck CHECK (probability_after BETWEEN 1 AND 5),
  consequence_after INTEGER CONSTRAINT risks_consequence_after_ck CHECK (consequence_after BETWEEN 1 AND 5),
  mitigations TEXT NOT NULL,
  next_review TEXT NOT NULL,
  status TEXT NOT NULL CONSTRAINT risks_status_ck CHECK (status IN ('open', 'closed', 'occurred')),
  what_now TEXT,
  linked_actions TEXT NOT NULL,
  created_by TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT risks_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT risks_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT risks_owner_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES people (tenant_id, id)
);
CREATE INDEX risks_project_ix ON risks (tenant_id, project_id, id);

-- The tenant's score bands: a score (probability x consequence, 1-25) at or below
-- risk_low_max is low, at or above risk_high_min high, between them medium.
ALTER TABLE tenants ADD COLUMN risk_low_max INTEGER NOT NULL DEFAULT 4;
ALTER TABLE tenants ADD COLUMN risk_high_min INTEGER NOT NULL DEFAULT 15;

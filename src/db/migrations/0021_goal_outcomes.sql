-- The outcome of each of a charter's goals (a success criterion or a result goal), judged
-- for the closing report. A goal is named by its text: a reworded goal is judged anew.
CREATE TABLE goal_outcomes (
  tenant_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  goal TEXT NOT NULL,
  outcome TEXT NOT NULL,
  note TEXT NOT NULL,
  updated_by TEXT,
  updated_at TEXT NOT NULL,
  CONSTRAINT goal_outcomes_pk PRIMARY KEY (tenant_id, project_id, kind, goal),
  CONSTRAINT goal_outcomes_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);

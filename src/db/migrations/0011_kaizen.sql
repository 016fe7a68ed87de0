-- The kaizen board (issue 5): improvement cards per project in four columns, and a
-- per-project board version that every write bumps, so a polling board can ask
-- "changed since version n?" with one indexed read.
CREATE TABLE kaizen_cards (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT kaizen_cards_kind_ck CHECK (kind IN ('problem', 'idea')),
  text TEXT NOT NULL,
  raised_by_id TEXT,
  raised_by_name TEXT,
  responsible_id TEXT,
  pdca TEXT,
  card_date TEXT NOT NULL,
  board_column TEXT NOT NULL CONSTRAINT kaizen_cards_column_ck CHECK (board_column IN ('new', 'in_progress', 'done', 'rejected')),
  position INTEGER NOT NULL CONSTRAINT kaizen_cards_position_ck CHECK (position >= 0),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT kaizen_cards_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT kaizen_cards_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT kaizen_cards_raised_by_fk FOREIGN KEY (tenant_id, raised_by_id) REFERENCES people (tenant_id, id),
  CONSTRAINT kaizen_cards_responsible_fk FOREIGN KEY (tenant_id, responsible_id) REFERENCES people (tenant_id, id)
);
CREATE INDEX kaizen_cards_board_ix ON kaizen_cards (tenant_id, project_id, board_column, position);

CREATE TABLE kaizen_boards (
  tenant_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  CONSTRAINT kaizen_boards_pk PRIMARY KEY (tenant_id, project_id),
  CONSTRAINT kaizen_boards_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);

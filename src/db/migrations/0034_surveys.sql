-- Surveys (issue 17, seeds 002 and 004): a questionnaire of Likert, choice, number and text
-- items grouped in scales, sent in rounds (baseline, follow-ups) to units or by a public link.
-- Anonymity is in the tables: an invitation proves "may answer once" and is then marked used
-- (its person forgotten); a response names only its round and the unit it counts in — no
-- invitation, no person, no time — and its id is random, not time-ordered, so the order of
-- the rows does not tell who answered when.
CREATE TABLE surveys (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  audience TEXT NOT NULL CONSTRAINT surveys_audience_ck CHECK (audience IN ('staff', 'citizens')),
  template_key TEXT,
  questionnaire TEXT NOT NULL DEFAULT '{}',
  min_group INTEGER NOT NULL DEFAULT 5 CONSTRAINT surveys_min_group_ck CHECK (min_group >= 3),
  project_id TEXT,
  owner_id TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT surveys_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT surveys_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT surveys_owner_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES people (tenant_id, id)
);

-- `grouping` is the units as they were when the round was sent (id, parent, name): results
-- are grouped by it, so a later change of the organisation cannot single out a small group.
CREATE TABLE survey_rounds (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  number INTEGER NOT NULL CONSTRAINT survey_rounds_number_ck CHECK (number >= 0),
  label TEXT NOT NULL,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  status TEXT NOT NULL CONSTRAINT survey_rounds_status_ck CHECK (status IN ('planned', 'open', 'closed')),
  grouping TEXT NOT NULL DEFAULT '[]',
  public_link_hash TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT survey_rounds_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT survey_rounds_survey_fk FOREIGN KEY (tenant_id, survey_id) REFERENCES surveys (tenant_id, id),
  CONSTRAINT survey_rounds_number_uq UNIQUE (tenant_id, survey_id, number),
  CONSTRAINT survey_rounds_dates_ck CHECK (closes_on >= opens_on)
);
CREATE UNIQUE INDEX survey_rounds_public_ux ON survey_rounds (public_link_hash);

-- A personal link: only the hash of its secret is kept. person_id is there for the
-- reminders and is cleared when the link is used.
CREATE TABLE survey_invitations (
  link_hash TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  unit_id TEXT,
  person_id TEXT,
  used INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT survey_invitations_pk PRIMARY KEY (link_hash),
  CONSTRAINT survey_invitations_round_fk FOREIGN KEY (tenant_id, round_id) REFERENCES survey_rounds (tenant_id, id)
);
CREATE INDEX survey_invitations_round_ix ON survey_invitations (tenant_id, round_id, unit_id);

CREATE TABLE survey_responses (
  tenant_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  id TEXT NOT NULL,
  unit_id TEXT,
  CONSTRAINT survey_responses_pk PRIMARY KEY (tenant_id, round_id, id),
  CONSTRAINT survey_responses_round_fk FOREIGN KEY (tenant_id, round_id) REFERENCES survey_rounds (tenant_id, id)
);

-- One row per answered item: a number (a Likert point, a number, a chosen option's place) or
-- a text (free text, the chosen options' keys).
CREATE TABLE survey_answers (
  tenant_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  response_id TEXT NOT NULL,
  item_key TEXT NOT NULL,
  number DOUBLE PRECISION,
  text TEXT,
  CONSTRAINT survey_answers_pk PRIMARY KEY (tenant_id, round_id, response_id, item_key),
  CONSTRAINT survey_answers_response_fk FOREIGN KEY (tenant_id, round_id, response_id) REFERENCES survey_responses (tenant_id, round_id, id)
);

-- Each response's index per scale, computed when it is stored, so that a round's results
-- are sums per unit in SQL rather than a reading of every answer.
CREATE TABLE survey_scale_scores (
  tenant_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  response_id TEXT NOT NULL,
  scale_key TEXT NOT NULL,
  unit_id TEXT,
  score DOUBLE PRECISION NOT NULL,
  CONSTRAINT survey_scale_scores_pk PRIMARY KEY (tenant_id, round_id, response_id, scale_key),
  CONSTRAINT survey_scale_scores_response_fk FOREIGN KEY (tenant_id, round_id, response_id) REFERENCES survey_responses (tenant_id, round_id, id)
);
CREATE INDEX survey_scale_scores_unit_ix ON survey_scale_scores (tenant_id, round_id, scale_key, unit_id);

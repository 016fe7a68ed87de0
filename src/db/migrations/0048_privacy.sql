-- Personal data (issue 19, point 6; D50): how long a tenant keeps citizens' e-mail addresses
-- on closed signals and the link between a person and a survey invitation after a round closed,
-- and when a person was erased (their name is then a pseudonym and nothing more is exported).
CREATE TABLE privacy_settings (
  tenant_id TEXT NOT NULL CONSTRAINT privacy_settings_pk PRIMARY KEY
    CONSTRAINT privacy_settings_tenant_fk REFERENCES tenants (id),
  signal_email_days INTEGER NOT NULL CONSTRAINT privacy_settings_signal_ck CHECK (signal_email_days BETWEEN 0 AND 3650),
  survey_invitation_days INTEGER NOT NULL CONSTRAINT privacy_settings_survey_ck CHECK (survey_invitation_days BETWEEN 0 AND 3650),
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);

ALTER TABLE people ADD COLUMN erased_at TEXT;

CREATE INDEX signals_closed_ix ON signals (status, closed_at);

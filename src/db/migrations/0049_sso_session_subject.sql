-- Single logout started by the IdP (issue 19; D53): a SAML LogoutRequest names the person by
-- NameID and SessionIndex, so the NameID's value is kept in a column of its own to find the
-- local sessions by. The person's id lets an erasure delete their SSO sessions. Rows written
-- before this migration have neither and expire within a session's lifetime (12 hours).
ALTER TABLE sso_sessions ADD COLUMN subject TEXT;
ALTER TABLE sso_sessions ADD COLUMN person_id TEXT;
CREATE INDEX sso_sessions_subject_ix ON sso_sessions (tenant_id, idp_id, subject);
CREATE INDEX sso_sessions_person_ix ON sso_sessions (tenant_id, person_id);

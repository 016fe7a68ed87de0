-- A SAML IdP's metadata read from the address its federation publishes it at (issue 19,
-- point 4): KOMBIT's Context Handler and the Swedish federations rotate their signing
-- certificates there. The last document that passed the checks is kept with when it was
-- read, so a failed refresh never takes sign-in away; `url` is the address it came from, so
-- a changed address is not served the old one's document. One row per provider.
CREATE TABLE sso_idp_metadata (
  tenant_id TEXT NOT NULL,
  idp_id TEXT NOT NULL,
  url TEXT NOT NULL,
  metadata TEXT,
  fetched_at TEXT,
  checked_at TEXT NOT NULL,
  last_error TEXT,
  CONSTRAINT sso_idp_metadata_pk PRIMARY KEY (tenant_id, idp_id),
  CONSTRAINT sso_idp_metadata_idp_fk FOREIGN KEY (tenant_id, idp_id)
    REFERENCES identity_providers (tenant_id, id)
);

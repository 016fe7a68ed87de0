-- The SAML SP's key rollover (issue 19, point 4; D61): besides the provider's current key (its
-- secret and settings.sp_certificate), a `next` key pair already published in the SP metadata
-- before the switch, and the `previous` one still published and decrypting until retire_at
-- (or until an administrator retires it) after the switch. At most one row of each per
-- provider; the private key is a secret like identity_providers.secret.
CREATE TABLE sso_sp_keys (
  tenant_id TEXT NOT NULL,
  idp_id TEXT NOT NULL,
  slot TEXT NOT NULL,
  private_key TEXT NOT NULL,
  certificate TEXT NOT NULL,
  retire_at TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT sso_sp_keys_pk PRIMARY KEY (tenant_id, idp_id, slot),
  CONSTRAINT sso_sp_keys_slot_ck CHECK (slot IN ('next', 'previous')),
  CONSTRAINT sso_sp_keys_idp_fk FOREIGN KEY (tenant_id, idp_id)
    REFERENCES identity_providers (tenant_id, id)
);

-- The authenticator models an administrator accepts as PassKeys, by the AAGUID each reports at
-- registration. No row: any FIDO2 authenticator is accepted (the default).
CREATE TABLE accepted_authenticators (
  aaguid    UUID         PRIMARY KEY,
  name      VARCHAR(100) NOT NULL,
  added_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Secrets the vault makes for itself and shares between nodes. 'sign-in-decoys' keys the HMAC
-- that gives an address without PassKeys the credential ids it is answered with at sign-in, so
-- that the answer does not tell which addresses have accounts (see docs/security.md).
CREATE TABLE vault_secrets (
  name            VARCHAR(40)  PRIMARY KEY,
  secret          BYTEA        NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

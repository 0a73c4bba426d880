-- The certificate authority's private keys (root and issuing CA), protected like users' keys:
-- AES-256-GCM ciphertext of the PKCS#8 encoding under a per-key data key wrapped by the KEK. The AAD
-- binds ciphertext and wrapped key to the row's id and alias. No user owns them.
CREATE TABLE authority_keys (
  id                UUID         PRIMARY KEY,
  alias             VARCHAR(100) NOT NULL UNIQUE,
  algorithm         VARCHAR(32)  NOT NULL,        -- EC_P256, EC_P384, RSA_3072, RSA_4096
  public_key        BYTEA        NOT NULL,        -- SubjectPublicKeyInfo, DER
  key_ciphertext    BYTEA        NOT NULL,
  key_iv            BYTEA        NOT NULL,
  wrapped_data_key  BYTEA        NOT NULL,
  kek_id            VARCHAR(100) NOT NULL REFERENCES keks (id),
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

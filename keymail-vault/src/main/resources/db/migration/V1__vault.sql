-- keymail vault schema. Runs unchanged on H2 (embedded default) and PostgreSQL (production).
-- Binary columns are BYTEA, times are TIMESTAMP WITH TIME ZONE (UTC), identifiers UUID.

CREATE TABLE users (
  id              UUID PRIMARY KEY,
  email           VARCHAR(320) NOT NULL UNIQUE,
  display_name    VARCHAR(200) NOT NULL,
  role            VARCHAR(16)  NOT NULL,          -- USER or ADMIN
  status          VARCHAR(16)  NOT NULL,          -- INVITED, ACTIVE, DISABLED
  user_handle     BYTEA        NOT NULL UNIQUE,   -- WebAuthn user handle: 32 random bytes
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One-time codes with which an invited user activates a PassKey. Only a hash is stored.
CREATE TABLE activation_codes (
  code_hash       BYTEA        PRIMARY KEY,
  user_id         UUID         NOT NULL REFERENCES users (id),
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  used_at         TIMESTAMP WITH TIME ZONE
);

-- PassKeys: WebAuthn credentials (security keys in a browser, software PassKeys of the CLI).
-- Each PassKey has its own access code and its own lockout state.
CREATE TABLE passkeys (
  id                UUID         PRIMARY KEY,
  user_id           UUID         NOT NULL REFERENCES users (id),
  credential_id     BYTEA        NOT NULL UNIQUE,
  public_key_cose   BYTEA        NOT NULL,
  sign_count        BIGINT       NOT NULL,
  name              VARCHAR(100) NOT NULL,
  kind              VARCHAR(16)  NOT NULL,        -- SECURITY_KEY or SOFTWARE
  transports        VARCHAR(100),
  access_code_hash  VARCHAR(200) NOT NULL,        -- Argon2id, encoded with its parameters and salt
  failed_attempts   INTEGER      NOT NULL DEFAULT 0,
  locked_until      TIMESTAMP WITH TIME ZONE,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  last_used_at      TIMESTAMP WITH TIME ZONE,
  revoked_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX passkeys_user ON passkeys (user_id);

-- WebAuthn ceremonies in progress (registration or assertion), so any server node can finish one.
CREATE TABLE webauthn_requests (
  id              UUID         PRIMARY KEY,
  kind            VARCHAR(16)  NOT NULL,          -- REGISTRATION or ASSERTION
  user_id         UUID         REFERENCES users (id),
  request_json    VARCHAR(16000) NOT NULL,
  expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Key-encryption keys: where each lives (FILE or PKCS11) and whether it is current.
CREATE TABLE keks (
  id              VARCHAR(100) PRIMARY KEY,
  protector       VARCHAR(16)  NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  retired_at      TIMESTAMP WITH TIME ZONE
);

-- Private keys: AES-256-GCM ciphertext of the PKCS#8 encoding under a per-key data key, which is
-- itself wrapped by a key-encryption key. The AAD binds ciphertext and wrapped key to id and owner.
CREATE TABLE vault_keys (
  id                UUID         PRIMARY KEY,
  user_id           UUID         NOT NULL REFERENCES users (id),
  algorithm         VARCHAR(32)  NOT NULL,        -- RSA_2048, RSA_3072, EC_P256, EC_P384, ...
  public_key        BYTEA        NOT NULL,        -- SubjectPublicKeyInfo, DER
  key_ciphertext    BYTEA        NOT NULL,
  key_iv            BYTEA        NOT NULL,
  wrapped_data_key  BYTEA        NOT NULL,
  kek_id            VARCHAR(100) NOT NULL REFERENCES keks (id),
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  archived_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX vault_keys_user ON vault_keys (user_id);

-- Certificates: a user's own (with their vault key) and archived ones, kept so old mail stays readable.
CREATE TABLE certificates (
  id              UUID         PRIMARY KEY,
  user_id         UUID         NOT NULL REFERENCES users (id),
  key_id          UUID         REFERENCES vault_keys (id),
  fingerprint     BYTEA        NOT NULL,          -- SHA-256 of the DER encoding
  der             BYTEA        NOT NULL,
  subject         VARCHAR(1000) NOT NULL,
  issuer          VARCHAR(1000) NOT NULL,
  serial_hex      VARCHAR(100) NOT NULL,
  not_before      TIMESTAMP WITH TIME ZONE NOT NULL,
  not_after       TIMESTAMP WITH TIME ZONE NOT NULL,
  source          VARCHAR(16)  NOT NULL,          -- GENERATED, IMPORTED, ISSUED
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  archived_at     TIMESTAMP WITH TIME ZONE,
  CONSTRAINT certificates_user_fingerprint UNIQUE (user_id, fingerprint)
);
CREATE INDEX certificates_user ON certificates (user_id);

-- Unlock sessions: PassKey assertion + right access code. Only the token's SHA-256 is stored.
CREATE TABLE unlock_sessions (
  token_hash        BYTEA        PRIMARY KEY,
  user_id           UUID         NOT NULL REFERENCES users (id),
  passkey_id        UUID         NOT NULL REFERENCES passkeys (id),
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  last_used_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  absolute_expiry   TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at          TIMESTAMP WITH TIME ZONE
);

-- Policies an administrator sets (session lengths, cipher policy, ...), as name/value pairs.
CREATE TABLE policies (
  name            VARCHAR(100) PRIMARY KEY,
  policy_value    VARCHAR(1000) NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The audit log: every event hash-chained to the one before, so a changed or removed row shows.
CREATE TABLE audit_events (
  seq             BIGINT       PRIMARY KEY,
  at              TIMESTAMP WITH TIME ZONE NOT NULL,
  user_id         UUID,
  passkey_id      UUID,
  operation       VARCHAR(40)  NOT NULL,
  object          VARCHAR(400),
  client_address  VARCHAR(100),
  result          VARCHAR(16)  NOT NULL,          -- SUCCESS, FAILURE, DENIED
  detail          VARCHAR(1000),
  prev_hash       BYTEA        NOT NULL,
  hash            BYTEA        NOT NULL
);

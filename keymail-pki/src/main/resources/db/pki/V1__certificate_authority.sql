-- keymail certificate authority schema. Runs unchanged on H2 (embedded default) and PostgreSQL
-- (production), in the vault's database under its own history table (pki_schema_history).
-- Binary columns are BYTEA, times are TIMESTAMP WITH TIME ZONE (UTC), identifiers UUID.
-- User ids name rows of the vault's users table but carry no foreign key: keymail-pki sits below
-- keymail-vault and does not know its schema.

-- The organisation's CA certificates: one ROOT and one ISSUING row. The primary key decides when
-- two nodes initialise the CA at once: the first to commit wins, the other loads its CA.
CREATE TABLE ca_certificates (
  role            VARCHAR(16)   PRIMARY KEY,      -- ROOT or ISSUING
  key_alias       VARCHAR(100)  NOT NULL,         -- the private key's name in CaKeys
  der             BYTEA         NOT NULL,
  subject         VARCHAR(1000) NOT NULL,
  serial_hex      VARCHAR(40)   NOT NULL,
  not_before      TIMESTAMP WITH TIME ZONE NOT NULL,
  not_after       TIMESTAMP WITH TIME ZONE NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Certificate templates: built-ins (inserted below) and the administrator's own.
CREATE TABLE cert_templates (
  name            VARCHAR(100)  PRIMARY KEY,
  profile         VARCHAR(32)   NOT NULL,         -- SMARTCARD_LOGON, SECURE_EMAIL, USER
  key_types       VARCHAR(200)  NOT NULL,         -- comma-separated: RSA_2048,EC_P256,...
  validity_days   INTEGER       NOT NULL,
  approval        VARCHAR(16)   NOT NULL,         -- AUTOMATIC or ADMINISTRATOR
  enabled         BOOLEAN       NOT NULL,
  built_in        BOOLEAN       NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO cert_templates VALUES
  ('Smartcard Logon', 'SMARTCARD_LOGON', 'RSA_2048,RSA_3072,RSA_4096,EC_P256,EC_P384', 365,
   'ADMINISTRATOR', TRUE, TRUE, CURRENT_TIMESTAMP);
INSERT INTO cert_templates VALUES
  ('Secure Email', 'SECURE_EMAIL', 'RSA_2048,RSA_3072,RSA_4096,EC_P256,EC_P384', 365,
   'AUTOMATIC', TRUE, TRUE, CURRENT_TIMESTAMP);
INSERT INTO cert_templates VALUES
  ('User', 'USER', 'RSA_2048,RSA_3072,RSA_4096,EC_P256,EC_P384', 365,
   'ADMINISTRATOR', TRUE, TRUE, CURRENT_TIMESTAMP);

-- Certificate requests (PKCS#10) with who asked, for what, and what became of them. The
-- requester's address and name are copied so an approval issues without reading the vault.
CREATE TABLE cert_requests (
  id              UUID          PRIMARY KEY,
  requester_id    UUID          NOT NULL,
  requester_email VARCHAR(320)  NOT NULL,
  requester_name  VARCHAR(200)  NOT NULL,
  requester_upn   VARCHAR(320),
  template_name   VARCHAR(100)  NOT NULL,
  csr_der         BYTEA         NOT NULL,
  status          VARCHAR(16)   NOT NULL,         -- PENDING, ISSUED, DENIED
  deny_reason     VARCHAR(1000),
  decided_by      UUID,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  decided_at      TIMESTAMP WITH TIME ZONE,
  issued_serial   VARCHAR(40)
);
CREATE INDEX cert_requests_status ON cert_requests (status);
CREATE INDEX cert_requests_requester ON cert_requests (requester_id);

-- Every certificate the issuing CA signed. The serial number (lower-case hex, 128 random bits
-- with the top bit clear) is unique by the primary key: a collision makes the issuer draw again.
CREATE TABLE issued_certificates (
  serial_hex      VARCHAR(40)   PRIMARY KEY,
  user_id         UUID          NOT NULL,
  request_id      UUID,
  template_name   VARCHAR(100)  NOT NULL,
  der             BYTEA         NOT NULL,
  subject         VARCHAR(1000) NOT NULL,
  not_before      TIMESTAMP WITH TIME ZONE NOT NULL,
  not_after       TIMESTAMP WITH TIME ZONE NOT NULL,
  issued_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX issued_certificates_user ON issued_certificates (user_id);

-- Revocations: at most one per certificate.
CREATE TABLE revocations (
  serial_hex      VARCHAR(40)   PRIMARY KEY REFERENCES issued_certificates (serial_hex),
  revoked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  reason          VARCHAR(32)   NOT NULL,         -- RevocationReason name
  revoked_by      UUID          NOT NULL,
  revoked_by_role VARCHAR(16)   NOT NULL          -- ADMINISTRATOR, or USER for their own
);

-- CRLs the issuing CA signed; the newest is the one served. crl_number only grows.
CREATE TABLE crls (
  crl_number      BIGINT        PRIMARY KEY,
  der             BYTEA         NOT NULL,
  this_update     TIMESTAMP WITH TIME ZONE NOT NULL,
  next_update     TIMESTAMP WITH TIME ZONE NOT NULL
);

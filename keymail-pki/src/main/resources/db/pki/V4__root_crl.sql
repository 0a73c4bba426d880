-- The root CA publishes a CRL of the CA certificates it signed (RFC 5280 §6.1.3: relying parties
-- check the issuing CA's status too). Runs unchanged on H2 and PostgreSQL.

-- A CA certificate the root revoked: the root CRL lists it until it expires. No row is revoked
-- today; an issuing CA revocation would be recorded here and appear on the next root CRL.
ALTER TABLE ca_certificates ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE ca_certificates ADD COLUMN revocation_reason VARCHAR(32);  -- RevocationReason name

-- CRLs the root CA signed; the newest is the one served at /pki/root.crl. crl_number only grows.
CREATE TABLE root_crls (
  crl_number      BIGINT        PRIMARY KEY,
  der             BYTEA         NOT NULL,
  this_update     TIMESTAMP WITH TIME ZONE NOT NULL,
  next_update     TIMESTAMP WITH TIME ZONE NOT NULL
);

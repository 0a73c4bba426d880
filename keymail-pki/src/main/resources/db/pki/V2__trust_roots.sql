-- The organisation's trust store beyond its own root: third-party roots administrators imported,
-- and whether the JDK's public roots count as "widely trusted" for e-mail certificates (opt-in).
-- Runs unchanged on H2 and PostgreSQL. The organisation's own roots live in ca_certificates.

CREATE TABLE trust_roots (
  sha256_hex      VARCHAR(64)   PRIMARY KEY,      -- SHA-256 of the DER: one row per certificate
  der             BYTEA         NOT NULL,
  subject         VARCHAR(1000) NOT NULL,
  not_after       TIMESTAMP WITH TIME ZONE NOT NULL,
  imported_by     UUID          NOT NULL,
  imported_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row: the public-roots opt-in.
CREATE TABLE trust_settings (
  id              INTEGER       PRIMARY KEY,
  public_roots    BOOLEAN       NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO trust_settings VALUES (1, FALSE, CURRENT_TIMESTAMP);

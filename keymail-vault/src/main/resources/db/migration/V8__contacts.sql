-- A user's contacts: people whose certificates they keep for writing encrypted mail to them,
-- added from a signed message ("added") or collected from every validly signed message they
-- opened ("collected"). One row per address and certificate; public data only.
CREATE TABLE contacts (
  id              UUID         PRIMARY KEY,
  user_id         UUID         NOT NULL REFERENCES users (id),
  address         VARCHAR(320) NOT NULL,
  display_name    VARCHAR(254) NOT NULL,
  certificate     BYTEA        NOT NULL,          -- X.509, DER
  fingerprint     BYTEA        NOT NULL,          -- SHA-256 of the DER encoding
  capabilities    BYTEA,                          -- SMIMECapabilities the signature announced, DER
  source          VARCHAR(16)  NOT NULL,          -- added or collected
  added_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT contacts_one_per_certificate UNIQUE (user_id, address, fingerprint)
);

CREATE INDEX contacts_by_user ON contacts (user_id, address);

-- The FIDO Metadata Service BLOB an administrator uploaded, verified against the MDS root: at most
-- one row, replaced by each upload. Registrations check attestations against the roots it lists.
CREATE TABLE fido_metadata (
  id           INTEGER      PRIMARY KEY CHECK (id = 1),
  blob         TEXT         NOT NULL,
  serial       BIGINT       NOT NULL,
  next_update  DATE         NOT NULL,
  entries      INTEGER      NOT NULL,
  uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Each person's credential for the organisation's directory over LDAP (the address books of
-- Thunderbird and Outlook bind with it): at most one per user, made on the Dashboard and shown
-- once. Only the SHA-256 of the secret is kept; the secret is 160 random bits, so a slow hash would
-- add nothing but cost on every bind. Revoking deletes the row; a disabled user's row stays but no
-- longer binds.
CREATE TABLE directory_credentials (
  user_id       UUID         PRIMARY KEY REFERENCES users (id),
  secret_hash   BYTEA        NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  last_used_at  TIMESTAMP WITH TIME ZONE
);

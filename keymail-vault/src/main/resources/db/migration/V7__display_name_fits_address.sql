-- A user invited without a display name is shown by their address, which may be 254 characters
-- long (RFC 5321); the column held 200. Names people type stay limited to 200 by the vault.
ALTER TABLE users ALTER COLUMN display_name SET DATA TYPE VARCHAR(254);

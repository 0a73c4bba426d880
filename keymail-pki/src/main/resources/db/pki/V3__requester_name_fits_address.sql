-- A requester without a display name is named by their address, up to 254 characters (RFC 5321);
-- the column held 200, so such a request failed as if the database were down.
ALTER TABLE cert_requests ALTER COLUMN requester_name SET DATA TYPE VARCHAR(254);

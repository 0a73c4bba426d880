-- The certificate authorities, besides the organisation's own, whose certificates sign people in
-- (certificate sign-in): each one of the trusted roots an administrator imported, named by the
-- SHA-256 of its certificate. Taking a root out of the trusted roots takes it out of sign-in too.
CREATE TABLE signin_authorities (
  fingerprint     VARCHAR(64)   PRIMARY KEY,      -- SHA-256 of the root's DER, lower-case hex
  subject         VARCHAR(1024) NOT NULL,         -- as shown, for the list
  added_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  added_by        UUID          NOT NULL
);

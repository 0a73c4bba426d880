-- Each user's S/MIME options for the mail they write: encrypt and sign by default, send their
-- certificates with signed mail, and the certificate they chose to sign with (none: keymail picks).
-- The chosen certificate is not a foreign key: deleting a certificate must not depend on options,
-- and a choice that names a certificate no longer there falls back to keymail's pick.
CREATE TABLE mail_options (
  user_id              UUID         PRIMARY KEY REFERENCES users (id),
  encrypt_all          BOOLEAN      NOT NULL,
  sign_all             BOOLEAN      NOT NULL,
  send_certificates    BOOLEAN      NOT NULL,
  signing_certificate  UUID,
  updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Browser sessions, kept in the database so that every server node serves every signed-in browser
-- (no sticky sessions at the load balancer). Spring Session JDBC reads and writes these two tables
-- (keymail.server sets spring.session.jdbc.table-name to browser_sessions); the columns are
-- Spring Session's own, in types H2 and PostgreSQL both take. SESSION_ID is what the browser's
-- KEYMAIL_SESSION cookie carries; the attributes hold who signed in and the unlock session's token,
-- never an access code. Expired rows are deleted once a minute by whichever node gets there first.
CREATE TABLE browser_sessions (
  primary_id             CHAR(36)     NOT NULL,
  session_id             CHAR(36)     NOT NULL,
  creation_time          BIGINT       NOT NULL,
  last_access_time       BIGINT       NOT NULL,
  max_inactive_interval  INT          NOT NULL,
  expiry_time            BIGINT       NOT NULL,
  principal_name         VARCHAR(100),
  CONSTRAINT browser_sessions_pk PRIMARY KEY (primary_id)
);

CREATE UNIQUE INDEX browser_sessions_by_session_id ON browser_sessions (session_id);
CREATE INDEX browser_sessions_by_expiry ON browser_sessions (expiry_time);
CREATE INDEX browser_sessions_by_principal ON browser_sessions (principal_name);

CREATE TABLE browser_sessions_attributes (
  session_primary_id  CHAR(36)      NOT NULL,
  attribute_name      VARCHAR(200)  NOT NULL,
  attribute_bytes     BYTEA         NOT NULL,
  CONSTRAINT browser_sessions_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
  CONSTRAINT browser_sessions_attributes_fk FOREIGN KEY (session_primary_id)
    REFERENCES browser_sessions (primary_id) ON DELETE CASCADE
);

-- The attachments of messages being written in the webmail, kept while a form comes back (a wrong
-- address, locked keys, a refusing mail server) on whichever node the next post reaches. Each
-- belongs to one browser session (keeper: a random name the session holds as an attribute
-- "org.keymail.server.webmail.compose.keeper.<keeper>"); rows go when the message is sent, the
-- writer removes them, or their browser session has ended.
CREATE TABLE kept_attachments (
  id            VARCHAR(24)   PRIMARY KEY,
  keeper        VARCHAR(32)   NOT NULL,
  name          VARCHAR(200)  NOT NULL,
  content_type  VARCHAR(255)  NOT NULL,
  size          BIGINT        NOT NULL,
  content       BYTEA         NOT NULL,
  kept_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX kept_attachments_by_keeper ON kept_attachments (keeper);

-- The audit chain's head: the newest event's place and hash, in one row. Appending locks this row
-- (SELECT ... FOR UPDATE), writes a whole batch of events chained from it and moves it on, so the
-- lock is taken once per batch and every node sharing the database still extends one chain.
-- last_hash is NULL while the log is empty (the first event follows the all-zero genesis hash).
CREATE TABLE audit_chain_head (
  id              INTEGER      PRIMARY KEY,
  last_seq        BIGINT       NOT NULL,
  last_hash       BYTEA,
  CONSTRAINT audit_chain_head_one_row CHECK (id = 1)
);

INSERT INTO audit_chain_head (id, last_seq, last_hash)
SELECT 1, e.seq, e.hash FROM audit_events e
WHERE e.seq = (SELECT MAX(seq) FROM audit_events);

INSERT INTO audit_chain_head (id, last_seq, last_hash)
SELECT 1, 0, NULL WHERE NOT EXISTS (SELECT 1 FROM audit_chain_head);

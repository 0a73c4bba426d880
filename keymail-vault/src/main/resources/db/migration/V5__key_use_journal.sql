-- Key uses reach the audit log through each node's key-use journal (see docs/architecture.md,
-- "Audit of key uses"): identical key uses shipped together are stored as one row that counts
-- them, from the first (first_at) to the last (at). A row of one event keeps first_at NULL.
ALTER TABLE audit_events ADD COLUMN occurrences INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE audit_events ADD COLUMN first_at TIMESTAMP WITH TIME ZONE;

-- How far each node's journal is stored in audit_events: moved on in the transaction that stores
-- the journal's events, so after a crash a node ships exactly what is not yet stored.
CREATE TABLE audit_journal_marks (
  node_id         UUID         PRIMARY KEY,
  shipped_to      BIGINT       NOT NULL,
  shipped_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

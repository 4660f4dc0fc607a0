-- The audit trail's hash chain: one row per audit_log entry, SHA-256 as ehr_core::audit::chain_hash computes
-- it. A table of its own rather than a column of audit_log: audit_log's triggers stay exactly as they were
-- (no update of any kind), and the rows an earlier release left are chained by plain inserts when the
-- database is first opened, without a trigger rule such as "this column may be set once from NULL" that
-- every backend would have to get right. This table is append-only too.
CREATE TABLE audit_chain (
    entry_seq INTEGER PRIMARY KEY REFERENCES audit_log (seq),
    hash      BLOB    NOT NULL CHECK (length(hash) = 32)
) STRICT;

CREATE TRIGGER audit_chain_no_update
BEFORE UPDATE ON audit_chain
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_chain_no_delete
BEFORE DELETE ON audit_chain
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

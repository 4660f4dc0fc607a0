-- Who read personal data, where and when. Not tied to an application row: the trail outlives a deleted draft.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    user_name   TEXT    NOT NULL,
    workstation TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    subject     TEXT    NOT NULL
) STRICT;

CREATE INDEX audit_log_by_subject ON audit_log (subject, seq);

CREATE TRIGGER audit_log_no_update
BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_log_no_delete
BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- The whole application form now lives in `data`; a reference people can quote; the submission (JSON).
ALTER TABLE applications ADD COLUMN reference TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN submission TEXT;

-- Attached documents, with their content: a few scanned pages each, so kept in the database beside their
-- application (one file to back up, removed with the draft).
CREATE TABLE application_documents (
    id             TEXT    PRIMARY KEY NOT NULL,
    application_id TEXT    NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL,
    file_name      TEXT    NOT NULL,
    media_type     TEXT    NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT    NOT NULL,
    added_at       INTEGER NOT NULL,
    content        BLOB    NOT NULL
) STRICT;

CREATE INDEX application_documents_by_application ON application_documents (application_id, added_at, id);

-- Who changed what, when: appended with every change, in the same transaction, and never rewritten.
CREATE TABLE application_history (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id TEXT    NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at             INTEGER NOT NULL,
    user_name      TEXT    NOT NULL,
    workstation    TEXT    NOT NULL,
    event          TEXT    NOT NULL
) STRICT;

CREATE INDEX application_history_by_application ON application_history (application_id, seq);

CREATE TRIGGER application_history_is_append_only
BEFORE UPDATE ON application_history
BEGIN
    SELECT RAISE(ABORT, 'application history is append-only');
END;

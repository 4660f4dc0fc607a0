-- Applications: the step inputs as typed (JSON), plus the columns the home screen lists by.
CREATE TABLE applications (
    id          TEXT    PRIMARY KEY NOT NULL,
    status      TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    open_issues INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    data        TEXT    NOT NULL
) STRICT;

CREATE INDEX applications_by_updated_at ON applications (updated_at DESC);

CREATE TABLE preferences (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- Several workstations (issue 10): as SQLite's 0009_versions.sql. Every change of an application moves its
-- version on, and a save made from an older version is refused instead of overwriting another's change.
ALTER TABLE applications ADD COLUMN version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1);

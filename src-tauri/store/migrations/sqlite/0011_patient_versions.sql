-- Several workstations (issue 10): a registration's changes move its version on, and a change made from an
-- older version is refused instead of overwriting another desk's.
ALTER TABLE patients ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);

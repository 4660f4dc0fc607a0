-- Several workstations (issue 10): every change of an application moves its version on, and a save made
-- from an older version is refused instead of overwriting another workstation's change.
ALTER TABLE applications ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);

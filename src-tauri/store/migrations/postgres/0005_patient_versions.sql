-- Several workstations (issue 10): as SQLite's 0011_patient_versions.sql.
ALTER TABLE patients ADD COLUMN version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1);

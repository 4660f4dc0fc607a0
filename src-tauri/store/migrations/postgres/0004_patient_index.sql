-- Search and duplicates without opening every registration (issue 10): as SQLite's 0010_patient_index.sql.
ALTER TABLE patients ADD COLUMN document_key BYTEA;
ALTER TABLE patients ADD COLUMN duplicate_allowed BIGINT NOT NULL DEFAULT 0 CHECK (duplicate_allowed IN (0, 1));
CREATE UNIQUE INDEX patients_one_per_document ON patients (document_key) WHERE duplicate_allowed = 0;

CREATE TABLE patient_terms (
    term       BYTEA NOT NULL CHECK (length(term) = 16),
    patient_id TEXT  NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    PRIMARY KEY (term, patient_id)
);

CREATE INDEX patient_terms_by_patient ON patient_terms (patient_id);

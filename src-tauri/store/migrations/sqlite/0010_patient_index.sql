-- Search and duplicates without opening every registration (issue 10): each registration's terms (see
-- ehr_core::patient::IndexTerms), each stored only as a keyed HMAC under a key derived from the office key.
-- `document_key` is the document's term: the database itself refuses a second registration of the same
-- document unless the override of the duplicate warning was recorded (`duplicate_allowed`). Filled for
-- earlier registrations at the first sign-in (SealedStore::index_patients).
ALTER TABLE patients ADD COLUMN document_key BLOB;
ALTER TABLE patients ADD COLUMN duplicate_allowed INTEGER NOT NULL DEFAULT 0 CHECK (duplicate_allowed IN (0, 1));
CREATE UNIQUE INDEX patients_one_per_document ON patients (document_key) WHERE duplicate_allowed = 0;

CREATE TABLE patient_terms (
    term       BLOB NOT NULL CHECK (length(term) = 16),
    patient_id TEXT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    PRIMARY KEY (term, patient_id)
) STRICT;

CREATE INDEX patient_terms_by_patient ON patient_terms (patient_id);

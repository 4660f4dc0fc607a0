-- Imports refuse a reference already held by another application; this finds it without a scan. Not UNIQUE:
-- databases written before the check may hold duplicates (forged packages), which `ehr db check` names.
CREATE INDEX applications_by_reference ON applications (reference);

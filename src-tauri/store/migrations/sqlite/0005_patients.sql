-- The clinic's register of patient registrations. Everything personal is in the sealed record; only the
-- times are in the clear, to order the register.
CREATE TABLE patients (
    id            TEXT    PRIMARY KEY NOT NULL,
    registered_at INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    sealed_record BLOB    NOT NULL
) STRICT;

CREATE INDEX patients_by_registration ON patients (registered_at DESC, id);

-- Personal data is sealed (encrypted) at rest from this version on: the form moves to a BLOB column; the old
-- TEXT column is emptied as each row is sealed (see Store::seal_plaintext_rows).
ALTER TABLE applications ADD COLUMN sealed_data BLOB;

-- The user administrator's work (issue 11): the HCP's staff list and the User Account Creation Requests.
--
-- A staff member's record is sealed whole (names, HKID, contacts, registrations); in the clear are only the
-- HCP it is under (an application's id), times, the version, and a blind index of the HKID (a keyed HMAC),
-- which keeps one person once per HCP and finds the same person under another HCP without opening anyone.
CREATE TABLE staff (
    id            TEXT    PRIMARY KEY NOT NULL,
    hcp_id        TEXT    NOT NULL,
    added_at      INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    hkid_key      BLOB    NOT NULL,
    sealed_record BLOB    NOT NULL,
    UNIQUE (hcp_id, hkid_key)
) STRICT;

CREATE INDEX staff_by_hkid ON staff (hkid_key);

-- A request names staff by id and holds codes only (the people's details are printed from the staff list),
-- so it is kept as JSON in the clear.
CREATE TABLE account_requests (
    id         TEXT    PRIMARY KEY NOT NULL,
    hcp_id     TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    data       TEXT    NOT NULL
) STRICT;

CREATE INDEX account_requests_by_updated_at ON account_requests (updated_at DESC);

CREATE TABLE account_request_history (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id  TEXT    NOT NULL REFERENCES account_requests (id),
    at          INTEGER NOT NULL,
    user_name   TEXT    NOT NULL,
    workstation TEXT    NOT NULL,
    event       TEXT    NOT NULL,
    status      TEXT    NOT NULL
) STRICT;

CREATE INDEX account_request_history_by_request ON account_request_history (request_id, seq);

CREATE TRIGGER account_request_history_no_update
BEFORE UPDATE ON account_request_history
BEGIN
    SELECT RAISE(ABORT, 'request history is append-only');
END;

CREATE TRIGGER account_request_history_no_delete
BEFORE DELETE ON account_request_history
BEGIN
    SELECT RAISE(ABORT, 'request history is append-only');
END;

-- Amendments to a registered HCP (issue 11, item 5): the HCP/HSL Amendment Form, the Additional HSL Form and
-- the Withdrawal Request Form, each against an application already submitted.
--
-- The content names people with their HKIDs (the proposed form whole, new HSLs, a withdrawal's reason): it
-- is sealed, bound to its row. In the clear are only what a list needs: the HCP (an application's id), the
-- form, the status, times, the submission day (ISO) and the version.
CREATE TABLE amendments (
    id             TEXT    PRIMARY KEY NOT NULL,
    reference      TEXT    NOT NULL,
    hcp_id         TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    submitted_on   TEXT,
    version        INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    sealed_content BLOB    NOT NULL,
    -- Once accepted and applied: the registered form as it stood before, sealed, so that what the amendment
    -- changed is still shown. NULL until then.
    sealed_before  BLOB
) STRICT;

CREATE INDEX amendments_by_hcp ON amendments (hcp_id, updated_at DESC);
CREATE INDEX amendments_by_updated_at ON amendments (updated_at DESC);

-- One open (draft or submitted) HCP/HSL amendment and one open withdrawal per HCP: the core refuses a second
-- (`AmendmentKind::one_open_at_a_time`), and this index refuses it when two workstations prepare one at the
-- same moment.
CREATE UNIQUE INDEX amendments_one_open ON amendments (hcp_id, kind)
    WHERE status IN ('draft', 'submitted') AND kind IN ('hcp_hsl', 'withdrawal');

CREATE TABLE amendment_history (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    amendment_id TEXT    NOT NULL REFERENCES amendments (id),
    at           INTEGER NOT NULL,
    user_name    TEXT    NOT NULL,
    workstation  TEXT    NOT NULL,
    event        TEXT    NOT NULL,
    status       TEXT    NOT NULL
) STRICT;

CREATE INDEX amendment_history_by_amendment ON amendment_history (amendment_id, seq);

CREATE TRIGGER amendment_history_no_update
BEFORE UPDATE ON amendment_history
BEGIN
    SELECT RAISE(ABORT, 'amendment history is append-only');
END;

CREATE TRIGGER amendment_history_no_delete
BEFORE DELETE ON amendment_history
BEGIN
    SELECT RAISE(ABORT, 'amendment history is append-only');
END;

-- Who is acting (issue 9): the office, its accounts and roles, and the office key wrapped for each account
-- and once by the recovery key. No password, hash input or key is stored in the clear: `password_hash` is an
-- Argon2id PHC string, `wrapped` the office key encrypted under a key derived from the secret.

CREATE TABLE office (
    -- One row: an installation serves one office.
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kind TEXT NOT NULL CHECK (kind IN ('clinic', 'ro')),
    name TEXT NOT NULL,
    set_up_at INTEGER NOT NULL
);

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    user_name TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
    locked_until INTEGER,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE account_roles (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('front_desk', 'user_admin', 'ro_officer', 'system_admin', 'auditor')),
    PRIMARY KEY (account_id, role)
);

-- The office key, wrapped: one row per account, and one for the recovery key (account_id NULL).
CREATE TABLE office_key_wraps (
    id INTEGER PRIMARY KEY,
    account_id TEXT UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
    wrapped BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX office_key_one_recovery ON office_key_wraps ((account_id IS NULL)) WHERE account_id IS NULL;

CREATE TABLE security_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    lockout_attempts INTEGER NOT NULL,
    lockout_minutes INTEGER NOT NULL,
    autolock_minutes INTEGER NOT NULL
);

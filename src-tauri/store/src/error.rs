//! The store's error type.

use ehr_core::ports::StoreFailure;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the database folder {path}")]
    CreateFolder {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("there is no database at {path}")]
    NoDatabase { path: String },
    #[error("not a PostgreSQL URL (postgres://user@host:port/database)")]
    UrlInvalid,
    #[error("a database URL must not hold its password: it is kept in the keyring")]
    PasswordInUrl,
    /// The PostgreSQL server could not be reached or refused us; told by case, never by the server's own
    /// text (which may quote the user name or the query).
    #[error("the office database cannot be reached ({reason:?})")]
    Unreachable {
        reason: Unreachable,
        #[source]
        source: sqlx::Error,
    },
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// The database has a migration this release does not know: a newer release wrote it.
    #[error(
        "the database was written by a newer release (schema version {version}); nothing was changed"
    )]
    NewerThanApp { version: i64 },
    /// A restore or copy into a database that already holds an office's data (named by table).
    #[error("the target database is not empty ({table} has rows); nothing was copied")]
    TargetNotEmpty { table: &'static str },
    /// Not a backup this release can read, or damaged at `line` (1-based; 0: the file's start).
    #[error("not a readable eHR Desk backup (at line {line})")]
    BackupUnreadable { line: u64 },
    /// The backup holds a table or column the target's schema does not have (named when it is known).
    #[error("the backup's tables do not fit this database's schema ({table})")]
    BackupSchemaMismatch { table: String },
    /// Fewer rows than the backup's header counts: the file was cut short.
    #[error("the backup is incomplete: {table} has {found} of {expected} rows")]
    BackupIncomplete {
        table: String,
        expected: u64,
        found: u64,
    },
    #[error("cannot write or read the backup file {path}")]
    BackupFile {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("database migration failed")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored application data cannot be read")]
    CorruptRecord(#[from] serde_json::Error),
    #[error("the audit trail's last hash cannot be read")]
    AuditChain,
    #[error("a stored account cannot be read: its {0} is not one this release knows")]
    UnreadableAccount(&'static str),
    /// A sealed value that does not open where it is: sealed for another row or column (moved there by
    /// hand), with another key, or changed. Named by table and row id, never by content.
    #[error(
        "the sealed value in {table} row {row} does not open here (moved from another row, or changed)"
    )]
    SealedElsewhere { table: &'static str, row: String },
    #[error("sealed personal data cannot be opened")]
    Sealed(#[from] ehr_core::ports::CipherFailure),
}

impl StoreError {
    /// The typed answer for the cases a person acts on (backups, restores, versions), with its parameters;
    /// `None` for the rest, which are failures, not answers.
    pub fn issue(&self) -> Option<ehr_core::Issue> {
        use ehr_core::{ErrorCode, Issue};
        Some(match self {
            StoreError::NewerThanApp { version } => {
                Issue::new(ErrorCode::DatabaseNewerThanApp).with("version", version)
            }
            StoreError::TargetNotEmpty { table } => {
                Issue::new(ErrorCode::BackupTargetNotEmpty).with("table", table)
            }
            StoreError::BackupUnreadable { line } => {
                Issue::new(ErrorCode::BackupUnreadable).with("line", line)
            }
            StoreError::BackupSchemaMismatch { table } => {
                Issue::new(ErrorCode::BackupSchemaMismatch).with("table", table)
            }
            StoreError::BackupIncomplete {
                table,
                expected,
                found,
            } => Issue::new(ErrorCode::BackupIncomplete)
                .with("table", table)
                .with("expected", expected)
                .with("found", found),
            _ => return None,
        })
    }
}

impl From<StoreError> for StoreFailure {
    fn from(error: StoreError) -> Self {
        StoreFailure::new(error)
    }
}

/// Why a PostgreSQL database could not be opened, as an IT administrator can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreachable {
    /// No server answered at that address and port in time, or the network failed.
    NoAnswer,
    /// The user name or password was refused.
    Refused,
    /// The TLS connection failed (certificate, host name or `sslmode`).
    Tls,
    /// The server has no such database.
    NoSuchDatabase,
}

impl Unreachable {
    pub fn code(self) -> ehr_core::ErrorCode {
        use ehr_core::ErrorCode;
        match self {
            Unreachable::NoAnswer => ErrorCode::DatabaseUnreachable,
            Unreachable::Refused => ErrorCode::DatabaseRefused,
            Unreachable::Tls => ErrorCode::DatabaseTlsFailed,
            Unreachable::NoSuchDatabase => ErrorCode::DatabaseMissing,
        }
    }
}

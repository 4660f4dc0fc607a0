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
    #[error("database error")]
    Database(#[from] sqlx::Error),
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

impl From<StoreError> for StoreFailure {
    fn from(error: StoreError) -> Self {
        StoreFailure::new(error)
    }
}

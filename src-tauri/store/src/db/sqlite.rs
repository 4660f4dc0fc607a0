//! The embedded default: a SQLite file in the user's data directory.

use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// Opens the file (creating it only when `create`); the caller migrates it ([`super::migrate`]).
pub(crate) async fn connect(path: &Path, create: bool) -> Result<SqlitePool, crate::StoreError> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(create)
        // WAL lets the UI read while a save is being written, and survives a crash mid-write.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await?;
    Ok(pool)
}

/// `BEGIN IMMEDIATE` takes SQLite's write lock at once, waiting for another writer up to the busy timeout.
pub(crate) async fn begin_write(
    pool: &SqlitePool,
) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

//! PostgreSQL, for an office whose workstations share one database.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

/// The one advisory lock every write transaction takes (the key is arbitrary, fixed: "eHR Desk" in ASCII).
const WRITER_LOCK: i64 = 0x6548_5220_4465_736b;

/// Where the office database is and how to reach it. The password is given apart from the URL: it comes
/// from the OS keyring, never from a file or the database.
pub(crate) struct PostgresOptions {
    pub(crate) options: PgConnectOptions,
}

impl PostgresOptions {
    /// A `postgres://user@host:port/database[?sslmode=…&sslrootcert=FILE]` URL.
    pub(crate) fn parse(url: &str, password: Option<&str>) -> Result<Self, sqlx::Error> {
        let mut options = PgConnectOptions::from_str(url)?.application_name("ehr-desk");
        if let Some(password) = password {
            options = options.password(password);
        }
        Ok(PostgresOptions { options })
    }
}

pub(crate) async fn connect(options: &PostgresOptions) -> Result<PgPool, crate::StoreError> {
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options.options.clone())
        .await
        .map_err(unreachable)?;
    Ok(pool)
}

/// A transaction holding the writers' advisory lock until it ends (PostgreSQL's counterpart of SQLite's
/// `BEGIN IMMEDIATE`).
pub(crate) async fn begin_write(
    pool: &PgPool,
) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(WRITER_LOCK)
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

/// Why a connection failed, as one of [`Unreachable`]'s cases (never the server's text).
pub(crate) fn unreachable(error: sqlx::Error) -> crate::StoreError {
    use crate::error::Unreachable;
    let reason = match &error {
        sqlx::Error::Tls(_) => Unreachable::Tls,
        // A refused certificate arrives as an I/O error carrying the TLS library's (invalid data).
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => Unreachable::Tls,
        sqlx::Error::Database(e) => match e.code().as_deref() {
            // invalid_password, invalid_authorization_specification
            Some("28P01" | "28000") => Unreachable::Refused,
            // invalid_catalog_name
            Some("3D000") => Unreachable::NoSuchDatabase,
            _ => Unreachable::NoAnswer,
        },
        _ => Unreachable::NoAnswer,
    };
    crate::StoreError::Unreachable {
        reason,
        source: error,
    }
}

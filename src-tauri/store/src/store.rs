//! The store: where the database is, opening it, and the key that personal data needs.

use std::path::{Path, PathBuf};

use ehr_core::ports::{CipherFailure, DataCipher};

use crate::StoreError;
use crate::db::migrate::Migrated;
use crate::db::{self, Backend, Pool, PostgresOptions, Tx, query};

/// Where an office's database is: a SQLite file (the embedded default) or a PostgreSQL database that several
/// workstations share. Told apart by spelling: a `postgres://` or `postgresql://` URL, or else a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
    Postgres(String),
}

impl Location {
    /// A PostgreSQL URL must parse and must not carry a password: a URL ends up in shell history, settings
    /// and logs, so the password is kept in the keyring instead.
    pub fn parse(text: &str) -> Result<Location, StoreError> {
        if !(text.starts_with("postgres://") || text.starts_with("postgresql://")) {
            return Ok(Location::File(PathBuf::from(text)));
        }
        let url = url::Url::parse(text).map_err(|_| StoreError::UrlInvalid)?;
        if url.password().is_some() || url.query_pairs().any(|(key, _)| key == "password") {
            return Err(StoreError::PasswordInUrl);
        }
        PostgresOptions::parse(text, None).map_err(|_| StoreError::UrlInvalid)?;
        Ok(Location::Postgres(text.to_owned()))
    }

    /// The name a password for this database is kept under: user, host, port and database, without the
    /// URL's options. `None` for a file.
    pub fn credential_name(&self) -> Option<String> {
        match self {
            Location::File(_) => None,
            Location::Postgres(url) => {
                let options = PostgresOptions::parse(url, None).ok()?.options;
                Some(format!(
                    "postgres://{}@{}:{}/{}",
                    options.get_username(),
                    options.get_host(),
                    options.get_port(),
                    options.get_database().unwrap_or(options.get_username())
                ))
            }
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File(path) => write!(f, "{}", path.display()),
            // Holds no password (refused by `parse`).
            Location::Postgres(url) => f.write_str(url),
        }
    }
}

/// The database. On its own it serves what is needed before anyone has signed in — the office, accounts,
/// the audit trail, preferences; [`Store::sealed`] adds the office key for personal data.
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: Pool,
    /// What opening did to the schema (`ehr db migrate` reports it).
    migrated: Migrated,
}

/// The database with the signed-in session's key: applications and patients, sealed at rest. It borrows the
/// key, so it cannot outlive the session that holds it (the key leaves memory on lock and sign-out).
#[derive(Clone)]
pub struct SealedStore<'k> {
    store: Store,
    /// Seals personal data before it is written and opens it when read; the key never reaches the database.
    pub(crate) cipher: &'k dyn DataCipher,
}

impl std::ops::Deref for SealedStore<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl Store {
    /// Opens (creating if needed) the SQLite database at `path`, brings its schema up to date and chains the
    /// audit entries an earlier version left unhashed.
    pub async fn open_sqlite(path: &Path) -> Result<Self, StoreError> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| StoreError::CreateFolder {
                path: folder.display().to_string(),
                source,
            })?;
        }
        Self::ready(Pool::Sqlite(db::connect_sqlite(path, true).await?)).await
    }

    /// Opens the SQLite database at `path` only if it is there: for commands that only read, which must
    /// not leave an empty database (or its folders) behind a mistyped path. Its schema is brought up to date
    /// as by [`Store::open_sqlite`].
    pub async fn open_existing_sqlite(path: &Path) -> Result<Self, StoreError> {
        if !path.is_file() {
            return Err(StoreError::NoDatabase {
                path: path.display().to_string(),
            });
        }
        // Not created if it disappears between the check and the open.
        Self::ready(Pool::Sqlite(db::connect_sqlite(path, false).await?)).await
    }

    /// Opens the PostgreSQL database at `url` (which must exist: an administrator creates it) and brings its
    /// schema up to date. `password` comes from the keyring, never from the URL in a file.
    pub async fn open_postgres(url: &str, password: Option<&str>) -> Result<Self, StoreError> {
        let options = PostgresOptions::parse(url, password)?;
        Self::ready(Pool::Postgres(db::connect_postgres(&options).await?)).await
    }

    /// Whether the PostgreSQL database at `url` can be reached with `password`, changing nothing in it (a
    /// connection test for the settings and for `ehr db password`): the server's version.
    pub async fn try_postgres(url: &str, password: Option<&str>) -> Result<String, StoreError> {
        use sqlx::Connection;
        let options = PostgresOptions::parse(url, password)?;
        let mut connection = sqlx::PgConnection::connect_with(&options.options)
            .await
            .map_err(db::postgres_unreachable)?;
        let version: String = sqlx::query_scalar("SHOW server_version")
            .fetch_one(&mut connection)
            .await?;
        connection.close().await?;
        Ok(version)
    }

    /// Migrates the schema (all or nothing; a database from a newer release is refused) and chains what an
    /// earlier release left unchained.
    pub(crate) async fn ready(pool: Pool) -> Result<Self, StoreError> {
        let migrated = match pool.migrate().await {
            Ok(migrated) => migrated,
            Err(error) => {
                pool.close().await;
                return Err(error);
            }
        };
        let store = Store { pool, migrated };
        store.chain_unchained_audit_rows().await?;
        Ok(store)
    }

    /// The schema's version before and after this open.
    pub fn migrated(&self) -> Migrated {
        self.migrated
    }

    pub fn backend(&self) -> Backend {
        self.pool.backend()
    }

    /// A transaction holding the database's writer's lock from its first statement (see
    /// [`Pool::begin_write`]): every change is written in one.
    pub(crate) async fn begin_write(&self) -> Result<Tx, StoreError> {
        Ok(self.pool.begin_write().await?)
    }

    /// The SQLite journal mode in force (`wal` for file databases); `None` on PostgreSQL.
    pub async fn journal_mode(&self) -> Result<Option<String>, StoreError> {
        match &self.pool {
            Pool::Sqlite(_) => Ok(query("PRAGMA journal_mode")
                .fetch_scalar(&self.pool)
                .await?),
            Pool::Postgres(_) => Ok(None),
        }
    }

    /// The database with `cipher` for personal data. Once per sign-in, the edge also calls
    /// [`SealedStore::seal_plaintext_rows`].
    pub fn sealed<'k>(&self, cipher: &'k dyn DataCipher) -> SealedStore<'k> {
        SealedStore {
            store: self.clone(),
            cipher,
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

impl SealedStore<'_> {
    /// Seals, each for its place, what earlier releases left: plaintext from before sealing (erased), and
    /// values sealed before seals were bound to their row (`open_unbound`, then sealed again). One
    /// transaction, once per database: a marker in `preferences` says it is done, so later sign-ins read
    /// nothing, and from then on a value that is not sealed for its own place is refused wherever it is read.
    /// (An older release cannot write afterwards: it refuses a database with migrations it does not know.)
    pub async fn seal_plaintext_rows(&self) -> Result<(), StoreError> {
        self.seal_in_place().await?;
        // Registrations stored before blind indexes get theirs (nothing to do once they have).
        self.index_patients().await
    }

    async fn seal_in_place(&self) -> Result<(), StoreError> {
        const DONE: &str = "store.sealed_in_place";
        let mut tx = self.begin_write().await?;
        let done: Option<String> = query("SELECT value FROM preferences WHERE key = $1")
            .bind(DONE)
            .fetch_scalar(&mut tx)
            .await?;
        if done.is_some() {
            return Ok(());
        }
        // Bound seals are left; the rest is opened as what it was and sealed for its place.
        let was = |stored: &[u8]| -> Result<Option<Vec<u8>>, StoreError> {
            if self.cipher.is_sealed(stored) {
                return Ok(None);
            }
            match self.cipher.open_unbound(stored) {
                Ok(plain) => Ok(Some(plain)),
                // Not an unbound seal at all: plaintext from before sealing.
                Err(CipherFailure::Malformed) => Ok(Some(stored.to_vec())),
                Err(failure) => Err(failure.into()),
            }
        };
        for row in query("SELECT id, data, sealed_data FROM applications")
            .fetch_all(&mut tx)
            .await?
        {
            let id: String = row.get("id")?;
            let plain = match row.get::<Option<Vec<u8>>>("sealed_data")? {
                None => Some(row.get::<String>("data")?.into_bytes()),
                Some(sealed) => was(&sealed)?,
            };
            if let Some(plain) = plain {
                let sealed = self
                    .cipher
                    .seal(&plain, &crate::applications::form_place(&id))?;
                query("UPDATE applications SET sealed_data = $1, data = '' WHERE id = $2")
                    .bind(sealed)
                    .bind(id)
                    .execute(&mut tx)
                    .await?;
            }
        }
        for row in query("SELECT id, content FROM application_documents")
            .fetch_all(&mut tx)
            .await?
        {
            let id: String = row.get("id")?;
            if let Some(plain) = was(&row.get::<Vec<u8>>("content")?)? {
                let sealed = self
                    .cipher
                    .seal(&plain, &crate::applications::document_place(&id))?;
                query("UPDATE application_documents SET content = $1 WHERE id = $2")
                    .bind(sealed)
                    .bind(id)
                    .execute(&mut tx)
                    .await?;
            }
        }
        for row in query("SELECT id, sealed_record FROM patients")
            .fetch_all(&mut tx)
            .await?
        {
            let id: String = row.get("id")?;
            if let Some(plain) = was(&row.get::<Vec<u8>>("sealed_record")?)? {
                let sealed = self
                    .cipher
                    .seal(&plain, &crate::patients::record_place(&id))?;
                query("UPDATE patients SET sealed_record = $1 WHERE id = $2")
                    .bind(sealed)
                    .bind(id)
                    .execute(&mut tx)
                    .await?;
            }
        }
        query("INSERT INTO preferences (key, value) VALUES ($1, '1')")
            .bind(DONE)
            .execute(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

//! Opening the embedded SQLite database.

use std::path::Path;
use std::time::Duration;

use ehr_core::ports::{CipherFailure, DataCipher};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::StoreError;

/// The database. On its own it serves what is needed before anyone has signed in — the office, accounts,
/// the audit trail, preferences; [`Store::sealed`] adds the office key for personal data.
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: SqlitePool,
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
        let options = Self::file_options(path).create_if_missing(true);
        let store = Self::connect(options).await?;
        store.chain_unchained_audit_rows().await?;
        Ok(store)
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
        let options = Self::file_options(path).create_if_missing(false);
        let store = Self::connect(options).await?;
        store.chain_unchained_audit_rows().await?;
        Ok(store)
    }

    fn file_options(path: &Path) -> SqliteConnectOptions {
        SqliteConnectOptions::new()
            .filename(path)
            // WAL lets the UI read while a save is being written, and survives a crash mid-write.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
    }

    async fn connect(options: SqliteConnectOptions) -> Result<Self, StoreError> {
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Store { pool })
    }

    /// A transaction that takes the write lock at once (`BEGIN IMMEDIATE`), waiting for another writer up to
    /// the busy timeout: one that reads before it writes cannot then fail on a snapshot another writer moved.
    pub(crate) async fn begin_write(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// The SQLite journal mode in force (`wal` for file databases).
    pub async fn journal_mode(&self) -> Result<String, StoreError> {
        Ok(sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&self.pool)
            .await?)
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
        const DONE: &str = "store.sealed_in_place";
        let mut tx = self.begin_write().await?;
        let done: Option<String> =
            sqlx::query_scalar("SELECT value FROM preferences WHERE key = ?")
                .bind(DONE)
                .fetch_optional(&mut *tx)
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
        let rows: Vec<(String, String, Option<Vec<u8>>)> =
            sqlx::query_as("SELECT id, data, sealed_data FROM applications")
                .fetch_all(&mut *tx)
                .await?;
        for (id, data, sealed) in rows {
            let plain = match &sealed {
                None => Some(data.into_bytes()),
                Some(sealed) => was(sealed)?,
            };
            if let Some(plain) = plain {
                sqlx::query("UPDATE applications SET sealed_data = ?, data = '' WHERE id = ?")
                    .bind(
                        self.cipher
                            .seal(&plain, &crate::applications::form_place(&id))?,
                    )
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let documents: Vec<(String, Vec<u8>)> =
            sqlx::query_as("SELECT id, content FROM application_documents")
                .fetch_all(&mut *tx)
                .await?;
        for (id, content) in documents {
            if let Some(plain) = was(&content)? {
                sqlx::query("UPDATE application_documents SET content = ? WHERE id = ?")
                    .bind(
                        self.cipher
                            .seal(&plain, &crate::applications::document_place(&id))?,
                    )
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let patients: Vec<(String, Vec<u8>)> =
            sqlx::query_as("SELECT id, sealed_record FROM patients")
                .fetch_all(&mut *tx)
                .await?;
        for (id, sealed) in patients {
            if let Some(plain) = was(&sealed)? {
                sqlx::query("UPDATE patients SET sealed_record = ? WHERE id = ?")
                    .bind(
                        self.cipher
                            .seal(&plain, &crate::patients::record_place(&id))?,
                    )
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        sqlx::query("INSERT INTO preferences (key, value) VALUES (?, '1')")
            .bind(DONE)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

//! Backups, restores and copies between databases (`ehr db backup | restore | copy`).
//!
//! A SQLite database is backed up as a SQLite file (`VACUUM INTO`: a consistent snapshot of a live
//! database, restored by putting the file in place); a PostgreSQL database as the project's own logical
//! export ([`format`], docs/backup-format.md), from one REPEATABLE READ snapshot. The logical route also
//! restores either kind of backup into PostgreSQL and copies one database into another: every table of
//! [`TABLES`], row for row and value for value, so sealed values stay sealed and the audit chain still
//! verifies. Only an empty database is restored or copied into.

mod daily;
mod export;
mod format;
mod import;
mod tables;

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use ehr_core::backup::EXTENSIONS;
use ehr_core::time::Timestamp;

pub use daily::{daily_backup, prune_backups};
pub use import::Counts;
pub use tables::TABLES;

use crate::db::migrate::{Migrated, migrator};
use crate::db::{self, Backend, Pool, PostgresOptions, query};
use crate::{Location, Store, StoreError};

/// The first bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

fn file_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::BackupFile {
        path: path.display().to_string(),
        source,
    }
}

/// The highest migration this release knows for `backend`.
fn known_version(backend: Backend) -> i64 {
    migrator(backend)
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or_default()
}

/// `name`'s bytes are on disk, then its name in `folder` is.
fn sync_into_place(temp: &Path, target: &Path) -> Result<(), StoreError> {
    std::fs::File::open(temp)
        .and_then(|f| f.sync_all())
        .map_err(file_error(temp))?;
    std::fs::rename(temp, target).map_err(file_error(target))?;
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        // A folder cannot be opened for syncing everywhere; the rename is done either way.
        if let Ok(dir) = std::fs::File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

impl Store {
    /// Writes a backup of the whole database into `folder`, named by `now`, under a temporary name that is
    /// synced and renamed only when complete: a SQLite file (`.sqlite3`) or a logical export (`.ehrbackup`).
    pub async fn backup(&self, folder: &Path, now: Timestamp) -> Result<PathBuf, StoreError> {
        std::fs::create_dir_all(folder).map_err(file_error(folder))?;
        let (extension, temp_extension) = match self.backend() {
            Backend::Sqlite => (EXTENSIONS[0], "sqlite3.partial"),
            Backend::Postgres => (EXTENSIONS[1], "ehrbackup.partial"),
        };
        let name = ehr_core::backup::file_stem(now);
        let target = folder.join(format!("{name}.{extension}"));
        let temp = folder.join(format!(".{name}.{temp_extension}"));
        let _ = std::fs::remove_file(&temp); // a leftover of a backup that was stopped
        let written = async {
            match &self.pool {
                Pool::Sqlite(_) => {
                    let path = temp.to_str().ok_or_else(|| {
                        file_error(&temp)(std::io::ErrorKind::InvalidInput.into())
                    })?;
                    // A read transaction of its own: a consistent copy while others write.
                    query("VACUUM INTO $1")
                        .bind(path)
                        .execute(&self.pool)
                        .await?;
                }
                Pool::Postgres(_) => {
                    let file = std::fs::File::create(&temp).map_err(file_error(&temp))?;
                    let mut out = BufWriter::new(file);
                    export::export(&self.pool, &mut out, now, &temp.display().to_string()).await?;
                    out.into_inner()
                        .map_err(|e| file_error(&temp)(e.into_error()))?;
                }
            }
            sync_into_place(&temp, &target)
        }
        .await;
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written.map(|()| target)
    }

    /// Every table in this database's schema (sqlx's and SQLite's own left out): what [`TABLES`] must list.
    pub async fn schema_tables(&self) -> Result<Vec<String>, StoreError> {
        let mut tx = self.pool.begin_snapshot().await?;
        let found = tables::schema_tables(&mut tx).await?;
        tx.commit().await?;
        Ok(found)
    }

    /// Writes a logical export of the whole database to `out` (what a PostgreSQL backup holds).
    pub async fn export(
        &self,
        out: &mut (dyn Write + Send),
        now: Timestamp,
    ) -> Result<(), StoreError> {
        export::export(&self.pool, out, now, "the export")
            .await
            .map(|_| ())
    }
}

/// A backup opened as a database of its own, in a scratch folder: to sign in on it (its accounts decide
/// who may restore it), then to put it in place ([`OpenedBackup::install`]) or copy it into PostgreSQL
/// ([`copy_into`]). Removed when dropped.
pub struct OpenedBackup {
    store: Store,
    file: PathBuf,
    _scratch: tempfile::TempDir,
}

impl OpenedBackup {
    /// Opens `backup` (a SQLite backup or a logical export) as a SQLite database in a scratch folder made
    /// in `beside` (the target's folder, so that installing it is a rename).
    pub async fn open(backup: &Path, beside: &Path) -> Result<OpenedBackup, StoreError> {
        std::fs::create_dir_all(beside).map_err(file_error(beside))?;
        let scratch = tempfile::Builder::new()
            .prefix(".ehr-restore-")
            .tempdir_in(beside)
            .map_err(file_error(beside))?;
        let file = scratch.path().join(crate::DATABASE_FILE_NAME);
        let mut start = [0_u8; 16];
        let mut input = std::fs::File::open(backup).map_err(file_error(backup))?;
        let is_sqlite = input.read_exact(&mut start).is_ok() && &start == SQLITE_MAGIC;
        if is_sqlite {
            drop(input);
            std::fs::copy(backup, &file).map_err(file_error(backup))?;
        } else {
            let input = std::fs::File::open(backup).map_err(file_error(backup))?;
            let pool = Pool::Sqlite(db::connect_sqlite(&file, true).await?);
            let imported = async {
                pool.migrate().await?;
                let mut input = BufReader::new(input);
                let header = import::read_header(
                    &mut input,
                    Backend::Sqlite,
                    known_version(Backend::Sqlite),
                )?;
                import::import(&pool, &header, &mut input).await
            }
            .await;
            pool.close().await;
            imported?;
        }
        let store = Store::open_existing_sqlite(&file).await?;
        Ok(OpenedBackup {
            store,
            file,
            _scratch: scratch,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Puts the restored database at `target`, which must not exist or hold no office data (an empty one
    /// and its journal are replaced).
    pub async fn install(self, target: &Path) -> Result<(), StoreError> {
        if target.exists() {
            ensure_empty(&Location::File(target.to_owned()), None).await?;
        }
        // Everything into the main file, so it is whole without its WAL.
        query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.store.pool)
            .await?;
        self.store.close().await;
        for suffix in ["", "-wal", "-shm"] {
            let mut name = target.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
        sync_into_place(&self.file, target)
    }
}

/// Opens `location`'s pool, migrated, without the store's start-up work (which writes a marker).
async fn open_pool(
    location: &Location,
    password: Option<&str>,
    create: bool,
) -> Result<Pool, StoreError> {
    let pool = match location {
        Location::File(path) => {
            if !create && !path.is_file() {
                return Err(StoreError::NoDatabase {
                    path: path.display().to_string(),
                });
            }
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder).map_err(|source| StoreError::CreateFolder {
                    path: folder.display().to_string(),
                    source,
                })?;
            }
            Pool::Sqlite(db::connect_sqlite(path, create).await?)
        }
        Location::Postgres(url) => {
            Pool::Postgres(db::connect_postgres(&PostgresOptions::parse(url, password)?).await?)
        }
    };
    if let Err(error) = pool.migrate().await {
        pool.close().await;
        return Err(error);
    }
    Ok(pool)
}

/// Refuses a database that holds office data ([`StoreError::TargetNotEmpty`]). A file that is not there
/// is empty (and is not created).
pub async fn ensure_empty(location: &Location, password: Option<&str>) -> Result<(), StoreError> {
    if let Location::File(path) = location
        && !path.exists()
    {
        return Ok(());
    }
    let pool = open_pool(location, password, false).await?;
    let found = async {
        let mut tx = pool.begin_snapshot().await?;
        let found = tables::first_non_empty(&mut tx).await?;
        tx.commit().await?;
        Ok::<_, StoreError>(found)
    }
    .await;
    pool.close().await;
    match found? {
        Some(table) => Err(StoreError::TargetNotEmpty { table }),
        None => Ok(()),
    }
}

/// Copies everything in `from` into the empty database at `to` (made if it is a file that is not there):
/// every table's rows through the logical format, in one transaction on the target, whose PostgreSQL
/// sequences are then moved past the copied seqs. The rows copied per table.
pub async fn copy_into(
    from: &Store,
    to: &Location,
    password: Option<&str>,
) -> Result<Counts, StoreError> {
    let staged =
        tempfile::NamedTempFile::new().map_err(file_error(Path::new("a temporary file")))?;
    {
        let mut out = BufWriter::new(staged.as_file());
        export::export(
            &from.pool,
            &mut out,
            Timestamp::from_millis(0),
            "a temporary file",
        )
        .await?;
        out.flush()
            .map_err(file_error(Path::new("a temporary file")))?;
    }
    let made = matches!(to, Location::File(path) if !path.exists());
    let pool = open_pool(to, password, true).await?;
    let copied = async {
        let mut input = BufReader::new(staged.reopen().map_err(file_error(staged.path()))?);
        let backend = pool.backend();
        let header = import::read_header(&mut input, backend, known_version(backend))?;
        import::import(&pool, &header, &mut input).await
    }
    .await;
    pool.close().await;
    if copied.is_err()
        && made
        && let Location::File(path) = to
    {
        for suffix in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }
    copied
}

/// Runs the migrations in `folder` (instead of this release's) on the database at `location`, as opening
/// it would: for tests of a migration that fails.
#[doc(hidden)]
pub async fn migrate_with(
    location: &Location,
    password: Option<&str>,
    folder: &Path,
) -> Result<Migrated, StoreError> {
    let mut migrations = sqlx::migrate::Migrator::new(folder).await?;
    migrations.set_locking(false);
    let pool = match location {
        Location::File(path) => Pool::Sqlite(db::connect_sqlite(path, false).await?),
        Location::Postgres(url) => {
            Pool::Postgres(db::connect_postgres(&PostgresOptions::parse(url, password)?).await?)
        }
    };
    let migrated = db::migrate::run(&pool, &migrations).await;
    pool.close().await;
    migrated
}

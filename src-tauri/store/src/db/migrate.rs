//! Migrations, all or nothing. sqlx commits each migration on its own, so a release whose second migration
//! fails would leave the first applied: a schema no release knows. Here the pending migrations run inside
//! one write transaction (sqlx's own per-migration transactions become savepoints in it), so a failure rolls
//! the database back to exactly what it was; SQLite and PostgreSQL both undo DDL in a transaction. The
//! writers' lock that transaction takes also keeps two workstations from migrating at once.

use sqlx::migrate::{MigrateError, Migrator};

use super::{Pool, Tx, query};
use crate::StoreError;

/// What opening did to the schema: the highest migration applied before (`None`: a new database) and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migrated {
    pub from: Option<i64>,
    pub to: i64,
}

impl Migrated {
    pub fn changed(&self) -> bool {
        self.from != Some(self.to)
    }
}

/// The migrations this release knows for `backend` (sqlx's advisory lock off: the transaction's lock is the
/// one that serialises migrators).
pub(crate) fn migrator(backend: super::Backend) -> Migrator {
    let mut migrator = match backend {
        super::Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
        super::Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
    };
    migrator.set_locking(false);
    migrator
}

/// Whether sqlx's bookkeeping table is there yet (a new database has none).
async fn has_migrations_table(tx: &mut Tx) -> Result<bool, sqlx::Error> {
    let sql = match tx {
        Tx::Sqlite(_) => {
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
        }
        Tx::Postgres(_) => {
            "SELECT COUNT(*) FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
        }
    };
    Ok(query(sql).fetch_value::<i64>(&mut *tx).await? > 0)
}

/// The versions applied, lowest first.
pub(crate) async fn applied(tx: &mut Tx) -> Result<Vec<i64>, sqlx::Error> {
    if !has_migrations_table(tx).await? {
        return Ok(Vec::new());
    }
    query("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|row| row.at(0))
        .collect()
}

/// Brings the schema up to `migrator`'s last migration in one transaction. A database with a migration
/// `migrator` does not know was written by a newer release: refused before anything runs.
pub(crate) async fn run(pool: &Pool, migrator: &Migrator) -> Result<Migrated, StoreError> {
    let mut tx = pool.begin_write().await?;
    let before = applied(&mut tx).await?;
    if let Some(&unknown) = before
        .iter()
        .rev()
        .find(|v| !migrator.iter().any(|m| m.version == **v))
    {
        return Err(StoreError::NewerThanApp { version: unknown });
    }
    let outcome = match &mut tx {
        Tx::Sqlite(tx) => migrator.run_direct(&mut **tx).await,
        Tx::Postgres(tx) => migrator.run_direct(&mut **tx).await,
    };
    match outcome {
        Ok(()) => {}
        // Checked above; kept in case another process wrote one in between (it cannot while we hold the lock).
        Err(MigrateError::VersionMissing(version)) => {
            return Err(StoreError::NewerThanApp { version });
        }
        // Dropping `tx` rolls every migration of this run back.
        Err(error) => return Err(error.into()),
    }
    let after = applied(&mut tx).await?;
    tx.commit().await?;
    Ok(Migrated {
        from: before.last().copied(),
        to: after.last().copied().unwrap_or_default(),
    })
}

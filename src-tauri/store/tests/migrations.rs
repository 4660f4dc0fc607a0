//! Migrations on both backends: a database from a newer release is refused, naming its version, and left
//! as it was; a migration that fails rolls back with every other one of its run, so the database is what
//! it was before; opening reports from which version to which.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support {
    pub mod postgres;
}

use std::path::{Path, PathBuf};

use ehr_core::ErrorCode;
use ehr_store::{Location, Migrated, Store, StoreError};
use support::postgres::fresh_database;

#[derive(Clone, Copy)]
enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    fn folder(self) -> PathBuf {
        let name = match self {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
        };
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(name)
    }

    /// This release's migrations, by version.
    fn versions(self) -> Vec<i64> {
        let mut versions: Vec<i64> = std::fs::read_dir(self.folder())
            .unwrap()
            .map(|e| {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                name.split('_').next().unwrap().parse().unwrap()
            })
            .collect();
        versions.sort_unstable();
        versions
    }
}

/// A database of `dialect` with this release's schema, and where it is.
async fn current(dialect: Dialect, dir: &Path) -> Location {
    let location = match dialect {
        Dialect::Sqlite => Location::File(dir.join("ehr.sqlite3")),
        Dialect::Postgres => Location::Postgres(fresh_database().await),
    };
    open(&location).await.unwrap().close().await;
    location
}

async fn open(location: &Location) -> Result<Store, StoreError> {
    match location {
        Location::File(path) => Store::open_sqlite(path).await,
        Location::Postgres(url) => Store::open_postgres(url, None).await,
    }
}

/// Runs `sql` on the database itself, as another program would.
async fn raw(location: &Location, sql: &str) {
    match location {
        Location::File(path) => {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                .await
                .unwrap();
            sqlx::raw_sql(sql).execute(&pool).await.unwrap();
            pool.close().await;
        }
        Location::Postgres(url) => {
            let pool = sqlx::PgPool::connect(url).await.unwrap();
            sqlx::raw_sql(sql).execute(&pool).await.unwrap();
            pool.close().await;
        }
    }
}

/// What "as it was" is compared by: every table and column of the schema, and the versions applied.
async fn shape(location: &Location) -> Vec<String> {
    let sql = match location {
        Location::File(_) => {
            "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' UNION ALL
             SELECT 'version ' || version FROM _sqlx_migrations ORDER BY 1"
        }
        Location::Postgres(_) => {
            "SELECT table_name || '.' || column_name FROM information_schema.columns
             WHERE table_schema = 'public' UNION ALL
             SELECT 'version ' || version FROM _sqlx_migrations ORDER BY 1"
        }
    };
    match location {
        Location::File(path) => {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                .await
                .unwrap();
            let rows = sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
            pool.close().await;
            rows
        }
        Location::Postgres(url) => {
            let pool = sqlx::PgPool::connect(url).await.unwrap();
            let rows = sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
            pool.close().await;
            rows
        }
    }
}

async fn a_newer_database_is_refused_and_left_as_it_was(dialect: Dialect) {
    let dir = tempfile::tempdir().unwrap();
    let location = current(dialect, dir.path()).await;
    raw(
        &location,
        match dialect {
            Dialect::Sqlite => {
                "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
                 VALUES (9999, 'from a newer release', TRUE, X'00', 0)"
            }
            Dialect::Postgres => {
                "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
                 VALUES (9999, 'from a newer release', TRUE, '\\x00'::bytea, 0)"
            }
        },
    )
    .await;
    let before = shape(&location).await;
    let refused = open(&location).await.err().unwrap();
    assert!(
        matches!(refused, StoreError::NewerThanApp { version: 9999 }),
        "{refused:?}"
    );
    let issue = refused.issue().unwrap();
    assert_eq!(issue.code, ErrorCode::DatabaseNewerThanApp);
    assert!(format!("{issue:?}").contains("9999"), "{issue:?}");
    assert_eq!(shape(&location).await, before);
}

/// This release's migrations, then one that works and one that fails, in a folder of their own.
fn with_a_failing_migration(dialect: Dialect, dir: &Path) -> PathBuf {
    let folder = dir.join("migrations");
    std::fs::create_dir_all(&folder).unwrap();
    for entry in std::fs::read_dir(dialect.folder()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), folder.join(entry.file_name())).unwrap();
    }
    std::fs::write(
        folder.join("9001_works.sql"),
        "CREATE TABLE added_by_9001 (x BIGINT);\nALTER TABLE preferences ADD COLUMN note TEXT;\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("9002_fails.sql"),
        "CREATE TABLE added_by_9002 (x BIGINT);\nINSERT INTO no_such_table VALUES (1);\n",
    )
    .unwrap();
    folder
}

async fn a_failing_migration_leaves_the_database_as_it_was(dialect: Dialect) {
    let dir = tempfile::tempdir().unwrap();
    let location = current(dialect, dir.path()).await;
    raw(
        &location,
        "INSERT INTO preferences (key, value) VALUES ('ui.language', 'zh-HK')",
    )
    .await;
    let before = shape(&location).await;
    let folder = with_a_failing_migration(dialect, dir.path());

    let failed = ehr_store::migrate_with(&location, None, &folder).await;
    assert!(
        matches!(failed, Err(StoreError::Migration(_))),
        "{failed:?}"
    );
    assert_eq!(shape(&location).await, before, "9001 was rolled back too");
    // The database still opens with this release, its data there.
    let store = open(&location).await.unwrap();
    assert_eq!(
        store.migrated(),
        Migrated {
            from: dialect.versions().last().copied(),
            to: *dialect.versions().last().unwrap()
        }
    );
    store.close().await;

    // What this guards against: sqlx on its own commits each migration, leaving 9001 applied.
    let copy = current(dialect, &dir.path().join("copy")).await;
    let alone = sqlx::migrate::Migrator::new(folder.as_path())
        .await
        .unwrap();
    let outcome = match &copy {
        Location::File(path) => {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                .await
                .unwrap();
            alone.run(&pool).await
        }
        Location::Postgres(url) => alone.run(&sqlx::PgPool::connect(url).await.unwrap()).await,
    };
    assert!(outcome.is_err());
    assert!(shape(&copy).await.contains(&"version 9001".to_owned()));
}

async fn opening_says_from_which_version_to_which(dialect: Dialect) {
    let dir = tempfile::tempdir().unwrap();
    let versions = dialect.versions();
    let last = *versions.last().unwrap();
    let location = match dialect {
        Dialect::Sqlite => Location::File(dir.path().join("ehr.sqlite3")),
        Dialect::Postgres => Location::Postgres(fresh_database().await),
    };
    if let Location::File(path) = &location {
        std::fs::File::create(path).unwrap();
    }
    // An older release's database: its first migration only.
    let older = dir.path().join("older");
    std::fs::create_dir_all(&older).unwrap();
    let first = std::fs::read_dir(dialect.folder())
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    std::fs::copy(&first, older.join(first.file_name().unwrap())).unwrap();
    let made = ehr_store::migrate_with(&location, None, &older)
        .await
        .unwrap();
    assert_eq!(
        made,
        Migrated {
            from: None,
            to: versions[0]
        }
    );

    let store = open(&location).await.unwrap();
    assert_eq!(
        store.migrated(),
        Migrated {
            from: Some(versions[0]),
            to: last
        }
    );
    assert!(store.migrated().changed());
    store.close().await;
    let store = open(&location).await.unwrap();
    assert_eq!(
        store.migrated(),
        Migrated {
            from: Some(last),
            to: last
        }
    );
    assert!(!store.migrated().changed());
}

macro_rules! on_both {
    ($($case:ident),+ $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $case() {
                super::$case(super::Dialect::Sqlite).await;
            })+
        }
        mod postgres {
            $(#[tokio::test]
            async fn $case() {
                super::$case(super::Dialect::Postgres).await;
            })+
        }
    };
}

on_both!(
    a_newer_database_is_refused_and_left_as_it_was,
    a_failing_migration_leaves_the_database_as_it_was,
    opening_says_from_which_version_to_which,
);

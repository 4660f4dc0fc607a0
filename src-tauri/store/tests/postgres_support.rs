//! The PostgreSQL test harness and schema: each test gets a database of its own, empty; the schema
//! (`migrations/postgres/0001_schema.sql`) has the tables, columns, indexes and triggers SQLite's migrations
//! end up with, and its append-only tables refuse every change, TRUNCATE included. Needs the cluster that
//! `cargo xtask test` or `cargo xtask postgres -- …` starts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support {
    pub mod postgres;
}

use std::collections::BTreeSet;

use sqlx::postgres::{PgConnection, PgPool};
use sqlx::sqlite::SqliteConnection;
use sqlx::{Connection, Row};
use support::postgres::fresh_database;

/// The SQLSTATE the schema's append-only triggers raise.
const REFUSED: &str = "2F003";

async fn schema_database() -> PgPool {
    let pool = PgPool::connect(&fresh_database().await).await.unwrap();
    // Every PostgreSQL migration, as the store runs them.
    sqlx::migrate!("./migrations/postgres")
        .run(&pool)
        .await
        .unwrap();
    pool
}

/// Runs `sql`, which must be refused by an append-only trigger with `message`.
async fn assert_refused(pool: &PgPool, sql: &str, message: &str) {
    let error = sqlx::raw_sql(sql)
        .execute(pool)
        .await
        .expect_err(&format!("{sql} was allowed"));
    let database = error
        .as_database_error()
        .unwrap_or_else(|| panic!("{sql}: not a database error: {error}"));
    assert_eq!(
        database.code().as_deref(),
        Some(REFUSED),
        "{sql}: {database}"
    );
    assert_eq!(database.message(), message, "{sql}");
}

#[tokio::test]
async fn each_test_gets_a_distinct_empty_database() {
    let first = fresh_database().await;
    let second = fresh_database().await;
    assert_ne!(first, second);
    for url in [&first, &second] {
        let mut connection = PgConnection::connect(url).await.unwrap();
        let name: String = sqlx::query_scalar("SELECT current_database()")
            .fetch_one(&mut connection)
            .await
            .unwrap();
        assert!(url.ends_with(&format!("/{name}")), "{url} is {name}");
        let tables: i64 =
            sqlx::query_scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                .fetch_one(&mut connection)
                .await
                .unwrap();
        assert_eq!(tables, 0, "{name} is not empty");
    }
    // A table made in one is not in the other.
    let mut connection = PgConnection::connect(&first).await.unwrap();
    sqlx::raw_sql("CREATE TABLE only_here (x BIGINT)")
        .execute(&mut connection)
        .await
        .unwrap();
    let mut other = PgConnection::connect(&second).await.unwrap();
    let tables: i64 =
        sqlx::query_scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            .fetch_one(&mut other)
            .await
            .unwrap();
    assert_eq!(tables, 0);
}

#[tokio::test]
async fn the_audit_trail_refuses_update_delete_and_truncate() {
    let pool = schema_database().await;
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO audit_log (at, user_name, workstation, action, subject)
         VALUES ($1, 'admin', 'desk-1', 'application.read', 'app-1') RETURNING seq",
    )
    .bind(1_764_000_000_000_i64)
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO audit_chain (entry_seq, hash) VALUES ($1, $2)")
        .bind(seq)
        .bind(vec![7_u8; 32])
        .execute(&pool)
        .await
        .unwrap();
    const APPEND_ONLY: &str = "the audit trail is append-only";
    for sql in [
        "UPDATE audit_log SET subject = 'other'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log CASCADE",
        "TRUNCATE audit_log, audit_chain",
        "UPDATE audit_chain SET hash = hash",
        "DELETE FROM audit_chain",
        "TRUNCATE audit_chain",
    ] {
        assert_refused(&pool, sql, APPEND_ONLY).await;
    }
    let kept: (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM audit_log WHERE subject = 'app-1'), (SELECT count(*) FROM audit_chain)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(kept, (1, 1));
    // The chain's hash is SHA-256: 32 bytes or nothing.
    let short = sqlx::query("INSERT INTO audit_chain (entry_seq, hash) VALUES ($1, $2)")
        .bind(seq)
        .bind(vec![7_u8; 31])
        .execute(&pool)
        .await;
    assert!(short.is_err());
}

#[tokio::test]
async fn application_history_refuses_update_and_rowids_fill_themselves() {
    let pool = schema_database().await;
    for id in ["app-1", "app-2"] {
        sqlx::query(
            "INSERT INTO applications (id, status, title, open_issues, created_at, updated_at, data)
             VALUES ($1, 'draft', '', 0, 1, 1, '')",
        )
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    }
    // The store's own query for the list; every integer decodes as i64.
    let rows = sqlx::query(
        "SELECT rowid AS rowid, id, reference, status, title, open_issues, updated_at FROM applications
         ORDER BY rowid",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let listed: Vec<(i64, String, String, i64)> = rows
        .iter()
        .map(|row| {
            (
                row.get("rowid"),
                row.get("id"),
                row.get("reference"),
                row.get("open_issues"),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (1, "app-1".to_owned(), String::new(), 0),
            (2, "app-2".to_owned(), String::new(), 0)
        ]
    );
    sqlx::query(
        "INSERT INTO patients (id, registered_at, updated_at, sealed_record) VALUES ('p-1', 1, 1, $1)",
    )
    .bind(vec![1_u8; 4])
    .execute(&pool)
    .await
    .unwrap();
    let patient: i64 = sqlx::query_scalar("SELECT rowid FROM patients WHERE id = 'p-1'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(patient, 1);

    sqlx::query(
        "INSERT INTO application_history (application_id, at, user_name, workstation, event)
         VALUES ('app-1', 1, 'admin', 'desk-1', 'created')",
    )
    .execute(&pool)
    .await
    .unwrap();
    assert_refused(
        &pool,
        "UPDATE application_history SET event = 'forged'",
        "application history is append-only",
    )
    .await;
    // History goes with its application (as in SQLite: no delete trigger there).
    sqlx::query("DELETE FROM applications WHERE id = 'app-1'")
        .execute(&pool)
        .await
        .unwrap();
    let history: i64 = sqlx::query_scalar("SELECT count(*) FROM application_history")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(history, 0);
}

#[tokio::test]
async fn the_schema_has_what_sqlite_migrations_end_up_with() {
    let pool = schema_database().await;
    let sqlite = sqlite_schema().await;

    let rows = sqlx::query(
        "SELECT table_name::text, column_name::text, is_nullable = 'NO' FROM information_schema.columns
         WHERE table_schema = 'public' AND column_name <> 'rowid' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let columns: BTreeSet<(String, String, bool)> = rows
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2)))
        .collect();
    assert_same(
        "columns (table, column, NOT NULL)",
        &columns,
        &sqlite.columns,
    );

    // Named indexes (the unnamed ones of PRIMARY KEY and UNIQUE are compared as columns' constraints).
    let indexes: BTreeSet<String> = sqlx::query_scalar(
        "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public'
         AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .into_iter()
    .collect();
    assert_same("indexes", &indexes, &sqlite.indexes);

    // The same triggers, plus the TRUNCATE ones SQLite has no need of and the change notices (SQLite's
    // workstations see changes by `PRAGMA data_version` instead).
    let triggers: BTreeSet<String> =
        sqlx::query_scalar("SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal")
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
    let mut expected = sqlite.triggers;
    expected.extend([
        "audit_log_no_truncate".into(),
        "audit_chain_no_truncate".into(),
        "applications_announce".into(),
        "patients_announce".into(),
        "account_request_history_no_truncate".into(),
        "staff_announce".into(),
        "account_requests_announce".into(),
        "amendment_history_no_truncate".into(),
        "amendments_announce".into(),
    ]);
    assert_same("triggers", &triggers, &expected);

    // Every integer column is BIGINT: the store decodes i64 on both backends.
    let narrow: Vec<String> = sqlx::query_scalar(
        "SELECT table_name || '.' || column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND data_type IN ('integer', 'smallint')",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(narrow.is_empty(), "not BIGINT: {narrow:?}");
}

/// Fails naming only what differs, not the whole schema.
fn assert_same<T: Ord + std::fmt::Debug>(what: &str, postgres: &BTreeSet<T>, sqlite: &BTreeSet<T>) {
    let only_postgres: Vec<&T> = postgres.difference(sqlite).collect();
    let only_sqlite: Vec<&T> = sqlite.difference(postgres).collect();
    assert!(
        only_postgres.is_empty() && only_sqlite.is_empty(),
        "{what}: only in PostgreSQL {only_postgres:?}, only in SQLite {only_sqlite:?}"
    );
}

struct SqliteSchema {
    /// (table, column, NOT NULL), where a primary key column counts as NOT NULL (PostgreSQL's always are).
    columns: BTreeSet<(String, String, bool)>,
    indexes: BTreeSet<String>,
    triggers: BTreeSet<String>,
}

/// SQLite's migrations, applied in order to a database in memory, read back.
async fn sqlite_schema() -> SqliteSchema {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sql"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    let mut connection = SqliteConnection::connect("sqlite::memory:").await.unwrap();
    for file in &files {
        sqlx::raw_sql(&std::fs::read_to_string(file).unwrap())
            .execute(&mut connection)
            .await
            .unwrap();
    }
    let rows = sqlx::query(
        "SELECT m.name, c.name, c.\"notnull\" OR c.pk > 0 FROM sqlite_master AS m, pragma_table_info(m.name) AS c
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut connection)
    .await
    .unwrap();
    let columns = rows
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2)))
        .collect();
    let named = |kind: &'static str| {
        sqlx::query_scalar::<_, String>(
            "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )
        .bind(kind)
    };
    let indexes = named("index")
        .fetch_all(&mut connection)
        .await
        .unwrap()
        .into_iter()
        .collect();
    let triggers = named("trigger")
        .fetch_all(&mut connection)
        .await
        .unwrap()
        .into_iter()
        .collect();
    SqliteSchema {
        columns,
        indexes,
        triggers,
    }
}

#[tokio::test]
async fn the_checks_and_the_single_recovery_wrap_hold() {
    let pool = schema_database().await;
    sqlx::raw_sql(
        "INSERT INTO accounts (id, user_name, full_name, password_hash, created_at)
         VALUES ('acc-1', 'admin', 'Admin', 'phc', 1);
         INSERT INTO office_key_wraps (account_id, wrapped, created_at) VALUES (NULL, '\\x00', 1), ('acc-1', '\\x00', 1);",
    )
    .execute(&pool)
    .await
    .unwrap();
    let flags: (i64, i64, i64) = sqlx::query_as(
        "SELECT disabled, must_change_password, failed_sign_ins FROM accounts WHERE id = 'acc-1'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(flags, (0, 0, 0));
    for refused in [
        "UPDATE accounts SET disabled = 2",
        "UPDATE accounts SET must_change_password = -1",
        "UPDATE accounts SET failed_sign_ins = -1",
        "INSERT INTO account_roles (account_id, role) VALUES ('acc-1', 'owner')",
        "INSERT INTO office (id, kind, name, set_up_at) VALUES (2, 'clinic', 'Clinic', 1)",
        "INSERT INTO office (id, kind, name, set_up_at) VALUES (1, 'hospital', 'Clinic', 1)",
        "INSERT INTO security_settings (id, lockout_attempts, lockout_minutes, autolock_minutes) VALUES (2, 5, 15, 10)",
        // One recovery wrap only.
        "INSERT INTO office_key_wraps (account_id, wrapped, created_at) VALUES (NULL, '\\x01', 2)",
        // The implicit row number is not ours to set.
        "INSERT INTO patients (rowid, id, registered_at, updated_at, sealed_record) VALUES (9, 'p', 1, 1, '\\x00')",
    ] {
        let outcome = sqlx::raw_sql(refused).execute(&pool).await;
        assert!(outcome.is_err(), "{refused} was allowed");
    }
    // An account's wrap goes with the account.
    sqlx::query("DELETE FROM accounts WHERE id = 'acc-1'")
        .execute(&pool)
        .await
        .unwrap();
    let wraps: i64 = sqlx::query_scalar("SELECT count(*) FROM office_key_wraps")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(wraps, 1);
}

//! `ehr db backup | restore | copy | migrate` on real databases, SQLite and PostgreSQL: a populated office
//! backed up, wiped and restored reads back the same and passes `ehr db check` and `ehr audit verify`; a
//! SQLite office copied into PostgreSQL is whole there; a target with data and a database from a newer
//! release are refused with their codes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;
#[path = "../../store/tests/support/office.rs"]
mod office;
#[path = "../../store/tests/support/postgres.rs"]
mod postgres;

use std::path::Path;

use common::{block_on, ehr, json_of, stderr, stdout};
use ehr_store::Store;

/// `ehr` as the administrator, which must succeed.
fn ok(args: &[&str]) -> std::process::Output {
    let output = ehr(args);
    assert!(
        output.status.success(),
        "ehr {}: {} / {}",
        args.join(" "),
        stdout(&output),
        stderr(&output)
    );
    output
}

/// What the command line shows of the office's applications: the list, and each one in full.
fn shown(db: &str) -> Vec<serde_json::Value> {
    let list = json_of(&ok(&["--db", db, "--json", "applications", "list"]));
    let mut seen = vec![list.clone()];
    for item in list.as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        seen.push(json_of(&ok(&[
            "--db",
            db,
            "--json",
            "applications",
            "show",
            id,
        ])));
    }
    assert!(seen.len() >= 3, "{seen:?}");
    seen
}

fn check_and_verify(db: &str) {
    assert!(stdout(&ok(&["--db", db, "db", "check"])).contains("Every row reads."));
    ok(&["--db", db, "audit", "verify"]);
}

async fn open(db: &str) -> Store {
    match ehr_store::Location::parse(db).unwrap() {
        ehr_store::Location::File(path) => Store::open_sqlite(&path).await.unwrap(),
        ehr_store::Location::Postgres(url) => Store::open_postgres(&url, None).await.unwrap(),
    }
}

/// The office populated, and everything the library reads of it (patients included).
fn populated(db: &str) -> Vec<String> {
    block_on(async {
        let store = open(db).await;
        let session = office::populate(&store).await;
        let seen = office::everything(&store, &session).await;
        store.close().await;
        seen
    })
}

fn read_back(db: &str) -> Vec<String> {
    block_on(async {
        let store = open(db).await;
        let session = office::sign_in(&store).await;
        let seen = office::everything(&store, &session).await;
        store.close().await;
        seen
    })
}

fn backup_into(db: &str, folder: &Path) -> String {
    let out = folder.to_str().unwrap();
    let written = json_of(&ok(&["--db", db, "--json", "db", "backup", "--out", out]));
    written["file"].as_str().unwrap().to_owned()
}

fn code_of(output: &std::process::Output) -> String {
    json_of(output)["issues"][0]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn sqlite_backup_wipe_restore_then_check_and_verify_pass() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let db = path.to_str().unwrap();
    let library = populated(db);
    let before = shown(db);
    let file = backup_into(db, &dir.path().join("backups"));
    assert!(file.ends_with(".sqlite3"), "{file}");

    // Into the office's database while it has data: refused, by code.
    let refused = ehr(&["--db", db, "--json", "db", "restore", &file]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(code_of(&refused), "backup.target_not_empty");

    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
    let restored = ok(&["--db", db, "db", "restore", &file]);
    assert!(
        stdout(&restored).contains("Restored"),
        "{}",
        stdout(&restored)
    );
    check_and_verify(db);
    assert_eq!(shown(db), before);
    assert_eq!(read_back(db), library);
}

#[test]
fn postgres_backup_wipe_restore_then_check_and_verify_pass() {
    let dir = tempfile::tempdir().unwrap();
    let url = block_on(postgres::fresh_database());
    let library = populated(&url);
    let before = shown(&url);
    let file = backup_into(&url, dir.path());
    assert!(file.ends_with(".ehrbackup"), "{file}");

    // Wiped: the database dropped and made again, empty, under its name.
    block_on(async {
        use sqlx::Connection;
        let admin = std::env::var("EHR_TEST_POSTGRES_URL").unwrap();
        let name = url.rsplit('/').next().unwrap();
        let mut connection = sqlx::PgConnection::connect(&admin).await.unwrap();
        for sql in [
            format!("DROP DATABASE \"{name}\" WITH (FORCE)"),
            format!("CREATE DATABASE \"{name}\""),
        ] {
            sqlx::raw_sql(&sql).execute(&mut connection).await.unwrap();
        }
    });
    ok(&["--db", &url, "db", "restore", &file]);
    check_and_verify(&url);
    assert_eq!(shown(&url), before);
    assert_eq!(read_back(&url), library);
}

#[test]
fn a_sqlite_office_copies_into_postgres_and_a_second_copy_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let db = path.to_str().unwrap();
    let library = populated(db);
    let before = shown(db);
    let url = block_on(postgres::fresh_database());

    let copied = ok(&["--db", db, "db", "copy", "--to", &url]);
    assert!(
        stdout(&copied).contains("audit_chain: "),
        "{}",
        stdout(&copied)
    );
    check_and_verify(&url);
    assert_eq!(shown(&url), before);
    assert_eq!(read_back(&url), library);

    let again = ehr(&[
        "--json", "db", "copy", "--from", db, "--to", &url, "--db", db,
    ]);
    assert_eq!(again.status.code(), Some(1), "{}", stdout(&again));
    assert_eq!(code_of(&again), "backup.target_not_empty");
    assert_eq!(shown(&url), before);
}

#[test]
fn migrate_says_where_the_schema_is_and_a_newer_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let db = path.to_str().unwrap();
    populated(db);
    let said = json_of(&ok(&["--db", db, "--json", "db", "migrate"]));
    assert_eq!(said["changed"], false);
    assert!(said["to"].as_i64().unwrap() >= 9);
    block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{db}"))
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
             VALUES (9999, 'from a newer release', TRUE, X'00', 0)",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    });
    for args in [["db", "migrate"], ["applications", "list"]] {
        let mut full = vec!["--db", db, "--json"];
        full.extend(args);
        let refused = ehr(&full);
        assert_eq!(refused.status.code(), Some(1), "{}", stdout(&refused));
        assert_eq!(code_of(&refused), "storage.newer_than_app");
        assert_eq!(json_of(&refused)["issues"][0]["params"]["version"], "9999");
    }
}

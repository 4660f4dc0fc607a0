//! `ehr audit verify` and `ehr audit list` on real databases: an intact trail verifies, and changing,
//! deleting or reordering one stored row (as someone with the file and the `sqlite3` tool could) makes
//! `verify` exit 1 naming that entry, by id and position only.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;

use std::path::{Path, PathBuf};

use common::{block_on, ehr, json_of, signed_in, stderr, stdout};
use ehr_core::application::Applications;
use ehr_core::ports::{AuditTrail, SystemClock};

/// A database whose trail holds five entries: one view of each of five applications (each entry's subject
/// its own, so swapping two entries' fields changes both).
fn trail(dir: &Path) -> PathBuf {
    let db = dir.join("ehr.sqlite3");
    block_on(async {
        let (store, session) = signed_in(&db).await;
        let sealed = store.sealed(session.cipher());
        let clock = SystemClock;
        let apps = Applications::new(&sealed, &clock, session.principal());
        for _ in 0..5 {
            let id = apps.create(Default::default()).await.unwrap().draft.id;
            apps.open(&id).await.unwrap();
        }
        store.close().await;
    });
    db
}

/// Runs SQL on the file directly, as a person with write access to it could: the triggers dropped first,
/// foreign keys off, all on one connection.
fn tamper(db: &Path, statements: &[&str]) {
    use sqlx::Connection;
    block_on(async {
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        sqlx::query("PRAGMA foreign_keys = OFF")
            .execute(&mut conn)
            .await
            .unwrap();
        for trigger in [
            "audit_log_no_update",
            "audit_log_no_delete",
            "audit_chain_no_update",
            "audit_chain_no_delete",
        ] {
            sqlx::query(&format!("DROP TRIGGER {trigger}"))
                .execute(&mut conn)
                .await
                .unwrap();
        }
        for statement in statements {
            let done = sqlx::query(statement).execute(&mut conn).await.unwrap();
            let writes = statement.starts_with("UPDATE") || statement.starts_with("DELETE");
            assert!(
                !writes || done.rows_affected() > 0,
                "{statement} changed nothing"
            );
        }
        conn.close().await.unwrap();
    });
}

/// `ehr audit verify` on `db`: its exit code, and the entry and position it named.
fn verify(db: &Path) -> (Option<i32>, serde_json::Value) {
    let output = ehr(&["--db", db.to_str().unwrap(), "--json", "audit", "verify"]);
    (output.status.code(), json_of(&output))
}

fn broken_at(entry: i64, position: u64) -> (Option<i32>, serde_json::Value, serde_json::Value) {
    (Some(1), entry.into(), position.into())
}

fn named(db: &Path) -> (Option<i32>, serde_json::Value, serde_json::Value) {
    let (code, json) = verify(db);
    assert_eq!(json["ok"], false, "{json}");
    assert_eq!(json["code"], "audit.chain_broken", "{json}");
    (code, json["entry"].clone(), json["position"].clone())
}

#[test]
fn an_intact_trail_verifies_with_its_count_and_latest_hash() {
    let dir = tempfile::tempdir().unwrap();
    let db = trail(dir.path());
    let (code, json) = verify(&db);
    assert_eq!(code, Some(0), "{json}");
    let latest = json["latestHash"].as_str().unwrap().to_owned();
    // The five views, after the setup's entries and before this very sign-in's (each is audited too).
    let stored = block_on(async {
        let (store, _) = signed_in(&db).await;
        store.audit_links(0, 1000).await.unwrap().len()
    });
    assert_eq!(
        json,
        serde_json::json!({ "ok": true, "entries": stored - 1, "latestHash": latest })
    );
    assert_eq!(latest.len(), 64);
    assert!(latest.bytes().all(|b| b.is_ascii_hexdigit()));

    // Each command's own sign-in is one entry more.
    let text = ehr(&["--db", db.to_str().unwrap(), "audit", "verify"]);
    assert_eq!(text.status.code(), Some(0));
    assert!(
        stdout(&text).starts_with(&format!(
            "The audit trail verifies: {} entries, latest hash ",
            stored + 1
        )),
        "{}",
        stdout(&text)
    );

    // The list's entry at the place verify counted to carries the hash verify printed.
    let listed = json_of(&ehr(&[
        "--db",
        db.to_str().unwrap(),
        "--json",
        "audit",
        "list",
    ]));
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), stored + 2);
    assert_eq!(listed[stored - 2]["hash"], latest.as_str());
    assert_eq!(listed[0]["action"], "office_set_up");
    let views: Vec<&serde_json::Value> =
        listed.iter().filter(|e| e["action"] == "viewed").collect();
    assert_eq!(views.len(), 5);
    assert_eq!(views[0]["actor"]["user"], "admin");
    let ids: Vec<i64> = listed.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "oldest first");
}

#[test]
fn a_changed_field_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = trail(dir.path());
    tamper(
        &db,
        &["UPDATE audit_log SET user_name = 'someone else' WHERE seq = 3"],
    );
    assert_eq!(named(&db), broken_at(3, 3));

    // In text: worded, with its code, naming the entry and nothing it holds.
    let text = ehr(&["--db", db.to_str().unwrap(), "audit", "verify"]);
    assert_eq!(text.status.code(), Some(1));
    let said = stderr(&text);
    assert!(said.contains("entry 3 (position 3)"), "{said}");
    assert!(said.contains("(audit.chain_broken)"), "{said}");
    assert!(
        !said.contains("someone else") && stdout(&text).is_empty(),
        "{said}"
    );
}

#[test]
fn a_changed_time_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = trail(dir.path());
    tamper(&db, &["UPDATE audit_log SET at = at + 1 WHERE seq = 5"]);
    assert_eq!(named(&db), broken_at(5, 5));
}

#[test]
fn a_deleted_row_is_named() {
    // The entry removed, its hash left: the entry itself is named.
    let dir = tempfile::tempdir().unwrap();
    let db = trail(dir.path());
    tamper(&db, &["DELETE FROM audit_log WHERE seq = 3"]);
    assert_eq!(named(&db), broken_at(3, 3));

    // The entry and its hash both removed: the next entry no longer verifies, at the removed one's place.
    let dir = tempfile::tempdir().unwrap();
    let db = trail(dir.path());
    tamper(
        &db,
        &[
            "DELETE FROM audit_chain WHERE entry_seq = 3",
            "DELETE FROM audit_log WHERE seq = 3",
        ],
    );
    assert_eq!(named(&db), broken_at(4, 3));

    // The hash removed, the entry left: the entry is named.
    let dir = tempfile::tempdir().unwrap();
    let db = trail(dir.path());
    tamper(&db, &["DELETE FROM audit_chain WHERE entry_seq = 2"]);
    assert_eq!(named(&db), broken_at(2, 2));
}

#[test]
fn two_swapped_rows_are_named() {
    // Rows 2 and 4 exchange places: every field and the hash (the ids stay with the places).
    let dir = tempfile::tempdir().unwrap();
    let db = trail(dir.path());
    tamper(
        &db,
        &[
            "UPDATE audit_log SET seq = -2 WHERE seq = 2",
            "UPDATE audit_log SET seq = 2 WHERE seq = 4",
            "UPDATE audit_log SET seq = 4 WHERE seq = -2",
            "UPDATE audit_chain SET entry_seq = -2 WHERE entry_seq = 2",
            "UPDATE audit_chain SET entry_seq = 2 WHERE entry_seq = 4",
            "UPDATE audit_chain SET entry_seq = 4 WHERE entry_seq = -2",
        ],
    );
    assert_eq!(named(&db), broken_at(2, 2));

    // Only the entries' subjects swapped, the hashes where they were: the earlier one is named.
    let dir = tempfile::tempdir().unwrap();
    let db = trail(dir.path());
    tamper(
        &db,
        &[
            "CREATE TEMP TABLE was AS SELECT seq, subject FROM audit_log WHERE seq IN (2, 4)",
            "UPDATE audit_log SET subject = (SELECT subject FROM was WHERE was.seq = 6 - audit_log.seq)
             WHERE seq IN (2, 4)",
        ],
    );
    assert_eq!(named(&db), broken_at(2, 2));
}

#[test]
fn list_reads_since_a_day_and_refuses_a_date_that_does_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = trail(dir.path());
    let db = db.to_str().unwrap();
    let today = ehr_core::ports::Clock::now(&SystemClock).hong_kong_date();
    let since = |date: &str| ehr(&["--db", db, "--json", "audit", "list", "--since", date]);
    let viewed = |listed: serde_json::Value| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "viewed")
            .count()
    };
    assert_eq!(viewed(json_of(&since(&today.to_string()))), 5);
    // Day first, as a person types it.
    let tomorrow = ehr_core::validation::CalendarDate::from_date(today.date().next_day().unwrap());
    assert_eq!(json_of(&since(&tomorrow.entry())), serde_json::json!([]));

    let refused = since("31/02/2026");
    assert_eq!(refused.status.code(), Some(1));
    let json = json_of(&refused);
    assert_eq!(json["issues"][0]["code"], "validation.date.not_a_day");
    assert_eq!(json["issues"][0]["field"], "--since");

    let text = ehr(&["--db", db, "audit", "list"]);
    assert_eq!(text.status.code(), Some(0));
    let views = stdout(&text)
        .lines()
        .filter(|l| l.contains("  viewed"))
        .count();
    assert_eq!(views, 5);
    assert!(stdout(&text).contains("admin@test-workstation  viewed"));
    assert!(stdout(&text).contains("  signed_in"));
}

#[test]
fn a_missing_database_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.sqlite3");
    let output = ehr(&["--db", db.to_str().unwrap(), "--json", "audit", "verify"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json_of(&output)["issues"][0]["code"], "storage.no_database");
    assert!(!db.exists());
}

//! The upgrade from the release before sign-in: its database (a committed fixture, made by that release's
//! code) and its data key where it left it, in this user's keyring. `ehr setup` on it makes that key the
//! office key; afterwards every application and patient reads with a sign-in alone, and the keyring entry
//! is gone. (One test in its own binary: no other test's `ehr setup` runs while the old key is there.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;

use std::path::Path;

use common::{ADMIN, ADMIN_PASSWORD, ehr, ehr_with, json_of, stderr, stdout};

const APPLICATION: &str = "01a23187-66a7-727b-992d-8b70ed591c5e";
const PATIENT: &str = "01a23187-6813-73b7-8817-210a5f9f4d58";

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/previous-release")
        .join(name)
}

fn keyring_entry() -> keyring::Entry {
    keyring::Entry::new(ehr_core::APP_IDENTIFIER, "data-key").unwrap()
}

#[test]
fn a_previous_release_database_keeps_its_data_and_the_keyring_entry_goes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ehr.sqlite3");
    std::fs::copy(fixture("previous-release.sqlite3"), &db).unwrap();
    let key = std::fs::read_to_string(fixture("previous-release.key")).unwrap();
    keyring_entry().set_password(key.trim()).unwrap();

    let db_arg = db.to_str().unwrap();
    let setup = ehr_with(
        &[
            "--db",
            db_arg,
            "setup",
            "--office",
            "clinic",
            "--name",
            "Previous Release Clinic",
            "--admin",
            ADMIN,
            "--admin-name",
            "TEST Admin",
            "--password-stdin",
        ],
        ADMIN_PASSWORD,
        &[],
    );
    assert_eq!(setup.status.code(), Some(0), "{}", stderr(&setup));
    assert!(
        matches!(keyring_entry().get_password(), Err(keyring::Error::NoEntry)),
        "the previous release's key is still in the keyring"
    );

    // The administrator gives themselves the clinic's roles, then reads everything.
    let signed = [("EHR_PASSWORD", ADMIN_PASSWORD)];
    let roles = ehr_with(
        &[
            "--db",
            db_arg,
            "--user",
            ADMIN,
            "users",
            "roles",
            ADMIN,
            "--set",
            "system_admin,user_admin,front_desk",
        ],
        "",
        &signed,
    );
    assert_eq!(roles.status.code(), Some(0), "{}", stderr(&roles));
    let shown = ehr(&[
        "--db",
        db_arg,
        "--json",
        "applications",
        "show",
        APPLICATION,
    ]);
    assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
    assert_eq!(
        json_of(&shown)["draft"]["form"]["hcpInformation"]["nameEn"],
        "Previous Release Clinic"
    );
    let check = ehr(&["--db", db_arg, "db", "check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{} {}",
        stdout(&check),
        stderr(&check)
    );
    assert_eq!(stdout(&check), "Every row reads.\n");
    // The patient's record opens with the office key (db check reads every sealed row; this names it).
    common::block_on(async {
        let (store, session) = common::signed_in(&db).await;
        let sealed = store.sealed(session.cipher());
        let id = ehr_core::patient::PatientId::parse(PATIENT).unwrap();
        let record = ehr_core::ports::PatientStore::find_patient(&sealed, &id)
            .await
            .unwrap();
        assert!(record.is_some(), "the patient's registration reads");
        store.close().await;
    });
    // The old history keeps who made it then; the audit trail goes on from the old entries.
    let verify = ehr(&["--db", db_arg, "audit", "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", stdout(&verify));
}

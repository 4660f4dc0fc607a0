//! The `ehr` binary, run as a user would run it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use std::process::{Command, Output};

use ehr_core::application::{Applications, HcpInformationInput};
use ehr_core::ports::SystemClock;

fn ehr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ehr"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn validate_hkid_normalises_a_valid_number() {
    let output = ehr(&["validate", "hkid", "a123456(3)"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "A123456(3)\n");
}

#[test]
fn validate_hkid_names_the_check_digit() {
    let output = ehr(&["validate", "hkid", "A123456(4)"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("check digit"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("should be 3"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn validate_prints_json_on_request() {
    let ok: serde_json::Value = serde_json::from_str(&stdout(&ehr(&[
        "validate",
        "brn",
        "12345678-000-01-24-3",
        "--json",
    ])))
    .unwrap();
    assert_eq!(ok, serde_json::json!({ "ok": true, "value": "12345678" }));

    let output = ehr(&["--json", "validate", "phone", "1234 5678"]);
    assert_eq!(output.status.code(), Some(1));
    let failed: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(failed["ok"], false);
    assert_eq!(failed["code"], "validation.phone.format");
    assert!(failed["message"].as_str().unwrap().contains("8 digits"));
}

#[test]
fn validate_email_and_phone() {
    assert_eq!(
        stdout(&ehr(&["validate", "phone", "+852 9123 4567"])),
        "+85291234567\n"
    );
    assert_eq!(
        stdout(&ehr(&["validate", "email", "Info@Clinic.COM.HK"])),
        "Info@clinic.com.hk\n"
    );
    assert_eq!(
        ehr(&["validate", "email", "info@clinic"]).status.code(),
        Some(1)
    );
}

#[test]
fn help_documents_every_command() {
    let help = stdout(&ehr(&["--help"]));
    for word in ["validate", "applications", "--db", "--json"] {
        assert!(help.contains(word), "--help lacks {word}: {help}");
    }
    assert!(stdout(&ehr(&["applications", "--help"])).contains("list"));
    assert!(stdout(&ehr(&["validate", "--help"])).contains("hkid"));
}

#[test]
fn applications_list_shows_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ehr.sqlite3");
    let db_arg = db.to_str().unwrap();

    let empty = ehr(&["--db", db_arg, "applications", "list"]);
    assert_eq!(empty.status.code(), Some(0), "{}", stderr(&empty));
    assert_eq!(stdout(&empty), "No applications.\n");

    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let store = ehr_store::Store::open_sqlite(&db).await.unwrap();
            let input = HcpInformationInput {
                name_en: "Harbour Clinic".into(),
                ..Default::default()
            };
            Applications::new(&store, &SystemClock)
                .save_hcp_information(None, input)
                .await
                .unwrap();
            store.close().await;
        });

    let text = stdout(&ehr(&["--db", db_arg, "applications", "list"]));
    assert!(
        text.contains("Harbour Clinic") && text.contains("draft"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&ehr(&[
        "--db",
        db_arg,
        "applications",
        "list",
        "--json",
    ])))
    .unwrap();
    assert_eq!(json[0]["title"], "Harbour Clinic");
    assert_eq!(json[0]["status"], "draft");
    assert!(json[0]["openIssues"].as_u64().unwrap() > 0);
}

#[test]
fn an_unusable_database_path_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let output = ehr(&[
        "--db",
        file.join("ehr.sqlite3").to_str().unwrap(),
        "applications",
        "list",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot open the database"),
        "{}",
        stderr(&output)
    );
}

//! The `ehr` binary, run as a user would run it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;

use std::process::Command;

use common::{ehr, json_of, stderr, stdout};

use ehr_core::application::{ApplicationForm, Applications};
use ehr_core::ports::SystemClock;

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
fn validate_date_reads_day_first_and_says_what_does_not_exist() {
    assert_eq!(
        stdout(&ehr(&["validate", "date", "29/02/2024"])),
        "2024-02-29\n"
    );
    let output = ehr(&["--json", "validate", "date", "29/02/2023"]);
    assert_eq!(output.status.code(), Some(1));
    let failed: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(failed["code"], "validation.date.not_a_day");
    assert_eq!(
        failed["message"],
        "That date does not exist: that month has 28 days."
    );
    let output = ehr(&["validate", "birth-date", "01/01/1800"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("more than 130 years ago"));
    assert_eq!(
        ehr(&["validate", "birth-date", "01/01/2999"]).status.code(),
        Some(1)
    );
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
fn validate_answers_full_width_input_normalised() {
    for (kind, typed, normalised) in [
        ("hkid", "Ａ１２３４５６（３）", "A123456(3)\n"),
        ("phone", "６１２３４５６７", "+85261234567\n"),
        ("brn", "１２３４５６７８", "12345678\n"),
    ] {
        let output = ehr(&["validate", kind, typed]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{typed}: {}",
            stderr(&output)
        );
        assert_eq!(stdout(&output), normalised, "{typed}");
    }
}

#[test]
fn validate_phone_names_letters_extensions_and_second_numbers() {
    for (typed, code, wording) in [
        ("2123 CALL", "validation.phone.letters", "digits"),
        (
            "2345 6789 ext 12",
            "validation.phone.extension",
            "extension",
        ),
        (
            "2345 6789 / 9123 4567",
            "validation.phone.second_number",
            "one phone number",
        ),
    ] {
        let output = ehr(&["--json", "validate", "phone", typed]);
        assert_eq!(output.status.code(), Some(1), "{typed}");
        let failed: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        assert_eq!(failed["code"], code, "{typed}");
        assert!(
            failed["message"].as_str().unwrap().contains(wording),
            "{typed}: {failed}"
        );
    }
}

#[test]
fn validate_email_names_an_invisible_character_by_code_point_only() {
    let output = ehr(&["--json", "validate", "email", "clinic\u{202E}@example.com"]);
    assert_eq!(output.status.code(), Some(1));
    let failed: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(failed["code"], "validation.text.invisible_character");
    assert_eq!(
        failed["params"],
        serde_json::json!({ "codePoint": "U+202E", "position": "7" })
    );
    assert!(!stdout(&output).contains("clinic"), "{}", stdout(&output));
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

    // Listing reads only: it does not create the database (the app, or a command that creates data, does).
    common::block_on(async { common::open_store(&db).await.close().await });
    let empty = ehr(&["--db", db_arg, "applications", "list"]);
    assert_eq!(empty.status.code(), Some(0), "{}", stderr(&empty));
    assert_eq!(stdout(&empty), "No applications.\n");

    common::block_on(async {
        let (store, session) = common::signed_in(&db).await;
        let sealed = store.sealed(session.cipher());
        let mut form = ApplicationForm::default();
        form.hcp_information.name_en = "Harbour Clinic".into();
        Applications::new(&sealed, &SystemClock, session.principal())
            .create(form)
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
    // Only `ehr setup` makes a database.
    let output = common::ehr_with(
        &[
            "--db",
            file.join("ehr.sqlite3").to_str().unwrap(),
            "setup",
            "--office",
            "clinic",
            "--name",
            "Harbour Clinic",
            "--admin",
            common::ADMIN,
            "--admin-name",
            "CHAN Siu Ming",
            "--password-stdin",
        ],
        common::ADMIN_PASSWORD,
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot open the database"),
        "{}",
        stderr(&output)
    );
}

/// The clinic's and the office's round trip by script: sample, render, create, show, a refused submission
/// (documents are attached in the app), export, import, a second import refused, and the history.
#[test]
fn forms_sample_create_show_render_submit_export_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.sqlite3");
    let db = db.to_str().unwrap();
    let sample = dir.path().join("sample.json");
    let output = ehr(&["forms", "sample", "application"]);
    assert_eq!(output.status.code(), Some(0));
    std::fs::write(&sample, &output.stdout).unwrap();
    let form: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        form["userInformation"]["administrators"][1]["nameZh"],
        "李𨋢欣"
    );

    let pdf = dir.path().join("sample.pdf");
    let rendered = ehr(&[
        "forms",
        "render",
        "application",
        "--input",
        sample.to_str().unwrap(),
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(rendered.status.code(), Some(0), "{}", stderr(&rendered));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let created = json_of(&ehr(&[
        "--db",
        db,
        "--json",
        "applications",
        "create",
        "--input",
        sample.to_str().unwrap(),
    ]));
    let id = created["draft"]["id"].as_str().unwrap().to_owned();
    // The sample is complete but for the certificate, which is attached in the app.
    let codes: Vec<&str> = created["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["document.missing"]);

    let shown = stdout(&ehr(&["--db", db, "applications", "show", &id]));
    assert!(
        shown.contains("Harbour Family Medical Centre")
            && shown.contains("documents.business_registration_certificate: Attach this document"),
        "{shown}"
    );

    let refused = ehr(&[
        "--db",
        db,
        "applications",
        "submit",
        &id,
        "--channel",
        "fax",
        "--date",
        "2026-11-25",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("Attach this document"),
        "{}",
        stderr(&refused)
    );

    let package = dir.path().join("app.ehrpkg");
    let exported = ehr(&[
        "--db",
        db,
        "applications",
        "export",
        &id,
        "--out",
        package.to_str().unwrap(),
    ]);
    assert_eq!(exported.status.code(), Some(0), "{}", stderr(&exported));

    let office = dir.path().join("office.sqlite3");
    let imported = json_of(&ehr(&[
        "--db",
        office.to_str().unwrap(),
        "--json",
        "applications",
        "import",
        package.to_str().unwrap(),
    ]));
    assert_eq!(imported["draft"]["id"], id.as_str());
    let again = ehr(&[
        "--db",
        office.to_str().unwrap(),
        "applications",
        "import",
        package.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already here"),
        "{}",
        stderr(&again)
    );

    let audit = stdout(&ehr(&["--db", db, "applications", "audit", &id]));
    assert!(
        audit.contains("viewed") && audit.contains("exported"),
        "show and export are audited: {audit}"
    );

    let history = stdout(&ehr(&["--db", db, "applications", "history", &id]));
    assert!(
        history.contains("created") && history.contains("exported a submission package"),
        "{history}"
    );
}

#[test]
fn a_tampered_package_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.sqlite3");
    let db = db.to_str().unwrap();
    let sample = dir.path().join("sample.json");
    std::fs::write(&sample, ehr(&["forms", "sample", "application"]).stdout).unwrap();
    let created = json_of(&ehr(&[
        "--db",
        db,
        "--json",
        "applications",
        "create",
        "--input",
        sample.to_str().unwrap(),
    ]));
    let id = created["draft"]["id"].as_str().unwrap();
    let package = dir.path().join("app.ehrpkg");
    let exported = ehr(&[
        "--db",
        db,
        "applications",
        "export",
        id,
        "--out",
        package.to_str().unwrap(),
    ]);
    assert_eq!(exported.status.code(), Some(0), "{}", stderr(&exported));
    let mut bytes = std::fs::read(&package).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&package, &bytes).unwrap();
    let office = dir.path().join("office.sqlite3");
    let refused = ehr(&[
        "--db",
        office.to_str().unwrap(),
        "applications",
        "import",
        package.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("changed after it was exported"),
        "{}",
        stderr(&refused)
    );
    let truncated = dir.path().join("cut.ehrpkg");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    let refused = ehr(&[
        "--db",
        office.to_str().unwrap(),
        "applications",
        "import",
        truncated.to_str().unwrap(),
    ]);
    assert!(
        stderr(&refused).contains("incomplete (cut short)"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        stdout(&ehr(&[
            "--db",
            office.to_str().unwrap(),
            "applications",
            "list"
        ])),
        "No applications.\n"
    );
}

#[test]
fn bad_input_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ not json").unwrap();
    let db = dir.path().join("x.sqlite3");
    let output = ehr(&[
        "--db",
        db.to_str().unwrap(),
        "applications",
        "create",
        "--input",
        broken.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("broken.json is not accepted as form data")
            && stderr(&output).contains("not valid JSON: check line 1, column 3"),
        "{}",
        stderr(&output)
    );
    let output = ehr(&[
        "--db",
        db.to_str().unwrap(),
        "applications",
        "show",
        "not-an-id",
    ]);
    assert!(
        stderr(&output).contains("is not an application id"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_patient_registration_form_is_sampled_and_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let sample = ehr(&["forms", "sample", "patient-registration"]);
    assert_eq!(sample.status.code(), Some(0), "{}", stderr(&sample));
    let input = dir.path().join("p.json");
    std::fs::write(&input, &sample.stdout).unwrap();
    let pdf = dir.path().join("p.pdf");
    let render = |input: &std::path::Path| {
        ehr(&[
            "forms",
            "render",
            "patient-registration",
            "--input",
            input.to_str().unwrap(),
            "--out",
            pdf.to_str().unwrap(),
        ])
    };
    let output = render(&input);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("陳小明") && text.contains("代決人"), "{text}");

    // A child without a substitute decision maker is refused, field by field, and nothing is written.
    let mut form: serde_json::Value = serde_json::from_slice(&sample.stdout).unwrap();
    form["consent"]["sdm"] = serde_json::json!({});
    std::fs::write(&input, form.to_string()).unwrap();
    std::fs::remove_file(&pdf).unwrap();
    let output = render(&input);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("consent.sdm.relationship: This field is required."),
        "{}",
        stderr(&output)
    );
    assert!(!pdf.exists());
}

/// `applications edit` saves on the version stored now unless told another; a stale one is refused with
/// `[conflict.stale]` naming who saved, and the stored form is the first save's.
#[test]
fn edit_saves_on_the_stored_version_and_refuses_a_stale_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.sqlite3");
    let db = db.to_str().unwrap();
    let sample = dir.path().join("sample.json");
    std::fs::write(&sample, ehr(&["forms", "sample", "application"]).stdout).unwrap();
    let created = json_of(&ehr(&[
        "--db",
        db,
        "--json",
        "applications",
        "create",
        "--input",
        sample.to_str().unwrap(),
    ]));
    let id = created["draft"]["id"].as_str().unwrap();
    let opened_at = created["version"].as_u64().unwrap().to_string();

    let mut form: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&sample).unwrap()).unwrap();
    form["hcpInformation"]["nameEn"] = "Harbour Medical Centre".into();
    let first = dir.path().join("first.json");
    std::fs::write(&first, form.to_string()).unwrap();
    let saved = ehr(&[
        "--db",
        db,
        "--json",
        "applications",
        "edit",
        id,
        "--input",
        first.to_str().unwrap(),
    ]);
    assert_eq!(saved.status.code(), Some(0), "{}", stderr(&saved));
    assert!(json_of(&saved)["version"].as_u64().unwrap() > created["version"].as_u64().unwrap());

    form["hcpInformation"]["nameEn"] = "Kowloon Medical Centre".into();
    let second = dir.path().join("second.json");
    std::fs::write(&second, form.to_string()).unwrap();
    let refused = ehr(&[
        "--db",
        db,
        "applications",
        "edit",
        id,
        "--input",
        second.to_str().unwrap(),
        "--version",
        &opened_at,
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("[conflict.stale]"),
        "{}",
        stderr(&refused)
    );
    let shown = stdout(&ehr(&["--db", db, "applications", "show", id]));
    assert!(shown.contains("Harbour Medical Centre"), "{shown}");

    // The input is as strict as `ehr validate`'s: an unknown key is refused by its path.
    std::fs::write(&second, r#"{"hcpInformation": {"nickname": "x"}}"#).unwrap();
    let strict = ehr(&[
        "--db",
        db,
        "applications",
        "edit",
        id,
        "--input",
        second.to_str().unwrap(),
    ]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        stderr(&strict).contains("hcpInformation"),
        "{}",
        stderr(&strict)
    );
}

//! `ehr amendments` by script: an application from the sample, submitted; an HCP/HSL amendment replacing its
//! first user administrator, shown before → after, submitted and exported as a package that verifies.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;

use std::path::Path;

use common::{ehr, json_of, stderr, stdout};
use ehr_core::amendment::sample::new_administrator;
use ehr_core::amendment::{AmendmentContent, AmendmentStatus};
use ehr_core::application::sample::SAMPLE_CERTIFICATE;
use ehr_core::application::{ApplicationId, Applications, DocumentKind};
use ehr_core::ports::{AmendmentPackageFormat, Clock, SystemClock};
use ehr_package::{ContentInspector, ZipPackageFormat};

/// The sample application, created and submitted through `ehr` (its certificate attached as the app does).
fn submitted_application(dir: &Path, db: &str) -> (String, serde_json::Value) {
    let sample = dir.join("sample.json");
    let output = ehr(&["forms", "sample", "application"]);
    std::fs::write(&sample, &output.stdout).unwrap();
    let form: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
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
    common::block_on(async {
        let (store, session) = common::signed_in(Path::new(db)).await;
        let sealed = store.sealed(session.cipher());
        Applications::new(&sealed, &SystemClock, session.principal())
            .attach_document(
                &ApplicationId::parse(&id).unwrap(),
                DocumentKind::BusinessRegistrationCertificate,
                "br.pdf",
                SAMPLE_CERTIFICATE,
                &ContentInspector,
            )
            .await
            .unwrap();
        store.close().await;
    });
    let today = SystemClock.now().hong_kong_date().to_string();
    let submitted = ehr(&[
        "--db",
        db,
        "applications",
        "submit",
        &id,
        "--channel",
        "fax",
        "--date",
        &today,
    ]);
    assert_eq!(submitted.status.code(), Some(0), "{}", stderr(&submitted));
    (id, form)
}

fn codes(output: &std::process::Output) -> Vec<String> {
    json_of(output)["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn an_administrator_replaced_is_shown_submitted_and_exported_as_a_package() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.sqlite3");
    let db = db.to_str().unwrap();
    let (hcp, mut form) = submitted_application(dir.path(), db);

    form["userInformation"]["administrators"][0] =
        serde_json::to_value(new_administrator()).unwrap();
    let input = dir.path().join("amendment.json");
    std::fs::write(
        &input,
        serde_json::to_vec(&serde_json::json!({ "kind": "hcp_hsl", "form": form })).unwrap(),
    )
    .unwrap();

    // The content's kind is the form asked for, or nothing is stored.
    let mismatch = ehr(&[
        "--db",
        db,
        "--json",
        "amendments",
        "create",
        "--hcp",
        &hcp,
        "--kind",
        "withdrawal",
        "--input",
        input.to_str().unwrap(),
    ]);
    assert_eq!(mismatch.status.code(), Some(1));
    assert_eq!(codes(&mismatch), ["amendment.kind_mismatch"]);

    let created = json_of(&ehr(&[
        "--db",
        db,
        "--json",
        "amendments",
        "create",
        "--hcp",
        &hcp,
        "--kind",
        "hcp-hsl",
        "--input",
        input.to_str().unwrap(),
    ]));
    assert_eq!(created["issues"], serde_json::json!([]), "{created}");
    let id = created["amendment"]["id"].as_str().unwrap().to_owned();

    // A draft is not exported: the office imports what was submitted.
    let package = dir.path().join("amendment.ehrpkg");
    let early = ehr(&[
        "--db",
        db,
        "--json",
        "amendments",
        "export",
        &id,
        "--out",
        package.to_str().unwrap(),
    ]);
    assert_eq!(codes(&early), ["amendment.not_submitted"]);
    assert!(!package.exists());

    let shown = json_of(&ehr(&["--db", db, "--json", "amendments", "show", &id]));
    let paths: Vec<&str> = shown["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    let at = |f: &str| format!("userInformation.administrators[0].{f}");
    assert_eq!(
        paths,
        ["nameEn", "nameZh", "hkid", "phone", "email"].map(at)
    );
    assert_eq!(
        shown["effects"],
        serde_json::json!(["user_administrator_replaced"])
    );
    let text = stdout(&ehr(&["--db", db, "amendments", "show", &id]));
    assert!(
        text.contains("userInformation.administrators[0].hkid: A123456(3) → B987654(0)"),
        "{text}"
    );

    let submitted = json_of(&ehr(&["--db", db, "--json", "amendments", "submit", &id]));
    assert_eq!(submitted["amendment"]["status"], "submitted");
    assert_eq!(
        submitted["amendment"]["submittedOn"],
        SystemClock.now().hong_kong_date().to_string()
    );

    let exported = ehr(&[
        "--db",
        db,
        "--json",
        "amendments",
        "export",
        &id,
        "--out",
        package.to_str().unwrap(),
    ]);
    assert_eq!(exported.status.code(), Some(0), "{}", stderr(&exported));
    let bytes = std::fs::read(&package).unwrap();
    assert_eq!(json_of(&exported)["size"], bytes.len());
    let read = ZipPackageFormat.read_amendment(&bytes).unwrap();
    assert_eq!(read.amendment.id.as_str(), id);
    assert_eq!(read.amendment.status, AmendmentStatus::Submitted);
    let AmendmentContent::HcpHsl { form: packaged } = &read.amendment.content else {
        panic!("not the HCP/HSL form")
    };
    assert_eq!(
        packaged.user_information.administrators[0],
        new_administrator()
    );
    // The package carries the printed form, showing the new administrator.
    let pdf = read.pdf.expect("the form's PDF is in the package");
    assert!(pdf.starts_with(b"%PDF"));
    let printed = dir.path().join("amendment.pdf");
    let print = ehr(&[
        "--db",
        db,
        "amendments",
        "print",
        &id,
        "--out",
        printed.to_str().unwrap(),
    ]);
    assert_eq!(print.status.code(), Some(0), "{}", stderr(&print));
    let text = std::process::Command::new("pdftotext")
        .arg(&printed)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains(&new_administrator().name_en),
        "the new administrator is on the form"
    );
    let mut tampered = bytes.clone();
    let middle = tampered.len() / 2;
    tampered[middle] ^= 0x01;
    assert!(ZipPackageFormat.read_amendment(&tampered).is_err());

    let history = json_of(&ehr(&["--db", db, "--json", "amendments", "show", &id]));
    let events: Vec<&str> = history["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["created", "submitted", "exported", "printed"]);

    let listed = json_of(&ehr(&[
        "--db",
        db,
        "--json",
        "amendments",
        "list",
        "--hcp",
        &hcp,
    ]));
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert_eq!(listed["items"][0]["kind"], "hcp_hsl");
    assert!(
        listed["items"][0].get("content").is_none(),
        "a list carries no personal data"
    );
}

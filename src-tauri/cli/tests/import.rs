//! `ehr applications import` of packages made to fool it — each refused with its own worded code, the
//! office's database left row for row as it was — and `ehr db check` naming rows that cannot be read.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;
#[path = "../../package/tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};

use common::{ehr, json_of, stderr, stdout};
use ehr_core::application::ApplicationId;
use support::{
    EXE, Member, PDF, application, application_package, attachment, manifest, sealed_zip,
};

const DOCUMENT_ID: &str = "019ab3f2-c7b2-7000-8000-000000000001";

fn reference(id: &str) -> String {
    ApplicationId::parse(id).unwrap().reference()
}

fn sample_form() -> serde_json::Value {
    serde_json::from_slice(&ehr(&["forms", "sample", "application"]).stdout).unwrap()
}

/// An office whose database already holds one imported application.
struct Office {
    dir: tempfile::TempDir,
    db: PathBuf,
    form: serde_json::Value,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("office.sqlite3");
        let form = sample_form();
        let office = Office { dir, db, form };
        let id = ApplicationId::generate().to_string();
        // A document id of its own: the crafted packages' DOCUMENT_ID must not collide with it.
        let document = ApplicationId::generate().to_string();
        let first = application(
            &id,
            &reference(&id),
            &office.form,
            vec![attachment(&document, "br.pdf", "application/pdf", PDF)],
        );
        let imported = office.import(&application_package(&first, &[PDF]));
        assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
        office
    }

    fn db(&self) -> &str {
        self.db.to_str().unwrap()
    }

    fn import(&self, package: &[u8]) -> std::process::Output {
        let file = self.dir.path().join("in.ehrpkg");
        std::fs::write(&file, package).unwrap();
        ehr(&[
            "--db",
            self.db(),
            "--json",
            "applications",
            "import",
            file.to_str().unwrap(),
        ])
    }

    /// Every row of every table, every column quoted: "unchanged" row for row. (Not byte for byte: SQLite
    /// may fold its write-ahead log into the file when any process opens it, which changes bytes, not rows.)
    fn rows(&self) -> Vec<String> {
        let pool = raw_pool(&self.db);
        let rows = common::block_on(async {
            let tables: Vec<String> = sqlx::query_scalar(
                // sqlite_sequence counts audit entries, and each command's own sign-in is one.
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence'
                 ORDER BY name",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            let mut rows = Vec::new();
            for table in tables {
                let columns: Vec<String> =
                    sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                        .fetch_all(&pool)
                        .await
                        .unwrap();
                let quoted: Vec<String> = columns.iter().map(|c| format!("quote({c})")).collect();
                // Each command's own sign-in is audited: that is not the import changing anything.
                let own_sign_in = match table.as_str() {
                    "audit_log" => "WHERE action <> 'signed_in'",
                    "audit_chain" => {
                        "WHERE entry_seq NOT IN (SELECT seq FROM audit_log WHERE action = 'signed_in')"
                    }
                    _ => "",
                };
                let select = format!(
                    "SELECT '{table}: ' || {} FROM {table} {own_sign_in} ORDER BY rowid",
                    quoted.join(" || ',' || ")
                );
                rows.extend(
                    sqlx::query_scalar::<_, String>(&select)
                        .fetch_all(&pool)
                        .await
                        .unwrap(),
                );
            }
            pool.close().await;
            rows
        });
        assert!(rows.iter().any(|r| r.starts_with("applications: ")));
        rows
    }

    /// Imports `package`, expects it refused with `code` (at `field`), and the database unchanged.
    fn refuses(&self, package: &[u8], code: &str, field: Option<&str>) {
        let before = self.rows();
        let output = self.import(package);
        assert_eq!(output.status.code(), Some(1), "{code}: {}", stderr(&output));
        let answer = json_of(&output);
        let issues = answer["issues"].as_array().unwrap();
        assert!(
            issues
                .iter()
                .any(|i| i["code"] == code && i["field"].as_str() == field),
            "expected {code} at {field:?}: {answer}"
        );
        for issue in issues {
            let message = issue["message"].as_str().unwrap();
            assert!(
                !message.is_empty()
                    && !message.starts_with("package.")
                    && !message.contains("UNIQUE"),
                "{issue}"
            );
        }
        let after = self.rows();
        let changed: Vec<&String> = after.iter().filter(|r| !before.contains(r)).collect();
        assert!(
            changed.is_empty() && after.len() == before.len(),
            "{code}: the refused import changed the database: {} new rows in tables {:?}",
            changed.len(),
            changed
                .iter()
                .map(|r| r.split(':').next().unwrap_or_default())
                .collect::<Vec<_>>()
        );
        let list = ehr(&["--db", self.db(), "applications", "list"]);
        assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    }
}

#[test]
fn an_application_id_that_is_not_a_uuid_is_refused() {
    let office = Office::new();
    let app = application("not-a-uuid", "HCP-0000-0000-0000", &office.form, vec![]);
    office.refuses(
        &application_package(&app, &[]),
        "validation.id.format",
        Some("id"),
    );
}

#[test]
fn a_document_whose_id_and_name_are_paths_is_refused() {
    let office = Office::new();
    let id = ApplicationId::generate().to_string();
    let app = application(
        &id,
        &reference(&id),
        &office.form,
        vec![attachment("../../..", "../../..", "application/pdf", EXE)],
    );
    office.refuses(
        &application_package(&app, &[EXE]),
        "package.path_invalid",
        Some("archive entry 3"),
    );
    let app = application(
        &id,
        &reference(&id),
        &office.form,
        vec![attachment(DOCUMENT_ID, "../../..", "application/pdf", PDF)],
    );
    office.refuses(
        &application_package(&app, &[PDF]),
        "package.file_name_invalid",
        Some("documents[0].fileName"),
    );
}

#[test]
fn a_windows_program_labelled_a_pdf_is_refused_and_nothing_reports_complete() {
    let office = Office::new();
    let id = ApplicationId::generate().to_string();
    let app = application(
        &id,
        &reference(&id),
        &office.form,
        vec![attachment(DOCUMENT_ID, "br.pdf", "application/pdf", EXE)],
    );
    office.refuses(
        &application_package(&app, &[EXE]),
        "package.document_type_mismatch",
        Some("documents[0]"),
    );
    let fake = b"%PDF-1.7 but a Windows program after that";
    let app = application(
        &id,
        &reference(&id),
        &office.form,
        vec![attachment(DOCUMENT_ID, "br.pdf", "application/pdf", fake)],
    );
    office.refuses(
        &application_package(&app, &[fake]),
        "package.document_damaged",
        Some("documents[0]"),
    );
    let shown = ehr(&["--db", office.db(), "applications", "show", &id]);
    assert_ne!(shown.status.code(), Some(0), "{}", stdout(&shown));
    assert!(!stdout(&shown).contains("Complete"));
}

#[test]
fn a_small_zip_declaring_a_gibibyte_is_refused_as_too_large() {
    let office = Office::new();
    let id = ApplicationId::generate().to_string();
    let json =
        serde_json::to_vec(&application(&id, &reference(&id), &office.form, vec![])).unwrap();
    let listed = [
        (
            "application.json",
            json.len() as u64,
            ehr_core::application::sha256_hex(&json),
        ),
        (
            "application.pdf",
            1024,
            ehr_core::application::sha256_hex(b""),
        ),
    ];
    let package = sealed_zip(&[
        Member::stored("manifest.json", &manifest(&listed)),
        Member::stored("application.json", &json),
        Member {
            name: "application.pdf".into(),
            method: 8,
            data: vec![0x03, 0x00],
            declared_size: 1024 * 1024 * 1024,
            crc: 0,
        },
    ]);
    let started = std::time::Instant::now();
    office.refuses(&package, "package.too_large", Some("application.pdf"));
    assert!(started.elapsed().as_secs() < 30, "refused before inflating");
}

#[test]
fn forged_references_are_refused_and_none_is_stored_twice() {
    let office = Office::new();
    // Four packages, four ids, one reference: the issue's forgery.
    for _ in 0..4 {
        let id = ApplicationId::generate().to_string();
        let app = application(&id, "HCP-AAAA-BBBB-CCCC", &office.form, vec![]);
        office.refuses(
            &application_package(&app, &[]),
            "package.reference_mismatch",
            Some("reference"),
        );
    }
    // Two real ids that share a reference (it is 12 of their 32 digits): the second is refused.
    let first = "019ab3f2-c7b1-7d2e-9a44-000000000001";
    let second = "019ab3f2-c7b1-7d2e-9a44-000000000002";
    assert_eq!(reference(first), reference(second));
    let imported = office.import(&application_package(
        &application(first, &reference(first), &office.form, vec![]),
        &[],
    ));
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    office.refuses(
        &application_package(
            &application(second, &reference(second), &office.form, vec![]),
            &[],
        ),
        "package.reference_taken",
        Some("reference"),
    );
    let list = json_of(&ehr(&[
        "--db",
        office.db(),
        "--json",
        "applications",
        "list",
    ]));
    let references: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reference"].as_str().unwrap())
        .collect();
    assert_eq!(references.len(), 2);
    assert!(!references.contains(&"HCP-AAAA-BBBB-CCCC"));
}

#[test]
fn ten_parallel_imports_of_one_package_store_it_once_and_tell_the_others() {
    let office = Office::new();
    let id = ApplicationId::generate().to_string();
    let package = office.dir.path().join("same.ehrpkg");
    std::fs::write(
        &package,
        application_package(
            &application(&id, &reference(&id), &office.form, vec![]),
            &[],
        ),
    )
    .unwrap();
    let children: Vec<_> = (0..10)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_ehr"))
                .args([
                    "--db",
                    office.db(),
                    "--user",
                    common::ADMIN,
                    "--json",
                    "applications",
                    "import",
                ])
                .env("EHR_PASSWORD", common::ADMIN_PASSWORD)
                .arg(&package)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let imported = outputs
        .iter()
        .filter(|o| o.status.code() == Some(0))
        .count();
    assert_eq!(imported, 1, "exactly one import stores it");
    for output in outputs.iter().filter(|o| o.status.code() != Some(0)) {
        assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
        let answer = json_of(output);
        assert_eq!(
            answer["issues"][0]["code"], "application.already_imported",
            "{answer}"
        );
        assert!(
            answer["issues"][0]["message"]
                .as_str()
                .unwrap()
                .contains("imported before"),
            "{answer}"
        );
    }
    let list = json_of(&ehr(&[
        "--db",
        office.db(),
        "--json",
        "applications",
        "list",
    ]));
    assert_eq!(list.as_array().unwrap().len(), 2);
}

fn raw_pool(db: &Path) -> sqlx::SqlitePool {
    common::block_on(sqlx::SqlitePool::connect(&format!(
        "sqlite://{}",
        db.display()
    )))
    .unwrap()
}

#[test]
fn a_foreign_row_is_skipped_by_the_list_and_named_by_db_check() {
    let office = Office::new();
    let clean = ehr(&["--db", office.db(), "db", "check"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert_eq!(stdout(&clean), "Every row reads.\n");

    // What today's release let in before this check: an application whose id is not a UUID.
    let pool = raw_pool(&office.db);
    common::block_on(
        sqlx::query(
            "INSERT INTO applications (id, reference, status, title, open_issues, created_at, updated_at, data, sealed_data)
             SELECT '../../Chan Tai Man', reference, status, 'Chan Tai Man Clinic', open_issues, created_at, updated_at, data, sealed_data
             FROM applications",
        )
        .execute(&pool),
    )
    .unwrap();
    common::block_on(pool.close());

    let list = ehr(&["--db", office.db(), "applications", "list"]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    assert!(
        stdout(&list).contains("Harbour Family Medical Centre"),
        "{}",
        stdout(&list)
    );
    assert!(stderr(&list).contains("ehr db check"), "{}", stderr(&list));

    let check = ehr(&["--db", office.db(), "db", "check"]);
    assert_eq!(check.status.code(), Some(1));
    let text = stdout(&check);
    assert!(
        text.contains("applications row 2: store.row_id_invalid:")
            && text.contains("row(s) cannot be read"),
        "{text}"
    );
    let reference = reference(
        json_of(&ehr(&[
            "--db",
            office.db(),
            "--json",
            "applications",
            "list",
        ]))[0]["id"]
            .as_str()
            .unwrap(),
    );
    // The row's duplicate reference is named too, by the good row's id and the bad row's position.
    assert!(text.contains("store.row_reference_duplicate"), "{text}");
    assert!(!text.contains(&reference), "{text}");
    for personal in ["Chan Tai Man", "Harbour"] {
        assert!(!text.contains(personal), "{text}");
    }
    let json = json_of(&ehr(&["--db", office.db(), "--json", "db", "check"]));
    assert_eq!(json["ok"], false);
    assert_eq!(json["unreadable"][0]["code"], "store.row_id_invalid");
    assert_eq!(json["unreadable"][0]["id"], serde_json::Value::Null);
}

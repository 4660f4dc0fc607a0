//! One bad row never breaks a list, and `check_rows` names it; an insert that would duplicate an id or a
//! reference is refused whole, with a typed answer, however many race for it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support {
    pub mod postgres;
}

use std::sync::LazyLock;

use ehr_core::ErrorCode;
use ehr_core::application::sample::{SAMPLE_CERTIFICATE, submitted_application};
use ehr_core::application::{
    Actor, ApplicationDraft, ApplicationId, Applications, HistoryEntry, HistoryEvent,
};
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::patient::{sample_patient_form, sample_patient_record};
use ehr_core::ports::{ApplicationStore, InsertFailure, PatientStore, SystemClock, UnreadableRow};
use ehr_core::time::Timestamp;
use ehr_secrets::Sealer;
use ehr_store::Store;

/// This run's office key.
fn key() -> &'static Sealer {
    static KEY: LazyLock<Sealer> = LazyLock::new(Sealer::random);
    &KEY
}

fn principal() -> &'static Principal {
    static PRINCIPAL: LazyLock<Principal> =
        LazyLock::new(|| Principal::for_tests(OfficeKind::Clinic, Role::ALL));
    &PRINCIPAL
}

fn entry() -> HistoryEntry {
    HistoryEntry {
        at: Timestamp::from_millis(1_764_000_000_000),
        actor: Actor {
            user: "ro-officer".into(),
            workstation: "test".into(),
        },
        event: HistoryEvent::Imported,
    }
}

/// The sample application with its certificate's content, as an import stores it.
fn sample() -> (
    ApplicationDraft,
    Vec<(ehr_core::application::AttachmentId, Vec<u8>)>,
) {
    let draft = submitted_application();
    let contents = vec![(draft.documents[0].id.clone(), SAMPLE_CERTIFICATE.to_vec())];
    (draft, contents)
}

async fn raw(path: &std::path::Path) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap()
}

/// Every row of every table, as text: what "nothing changed" is compared by.
async fn dump(pool: &sqlx::SqlitePool) -> Vec<String> {
    let mut rows = Vec::new();
    for table in [
        "applications",
        "application_documents",
        "application_history",
        "patients",
    ] {
        let lines: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT quote(rowid) || ':' || quote(id) FROM {table} ORDER BY rowid"
        ))
        .fetch_all(pool)
        .await
        .or_else(|_| -> Result<Vec<String>, sqlx::Error> { Ok(Vec::new()) })
        .unwrap();
        rows.extend(lines.into_iter().map(|l| format!("{table} {l}")));
    }
    let history: Vec<String> = sqlx::query_scalar(
        "SELECT quote(seq) || quote(application_id) || quote(event) FROM application_history",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    rows.extend(history);
    rows
}

#[tokio::test]
async fn ten_racing_inserts_of_one_application_store_it_once_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("ehr.sqlite3"))
        .await
        .unwrap()
        .sealed(key());
    let (draft, contents) = sample();
    let mut racers = Vec::new();
    for _ in 0..10 {
        let (store, draft, contents) = (store.clone(), draft.clone(), contents.clone());
        racers.push(tokio::spawn(async move {
            store.insert_application(&draft, &contents, &entry()).await
        }));
    }
    let mut stored = 0;
    for racer in racers {
        match racer.await.unwrap() {
            Ok(()) => stored += 1,
            Err(InsertFailure::IdTaken) => {}
            Err(other) => panic!("a racer failed otherwise: {other:?}"),
        }
    }
    assert_eq!(stored, 1);
    let listing = store.list_applications().await.unwrap();
    assert_eq!(listing.items.len(), 1);
    assert_eq!(store.history(&draft.id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_reference_or_document_id_already_held_refuses_the_whole_insert() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap().sealed(key());
    let (draft, contents) = sample();
    store
        .insert_application(&draft, &contents, &entry())
        .await
        .unwrap();
    let before = dump(&raw(&path).await).await;

    // Another id with the same reference: the reference takes 12 of the id's 32 digits.
    let mut twin = draft.clone();
    twin.id = ApplicationId::parse("019ab3f2-c7b1-7d2e-9a44-ffffffffffff").unwrap();
    assert_eq!(twin.id.reference(), draft.reference);
    twin.documents.clear();
    assert!(matches!(
        store.insert_application(&twin, &[], &entry()).await,
        Err(InsertFailure::ReferenceTaken)
    ));

    // A new application carrying a document id already stored under the first.
    let mut thief = draft.clone();
    thief.id = ApplicationId::generate();
    thief.reference = thief.id.reference();
    assert!(matches!(
        store.insert_application(&thief, &contents, &entry()).await,
        Err(InsertFailure::DocumentIdTaken)
    ));
    assert_eq!(dump(&raw(&path).await).await, before, "nothing was written");
}

#[tokio::test]
async fn a_foreign_row_is_skipped_by_the_lists_and_named_by_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap().sealed(key());
    let clock = SystemClock;
    let apps = Applications::new(&store, &clock, principal());
    let good = apps.create(Default::default()).await.unwrap().draft;
    let record = sample_patient_record().unwrap();
    let audit = ehr_core::ports::AuditEntry {
        at: record.registered_at,
        actor: principal().actor(),
        action: ehr_core::ports::AuditAction::Registered,
        subject: record.id.to_string(),
    };
    store.insert_patient(&record, false, &audit).await.unwrap();
    assert!(store.check_rows().await.unwrap().is_empty());

    // What an older release let in, or another program wrote: an id that is a path, a status no release
    // knows, a reference of another id, a document named as a path, a patient sealed with another key.
    let pool = raw(&path).await;
    for (id, status, reference) in [
        ("../../..", "draft", "HCP-0000-0000-0000"),
        (
            "019ab3f2-c7b1-7d2e-9a44-000000000001",
            "lost",
            "HCP-B3F2-C7B1-9A44",
        ),
        (
            "11111111-2222-7333-8444-000000000002",
            "draft",
            "HCP-B3F2-C7B1-9A44",
        ),
    ] {
        sqlx::query(
            "INSERT INTO applications (id, reference, status, title, open_issues, created_at, updated_at, data, sealed_data)
             SELECT ?, ?, ?, title, open_issues, created_at, updated_at, data, sealed_data FROM applications WHERE id = ?",
        )
        .bind(id)
        .bind(reference)
        .bind(status)
        .bind(good.id.as_str())
        .execute(&pool)
        .await
        .unwrap();
    }
    sqlx::query(
        "INSERT INTO application_documents (id, application_id, kind, file_name, media_type, size, sha256, added_at, content)
         VALUES ('019ab3f2-c7b2-7000-8000-00000000000a', ?, 'other', '../../../evil.pdf', 'application/pdf', 1, 'x', 1, x'00')",
    )
    .bind(good.id.as_str())
    .execute(&pool)
    .await
    .unwrap();
    let foreign = Sealer::random();
    let mut other = sample_patient_record().unwrap();
    other.id = ehr_core::patient::PatientId::generate();
    sqlx::query(
        "INSERT INTO patients (id, registered_at, updated_at, sealed_record) VALUES (?, 1, 1, ?)",
    )
    .bind(other.id.as_str())
    .bind(
        ehr_core::ports::DataCipher::seal(
            &foreign,
            &serde_json::to_vec(&other).unwrap(),
            &ehr_core::ports::SealedPlace {
                table: "patients",
                column: "sealed_record",
                row: other.id.as_str(),
            },
        )
        .unwrap(),
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let listing = store.list_applications().await.unwrap();
    let listed: Vec<&str> = listing.items.iter().map(|s| s.id.as_str()).collect();
    assert!(listed.contains(&good.id.as_str()), "{listed:?}");
    assert_eq!(
        listing
            .unreadable
            .iter()
            .map(|r| (r.id.as_deref(), r.reason))
            .collect::<Vec<_>>(),
        [
            (
                Some("019ab3f2-c7b1-7d2e-9a44-000000000001"),
                ErrorCode::RowUndecodable
            ),
            (None, ErrorCode::RowIdInvalid),
        ]
    );
    let patients = store.list_patients().await.unwrap();
    assert_eq!(patients.items, [record]);
    assert_eq!(
        patients.unreadable,
        [UnreadableRow {
            table: "patients".into(),
            row: 2,
            id: Some(other.id.to_string()),
            reason: ErrorCode::RowSealedUnreadable,
        }]
    );

    let found: Vec<(String, Option<String>, ErrorCode)> = store
        .check_rows()
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.table, r.id, r.reason))
        .collect();
    let id = |s: &str| Some(s.to_owned());
    assert_eq!(
        found,
        [
            ("applications".into(), None, ErrorCode::RowIdInvalid),
            (
                "applications".into(),
                id("019ab3f2-c7b1-7d2e-9a44-000000000001"),
                ErrorCode::RowUndecodable
            ),
            (
                "applications".into(),
                id("11111111-2222-7333-8444-000000000002"),
                ErrorCode::RowReferenceMismatch
            ),
            (
                "applications".into(),
                id("019ab3f2-c7b1-7d2e-9a44-000000000001"),
                ErrorCode::RowReferenceDuplicate
            ),
            (
                "applications".into(),
                id("11111111-2222-7333-8444-000000000002"),
                ErrorCode::RowReferenceDuplicate
            ),
            (
                "application_documents".into(),
                id("019ab3f2-c7b2-7000-8000-00000000000a"),
                ErrorCode::RowFileNameInvalid
            ),
            (
                "patients".into(),
                id(other.id.as_str()),
                ErrorCode::RowSealedUnreadable
            ),
        ]
    );
}

#[tokio::test]
async fn an_application_s_documents_add_up_to_no_more_than_a_package_carries() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("ehr.sqlite3"))
        .await
        .unwrap()
        .sealed(key());
    let clock = SystemClock;
    let apps = Applications::new(&store, &clock, principal());
    let inspector = ehr_package::ContentInspector;
    let kind = ehr_core::application::DocumentKind::Other;
    let code = |outcome: Result<_, ehr_core::CoreError>| match outcome {
        Err(ehr_core::CoreError::Invalid(issues)) => Some(issues[0].code),
        _ => None,
    };

    // Four scans near the single-file limit add up to more than a package carries.
    let large = ehr_core::application::sample::one_page_pdf(&"x".repeat(19 * 1024 * 1024));
    let heavy = apps.create(Default::default()).await.unwrap().draft.id;
    for _ in 0..3 {
        apps.attach_document(&heavy, kind, "scan.pdf", &large, &inspector)
            .await
            .unwrap();
    }
    let fourth = apps
        .attach_document(&heavy, kind, "scan.pdf", &large, &inspector)
        .await;
    assert_eq!(code(fourth), Some(ErrorCode::DocumentsTooLarge));
}

/// A registration and its audit entry are one transaction: when the entry cannot be written, neither is the
/// registration (nor its change).
#[tokio::test]
async fn a_registration_is_not_stored_without_its_audit_entry() {
    let (dir, store) = on_disk().await;
    let path = dir.path().join("ehr.sqlite3");
    let patients = front_desk(&store);
    let form = ehr_core::patient::sample_patient_form();
    let kept = patients.register(&form).await.unwrap();
    let pool = raw(&path).await;
    sqlx::query(
        "CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log
         BEGIN SELECT RAISE(ABORT, 'the audit trail is full'); END",
    )
    .execute(&pool)
    .await
    .unwrap();
    let before = dump(&pool).await;
    let mut other = form.clone();
    other.duplicate_override = true;
    assert!(patients.register(&other).await.is_err());
    assert!(patients.update(&kept.id, 1, &other).await.is_err());
    assert_eq!(
        dump(&pool).await,
        before,
        "a change was stored without its audit entry"
    );
}

/// A sealed value is bound to its row and column: copied by hand onto another registration, it does not
/// open there, the error names that row (never the content), and `db check` lists it.
#[tokio::test]
async fn a_sealed_value_moved_to_another_row_does_not_open_there() {
    let (dir, store) = on_disk().await;
    let path = dir.path().join("ehr.sqlite3");
    let patients = front_desk(&store);
    let mut form = ehr_core::patient::sample_patient_form();
    let first = patients.register(&form).await.unwrap();
    form.duplicate_override = true;
    let second = patients.register(&form).await.unwrap();
    let pool = raw(&path).await;
    sqlx::query(
        "UPDATE patients SET sealed_record = (SELECT sealed_record FROM patients WHERE id = ?) WHERE id = ?",
    )
    .bind(first.id.as_str())
    .bind(second.id.as_str())
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let refused = ehr_core::ports::PatientStore::find_patient(&store, &second.id)
        .await
        .unwrap_err();
    let said = ehr_core::error::describe_chain(&refused);
    assert!(
        said.contains(&format!("patients row {} does not open", second.id)),
        "{said}"
    );
    assert!(!said.contains("CHAN"), "no content in the error: {said}");
    assert!(
        ehr_core::ports::PatientStore::find_patient(&store, &first.id)
            .await
            .unwrap()
            .is_some()
    );
    let found = store.check_rows().await.unwrap();
    assert_eq!(
        found
            .iter()
            .map(|r| (r.id.clone(), r.reason))
            .collect::<Vec<_>>(),
        [(Some(second.id.to_string()), ErrorCode::RowSealedUnreadable)]
    );
}

/// A database in a folder of its own, sealed with this run's key, and its path.
async fn on_disk_at() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    ehr_store::SealedStore<'static>,
) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap().sealed(key());
    (dir, path, store)
}

/// The same on PostgreSQL: a sealed record copied by hand onto another registration, and a sealed form
/// onto another application, open nowhere but where they were sealed; the error names the row.
#[tokio::test]
async fn postgres_a_sealed_value_moved_to_another_row_does_not_open_there() {
    let url = support::postgres::fresh_database().await;
    let store = Store::open_postgres(&url, None)
        .await
        .unwrap()
        .sealed(key());
    let patients = front_desk(&store);
    let mut form = ehr_core::patient::sample_patient_form();
    let first = patients.register(&form).await.unwrap();
    form.duplicate_override = true;
    let second = patients.register(&form).await.unwrap();
    let apps = Applications::new(&store, &SystemClock, principal());
    let kept = apps.create(Default::default()).await.unwrap().draft;
    let moved = apps.create(Default::default()).await.unwrap().draft;
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    sqlx::query(
        "UPDATE patients SET sealed_record = (SELECT sealed_record FROM patients WHERE id = $1) WHERE id = $2",
    )
    .bind(first.id.as_str())
    .bind(second.id.as_str())
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE applications SET sealed_data = (SELECT sealed_data FROM applications WHERE id = $1) WHERE id = $2",
    )
    .bind(kept.id.to_string())
    .bind(moved.id.to_string())
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let refused = PatientStore::find_patient(&store, &second.id)
        .await
        .unwrap_err();
    let said = ehr_core::error::describe_chain(&refused);
    assert!(
        said.contains(&format!("patients row {} does not open", second.id)),
        "{said}"
    );
    assert!(!said.contains("CHAN"), "no content in the error: {said}");
    assert!(
        PatientStore::find_patient(&store, &first.id)
            .await
            .unwrap()
            .is_some()
    );
    let refused = apps.get(&moved.id).await.unwrap_err();
    let said = ehr_core::error::describe_chain(&refused);
    assert!(
        said.contains(&format!("applications row {} does not open", moved.id)),
        "{said}"
    );
    apps.get(&kept.id).await.unwrap();
    let mut found: Vec<_> = store
        .check_rows()
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.table, r.id, r.reason))
        .collect();
    found.sort();
    let mut expected = vec![
        (
            "applications".to_owned(),
            Some(moved.id.to_string()),
            ErrorCode::RowSealedUnreadable,
        ),
        (
            "patients".to_owned(),
            Some(second.id.to_string()),
            ErrorCode::RowSealedUnreadable,
        ),
    ];
    expected.sort();
    assert_eq!(found, expected);
}

/// A database in a folder of its own, sealed with this run's key.
async fn on_disk() -> (tempfile::TempDir, ehr_store::SealedStore<'static>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("ehr.sqlite3"))
        .await
        .unwrap()
        .sealed(key());
    (dir, store)
}

/// The front desk's use cases on `store`.
fn front_desk<'a>(store: &'a ehr_store::SealedStore<'a>) -> ehr_core::patient::Patients<'a> {
    let rules = ehr_core::patient::ConsentRules::embedded().unwrap();
    ehr_core::patient::Patients::new(store, &SystemClock, rules, principal())
}

/// Registrations stored before blind indexes (here: their index wiped, as an upgraded database has none)
/// are indexed at the next sign-in, oldest first: the first of two with one document is the register's
/// one, the later one counts as registered with an override. Search and the duplicate check then work.
#[tokio::test]
async fn registrations_without_an_index_are_indexed_at_sign_in() {
    let (_dir, path, store) = on_disk_at().await;
    let desk = front_desk(&store);
    let first = desk.register(&sample_patient_form()).await.unwrap();
    let mut again = sample_patient_form();
    again.duplicate_override = true;
    let second = desk.register(&again).await.unwrap();

    let pool = raw(&path).await;
    sqlx::query("DELETE FROM patient_terms")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE patients SET document_key = NULL, duplicate_allowed = 0")
        .execute(&pool)
        .await
        .unwrap();
    assert!(
        desk.search("siu ming").await.unwrap().items.is_empty(),
        "no index, nothing found"
    );

    store.seal_plaintext_rows().await.unwrap();
    let found: std::collections::BTreeSet<_> = desk
        .search("siu ming")
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(found, [first.id.to_string(), second.id.to_string()].into());
    // Registered in the same millisecond here, so which is "first" is the id's order; one of each.
    let allowed: Vec<i64> =
        sqlx::query_scalar("SELECT duplicate_allowed FROM patients ORDER BY duplicate_allowed")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(allowed, [0, 1]);
    let check = desk.check(&sample_patient_form(), None).await.unwrap();
    assert_eq!(check.issues[0].code, ErrorCode::DuplicateDocument);
}

//! A change saved by another workstation reaches this one without a restart, on each backend.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support {
    pub mod postgres;
}

use std::sync::LazyLock;
use std::time::Duration;

use ehr_core::application::{ApplicationForm, Applications};
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::ports::SystemClock;
use ehr_secrets::Sealer;
use ehr_store::{Change, Store};

fn key() -> &'static Sealer {
    static KEY: LazyLock<Sealer> = LazyLock::new(Sealer::random);
    &KEY
}

/// `here` watches; `there` (another connection, as another workstation) creates and then saves an
/// application. Answers the first change `here` is told of after each.
async fn changes_seen(here: &Store, there: &Store) -> (Change, Change, String) {
    let mut feed = here.watch().await.unwrap();
    let principal = Principal::for_tests_as("mei.chan", "desk-2", OfficeKind::Clinic, Role::ALL);
    let sealed = there.sealed(key());
    let apps = Applications::new(&sealed, &SystemClock, &principal);
    let next = async |feed: &mut tokio::sync::mpsc::Receiver<Change>| {
        tokio::time::timeout(Duration::from_secs(10), feed.recv())
            .await
            .expect("no change was announced within 10 s")
            .unwrap()
    };
    let created = apps.create(ApplicationForm::default()).await.unwrap();
    let first = next(&mut feed).await;
    let mut form = created.draft.form.clone();
    form.hcp_information.name_en = "Changed elsewhere".into();
    apps.save(&created.draft.id, created.version, form)
        .await
        .unwrap();
    let second = next(&mut feed).await;
    (first, second, created.draft.id.to_string())
}

#[tokio::test]
async fn postgres_announces_each_change_by_table_and_id() {
    let url = support::postgres::fresh_database().await;
    let here = Store::open_postgres(&url, None).await.unwrap();
    let there = Store::open_postgres(&url, None).await.unwrap();
    let (first, second, id) = changes_seen(&here, &there).await;
    assert_eq!(first, Change::Application(id.clone()));
    assert_eq!(second, Change::Application(id));
}

#[tokio::test]
async fn sqlite_announces_that_the_file_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.sqlite3");
    let here = Store::open_sqlite(&path).await.unwrap();
    let there = Store::open_sqlite(&path).await.unwrap();
    let (first, second, _) = changes_seen(&here, &there).await;
    assert_eq!(first, Change::Unknown);
    assert_eq!(second, Change::Unknown);
}

/// Staff, requests and amendments are announced by table: one notice per statement, for an import of
/// thousands of rows too.
#[tokio::test]
async fn postgres_announces_staff_requests_and_amendments_by_table() {
    use ehr_core::amendment::sample::sample_content;
    use ehr_core::amendment::{AmendmentKind, Amendments};
    use ehr_core::application::sample::application_form;
    use ehr_core::staff::{AccountRequests, RequestAction, RequestItem, StaffDesk};

    let url = support::postgres::fresh_database().await;
    let here = Store::open_postgres(&url, None).await.unwrap();
    let there = Store::open_postgres(&url, None).await.unwrap();
    let principal = Principal::for_tests_as("mei.chan", "desk-2", OfficeKind::Clinic, Role::ALL);
    let sealed = there.sealed(key());
    let apps = Applications::new(&sealed, &SystemClock, &principal);
    let hcp = apps.create(application_form()).await.unwrap().draft.id;
    let mut feed = here.watch().await.unwrap();
    let next = async |feed: &mut tokio::sync::mpsc::Receiver<Change>| {
        tokio::time::timeout(Duration::from_secs(10), feed.recv())
            .await
            .expect("no change was announced within 10 s")
            .unwrap()
    };

    let hsls: Vec<String> = application_form()
        .hsls
        .iter()
        .map(|h| h.name_en.clone())
        .collect();
    let today = ehr_core::ports::Clock::now(&SystemClock).hong_kong_date();
    let rows = ehr_core::staff::sample::sample_import(3, &hsls, today);
    let desk = StaffDesk::new(&sealed, &SystemClock, &principal);
    let added = desk
        .import(&hcp, &rows, None, &ehr_core::ports::Unwatched)
        .await
        .unwrap();
    assert_eq!(added.added, 3);
    assert_eq!(
        next(&mut feed).await,
        Change::Staff,
        "one notice for the import"
    );

    let member = desk
        .list(Some(&hcp), &Default::default())
        .await
        .unwrap()
        .items[0]
        .id
        .clone();
    AccountRequests::new(&sealed, &SystemClock, &principal)
        .create(
            &hcp,
            &[RequestItem {
                staff: member,
                action: RequestAction::Create,
                reason: String::new(),
            }],
        )
        .await
        .unwrap();
    assert_eq!(next(&mut feed).await, Change::AccountRequest);

    // An amendment is of a submitted application: its submission is announced first.
    apps.attach_document(
        &hcp,
        ehr_core::application::DocumentKind::BusinessRegistrationCertificate,
        "br.pdf",
        ehr_core::application::sample::SAMPLE_CERTIFICATE,
        &ehr_package::ContentInspector,
    )
    .await
    .unwrap();
    apps.submit(
        &hcp,
        ehr_core::application::SubmissionChannel::InPerson,
        "2026-11-25",
    )
    .await
    .unwrap();
    Amendments::new(&sealed, &SystemClock, &principal)
        .prepare(
            &hcp,
            AmendmentKind::Withdrawal,
            sample_content(AmendmentKind::Withdrawal, today),
        )
        .await
        .unwrap();
    let mut seen = Vec::new();
    while seen.last() != Some(&Change::Amendment) {
        seen.push(next(&mut feed).await);
    }
    assert!(
        seen[..seen.len() - 1]
            .iter()
            .all(|c| matches!(c, Change::Application(_))),
        "{seen:?}"
    );
}

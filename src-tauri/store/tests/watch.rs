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

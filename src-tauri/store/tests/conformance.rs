//! The conformance suite every storage backend must pass, run here against SQLite on disk. The same cases run
//! against PostgreSQL once that backend lands: each case takes only a `Store`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use ehr_core::application::{ApplicationId, ApplicationStatus, Applications, HcpInformationInput};
use ehr_core::ports::{Clock, PreferenceStore};
use ehr_core::preferences::{self, Language};
use ehr_core::time::Timestamp;
use ehr_core::{CoreError, ErrorCode};
use ehr_store::Store;
use std::sync::atomic::{AtomicI64, Ordering};

/// A clock that ticks one second per reading, so "most recent first" is deterministic.
struct TickingClock(AtomicI64);

impl Clock for TickingClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_millis(self.0.fetch_add(1000, Ordering::SeqCst))
    }
}

fn clock() -> TickingClock {
    TickingClock(AtomicI64::new(1_764_000_000_000))
}

fn input(name: &str) -> HcpInformationInput {
    HcpInformationInput {
        name_en: name.into(),
        br_number: "1234".into(), // invalid on purpose: drafts must save anyway
        ..HcpInformationInput::default()
    }
}

async fn on_disk() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("nested/ehr.sqlite3"))
        .await
        .unwrap();
    (dir, store)
}

async fn invalid_drafts_are_saved_listed_and_reopened(store: &Store) {
    let clock = clock();
    let apps = Applications::new(store, &clock);
    let saved = apps
        .save_hcp_information(None, input("First Clinic"))
        .await
        .unwrap();
    assert_eq!(saved.draft.status, ApplicationStatus::Draft);
    assert!(saved.issues.iter().any(|i| i.code == ErrorCode::BrnFormat));
    let second = apps
        .save_hcp_information(None, input("Second Clinic"))
        .await
        .unwrap();

    let listed = apps.list().await.unwrap();
    assert_eq!(
        listed.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(),
        ["Second Clinic", "First Clinic"]
    );
    assert_eq!(listed[0].open_issues, second.draft.summary().open_issues);
    assert!(listed[0].open_issues > 0);

    let reopened = apps.get(&saved.draft.id).await.unwrap();
    assert_eq!(reopened, saved.draft);
}

async fn saving_again_updates_in_place_and_moves_to_the_top(store: &Store) {
    let clock = clock();
    let apps = Applications::new(store, &clock);
    let first = apps
        .save_hcp_information(None, input("Alpha"))
        .await
        .unwrap()
        .draft;
    apps.save_hcp_information(None, input("Beta"))
        .await
        .unwrap();
    let edited = apps
        .save_hcp_information(Some(&first.id), input("Alpha Renamed"))
        .await
        .unwrap()
        .draft;
    assert_eq!(edited.created_at, first.created_at);
    assert!(edited.updated_at > first.updated_at);
    let titles: Vec<String> = apps
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(titles, ["Alpha Renamed", "Beta"]);
}

async fn unknown_ids_are_reported(store: &Store) {
    let clock = clock();
    let apps = Applications::new(store, &clock);
    let missing = ApplicationId::generate();
    assert!(matches!(
        apps.get(&missing).await,
        Err(CoreError::ApplicationNotFound(_))
    ));
    assert!(matches!(
        apps.delete(&missing).await,
        Err(CoreError::ApplicationNotFound(_))
    ));
    let saved = apps
        .save_hcp_information(Some(&missing), input("Ghost"))
        .await;
    assert!(matches!(saved, Err(CoreError::ApplicationNotFound(_))));
    assert!(
        apps.list().await.unwrap().is_empty(),
        "a failed save must not create anything"
    );
}

async fn delete_removes_only_that_draft(store: &Store) {
    let clock = clock();
    let apps = Applications::new(store, &clock);
    let keep = apps
        .save_hcp_information(None, input("Keep"))
        .await
        .unwrap()
        .draft;
    let gone = apps
        .save_hcp_information(None, input("Gone"))
        .await
        .unwrap()
        .draft;
    apps.delete(&gone.id).await.unwrap();
    let ids: Vec<ApplicationId> = apps
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, [keep.id]);
}

async fn preferences_round_trip(store: &Store) {
    assert_eq!(preferences::load(store).await.unwrap().language, None);
    preferences::set_language(store, Language::TraditionalChinese)
        .await
        .unwrap();
    assert_eq!(
        preferences::load(store).await.unwrap().language,
        Some(Language::TraditionalChinese)
    );
    preferences::set_language(store, Language::English)
        .await
        .unwrap();
    assert_eq!(
        preferences::load(store).await.unwrap().language,
        Some(Language::English)
    );
    store
        .set_preference("ui.language", "klingon")
        .await
        .unwrap();
    assert_eq!(
        preferences::load(store).await.unwrap().language,
        None,
        "unknown values fall back to unset"
    );
}

macro_rules! conformance {
    ($($case:ident),+ $(,)?) => {
        mod sqlite_file {
            $(
                #[tokio::test]
                async fn $case() {
                    let (_dir, store) = super::on_disk().await;
                    super::$case(&store).await;
                }
            )+
        }
    };
}

conformance!(
    invalid_drafts_are_saved_listed_and_reopened,
    saving_again_updates_in_place_and_moves_to_the_top,
    unknown_ids_are_reported,
    delete_removes_only_that_draft,
    preferences_round_trip,
);

#[tokio::test]
async fn sqlite_files_use_wal_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ehr.sqlite3");
    let store = Store::open_sqlite(&path).await.unwrap();
    assert_eq!(store.journal_mode().await.unwrap(), "wal");
    let clock = clock();
    let id = Applications::new(&store, &clock)
        .save_hcp_information(None, input("Durable"))
        .await
        .unwrap()
        .draft
        .id;
    store.close().await;

    let reopened = Store::open_sqlite(&path).await.unwrap();
    let draft = Applications::new(&reopened, &clock).get(&id).await.unwrap();
    assert_eq!(draft.hcp_information.name_en, "Durable");
}

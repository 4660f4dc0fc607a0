//! Twenty workstations saving the same five applications at once, on each backend: every acknowledged save
//! is stored, none overwrote another (no lost update), and every refused one was told `conflict.stale`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support {
    pub mod postgres;
}

use std::collections::BTreeMap;
use std::sync::LazyLock;

use ehr_core::application::{ApplicationForm, ApplicationId, Applications};
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::ports::SystemClock;
use ehr_core::{CoreError, ErrorCode};
use ehr_secrets::Sealer;
use ehr_store::Store;

const WRITERS: usize = 20;
const RECORDS: usize = 5;
const ATTEMPTS: usize = 1_000;

fn key() -> &'static Sealer {
    static KEY: LazyLock<Sealer> = LazyLock::new(Sealer::random);
    &KEY
}

/// What one writer saw: each save acknowledged (record, version it made, the value it wrote), and how many
/// were refused as stale.
#[derive(Default)]
struct Seen {
    acknowledged: Vec<(usize, u64, String)>,
    stale: usize,
}

fn form(name: &str) -> ApplicationForm {
    let mut form = ApplicationForm::default();
    form.hcp_information.name_en = name.into();
    form
}

async fn writer(store: Store, n: usize, ids: Vec<ApplicationId>) -> Seen {
    let sealed = store.sealed(key());
    let principal = Principal::for_tests_as(
        &format!("writer{n}"),
        &format!("desk-{n}"),
        OfficeKind::Clinic,
        Role::ALL,
    );
    let apps = Applications::new(&sealed, &SystemClock, &principal);
    let mut seen = Seen::default();
    for attempt in 0..ATTEMPTS / WRITERS {
        let record = (n + attempt) % RECORDS;
        let id = &ids[record];
        // Read, then save from what was read, as a person at a workstation does.
        let opened = apps.get(id).await.unwrap();
        let value = format!("writer {n} attempt {attempt}");
        match apps.save(id, opened.version, form(&value)).await {
            Ok(saved) => seen.acknowledged.push((record, saved.version, value)),
            Err(error @ CoreError::Stale(_)) => {
                assert_eq!(error.issues().unwrap()[0].code, ErrorCode::ConflictStale);
                seen.stale += 1;
            }
            Err(other) => panic!("writer {n}: {other:?}"),
        }
    }
    store.close().await;
    seen
}

/// `open` gives each writer a store of its own (its own connections), as a workstation has.
async fn twenty_writers<F, Fut>(open: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Store>,
{
    let setup = open().await;
    let principal = Principal::for_tests(OfficeKind::Clinic, Role::ALL);
    let sealed = setup.sealed(key());
    let apps = Applications::new(&sealed, &SystemClock, &principal);
    let mut ids = Vec::new();
    for record in 0..RECORDS {
        ids.push(
            apps.create(form(&format!("record {record}")))
                .await
                .unwrap()
                .draft
                .id,
        );
    }

    let mut writers = Vec::new();
    for n in 0..WRITERS {
        writers.push(tokio::spawn(writer(open().await, n, ids.clone())));
    }
    let mut acknowledged: BTreeMap<usize, Vec<(u64, String)>> = BTreeMap::new();
    let mut stale = 0;
    for writer in writers {
        let seen = writer.await.unwrap();
        stale += seen.stale;
        for (record, version, value) in seen.acknowledged {
            acknowledged
                .entry(record)
                .or_default()
                .push((version, value));
        }
    }
    let saves: usize = acknowledged.values().map(Vec::len).sum();
    assert_eq!(saves + stale, ATTEMPTS, "every attempt was answered");
    assert!(saves >= RECORDS, "some saves went through");

    for (record, id) in ids.iter().enumerate() {
        let mut acks = acknowledged.remove(&record).unwrap_or_default();
        acks.sort();
        // Each acknowledged save made a version of its own, one after the other from 2: had two saves
        // from the same version both been written, two would share one.
        let versions: Vec<u64> = acks.iter().map(|(version, _)| *version).collect();
        let expected: Vec<u64> = (2..2 + acks.len() as u64).collect();
        assert_eq!(versions, expected, "record {record}");
        let stored = apps.get(id).await.unwrap();
        assert_eq!(stored.version, 1 + acks.len() as u64, "record {record}");
        // The last acknowledged save is what is stored, and each is in the history.
        let last = acks
            .last()
            .map_or(format!("record {record}"), |(_, v)| v.clone());
        assert_eq!(stored.form.hcp_information.name_en, last, "record {record}");
        let history = apps.history(id).await.unwrap();
        assert_eq!(history.len(), 1 + acks.len(), "record {record}");
    }
    setup.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_twenty_writers_lose_no_update() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.sqlite3");
    twenty_writers(|| Store::open_sqlite(&path).map(Result::unwrap)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_twenty_writers_lose_no_update() {
    let url = support::postgres::fresh_database().await;
    twenty_writers(|| Store::open_postgres(&url, None).map(Result::unwrap)).await;
}

use futures_like::FutureExt;

/// `map` on a future without another dependency.
mod futures_like {
    pub trait FutureExt: std::future::Future + Sized {
        fn map<T>(self, f: impl FnOnce(Self::Output) -> T) -> impl std::future::Future<Output = T> {
            async move { f(self.await) }
        }
    }
    impl<F: std::future::Future> FutureExt for F {}
}

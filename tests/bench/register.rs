//! The clinic's patient register at 1,000, 10,000 and 100,000 registrations, on SQLite and on PostgreSQL,
//! side by side with the full scan it replaced: a search by part of a name, a search by the whole document
//! number, and the duplicate check of a complete form. The index path looks blind-index terms up and opens
//! only the candidates; the full scan opens every registration (`list_patients`) and filters, as the
//! register did before (see docs/architecture.md, "The register").
//!
//! `cargo xtask postgres -- cargo bench --bench register` prints the median and p99 of each; nothing is
//! asserted. The register grows in one database per backend (1,000, then 10,000, then 100,000).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a panic is a failure with its location

#[path = "../../src-tauri/store/tests/support/postgres.rs"]
mod postgres;

use std::hint::black_box;
use std::time::{Duration, Instant};

use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::patient::{
    ConsentRules, PatientForm, PatientId, PatientRecord, Patients, sample_patient_form,
};
use ehr_core::ports::{Clock, PatientStore, SystemClock};
use ehr_core::validation::Hkid;
use ehr_store::{SealedStore, Store};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
/// Runs per figure on the index path; the full scan gets fewer where one run takes seconds.
const RUNS: usize = 200;
const SCAN_BUDGET: Duration = Duration::from_secs(20);

/// A valid HKID for `n`: one letter, six digits, and whichever check character the core accepts.
fn hkid(n: usize) -> String {
    let digits = format!("P{:06}", n % 1_000_000);
    "0123456789A"
        .chars()
        .map(|check| format!("{digits}({check})"))
        .find(|candidate| Hkid::parse(candidate).is_ok())
        .unwrap()
}

fn form(n: usize) -> PatientForm {
    let mut form = sample_patient_form();
    form.document_number = hkid(n);
    form.english_given_name = format!("Patient {}", n_to_words(n));
    form
}

/// Names take letters only: 1234 -> "BCDE".
fn n_to_words(n: usize) -> String {
    format!("{n:04}")
        .bytes()
        .map(|d| char::from(b'A' + (d - b'0')))
        .collect()
}

fn key() -> &'static ehr_secrets::Sealer {
    static KEY: std::sync::LazyLock<ehr_secrets::Sealer> =
        std::sync::LazyLock::new(ehr_secrets::Sealer::random);
    &KEY
}

fn front_desk() -> &'static Principal {
    static WHO: std::sync::LazyLock<Principal> =
        std::sync::LazyLock::new(|| Principal::for_tests(OfficeKind::Clinic, &[Role::FrontDesk]));
    &WHO
}

/// Registers patients `from..to` (through the store, as a registration does: sealed, indexed, audited).
async fn grow(store: &SealedStore<'_>, from: usize, to: usize) {
    let now = SystemClock.now();
    let rules = ConsentRules::embedded()
        .unwrap()
        .in_force_on(now.hong_kong_date())
        .unwrap();
    let actor = front_desk().actor();
    for n in from..to {
        let record = PatientRecord {
            id: PatientId::generate(),
            registration: form(n).validate(rules, now.hong_kong_date()).unwrap(),
            registered_at: now,
            registered_by: actor.clone(),
            updated_at: now,
        };
        let audit = ehr_core::ports::AuditEntry {
            at: now,
            actor: actor.clone(),
            action: ehr_core::ports::AuditAction::Registered,
            subject: record.id.to_string(),
        };
        store.insert_patient(&record, false, &audit).await.unwrap();
    }
}

/// Median and p99 of `run`, over `RUNS` runs or as many as fit in the budget.
async fn figures<F, Fut>(budget: Option<Duration>, mut run: F) -> (Duration, Duration, usize)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    let started = Instant::now();
    let mut times = Vec::with_capacity(RUNS);
    while times.len() < RUNS && budget.is_none_or(|b| started.elapsed() < b || times.len() < 3) {
        let at = Instant::now();
        black_box(run().await);
        times.push(at.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).saturating_sub(1)];
    (at(0.5), at(0.99), times.len())
}

async fn measure(backend: &str, size: usize, store: &SealedStore<'_>) {
    let rules = ConsentRules::embedded().unwrap();
    let clock = SystemClock;
    let desk = Patients::new(store, &clock, rules, front_desk());
    let name = n_to_words(size / 2 + 7).to_lowercase();
    let number = hkid(size / 3);
    let newcomer = form(999_999);
    let today = clock.now().hong_kong_date();
    let registration = newcomer
        .validate(rules.in_force_on(today).unwrap(), today)
        .unwrap();
    let print = |what: &str, path: &str, (median, p99, runs): (Duration, Duration, usize)| {
        println!(
            "{backend:<10} {size:>7} {what:<28} {path:<10} median {:>9.3} ms  p99 {:>9.3} ms  ({runs} runs)",
            median.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3
        );
    };

    let index = figures(None, || async {
        desk.search(&name).await.unwrap().items.len()
    })
    .await;
    let scan = figures(Some(SCAN_BUDGET), || async {
        let all = store.list_patients().await.unwrap().items;
        all.iter().filter(|r| r.matches(&name)).count()
    })
    .await;
    print("search by part of a name", "index", index);
    print("search by part of a name", "full scan", scan);

    let index = figures(None, || async {
        desk.search(&number).await.unwrap().items.len()
    })
    .await;
    let scan = figures(Some(SCAN_BUDGET), || async {
        let all = store.list_patients().await.unwrap().items;
        all.iter().filter(|r| r.matches(&number)).count()
    })
    .await;
    print("search by document number", "index", index);
    print("search by document number", "full scan", scan);

    let index = figures(None, || async {
        desk.check(&newcomer, None).await.unwrap().issues.len()
    })
    .await;
    let scan = figures(Some(SCAN_BUDGET), || async {
        let all = store.list_patients().await.unwrap().items;
        all.iter()
            .flat_map(|r| r.duplicate_issues(&registration))
            .count()
    })
    .await;
    print("duplicate check", "index", index);
    print("duplicate check", "full scan", scan);
}

async fn run(backend: &str, store: SealedStore<'_>) {
    let mut grown = 0;
    for size in SIZES {
        let started = Instant::now();
        grow(&store, grown, size).await;
        eprintln!(
            "{backend}: {} registrations added in {:.1} s",
            size - grown,
            started.elapsed().as_secs_f64()
        );
        grown = size;
        measure(backend, size, &store).await;
    }
    store.close().await;
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = Store::open_sqlite(&dir.path().join("register.sqlite3"))
            .await
            .unwrap();
        run("SQLite", sqlite.sealed(key())).await;
        let url = postgres::fresh_database().await;
        let pg = Store::open_postgres(&url, None).await.unwrap();
        run("PostgreSQL", pg.sealed(key())).await;
    });
}

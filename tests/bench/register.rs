//! The clinic's patient register at 100, 1,000 and 5,000 registrations, side by side: searching it and
//! checking a complete form for duplicates. Each registration is sealed whole, so both open every record
//! (see docs/architecture.md, "The register"); these figures say what that costs as a register grows.
//! `cargo bench --bench register` prints them; nothing is asserted.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a panic is a failure with its location

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::patient::{
    ConsentRules, PatientForm, PatientId, PatientRecord, Patients, sample_patient_form,
};
use ehr_core::ports::{Clock, PatientStore, SystemClock};
use ehr_core::validation::Hkid;
use ehr_store::{SealedStore, Store};

const SIZES: [usize; 3] = [100, 1_000, 5_000];

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

/// The run's office key, for as long as the benchmark runs.
fn key() -> &'static ehr_secrets::Sealer {
    static KEY: std::sync::LazyLock<ehr_secrets::Sealer> =
        std::sync::LazyLock::new(ehr_secrets::Sealer::random);
    &KEY
}

fn register_of(
    runtime: &tokio::runtime::Runtime,
    size: usize,
) -> (tempfile::TempDir, SealedStore<'static>) {
    let dir = tempfile::tempdir().unwrap();
    let store = runtime
        .block_on(Store::open_sqlite(&dir.path().join("register.sqlite3")))
        .unwrap()
        .sealed(key());
    let now = SystemClock.now();
    let rules = ConsentRules::embedded()
        .unwrap()
        .in_force_on(now.hong_kong_date())
        .unwrap();
    let actor = front_desk().actor();
    for n in 0..size {
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
        runtime
            .block_on(store.insert_patient(&record, &audit))
            .unwrap();
    }
    (dir, store)
}

fn front_desk() -> &'static Principal {
    static WHO: std::sync::LazyLock<Principal> =
        std::sync::LazyLock::new(|| Principal::for_tests(OfficeKind::Clinic, &[Role::FrontDesk]));
    &WHO
}

fn register(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let rules = ConsentRules::embedded().unwrap();
    let clock = SystemClock;
    let registers: Vec<_> = SIZES
        .iter()
        .map(|&size| (size, register_of(&runtime, size)))
        .collect();

    let mut search = c.benchmark_group("register search by masked number");
    for (size, (_, store)) in &registers {
        let patients = Patients::new(store, &clock, rules, front_desk());
        search.bench_with_input(BenchmarkId::from_parameter(size), size, |b, _| {
            b.iter(|| {
                runtime
                    .block_on(patients.search(black_box("P000***")))
                    .unwrap()
            })
        });
    }
    search.finish();

    // A complete form of someone new: valid, so the check scans the register for duplicates.
    let newcomer = form(999_999);
    let mut check = c.benchmark_group("check a complete form (duplicate scan)");
    for (size, (_, store)) in &registers {
        let patients = Patients::new(store, &clock, rules, front_desk());
        let answer = runtime.block_on(patients.check(&newcomer, None)).unwrap();
        assert!(answer.issues.is_empty(), "{:?}", answer.issues);
        check.bench_with_input(BenchmarkId::from_parameter(size), size, |b, _| {
            b.iter(|| {
                runtime
                    .block_on(patients.check(black_box(&newcomer), None))
                    .unwrap()
            })
        });
    }
    check.finish();
}

criterion_group! {
    name = benches;
    // Few samples: the machine is shared, and the largest register takes a while per pass.
    config = Criterion::default().sample_size(10);
    targets = register
}
criterion_main!(benches);

//! From a card put in the reader to the filled registration form, on the real PC/SC stack (pcscd, vpcd, the
//! virtual test card), split into the card's part and ours:
//!
//! - **detected**: the card reaches the reader → the reader state says "card present" (pcscd's polling and
//!   our watcher);
//! - **card read**: connect, SELECT, READ BINARY, and parsing the record (the card's I/O);
//! - **the rest**: what the desktop app does with the fields before the form shows them: validation, the
//!   audit entry (a SQLite write), filling the form, the IPC round trips as JSON, and the core's check of the
//!   filled form (the consent requirements the form then shows).
//!
//! `cargo bench --bench card_to_form` runs 20 insertions and prints each phase's median, p90 and extremes side
//! by side. Under `cargo test` it runs 2, so the figures keep being produced. The web view's own rendering
//! is not in these figures.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a panic is a failure with its location

#[path = "../../src-tauri/card/tests/support/mod.rs"]
mod support;

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use ehr_card::PcscReader;
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::patient::{ConsentRules, Identity, PatientCheck, PatientForm, Patients};
use ehr_core::ports::{
    CardFailure, IdentityReader, IdentitySource, ReaderPhase, ReaderState, SystemClock,
};
use support::{CardSpec, READER_0, Stack, phase_is};

/// The reader as the app uses it, timing the card's I/O apart from the validation that follows it.
struct TimedReader<'a> {
    inner: &'a PcscReader,
    card_io: Mutex<Duration>,
}

impl IdentityReader for TimedReader<'_> {
    fn state(&self) -> ReaderState {
        self.inner.state()
    }
    fn subscribe(&self) -> std::sync::mpsc::Receiver<ReaderState> {
        self.inner.subscribe()
    }
    fn select_reader(&self, name: &str) -> Result<(), CardFailure> {
        self.inner.select_reader(name)
    }
    fn read_identity(&self) -> Result<Identity, CardFailure> {
        let started = Instant::now();
        let raw = self.inner.read_raw();
        *self.card_io.lock().unwrap_or_else(PoisonError::into_inner) = started.elapsed();
        raw?.validate().map_err(CardFailure::InvalidFields)
    }
}

struct Round {
    detected: Duration,
    card_read: Duration,
    rest: Duration,
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let rounds = if benchmarking { 20 } else { 2 };

    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // A throwaway key: this measures the work, not the keyring.
    let key = ehr_secrets::Sealer::random();
    let store = runtime
        .block_on(ehr_store::Store::open_sqlite(
            &dir.path().join("bench.sqlite3"),
        ))
        .unwrap()
        .sealed(&key);
    let clock = SystemClock;
    let front_desk = Principal::for_tests(OfficeKind::Clinic, &[Role::FrontDesk]);
    let patients = Patients::new(
        &store,
        &clock,
        ConsentRules::embedded().unwrap(),
        &front_desk,
    );

    let mut stack = Stack::new();
    stack.start_pcscd();
    let pcsc = PcscReader::new().unwrap();
    let reader = TimedReader {
        inner: &pcsc,
        card_io: Mutex::new(Duration::ZERO),
    };
    let states = stamped(reader.subscribe());
    wait_for_stamped(&states, ReaderPhase::Ready);

    let mut results = Vec::new();
    for round in 0..rounds {
        stack.insert(&CardSpec::good());
        let inserted = stack.inserted_at();
        let present = wait_for_stamped(&states, ReaderPhase::CardPresent);
        let detected = present.duration_since(inserted).unwrap_or_default();

        // What the UI sends and gets back, as JSON, as the IPC does.
        let started = Instant::now();
        let sent = serde_json::to_string(&PatientForm::default()).unwrap();
        let form: PatientForm = serde_json::from_str(&sent).unwrap();
        let identity = runtime.block_on(patients.read_card(&reader)).unwrap();
        let filled = form.with_identity(&identity, IdentitySource::Card);
        let answer = serde_json::to_string(&filled).unwrap();
        let shown: PatientForm = serde_json::from_str(&answer).unwrap();
        let check = runtime.block_on(patients.check(&shown, None)).unwrap();
        let _: PatientCheck =
            serde_json::from_str(&serde_json::to_string(&check).unwrap()).unwrap();
        let total = started.elapsed();
        assert_eq!(
            shown.english_surname, "CHAN",
            "round {round}: the form was filled"
        );
        let card_read = *reader
            .card_io
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        results.push(Round {
            detected,
            card_read,
            rest: total.saturating_sub(card_read),
        });

        stack.pull(READER_0);
        wait_for_stamped(&states, ReaderPhase::Ready);
    }
    drop(pcsc);
    runtime.block_on(store.close());
    report(&results, benchmarking);
}

/// Reader states with the moment each arrived (a thread stamps them as they come).
fn stamped(
    states: std::sync::mpsc::Receiver<ReaderState>,
) -> std::sync::mpsc::Receiver<(ReaderState, SystemTime)> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for state in states {
            if sender.send((state, SystemTime::now())).is_err() {
                break;
            }
        }
    });
    receiver
}

fn wait_for_stamped(
    states: &std::sync::mpsc::Receiver<(ReaderState, SystemTime)>,
    phase: ReaderPhase,
) -> SystemTime {
    let wanted = phase_is(phase);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let (state, at) = states
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("the reader never showed {phase}"));
        if wanted(&state) {
            return at;
        }
    }
}

fn report(results: &[Round], benchmarking: bool) {
    let column = |pick: fn(&Round) -> Duration| {
        let mut values: Vec<Duration> = results.iter().map(pick).collect();
        values.sort();
        values
    };
    let columns: [(&str, Vec<Duration>); 5] = [
        ("detected", column(|r| r.detected)),
        ("card read", column(|r| r.card_read)),
        ("card I/O", column(|r| r.detected + r.card_read)),
        ("the rest", column(|r| r.rest)),
        ("total", column(|r| r.detected + r.card_read + r.rest)),
    ];
    let ms = |d: &Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    let at = |values: &[Duration], q: f64| {
        // Nearest rank: with few rounds the p90 is the largest.
        let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
        values[rank - 1]
    };
    println!(
        "card insertion to filled form, test card on pcscd + vpcd, {} insertions{}",
        results.len(),
        if benchmarking {
            ""
        } else {
            " (smoke run under cargo test)"
        }
    );
    print!("{:<8}", "");
    for (name, _) in &columns {
        print!("{name:>12}");
    }
    println!();
    for (label, q) in [("min", 0.0), ("median", 0.5), ("p90", 0.9), ("max", 1.0)] {
        print!("{label:<8}");
        for (_, values) in &columns {
            print!("{:>12}", ms(&at(values, q)));
        }
        println!();
    }
    let share = |name: &str| {
        columns
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| at(v, 0.5).as_secs_f64())
            .unwrap_or_default()
    };
    println!(
        "median share: card I/O {:.1}%, the rest {:.1}%",
        100.0 * share("card I/O") / share("total"),
        100.0 * share("the rest") / share("total")
    );
}

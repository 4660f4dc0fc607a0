//! The crash test, on each backend: a child process saving applications in a loop is killed with SIGKILL
//! at random moments, 200 times in all; afterwards `ehr db check` and `ehr audit verify` pass and every
//! application the child reported as saved is there.
//!
//! The child is this test binary itself, run again with `EHR_CRASH_CHILD` naming the database: it signs
//! in (a real sign-in, which itself writes), then creates applications, printing `saved <id>` after each
//! commit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support {
    pub mod office;
    pub mod postgres;
}

use std::collections::BTreeSet;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ehr_core::application::{ApplicationForm, ApplicationId, Applications};
use ehr_core::ports::SystemClock;
use ehr_store::{Location, Store};
use support::office::{check_and_verify, set_up, sign_in};

const KILLS: usize = 200;
const CHILD: &str = "EHR_CRASH_CHILD";

async fn open(location: &Location) -> Store {
    match location {
        Location::File(path) => Store::open_existing_sqlite(path).await.unwrap(),
        Location::Postgres(url) => Store::open_postgres(url, None).await.unwrap(),
    }
}

/// The child: saves until it is killed.
async fn save_forever(location: &Location) -> ! {
    let store = open(location).await;
    let session = sign_in(&store).await;
    let sealed = store.sealed(session.cipher());
    let apps = Applications::new(&sealed, &SystemClock, session.principal());
    let mut n = 0_u64;
    loop {
        n += 1;
        let mut form = ApplicationForm::default();
        form.hcp_information.name_en = format!("Crash Clinic {n}");
        let saved = apps.create(form).await.unwrap().draft;
        // Stdout is line-buffered: the line is out once the save is committed.
        println!("saved {}", saved.id);
    }
}

/// Kills the child [`KILLS`] times, each after a random moment; the ids it reported saved.
fn kill_repeatedly(test: &str, location: &str) -> BTreeSet<String> {
    let mut reported = BTreeSet::new();
    let started = Instant::now();
    for _ in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([test, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD, location)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Up to 0.4 s: from before the sign-in to a few saves in.
        std::thread::sleep(Duration::from_millis(fastrand::u64(5..400)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        reported.extend(
            out.lines()
                .filter_map(|line| line.strip_prefix("saved "))
                .map(str::to_owned),
        );
    }
    eprintln!(
        "{KILLS} kills in {:?}; {} saves reported",
        started.elapsed(),
        reported.len()
    );
    reported
}

async fn crash_test(test: &str, location: Location) {
    if let Ok(given) = std::env::var(CHILD) {
        save_forever(&Location::parse(&given).unwrap()).await;
    }
    let store = match &location {
        Location::File(path) => Store::open_sqlite(path).await.unwrap(),
        Location::Postgres(url) => Store::open_postgres(url, None).await.unwrap(),
    };
    set_up(&store).await;
    store.close().await;

    let reported = kill_repeatedly(test, &location.to_string());
    assert!(
        reported.len() > KILLS / 4,
        "the child got to save often enough for the test to mean something: {}",
        reported.len()
    );

    let store = open(&location).await;
    let session = sign_in(&store).await;
    check_and_verify(&store, &session).await;
    let sealed = store.sealed(session.cipher());
    let apps = Applications::new(&sealed, &SystemClock, session.principal());
    for id in &reported {
        let id = ApplicationId::parse(id).unwrap();
        apps.get(&id)
            .await
            .unwrap_or_else(|e| panic!("{id} was reported saved but is not there: {e}"));
    }
}

#[tokio::test]
async fn sqlite_saves_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    // The child reuses the parent's database, so its path must not be a fresh temporary one per process.
    let location = match std::env::var(CHILD) {
        Ok(given) => Location::parse(&given).unwrap(),
        Err(_) => Location::File(dir.path().join("ehr.sqlite3")),
    };
    crash_test("sqlite_saves_survive_sigkill", location).await;
}

#[tokio::test]
async fn postgres_saves_survive_sigkill() {
    let location = match std::env::var(CHILD) {
        Ok(given) => Location::parse(&given).unwrap(),
        Err(_) => Location::Postgres(support::postgres::fresh_database().await),
    };
    crash_test("postgres_saves_survive_sigkill", location).await;
}

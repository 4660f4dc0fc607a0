//! The PC/SC reader against the real stack: pcscd, vpcd's virtual readers and the virtual test card.
//! Tests share pcscd, so the harness runs them one at a time.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use std::time::{Duration, Instant};

use ehr_card::PcscReader;
use ehr_core::ErrorCode;
use ehr_core::ports::{CardFailure, IdentityReader, ReaderPhase};
use support::{CardSpec, READER_0, READER_1, Stack, phase_is, wait_for};

const SOON: Duration = Duration::from_secs(5);

fn malformed_step(failure: CardFailure) -> (&'static str, String) {
    match failure {
        CardFailure::Malformed { step, detail } => (step, detail),
        other => panic!("expected Malformed, got {other:?}"),
    }
}

#[test]
fn a_good_card_is_read_with_every_field() {
    let mut stack = Stack::new();
    stack.start_pcscd();
    let reader = PcscReader::new().unwrap();
    let states = reader.subscribe();
    let ready = wait_for(&states, SOON, phase_is(ReaderPhase::Ready));
    assert_eq!(ready.readers, [READER_0, READER_1]);
    assert_eq!(ready.selected.as_deref(), Some(READER_0));
    assert_eq!(reader.read_identity(), Err(CardFailure::NoCard));

    stack.insert(&CardSpec::good());
    wait_for(&states, SOON, phase_is(ReaderPhase::CardPresent));
    let identity = reader.read_identity().unwrap();
    assert_eq!(identity.hkid.as_str(), "A123456(3)");
    assert_eq!(identity.english_surname.to_string(), "CHAN");
    assert_eq!(identity.english_given_name.unwrap().to_string(), "TAI MAN");
    assert_eq!(identity.chinese_name.unwrap().to_string(), "陳大文");
    assert_eq!(identity.date_of_birth.to_string(), "1980-02-29");
    assert_eq!(identity.sex.code(), "M");
    assert_eq!(identity.date_of_issue.unwrap().to_string(), "2020-01-15");
    wait_for(&states, SOON, phase_is(ReaderPhase::Reading));
    wait_for(&states, SOON, phase_is(ReaderPhase::Read));
    assert_eq!(reader.state().phase, ReaderPhase::Read);

    stack.pull(READER_0);
    wait_for(&states, SOON, phase_is(ReaderPhase::Ready));
}

#[test]
fn the_selected_reader_is_the_one_read() {
    let mut stack = Stack::new();
    stack.start_pcscd();
    stack.insert(&CardSpec::good());
    let second = CardSpec {
        identity: Some(serde_json::json!({
            "hkid": "Y5633514", "englishSurname": "WONG", "dateOfBirth": "19991231", "sex": "F"
        })),
        second_reader: true,
        ..CardSpec::good()
    };
    stack.insert(&second);
    let reader = PcscReader::new().unwrap();
    let states = reader.subscribe();
    wait_for(&states, SOON, phase_is(ReaderPhase::CardPresent));
    assert_eq!(
        reader.read_identity().unwrap().english_surname.to_string(),
        "CHAN"
    );

    assert_eq!(
        reader.select_reader("Virtual PCD 09 09"),
        Err(CardFailure::UnknownReader("Virtual PCD 09 09".into()))
    );
    reader.select_reader(READER_1).unwrap();
    let selected = wait_for(&states, SOON, |s| s.selected.as_deref() == Some(READER_1));
    assert_eq!(selected.phase, ReaderPhase::CardPresent);
    let wong = reader.read_identity().unwrap();
    assert_eq!(wong.english_surname.to_string(), "WONG");
    assert_eq!(wong.chinese_name, None);
    assert_eq!(wong.date_of_issue, None);

    stack.pull(READER_1);
    wait_for(&states, SOON, phase_is(ReaderPhase::Ready));
    assert_eq!(reader.read_identity(), Err(CardFailure::NoCard));
}

#[test]
fn a_card_of_another_kind_is_not_recognised_without_a_read() {
    let mut stack = Stack::new();
    stack.start_pcscd();
    let reader = PcscReader::new().unwrap();
    let states = reader.subscribe();
    stack.insert(&CardSpec::kind("foreign"));
    let state = wait_for(&states, SOON, phase_is(ReaderPhase::NotRecognised));
    assert_eq!(state.problem, Some(ErrorCode::CardNotRecognised));
    assert_eq!(reader.read_identity(), Err(CardFailure::NotRecognised));
    stack.pull(READER_0);
    wait_for(&states, SOON, phase_is(ReaderPhase::Ready));

    // Our ATR, but no eHR Desk application: SELECT answers 6A 82.
    stack.insert(&CardSpec::kind("no-app"));
    wait_for(&states, SOON, phase_is(ReaderPhase::CardPresent));
    assert_eq!(reader.read_identity(), Err(CardFailure::NotRecognised));
    assert_eq!(reader.state().phase, ReaderPhase::NotRecognised);
}

#[test]
fn without_the_service_the_reader_waits_for_it() {
    let mut stack = Stack::new();
    let reader = PcscReader::new().unwrap();
    assert_eq!(reader.state().phase, ReaderPhase::NoService);
    assert_eq!(reader.read_identity(), Err(CardFailure::NoService));
    let states = reader.subscribe();

    stack.start_pcscd();
    wait_for(&states, SOON, phase_is(ReaderPhase::Ready));
    stack.insert(&CardSpec::good());
    wait_for(&states, SOON, phase_is(ReaderPhase::CardPresent));
    assert!(reader.read_identity().is_ok());
}

#[test]
fn without_a_reader_the_state_says_so_until_one_appears() {
    let mut stack = Stack::new();
    stack.start_pcscd_without_readers();
    let reader = PcscReader::new().unwrap();
    let states = reader.subscribe();
    let state = wait_for(&states, SOON, phase_is(ReaderPhase::NoReader));
    assert!(state.readers.is_empty());
    assert_eq!(state.selected, None);
    assert_eq!(reader.read_identity(), Err(CardFailure::NoReader));

    // The readers come with the service's next start; the same reader object sees them.
    stack.stop_pcscd();
    stack.start_pcscd();
    let state = wait_for(&states, SOON, phase_is(ReaderPhase::Ready));
    assert_eq!(state.readers, [READER_0, READER_1]);
    stack.insert(&CardSpec::good());
    wait_for(&states, SOON, phase_is(ReaderPhase::CardPresent));
    assert!(reader.read_identity().is_ok());
}

#[test]
fn a_card_pulled_mid_read_then_reinserted_reads_cleanly() {
    let mut stack = Stack::new();
    stack.start_pcscd();
    stack.insert(&CardSpec {
        slow_read: Some(0.5),
        ..CardSpec::good()
    });
    let reader = PcscReader::new().unwrap();
    let states = reader.subscribe();
    wait_for(&states, SOON, phase_is(ReaderPhase::CardPresent));

    let outcome = std::thread::scope(|scope| {
        let read = scope.spawn(|| reader.read_identity());
        wait_for(&states, SOON, phase_is(ReaderPhase::Reading));
        std::thread::sleep(Duration::from_millis(200));
        stack.pull(READER_0);
        read.join().unwrap()
    });
    assert_eq!(outcome, Err(CardFailure::Removed));
    let state = wait_for(&states, SOON, |s| s.phase == ReaderPhase::Error);
    assert_eq!(state.problem, Some(ErrorCode::CardRemoved));

    stack.insert(&CardSpec::good());
    let state = wait_for(&states, SOON, phase_is(ReaderPhase::CardPresent));
    assert_eq!(state.problem, None);
    assert_eq!(reader.read_identity().unwrap().hkid.as_str(), "A123456(3)");
    assert_eq!(reader.state().phase, ReaderPhase::Read);
}

#[test]
fn the_same_reader_recovers_when_the_service_restarts() {
    let mut stack = Stack::new();
    stack.start_pcscd();
    stack.insert(&CardSpec::good());
    let reader = PcscReader::new().unwrap();
    let states = reader.subscribe();
    wait_for(&states, SOON, phase_is(ReaderPhase::CardPresent));

    stack.stop_pcscd();
    let state = wait_for(&states, SOON, phase_is(ReaderPhase::NoService));
    assert!(state.readers.is_empty());
    assert_eq!(reader.read_identity(), Err(CardFailure::NoService));

    stack.start_pcscd();
    stack.insert(&CardSpec::good());
    let started = Instant::now();
    wait_for(&states, SOON, phase_is(ReaderPhase::CardPresent));
    eprintln!(
        "card present again {:?} after the card was inserted",
        started.elapsed()
    );
    assert_eq!(
        reader.read_identity().unwrap().english_surname.to_string(),
        "CHAN"
    );
}

#[test]
fn broken_cards_fail_typed_and_whole() {
    let mut stack = Stack::new();
    stack.start_pcscd();
    let reader = PcscReader::new().unwrap();
    let states = reader.subscribe();

    stack.insert(&CardSpec {
        malformed: true,
        ..CardSpec::good()
    });
    wait_for(&states, SOON, phase_is(ReaderPhase::CardPresent));
    let (step, detail) = malformed_step(reader.read_identity().unwrap_err());
    assert_eq!(step, "parse record");
    assert!(detail.contains("runs past"), "{detail}");
    let state = wait_for(&states, SOON, phase_is(ReaderPhase::Error));
    assert_eq!(state.problem, Some(ErrorCode::CardMalformed));
    stack.pull(READER_0);
    wait_for(&states, SOON, phase_is(ReaderPhase::Ready));

    stack.insert(&CardSpec {
        wrong_sw: true,
        ..CardSpec::good()
    });
    wait_for(&states, SOON, phase_is(ReaderPhase::CardPresent));
    let (step, detail) = malformed_step(reader.read_identity().unwrap_err());
    assert_eq!((step, detail.as_str()), ("read record", "status 6F 00"));
    stack.pull(READER_0);
    wait_for(&states, SOON, phase_is(ReaderPhase::Ready));

    // Well-formed, but the check digit is wrong: the fields are refused by validation, not the profile.
    stack.insert(&CardSpec {
        identity: Some(serde_json::json!({
            "hkid": "A1234564", "englishSurname": "CHAN", "dateOfBirth": "19800229", "sex": "M"
        })),
        ..CardSpec::good()
    });
    wait_for(&states, SOON, phase_is(ReaderPhase::CardPresent));
    match reader.read_identity() {
        Err(CardFailure::InvalidFields(issues)) => {
            assert_eq!(issues[0].code, ErrorCode::HkidCheckDigit);
        }
        other => panic!("{other:?}"),
    }
    let state = wait_for(&states, SOON, phase_is(ReaderPhase::Error));
    assert_eq!(state.problem, Some(ErrorCode::CardInvalidFields));
}

#[test]
fn dropping_the_reader_stops_its_watcher_promptly() {
    let mut stack = Stack::new();
    stack.start_pcscd();
    let reader = PcscReader::new().unwrap();
    let states = reader.subscribe();
    wait_for(&states, SOON, phase_is(ReaderPhase::Ready));
    let started = Instant::now();
    drop(reader);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    // The watcher held the only other end: its channel closes when the thread is gone.
    loop {
        match states.recv_timeout(Duration::from_secs(1)) {
            Ok(_) => continue,
            Err(error) => {
                assert_eq!(error, std::sync::mpsc::RecvTimeoutError::Disconnected);
                break;
            }
        }
    }
}

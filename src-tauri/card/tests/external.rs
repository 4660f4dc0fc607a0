//! The external reading component adapter, run against real small shell scripts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ehr_card::ExternalReader;
use ehr_core::ErrorCode;
use ehr_core::ports::{CardFailure, IdentityReader};

const GOOD: &str = r#"{"hkid":"A1234563","englishSurname":"CHAN","englishGivenName":"TAI MAN","chineseName":"陳大文","dateOfBirth":"1980-02-29","sex":"M","dateOfIssue":"2020-01-15"}"#;

fn script(dir: &tempfile::TempDir, name: &str, body: &str) -> PathBuf {
    let path = dir.path().join(name);
    ehr_card::external::install_program(&path, &format!("#!/bin/sh\n{body}\n")).unwrap();
    path
}

fn read(body: &str, timeout: Duration) -> Result<ehr_core::patient::Identity, CardFailure> {
    let dir = tempfile::tempdir().unwrap();
    ExternalReader::new(script(&dir, "reader", body), timeout).read_identity()
}

fn second() -> Duration {
    Duration::from_secs(1)
}

fn detail(outcome: Result<ehr_core::patient::Identity, CardFailure>) -> String {
    match outcome {
        Err(CardFailure::ExternalReader { detail }) => detail,
        other => panic!("expected ExternalReader, got {other:?}"),
    }
}

#[test]
fn good_json_gives_every_field() {
    let identity = read(&format!("printf '%s\\n' '{GOOD}'"), second()).unwrap();
    assert_eq!(identity.hkid.as_str(), "A123456(3)");
    assert_eq!(identity.english_surname.to_string(), "CHAN");
    assert_eq!(identity.chinese_name.unwrap().to_string(), "陳大文");
    assert_eq!(identity.date_of_birth.to_string(), "1980-02-29");
    assert_eq!(identity.date_of_issue.unwrap().to_string(), "2020-01-15");
}

#[test]
fn arguments_are_passed() {
    let dir = tempfile::tempdir().unwrap();
    let program = script(
        &dir,
        "reader",
        &format!("[ \"$1\" = --port ] && [ \"$2\" = usb1 ] && printf '%s' '{GOOD}'"),
    );
    let reader = ExternalReader {
        args: vec!["--port".into(), "usb1".into()],
        ..ExternalReader::new(program, second())
    };
    assert!(reader.read_identity().is_ok());
}

#[test]
fn an_extra_key_is_refused_without_quoting_the_output() {
    let extra = GOOD.replace("}", r#","pin":"A1234563"}"#);
    let detail = detail(read(&format!("printf '%s' '{extra}'"), second()));
    assert!(detail.contains("not identity JSON"), "{detail}");
    assert!(
        !detail.contains("A1234563") && !detail.contains("pin"),
        "{detail}"
    );
}

#[test]
fn a_bad_check_digit_is_an_invalid_field() {
    let bad = GOOD.replace("A1234563", "A1234564");
    match read(&format!("printf '%s' '{bad}'"), second()) {
        Err(CardFailure::InvalidFields(issues)) => {
            assert_eq!(issues[0].code, ErrorCode::HkidCheckDigit);
            assert_eq!(issues[0].field.as_deref(), Some("hkid"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_non_zero_exit_fails_even_with_good_output() {
    let detail = detail(read(&format!("printf '%s' '{GOOD}'; exit 3"), second()));
    assert!(detail.contains("exit status: 3"), "{detail}");
}

#[test]
fn a_program_past_its_timeout_is_killed() {
    let started = Instant::now();
    let outcome = read("exec sleep 10", Duration::from_millis(300));
    assert_eq!(outcome.unwrap_err(), CardFailure::Timeout);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn huge_output_is_cut_off() {
    let detail = detail(read(
        "head -c 200000 /dev/zero | tr '\\0' x",
        Duration::from_secs(5),
    ));
    assert!(detail.contains("over 65536 bytes"), "{detail}");
}

#[test]
fn garbage_and_silence_are_refused() {
    assert!(detail(read("printf 'hello'", second())).contains("not identity JSON"));
    assert!(detail(read("true", second())).contains("not identity JSON"));
    let two = format!("printf '%s%s' '{GOOD}' '{GOOD}'");
    assert!(detail(read(&two, second())).contains("not identity JSON"));
}

#[test]
fn a_missing_program_is_named() {
    let reader = ExternalReader::new("/nonexistent/ehr-reader", second());
    assert!(detail(reader.read_identity()).contains("cannot start /nonexistent/ehr-reader"));
}

//! `ehr card ...` against the real PC/SC stack (pcscd, vpcd's virtual readers, the virtual test card), and
//! with an authorised reading component configured instead.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;
#[path = "../../card/tests/support/mod.rs"]
mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{block_on, ehr, json_of, signed_in, stderr, stdout};
use ehr_core::ports::{AuditAction, AuditTrail, ReaderPhase, ReaderState};
use support::{CardSpec, READER_0, READER_1, Stack};

#[test]
fn without_the_service_every_command_says_so() {
    let _stack = Stack::new();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ehr.sqlite3");
    let readers = ehr(&["card", "readers"]);
    assert_eq!(readers.status.code(), Some(1));
    assert!(
        stderr(&readers).contains("smart card service is not running"),
        "{}",
        stderr(&readers)
    );
    let as_json = json_of(&ehr(&["--json", "card", "readers"]));
    assert_eq!(as_json["issues"][0]["code"], "card.no_service");

    let read = ehr(&["--db", db.to_str().unwrap(), "--json", "card", "read"]);
    assert_eq!(read.status.code(), Some(1));
    assert_eq!(json_of(&read)["issues"][0]["code"], "card.no_service");
}

#[test]
fn without_a_reader_readers_says_so() {
    let mut stack = Stack::new();
    stack.start_pcscd_without_readers();
    let readers = ehr(&["card", "readers"]);
    assert_eq!(readers.status.code(), Some(1));
    assert!(
        stderr(&readers).contains("No card reader is connected"),
        "{}",
        stderr(&readers)
    );
    assert_eq!(
        json_of(&ehr(&["--json", "card", "readers"]))["issues"][0]["code"],
        "card.no_reader"
    );
}

#[test]
fn readers_lists_each_reader_with_what_is_in_it() {
    let mut stack = Stack::new();
    stack.start_pcscd();
    stack.insert(&CardSpec::good());
    stack.insert(&CardSpec {
        second_reader: true,
        ..CardSpec::kind("foreign")
    });

    let text = ehr(&["card", "readers"]);
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    let lines: Vec<String> = stdout(&text).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with(READER_0) && lines[0].ends_with("card present"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with(READER_1) && lines[1].contains("not recognised ("),
        "{lines:?}"
    );

    let listed = json_of(&ehr(&["--json", "card", "readers"]));
    assert_eq!(
        listed["readers"],
        serde_json::json!([
            { "name": READER_0, "phase": "card_present", "problem": null },
            { "name": READER_1, "phase": "not_recognised", "problem": "card.not_recognised" },
        ])
    );

    stack.pull_all();
    let empty = json_of(&ehr(&["--json", "card", "readers"]));
    assert_eq!(empty["readers"][0]["phase"], "ready");
}

#[test]
fn watch_prints_every_change_as_a_json_line() {
    let mut stack = Stack::new();
    stack.start_pcscd();
    let mut watch = Command::new(env!("CARGO_BIN_EXE_ehr"))
        .args(["card", "watch", "--until", "card_present"])
        .env_remove("EHR_DESK_CARD_PROGRAM")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (sender, lines) = mpsc::channel();
    let out = BufReader::new(watch.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in out.lines() {
            sender.send(line.unwrap()).unwrap();
        }
    });
    let first: ReaderState =
        serde_json::from_str(&lines.recv_timeout(Duration::from_secs(10)).unwrap()).unwrap();
    assert_eq!(first.phase, ReaderPhase::Ready);
    assert_eq!(first.readers, [READER_0, READER_1]);

    stack.insert(&CardSpec::good());
    let mut seen = vec![first];
    while seen.last().unwrap().phase != ReaderPhase::CardPresent {
        let line = lines.recv_timeout(Duration::from_secs(10)).unwrap();
        seen.push(serde_json::from_str(&line).unwrap());
    }
    // It stops by itself at the phase asked for.
    for _ in 0..100 {
        if watch.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = watch
        .try_wait()
        .unwrap()
        .expect("watch --until never ended");
    assert!(status.success());
    assert_eq!(seen.last().unwrap().selected.as_deref(), Some(READER_0));
}

#[test]
fn watch_refuses_a_phase_that_does_not_exist() {
    let output = ehr(&["card", "watch", "--until", "inserted"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("\"inserted\" is not a reader phase")
            && stderr(&output).contains("card_present"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn read_prints_the_fields_and_the_read_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ehr.sqlite3");
    let db_arg = db.to_str().unwrap();
    let mut stack = Stack::new();
    stack.start_pcscd();
    stack.insert(&CardSpec::good());

    let read = ehr(&["--db", db_arg, "--json", "card", "read"]);
    assert_eq!(read.status.code(), Some(0), "{}", stderr(&read));
    assert_eq!(
        json_of(&read)["identity"],
        serde_json::json!({
            "hkid": "A123456(3)", "englishSurname": "CHAN", "englishGivenName": "TAI MAN",
            "chineseName": "陳大文", "dateOfBirth": "1980-02-29", "sex": "M", "dateOfIssue": "2020-01-15"
        })
    );
    let text = ehr(&["--db", db_arg, "card", "read", "--reader", READER_0]);
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    assert!(
        stdout(&text).contains("Chinese name        陳大文"),
        "{}",
        stdout(&text)
    );

    let elsewhere = ehr(&[
        "--db", db_arg, "--json", "card", "read", "--reader", READER_1,
    ]);
    assert_eq!(elsewhere.status.code(), Some(1));
    assert_eq!(json_of(&elsewhere)["issues"][0]["code"], "card.no_card");
    let unknown = ehr(&[
        "--db",
        db_arg,
        "card",
        "read",
        "--reader",
        "Virtual PCD 09 09",
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("Virtual PCD 09 09"),
        "{}",
        stderr(&unknown)
    );

    let audited = audit_of(&db, "A123***(3)");
    assert_eq!(audited, [AuditAction::CardRead, AuditAction::CardRead]);
}

#[test]
fn an_authorised_reading_component_replaces_pcsc() {
    let _stack = Stack::new(); // no pcscd: the component owns the reader
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("reader");
    ehr_card::external::install_program(
        &program,
        "#!/bin/sh\nprintf '%s' '{\"hkid\":\"Y6543217\",\"englishSurname\":\"CHAN\",\"dateOfBirth\":\"2013-05-01\",\"sex\":\"M\"}'\n",
    )
    .unwrap();
    let db = dir.path().join("ehr.sqlite3");
    block_on(async { signed_in(&db).await.0.close().await });
    let with_program = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ehr"))
            .args(args)
            .env("EHR_DESK_CARD_PROGRAM", &program)
            .env("EHR_PASSWORD", common::ADMIN_PASSWORD)
            .output()
            .unwrap()
    };
    let read = with_program(&[
        "--db",
        db.to_str().unwrap(),
        "--user",
        common::ADMIN,
        "--json",
        "card",
        "read",
    ]);
    assert_eq!(read.status.code(), Some(0), "{}", stderr(&read));
    assert_eq!(json_of(&read)["identity"]["hkid"], "Y654321(7)");
    assert_eq!(audit_of(&db, "Y654***(7)"), [AuditAction::CardRead]);

    let readers = with_program(&["card", "readers"]);
    assert_eq!(readers.status.code(), Some(0), "{}", stderr(&readers));
    assert!(
        stdout(&readers).contains("authorised reading component"),
        "{}",
        stdout(&readers)
    );

    // Nothing to watch: the one state there is, then the end.
    let watch = with_program(&["card", "watch"]);
    assert_eq!(watch.status.code(), Some(0));
    let states: Vec<ReaderState> = stdout(&watch)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(states, [ReaderState::new(ReaderPhase::Ready)]);
}

fn audit_of(db: &std::path::Path, subject: &str) -> Vec<AuditAction> {
    block_on(async {
        let (store, _) = signed_in(db).await;
        let entries = store.audit_entries(subject).await.unwrap();
        store.close().await;
        entries.iter().map(|e| e.action).collect()
    })
}

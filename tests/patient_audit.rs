//! A story across crates: a patient registered at the front desk from a card read (through the authorised
//! reading component adapter, run as a real program), then opened, changed and printed (printpdf), with
//! every read and change of the personal data in the SQLite store's audit trail — and none of it in clear.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use std::time::Duration;

use ehr_card::ExternalReader;
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::patient::{ConsentRules, Patients, sample_patient_form};
use ehr_core::ports::{AuditAction, AuditTrail, IdentitySource, SystemClock};
use ehr_forms::PdfRenderer;
use ehr_store::Store;

#[tokio::test]
async fn every_read_and_change_of_a_patient_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("reader");
    ehr_card::external::install_program(
        &program,
        "#!/bin/sh\nprintf '%s' '{\"hkid\":\"Y6543217\",\"englishSurname\":\"CHAN\",\"englishGivenName\":\"SIU MING\",\"chineseName\":\"陳小明\",\"dateOfBirth\":\"2013-05-01\",\"sex\":\"M\"}'\n",
    )
    .unwrap();
    let reader = ExternalReader::new(&program, Duration::from_secs(5));

    let database = dir.path().join("clinic.sqlite3");
    let key = ehr_secrets::Sealer::random();
    let store = Store::open_sqlite(&database).await.unwrap().sealed(&key);
    let clock = SystemClock;
    let front_desk = Principal::for_tests(OfficeKind::Clinic, &[Role::FrontDesk, Role::Auditor]);
    let patients = Patients::new(
        &store,
        &clock,
        ConsentRules::embedded().unwrap(),
        &front_desk,
    );

    let identity = patients.read_card(&reader).await.unwrap();
    let mut form = sample_patient_form().with_identity(&identity, IdentitySource::ExternalReader);
    let record = patients.register(&form).await.unwrap();
    patients.open(&record.id).await.unwrap();
    form.mobile_phone = "6123 4567".into();
    patients.update(&record.id, 1, &form).await.unwrap();
    let printed = dir.path().join("registration.pdf");
    patients
        .print(
            &record.id,
            &PdfRenderer::new().unwrap(),
            &ehr_files::FileDestination::new(&printed),
        )
        .await
        .unwrap();
    assert!(std::fs::read(&printed).unwrap().starts_with(b"%PDF-"));

    let card = store.audit_entries("Y654***(7)").await.unwrap();
    assert_eq!(
        card.iter().map(|e| e.action).collect::<Vec<_>>(),
        [AuditAction::CardRead]
    );
    let trail = patients.audit_trail(&record.id).await.unwrap();
    assert_eq!(
        trail.iter().map(|e| e.action).collect::<Vec<_>>(),
        [
            AuditAction::Registered,
            AuditAction::Viewed,
            AuditAction::Changed,
            AuditAction::Printed
        ]
    );
    for entry in card.iter().chain(&trail) {
        assert_eq!(
            (entry.actor.user.as_str(), entry.actor.workstation.as_str()),
            ("front_desk", "test-workstation")
        );
    }
    store.close().await;

    // The audit trail names the card by its masked number; the database holds no name or number in clear.
    let mut bytes = std::fs::read(&database).unwrap();
    for extra in ["-wal", "-shm"] {
        let mut path = database.clone().into_os_string();
        path.push(extra);
        bytes.extend(std::fs::read(path).unwrap_or_default());
    }
    for personal in [
        "Y6543217",
        "Y654321",
        "SIU MING",
        "陳小明",
        "6123 4567",
        "CHAN Tai Man",
    ] {
        assert!(
            !bytes
                .windows(personal.len())
                .any(|w| w == personal.as_bytes()),
            "the database holds {personal} in clear"
        );
    }
}

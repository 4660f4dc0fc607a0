//! "From card" is the core's to say. A card read (through the authorised reading component adapter, run as
//! a real program) gives the form a one-time handle; the registration that cites it gets its card fields and
//! marks from the core's own record of the read. A form that only claims to be from a card is registered as
//! typed, a handle serves once and only its reader, and a field changed by hand loses its mark.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use std::time::Duration;

use ehr_card::ExternalReader;
use ehr_core::ErrorCode;
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::patient::{CardReads, ConsentRules, PatientForm, Patients, sample_patient_form};
use ehr_core::ports::{IdentitySource, SystemClock};
use ehr_store::Store;

const ALL_MARKS: [&str; 7] = [
    "englishSurname",
    "englishGivenName",
    "chineseName",
    "documentType",
    "documentNumber",
    "dateOfBirth",
    "sex",
];

fn reader(dir: &std::path::Path) -> ExternalReader {
    let program = dir.join("reader");
    ehr_card::external::install_program(
        &program,
        "#!/bin/sh\nprintf '%s' '{\"hkid\":\"Y6543217\",\"englishSurname\":\"CHAN\",\"englishGivenName\":\"SIU MING\",\"chineseName\":\"陳小明\",\"dateOfBirth\":\"2013-05-01\",\"sex\":\"M\"}'\n",
    )
    .unwrap();
    ExternalReader::new(&program, Duration::from_secs(5))
}

fn code(error: ehr_core::CoreError) -> (ErrorCode, Option<String>) {
    let issue = error.issues().unwrap().remove(0);
    (issue.code, issue.field)
}

#[tokio::test]
async fn only_a_read_the_core_recorded_marks_fields_from_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let reader = reader(dir.path());
    let key = ehr_secrets::Sealer::random();
    let store = Store::open_sqlite(&dir.path().join("clinic.sqlite3"))
        .await
        .unwrap()
        .sealed(&key);
    let clock = SystemClock;
    let reads = CardReads::new();
    let rules = ConsentRules::embedded().unwrap();
    let desk = Principal::for_tests(OfficeKind::Clinic, &[Role::FrontDesk]);
    let patients = Patients::new(&store, &clock, rules, &desk).with_card_reads(&reads);

    // A form that claims it all came from a card, with no read behind it, is registered as typed.
    let mut claimed = sample_patient_form();
    claimed.identity_source = "pcsc".into();
    claimed.read_from_card = ALL_MARKS.iter().map(|m| (*m).to_owned()).collect();
    let typed = patients.register(&claimed).await.unwrap();
    assert_eq!(typed.registration.identity_source, IdentitySource::Manual);
    assert!(typed.registration.read_from_card.is_empty());

    // A real read: every field it filled is marked, from the core's record.
    let read = patients
        .read_card_into(
            &reader,
            IdentitySource::ExternalReader,
            PatientForm::default(),
        )
        .await
        .unwrap();
    let handle = read.card_read.clone().expect("the read's handle");
    let mut form = sample_patient_form();
    form.card_read = Some(handle.clone());
    form.read_from_card.clear();
    form.identity_source.clear();
    // The claimed registration above is the same child.
    form.duplicate_override = true;
    // What the form says of the identity is replaced by what the card said... unless changed by hand:
    // the form carries the card's values except the surname, typed anew.
    for field in ALL_MARKS {
        match field {
            "englishSurname" => form.english_surname = "CHEUNG".into(),
            _ => copy_field(&read, &mut form, field),
        }
    }
    // A registration refused (here: a duplicate to confirm) keeps the read for the retry.
    let mut unconfirmed = form.clone();
    unconfirmed.duplicate_override = false;
    assert_eq!(
        code(patients.register(&unconfirmed).await.unwrap_err()).0,
        ErrorCode::DuplicateDocument
    );
    let from_card = patients.register(&form).await.unwrap();
    assert_eq!(
        from_card.registration.identity_source,
        IdentitySource::ExternalReader
    );
    let marked: Vec<&str> = from_card
        .registration
        .read_from_card
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(
        marked,
        &ALL_MARKS[1..],
        "the surname was changed by hand: not marked"
    );

    // The handle served once.
    let mut again = form.clone();
    again.english_surname = "CHAN".into();
    again.duplicate_override = true;
    assert_eq!(
        code(patients.register(&again).await.unwrap_err()),
        (ErrorCode::CardReadExpired, Some("cardRead".into()))
    );

    // Another user cannot cite this desk user's read.
    let second = patients
        .read_card_into(
            &reader,
            IdentitySource::ExternalReader,
            PatientForm::default(),
        )
        .await
        .unwrap();
    let other = Principal::for_tests(OfficeKind::Clinic, &[Role::FrontDesk]);
    let elsewhere = Patients::new(&store, &clock, rules, &other).with_card_reads(&reads);
    let mut theirs = second.clone();
    theirs.duplicate_override = true;
    theirs.consent = sample_patient_form().consent;
    theirs.preferred_language = sample_patient_form().preferred_language;
    theirs.notification_channel = sample_patient_form().notification_channel;
    theirs.mobile_phone = sample_patient_form().mobile_phone;
    assert_eq!(
        code(elsewhere.register(&theirs).await.unwrap_err()),
        (ErrorCode::CardReadExpired, Some("cardRead".into()))
    );

    // A change without a new read keeps the marks of the fields left as they were.
    let mut changed = from_card.registration.to_form();
    changed.english_given_name = "TAI MAN".into();
    changed.duplicate_override = true;
    let updated = patients
        .update(&from_card.id, 1, &changed)
        .await
        .unwrap()
        .record;
    let kept: Vec<&str> = updated
        .registration
        .read_from_card
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(kept, &ALL_MARKS[2..]);
}

fn copy_field(from: &PatientForm, to: &mut PatientForm, field: &str) {
    match field {
        "englishGivenName" => to.english_given_name = from.english_given_name.clone(),
        "chineseName" => to.chinese_name = from.chinese_name.clone(),
        "documentType" => to.document_type = from.document_type.clone(),
        "documentNumber" => to.document_number = from.document_number.clone(),
        "dateOfBirth" => to.date_of_birth = from.date_of_birth.clone(),
        "sex" => to.sex = from.sex.clone(),
        _ => unreachable!("{field}"),
    }
}

//! The registration rules, end to end through `PatientForm::validate` and the register.

use super::*;
use crate::application::Actor;
use crate::issue::ErrorCode;
use crate::ports::IdentitySource;
use crate::time::Timestamp;
use crate::validation::CalendarDate;

fn today() -> CalendarDate {
    CalendarDate::parse("2026-11-25").unwrap()
}

fn rules() -> &'static ConsentRuleSet {
    ConsentRules::embedded()
        .unwrap()
        .in_force_on(today())
        .unwrap()
}

fn problems(form: &PatientForm) -> Vec<(String, ErrorCode)> {
    form.validate(rules(), today())
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|i| (i.field.unwrap_or_default(), i.code))
        .collect()
}

fn adult() -> PatientForm {
    let mut form = sample_patient_form();
    form.date_of_birth = "1980-02-29".into();
    form.consent.sdm = SdmInput::default();
    form
}

#[test]
fn the_sample_child_with_a_parent_is_valid() {
    let registration = sample_patient_form().validate(rules(), today()).unwrap();
    let sdm = registration.consent.sdm.unwrap();
    assert_eq!(
        (sdm.case, sdm.relationship, sdm.priority),
        (SdmCase::Minor, SdmRelationship::Parent, 1)
    );
    assert_eq!(registration.consent.rules_version, "EHSO-2025");
    assert_eq!(registration.identity_source, IdentitySource::Card);
}

#[test]
fn a_child_needs_a_substitute_decision_maker() {
    let mut form = sample_patient_form();
    form.consent.sdm = SdmInput::default();
    assert_eq!(
        problems(&form),
        [
            ("consent.sdm.relationship".into(), ErrorCode::Required),
            ("consent.sdm.englishName".into(), ErrorCode::Required),
            ("consent.sdm.documentType".into(), ErrorCode::Required),
        ]
    );
}

#[test]
fn an_adult_able_to_consent_needs_none_and_leftover_sdm_fields_are_dropped() {
    let mut form = adult();
    form.consent.sdm.english_name = "LEFT OVER".into();
    let registration = form.validate(rules(), today()).unwrap();
    assert_eq!(registration.consent.sdm, None);
}

#[test]
fn an_adult_unable_to_consent_has_the_other_priority_list() {
    let mut form = adult();
    form.consent.unable_to_consent = true;
    form.consent.sdm = sample_patient_form().consent.sdm;
    assert_eq!(
        problems(&form),
        [(
            "consent.sdm.relationship".into(),
            ErrorCode::SdmRelationshipNotAllowed
        )]
    );
    form.consent.sdm.relationship = "director_of_social_welfare".into();
    assert_eq!(
        problems(&form),
        [(
            "consent.sdm.higherPriorityUnavailable".into(),
            ErrorCode::SdmPriorityUnconfirmed
        )]
    );
    form.consent.sdm.higher_priority_unavailable = true;
    let sdm = form
        .validate(rules(), today())
        .unwrap()
        .consent
        .sdm
        .unwrap();
    assert_eq!((sdm.case, sdm.priority), (SdmCase::Unable, 2));
}

#[test]
fn the_sdm_is_not_the_patient() {
    let mut form = sample_patient_form();
    form.consent.sdm.document_number = form.document_number.clone();
    assert_eq!(
        problems(&form),
        [(
            "consent.sdm.documentNumber".into(),
            ErrorCode::SdmIsThePatient
        )]
    );
}

#[test]
fn joining_consent_is_required_and_sharing_needs_a_method() {
    let mut form = adult();
    form.consent.joining = false;
    form.consent.method = String::new();
    assert_eq!(
        problems(&form),
        [
            ("consent.joining".into(), ErrorCode::JoiningConsentMissing),
            ("consent.method".into(), ErrorCode::Required),
        ]
    );
    form.consent.joining = true;
    form.consent.sharing = false;
    let consent = form.validate(rules(), today()).unwrap().consent;
    assert_eq!((consent.sharing, consent.method), (false, None));
}

#[test]
fn the_notification_channel_needs_its_contact() {
    let mut form = adult();
    form.mobile_phone = String::new();
    form.notification_channel = "sms".into();
    assert_eq!(
        problems(&form),
        [("mobilePhone".into(), ErrorCode::ChannelNeedsContact)]
    );
    form.mobile_phone = "2123 4567".into();
    assert_eq!(
        problems(&form),
        [("mobilePhone".into(), ErrorCode::MobileNeeded)]
    );
    form.mobile_phone = String::new();
    form.notification_channel = "none".into();
    assert!(problems(&form).is_empty());
}

#[test]
fn foreign_documents_need_their_issuing_country() {
    let mut form = adult();
    form.set_document(DocumentInput {
        document_type: "passport".into(),
        document_number: "e 1234-5678".into(),
        issuing_country: String::new(),
    });
    assert_eq!(
        problems(&form),
        [("issuingCountry".into(), ErrorCode::Required)]
    );
    form.issuing_country = "phl".into();
    let registration = form.validate(rules(), today()).unwrap();
    assert_eq!(registration.document.number.full(), "E12345678 (PHL)");
    assert_eq!(registration.document.number.masked(), "E12***8");
    form.document_type = "hkid".into();
    assert_eq!(
        problems(&form),
        [("documentNumber".into(), ErrorCode::HkidFormat)]
    );
}

#[test]
fn a_birth_date_in_the_future_is_refused() {
    let mut form = adult();
    form.date_of_birth = "2026-11-26".into();
    assert_eq!(
        problems(&form),
        [("dateOfBirth".into(), ErrorCode::DateInFuture)]
    );
}

#[test]
fn a_birth_date_that_does_not_exist_says_so() {
    let mut form = adult();
    form.date_of_birth = "29/02/2023".into();
    assert_eq!(
        problems(&form),
        [("dateOfBirth".into(), ErrorCode::DateNotADay)]
    );
    form.date_of_birth = "2023-02-29".into();
    assert_eq!(
        problems(&form),
        [("dateOfBirth".into(), ErrorCode::DateNotADay)]
    );
}

#[test]
fn a_birth_date_in_1800_is_refused() {
    let mut form = adult();
    form.date_of_birth = "1800-01-01".into();
    assert_eq!(
        problems(&form),
        [("dateOfBirth".into(), ErrorCode::DateTooLongAgo)]
    );
    // Not taken for the age either: no one needs a substitute decision maker because of it.
    assert_eq!(form.requirements(rules(), today()).age, None);
}

#[test]
fn a_birth_date_is_typed_day_first_and_shown_so_again() {
    let mut form = adult();
    form.date_of_birth = "29/02/1980".into();
    let registration = form.validate(rules(), today()).unwrap();
    assert_eq!(registration.date_of_birth.to_string(), "1980-02-29");
    assert_eq!(registration.to_form().date_of_birth, "29/02/1980");
}

#[test]
fn a_card_fills_and_marks_the_identity_fields_only() {
    let identity = RawIdentity {
        hkid: "Y6543217".into(),
        english_surname: "CHAN".into(),
        english_given_name: "Siu Ming".into(),
        chinese_name: String::new(),
        date_of_birth: "2013-05-01".into(),
        sex: "M".into(),
        date_of_issue: String::new(),
    }
    .validate()
    .unwrap();
    let typed = PatientForm {
        email: "kept@example.com".into(),
        ..PatientForm::default()
    };
    let form = typed.with_identity(&identity, IdentitySource::Card);
    assert_eq!(form.document_number, "Y654321(7)");
    assert_eq!(form.email, "kept@example.com");
    assert_eq!(
        form.date_of_birth, "01/05/2013",
        "shown day first, as typed"
    );
    assert_eq!(form.identity_source, "card");
    assert!(!form.read_from_card.contains(&"chineseName".to_owned()));
    assert!(form.read_from_card.contains(&"dateOfBirth".to_owned()));
}

fn record(form: &PatientForm, at: i64) -> PatientRecord {
    PatientRecord {
        id: PatientId::generate(),
        registration: form.validate(rules(), today()).unwrap(),
        registered_at: Timestamp::from_millis(at),
        registered_by: Actor {
            user: "desk".into(),
            workstation: "front-1".into(),
        },
        updated_at: Timestamp::from_millis(at),
    }
}

#[test]
fn lists_show_masked_names_and_numbers() {
    let summary = record(&sample_patient_form(), 0).summary();
    assert_eq!(summary.english_name, "CHAN S. M.");
    assert_eq!(summary.chinese_name.as_deref(), Some("陳＊＊"));
    assert_eq!(summary.document, "Y654***(7)");
    assert!(summary.has_sdm);
}

#[test]
fn search_by_name_or_whole_or_masked_number() {
    let child = record(&sample_patient_form(), 0);
    for query in [
        "",
        "chan",
        "siu ming chan",
        "CHAN  Siu",
        "小明",
        "Y654321(7)",
        "y6543217",
        "Y654***(7)",
    ] {
        assert!(child.matches(query), "{query:?} should find the child");
    }
    for query in ["wong", "Y654321(8)", "Y65", "Y654***(8)", "大文"] {
        assert!(!child.matches(query), "{query:?} should not find the child");
    }
}

#[test]
fn duplicates_by_document_or_by_name_and_birth_date() {
    let existing = record(&sample_patient_form(), 0);
    let same_document = sample_patient_form().validate(rules(), today()).unwrap();
    let codes = |issues: Vec<crate::issue::Issue>| -> Vec<ErrorCode> {
        issues.iter().map(|i| i.code).collect()
    };
    assert_eq!(
        codes(existing.duplicate_issues(&same_document)),
        [ErrorCode::DuplicateDocument]
    );
    let mut other_card = sample_patient_form();
    other_card.document_number = "K123456(0)".into();
    let twin = other_card.validate(rules(), today()).unwrap();
    let issues = existing.duplicate_issues(&twin);
    assert_eq!(codes(issues.clone()), [ErrorCode::DuplicateNameAndBirth]);
    assert!(!issues[0].is_error(), "a duplicate is a warning to confirm");
    assert_eq!(issues[0].params["document"], "Y654***(7)");
    other_card.date_of_birth = "2013-05-02".into();
    let stranger = other_card.validate(rules(), today()).unwrap();
    assert!(existing.duplicate_issues(&stranger).is_empty());
}

#[test]
fn a_registration_goes_back_to_its_form_unchanged() {
    let mut adult_unable = adult();
    adult_unable.consent.unable_to_consent = true;
    adult_unable.consent.sdm = sample_patient_form().consent.sdm;
    adult_unable.consent.sdm.relationship = "family_member".into();
    adult_unable.consent.sdm.higher_priority_unavailable = true;
    adult_unable.set_document(DocumentInput {
        document_type: "passport".into(),
        document_number: "E1234567".into(),
        issuing_country: "PHL".into(),
    });
    for form in [sample_patient_form(), adult(), adult_unable] {
        let registration = form.validate(rules(), today()).unwrap();
        let again = registration.to_form().validate(rules(), today()).unwrap();
        assert_eq!(again, registration);
    }
}

#[test]
fn full_width_input_is_stored_as_ascii() {
    let mut form = adult();
    form.document_type = "hkid".into();
    form.document_number = "Ａ１２３４５６（３）".into();
    form.mobile_phone = "６１２３４５６７".into();
    form.english_surname = "ＣＨＡＮ".into();
    let registration = form.validate(rules(), today()).unwrap();
    assert_eq!(registration.document.number.full(), "A123456(3)");
    assert_eq!(
        registration.mobile_phone.map(|p| p.to_string()),
        Some("+85261234567".to_owned())
    );
    assert_eq!(registration.english_surname.as_str(), "CHAN");
}

#[test]
fn the_mobile_field_needs_a_mobile_and_other_phones_any_line() {
    let mut form = adult();
    form.notification_channel = "sms".into();
    form.mobile_phone = "8210 8126".into();
    assert_eq!(
        problems(&form),
        [("mobilePhone".into(), ErrorCode::MobileNeeded)]
    );
    form.mobile_phone = "9123 4567".into();
    form.other_phone = "8210 8126".into();
    assert!(problems(&form).is_empty());
}

#[test]
fn text_that_cannot_be_seen_or_printed_is_refused_field_by_field() {
    let mut form = adult();
    form.address = "Flat A 😀, 2/F, 123 Nathan Road".into();
    form.chinese_name = "陳𠀀文".into();
    form.english_given_name = "Tai\u{0}Man".into();
    form.email = "chan\u{202E}@example.com".into();
    form.other_phone = "2123 CALL".into();
    assert_eq!(
        problems(&form),
        [
            ("englishGivenName".into(), ErrorCode::TextControlCharacter),
            ("chineseName".into(), ErrorCode::TextUnprintable),
            ("otherPhone".into(), ErrorCode::PhoneLetters),
            ("email".into(), ErrorCode::TextInvisibleCharacter),
            ("address".into(), ErrorCode::TextUnprintable),
        ]
    );
}

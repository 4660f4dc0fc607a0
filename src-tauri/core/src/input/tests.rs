//! The strict decoder against the cases issue 8 found: each one was accepted, or reported with its value,
//! before.

use serde_json::{Value, json};

use super::*;
use crate::application::sample::{application_form, submitted_application};
use crate::application::{ApplicationDraft, ApplicationForm, ApplicationId, Attachment};
use crate::limits::{HSLS_MAX, LIST_MAX_ITEMS, TEXT_MAX_CHARS};
use crate::patient::{PatientForm, PatientRegistration, sample_patient_form};

fn sample_json() -> Value {
    serde_json::to_value(application_form()).unwrap()
}

fn refused<T>(value: Value) -> (ErrorCode, String, Vec<(String, String)>)
where
    T: DeserializeOwned + Serialize + Bounded + std::fmt::Debug,
{
    let bytes = serde_json::to_vec(&value).unwrap();
    let issues = decode::<T>(&bytes).unwrap_err().0;
    assert_eq!(issues.len(), 1, "{issues:?}");
    let issue = issues.into_iter().next().unwrap();
    (
        issue.code,
        issue.field.unwrap_or_default(),
        issue.params.into_iter().collect(),
    )
}

fn form_refused(value: Value) -> (ErrorCode, String, Vec<(String, String)>) {
    refused::<ApplicationForm>(value)
}

#[test]
fn the_sample_decodes_as_it_was() {
    let bytes = serde_json::to_vec(&application_form()).unwrap();
    assert_eq!(
        decode::<ApplicationForm>(&bytes).unwrap(),
        application_form()
    );
    let bytes = serde_json::to_vec(&sample_patient_form()).unwrap();
    assert_eq!(
        decode::<PatientForm>(&bytes).unwrap(),
        sample_patient_form()
    );
    let bytes = serde_json::to_vec(&submitted_application()).unwrap();
    assert_eq!(
        decode::<ApplicationDraft>(&bytes).unwrap(),
        submitted_application()
    );
}

#[test]
fn an_incomplete_draft_still_decodes_with_defaults() {
    let form: ApplicationForm =
        decode(br#"{"hcpInformation": {"nameEn": "Harbour Clinic"}}"#).unwrap();
    assert_eq!(form.hcp_information.name_en, "Harbour Clinic");
    assert_eq!(form.hsls.len(), 1);
    assert!(decode::<ApplicationForm>(b"{}").is_ok());
}

#[test]
fn a_misspelled_key_is_refused_with_its_path() {
    let mut form = sample_json();
    form["hcpInformation"]["facs"] = json!("2123 4568");
    assert_eq!(
        form_refused(form),
        (
            ErrorCode::InputUnknownField,
            "hcpInformation.facs".into(),
            vec![("suggestion".into(), "fax".into())]
        )
    );
    let mut form = sample_json();
    form["hsls"][0]["adressLine2"] = json!("Sheung Wan");
    assert_eq!(
        form_refused(form).1,
        "hsls[0].adressLine2",
        "the key is named, where it is"
    );
}

#[test]
fn a_key_in_the_wrong_case_is_refused_not_taken_as_the_default() {
    // Before: `Included` was dropped and `included` defaulted to true — the HSL stored as included.
    let mut form = sample_json();
    let hsl = form["hsls"][1].as_object_mut().unwrap();
    hsl.remove("included");
    hsl.insert("Included".into(), json!(false));
    assert_eq!(
        form_refused(form),
        (
            ErrorCode::InputUnknownField,
            "hsls[1].Included".into(),
            vec![("suggestion".into(), "included".into())]
        )
    );
}

#[test]
fn a_key_that_is_personal_data_is_not_repeated() {
    let mut form = sample_json();
    form["userInformation"]["authorisedPerson"]["CHAN Tai Man"] = json!(true);
    form["userInformation"]["authorisedPerson"]["A1234563"] = json!(true);
    assert_eq!(
        form_refused(form),
        (
            ErrorCode::InputUnexpectedKey,
            "userInformation.authorisedPerson".into(),
            vec![]
        )
    );
    // A plain word that resembles no key (a name typed as a key) is not repeated either.
    let mut form = sample_json();
    form["hsls"][0]["SiuMing"] = json!(true);
    assert_eq!(
        form_refused(form),
        (ErrorCode::InputUnexpectedKey, "hsls[0]".into(), vec![])
    );
}

#[test]
fn an_array_in_place_of_an_object_is_refused() {
    // Before: the 13 strings were mapped to the 13 fields by position.
    let mut form = sample_json();
    let step: Vec<Value> = form["hcpInformation"]
        .as_object()
        .unwrap()
        .values()
        .cloned()
        .collect();
    form["hcpInformation"] = Value::Array(step);
    assert_eq!(
        form_refused(form),
        (ErrorCode::InputNotAnObject, "hcpInformation".into(), vec![])
    );
    let mut form = sample_json();
    form["hsls"][1] = json!(["Harbour Annex"]);
    assert_eq!(form_refused(form).1, "hsls[1]");
    // The whole form as its four steps in order: decoded by position before.
    let form = sample_json();
    let whole: Vec<Value> = ["hcpInformation", "userInformation", "hsls", "declarations"]
        .iter()
        .map(|step| form[*step].clone())
        .collect();
    assert_eq!(
        form_refused(Value::Array(whole)),
        (ErrorCode::InputNotAnObject, String::new(), vec![])
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(serde_json::to_vec(&application_form()).unwrap());
    assert_eq!(
        decode::<ApplicationForm>(&bytes).unwrap(),
        application_form()
    );
}

#[test]
fn syntax_errors_name_the_place_only() {
    let error = decode::<ApplicationForm>(b"{\n  \"hsls\": [,]\n}").unwrap_err();
    let issue = &error.0[0];
    assert_eq!(issue.code, ErrorCode::InputSyntax);
    assert_eq!(issue.params["line"], "2");
    assert_eq!(issue.params["column"], "12");
    let text = "{\"hcpInformation\": {\"nameEn\": \"CHAN Tai Man\" \"A123456(3)\"}}";
    let error = decode::<ApplicationForm>(text.as_bytes()).unwrap_err();
    assert_eq!(error.0[0].code, ErrorCode::InputSyntax);
    assert!(!format!("{error} {error:?}").contains("A123456"));
}

#[test]
fn wrong_types_say_what_was_expected_never_the_value() {
    // Before: `invalid type: integer `1234563`, expected a string`.
    let mut form = sample_json();
    form["userInformation"]["administrators"][0]["hkid"] = json!(1234563);
    let (code, field, params) = form_refused(form);
    assert_eq!(code, ErrorCode::InputWrongType);
    assert_eq!(field, "userInformation.administrators[0].hkid");
    assert_eq!(
        params,
        [
            ("expected".to_owned(), "string".to_owned()),
            ("given".to_owned(), "number".to_owned())
        ]
    );
    let mut form = sample_json();
    form["hsls"][0]["included"] = json!("CHAN Tai Man, expected a boolean");
    let (code, field, params) = form_refused(form);
    assert_eq!(
        (code, field.as_str()),
        (ErrorCode::InputWrongType, "hsls[0].included")
    );
    assert_eq!(params[0], ("expected".to_owned(), "boolean".to_owned()));
    assert_eq!(params[1], ("given".to_owned(), "string".to_owned()));
}

#[test]
fn a_newtype_is_decoded_only_through_its_own_rule() {
    // Before: ids and names were transparent strings, taken as they came.
    assert_eq!(
        serde_json::from_value::<ApplicationId>(json!("../../../etc"))
            .unwrap_err()
            .to_string(),
        "validation.id.format"
    );
    let mut draft = serde_json::to_value(submitted_application()).unwrap();
    draft["id"] = json!("not-a-uuid");
    assert_eq!(
        refused::<ApplicationDraft>(draft),
        (ErrorCode::IdFormat, "id".into(), vec![])
    );
    let mut record = serde_json::to_value(
        crate::patient::sample_patient_record()
            .unwrap()
            .registration,
    )
    .unwrap();
    record["englishSurname"] = json!("陳大文");
    let error = serde_json::from_value::<PatientRegistration>(record).unwrap_err();
    assert_eq!(error.to_string(), "validation.name.english_script");
}

#[test]
fn an_unknown_code_lists_the_allowed_ones() {
    let mut draft = serde_json::to_value(submitted_application()).unwrap();
    draft["status"] = json!("approved by CHAN Tai Man");
    let (code, field, params) = refused::<ApplicationDraft>(draft);
    assert_eq!(
        (code, field.as_str()),
        (ErrorCode::InputUnknownVariant, "status")
    );
    assert!(params[0].1.contains("draft, submitted"), "{params:?}");
    assert!(!params[0].1.contains("CHAN"));
}

#[test]
fn a_missing_required_key_is_named() {
    let mut draft = serde_json::to_value(submitted_application()).unwrap();
    draft.as_object_mut().unwrap().remove("createdAt");
    assert_eq!(
        refused::<ApplicationDraft>(draft),
        (ErrorCode::InputMissingField, "createdAt".into(), vec![])
    );
}

#[test]
fn a_file_larger_than_the_bound_is_refused_before_parsing() {
    // Before: a 50 MB field value was accepted (and stored).
    let mut form = application_form();
    form.hcp_information.name_en = "A".repeat(50 * 1024 * 1024);
    let bytes = serde_json::to_vec(&form).unwrap();
    let error = decode::<ApplicationForm>(&bytes).unwrap_err();
    assert_eq!(error.0[0].code, ErrorCode::InputTooLarge);
    assert_eq!(error.0[0].params["max"], JSON_MAX_BYTES.to_string());
}

#[test]
fn a_text_longer_than_the_bound_is_refused_with_its_path() {
    let mut form = sample_json();
    form["hsls"][0]["openingHours"] = json!("9-5 ".repeat(TEXT_MAX_CHARS));
    assert_eq!(
        form_refused(form),
        (
            ErrorCode::InputTextTooLong,
            "hsls[0].openingHours".into(),
            vec![("max".into(), TEXT_MAX_CHARS.to_string())]
        )
    );
    // Values decoded elsewhere (IPC) are held to the same bound.
    let mut form = application_form();
    form.hcp_information.name_en = "A".repeat(50 * 1024 * 1024);
    let error = within_bounds(&form).unwrap_err();
    assert_eq!(error.0[0].code, ErrorCode::InputTextTooLong);
    assert_eq!(error.0[0].field.as_deref(), Some("hcpInformation.nameEn"));
}

#[test]
fn lists_have_bounds() {
    // Before: 96,553 HSLs were accepted.
    let mut form = application_form();
    form.hsls = vec![form.hsls[0].clone(); 96_553];
    let error = within_bounds(&form).unwrap_err();
    assert_eq!(
        (
            error.0[0].code,
            error.0[0].field.as_deref(),
            error.0[0].params["max"].as_str()
        ),
        (ErrorCode::InputTooManyItems, Some("hsls"), "50")
    );
    let bytes = serde_json::to_vec(&form).unwrap();
    assert_eq!(
        decode::<ApplicationForm>(&bytes).unwrap_err().0[0].code,
        ErrorCode::InputTooLarge
    );
    form.hsls.truncate(HSLS_MAX + 1);
    let bytes = serde_json::to_vec(&form).unwrap();
    assert_eq!(
        decode::<ApplicationForm>(&bytes).unwrap_err().0[0].params["max"],
        HSLS_MAX.to_string()
    );
    form.hsls.truncate(HSLS_MAX);
    assert!(within_bounds(&form).is_ok());
    let mut patient = serde_json::to_value(sample_patient_form()).unwrap();
    patient["readFromCard"] = json!(vec!["sex"; LIST_MAX_ITEMS + 1]);
    assert_eq!(
        refused::<PatientForm>(patient).0,
        ErrorCode::InputTooManyItems
    );
    let documents = vec![submitted_application().documents[0].clone(); 21];
    assert_eq!(
        within_bounds::<Vec<Attachment>>(&documents).unwrap_err().0[0].params["max"],
        "20"
    );
}

#[test]
fn the_patient_form_refuses_unknown_keys_too() {
    // The document fields were `flatten`ed, which cannot refuse unknown keys.
    let mut patient = serde_json::to_value(sample_patient_form()).unwrap();
    patient["consent"]["sdm"]["documentNumbr"] = json!("A123456(3)");
    assert_eq!(
        refused::<PatientForm>(patient),
        (
            ErrorCode::InputUnknownField,
            "consent.sdm.documentNumbr".into(),
            vec![("suggestion".into(), "documentNumber".into())]
        )
    );
    let patient = serde_json::to_value(sample_patient_form()).unwrap();
    assert_eq!(
        patient["documentNumber"], "Y654321(7)",
        "the file's shape is kept"
    );
}

#[test]
fn messages_carry_codes_and_paths_only() {
    let mut form = sample_json();
    form["userInformation"]["administrators"][0]["phone"] = json!(91234567);
    let error = decode::<ApplicationForm>(&serde_json::to_vec(&form).unwrap()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "input.wrong_type at userInformation.administrators[0].phone"
    );
    assert!(!format!("{error:?}").contains("91234567"));
}

#[test]
fn a_short_or_mixed_array_for_an_object_is_refused_too() {
    let mut form = sample_json();
    form["hcpInformation"] = json!(["Harbour Clinic", "海港診所"]);
    let short = form_refused(form);
    let mut form = sample_json();
    form["hcpInformation"] = json!([1, true]);
    let mixed = form_refused(form);
    assert_eq!(
        (short.0, mixed.0),
        (ErrorCode::InputNotAnObject, ErrorCode::InputNotAnObject),
        "{short:?} {mixed:?}"
    );
}

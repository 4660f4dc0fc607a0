//! Strict input through the CLI's `--input` files, as a hostile but realistic user would try it (issue 8), and
//! the grep test: the suite's personal data fed through every failing input path never comes back out.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{ehr, json_of, stderr, stdout};
use ehr_core::application::sample::application_form;
use ehr_core::patient::sample_patient_form;
use serde_json::{Value, json};

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Self {
        Files {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn db(&self) -> String {
        self.dir
            .path()
            .join("clinic.sqlite3")
            .to_str()
            .unwrap()
            .to_owned()
    }

    fn create(&self, input: &Path, json: bool) -> Output {
        let db = self.db();
        let mut args = vec!["--db", db.as_str()];
        if json {
            args.push("--json");
        }
        args.extend(["applications", "create", "--input", input.to_str().unwrap()]);
        ehr(&args)
    }

    fn render(&self, form: &str, input: &Path, json: bool) -> Output {
        let out = self.dir.path().join("out.pdf");
        let mut args = Vec::new();
        if json {
            args.push("--json");
        }
        args.extend([
            "forms",
            "render",
            form,
            "--input",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        ehr(&args)
    }

    /// How many applications the database holds: a refused input must leave it as it was.
    fn stored(&self) -> usize {
        let listed = json_of(&ehr(&[
            "--db",
            &self.db(),
            "--json",
            "applications",
            "list",
        ]));
        listed.as_array().unwrap().len()
    }
}

fn application() -> Value {
    serde_json::to_value(application_form()).unwrap()
}

fn bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap()
}

/// The issue codes and fields `--json` printed for a refused input.
fn refusal(output: &Output) -> Vec<(String, String)> {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    json_of(output)["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["code"].as_str().unwrap().to_owned(),
                i["field"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn pair(code: &str, field: &str) -> Vec<(String, String)> {
    vec![(code.to_owned(), field.to_owned())]
}

#[test]
fn a_misspelled_key_is_refused_and_nothing_is_saved() {
    let files = Files::new();
    let mut form = application();
    form["hcpInformation"]["facs"] = json!("2123 4568");
    let input = files.write("facs.json", &bytes(&form));
    assert_eq!(
        refusal(&files.create(&input, true)),
        pair("input.unknown_field", "hcpInformation.facs")
    );
    let text = files.create(&input, false);
    assert_eq!(text.status.code(), Some(1));
    assert!(
        stderr(&text).contains("facs.json is not accepted as form data")
            && stderr(&text).contains("hcpInformation.facs: This key is not part of the form"),
        "{}",
        stderr(&text)
    );
    let mut form = application();
    form["hsls"][0]["adressLine2"] = json!("Sheung Wan");
    let input = files.write("adress.json", &bytes(&form));
    assert_eq!(
        refusal(&files.render("application", &input, true)),
        pair("input.unknown_field", "hsls[0].adressLine2")
    );
    assert_eq!(files.stored(), 0);
}

#[test]
fn a_key_in_the_wrong_case_does_not_store_the_location_as_included() {
    let files = Files::new();
    let mut form = application();
    let hsl = form["hsls"][1].as_object_mut().unwrap();
    hsl.remove("included");
    hsl.insert("Included".into(), json!(false));
    let input = files.write("case.json", &bytes(&form));
    assert_eq!(
        refusal(&files.create(&input, true)),
        pair("input.unknown_field", "hsls[1].Included")
    );
    assert_eq!(files.stored(), 0);
}

#[test]
fn an_array_in_place_of_an_object_is_refused() {
    let files = Files::new();
    let mut form = application();
    let fields: Vec<Value> = form["userInformation"]["authorisedPerson"]
        .as_object()
        .unwrap()
        .values()
        .cloned()
        .collect();
    form["userInformation"]["authorisedPerson"] = Value::Array(fields);
    let input = files.write("array.json", &bytes(&form));
    assert_eq!(
        refusal(&files.create(&input, true)),
        pair("input.not_an_object", "userInformation.authorisedPerson")
    );
    assert_eq!(files.stored(), 0);
}

#[test]
fn a_file_saved_by_windows_notepad_is_read() {
    let files = Files::new();
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(bytes(&application()));
    let input = files.write("notepad.json", &with_bom);
    let created = files.create(&input, true);
    assert_eq!(created.status.code(), Some(0), "{}", stderr(&created));
    assert_eq!(
        json_of(&created)["draft"]["form"]["hcpInformation"]["nameEn"],
        "Harbour Family Medical Centre"
    );
    let mut patient = b"\xEF\xBB\xBF".to_vec();
    patient.extend(serde_json::to_vec(&sample_patient_form()).unwrap());
    let input = files.write("patient.json", &patient);
    let rendered = files.render("patient-registration", &input, false);
    assert_eq!(rendered.status.code(), Some(0), "{}", stderr(&rendered));
}

#[test]
fn a_50_mb_value_is_refused_quickly_and_nothing_is_saved() {
    let files = Files::new();
    let mut form = application();
    form["hcpInformation"]["nameEn"] = json!("A".repeat(50 * 1024 * 1024));
    let input = files.write("huge.json", &bytes(&form));
    let started = std::time::Instant::now();
    assert_eq!(
        refusal(&files.create(&input, true)),
        pair("input.too_large", "")
    );
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    // Under the file's bound, the field's own bound.
    let mut form = application();
    form["hsls"][0]["openingHours"] = json!("Mon-Fri ".repeat(200));
    let input = files.write("long.json", &bytes(&form));
    assert_eq!(
        refusal(&files.create(&input, true)),
        pair("input.text_too_long", "hsls[0].openingHours")
    );
    assert_eq!(files.stored(), 0);
}

#[test]
fn a_form_with_96553_locations_is_refused() {
    let files = Files::new();
    let mut form = application();
    let one = form["hsls"][0].clone();
    form["hsls"] = Value::Array(vec![one.clone(); 96_553]);
    let input = files.write("many.json", &serde_json::to_vec(&form).unwrap());
    assert_eq!(
        refusal(&files.create(&input, true)),
        pair("input.too_large", "")
    );
    form["hsls"] = Value::Array(vec![one; 51]);
    let input = files.write("51.json", &serde_json::to_vec(&form).unwrap());
    let output = files.create(&input, true);
    assert_eq!(refusal(&output), pair("input.too_many_items", "hsls"));
    assert_eq!(json_of(&output)["issues"][0]["params"]["max"], "50");
    assert_eq!(files.stored(), 0);
}

#[test]
fn a_value_of_the_wrong_type_is_not_repeated() {
    // Before: `invalid type: integer `1234563`, expected a string at line 20 column 25`.
    let files = Files::new();
    let mut form = application();
    form["userInformation"]["administrators"][0]["hkid"] = json!(1234563);
    let input = files.write("type.json", &bytes(&form));
    let output = files.create(&input, false);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "userInformation.administrators[0].hkid: Wrong kind of value: a JSON string is expected here, not a number."
        ),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("1234563"), "{}", stderr(&output));
}

// The grep test.

/// The suite's personal data: every name, identity document number, date of birth, phone number, e-mail
/// address and postal address in the samples (core/src/application/sample.rs, core/src/patient/sample.rs).
fn personal_data() -> Vec<String> {
    let mut data = typed_personal_data();
    // The forms in which each is also written: an HKID without brackets, a phone number without its space.
    let compact: Vec<String> = data
        .iter()
        .map(|v| v.replace(['(', ')', ' '], ""))
        .collect();
    data.extend(compact);
    data.retain(|v| v.chars().count() >= 4);
    data.sort();
    data.dedup();
    data
}

/// The samples' personal data as typed.
fn typed_personal_data() -> Vec<String> {
    let form = application_form();
    let mut people = form.user_information.administrators.clone();
    people.push(form.user_information.authorised_person.clone());
    let mut data: Vec<String> = Vec::new();
    for person in &people {
        data.extend([
            person.name_en.clone(),
            person.name_zh.clone(),
            person.hkid.clone(),
            person.phone.clone(),
            person.email.clone(),
        ]);
    }
    let hcp = &form.hcp_information;
    data.extend([hcp.contact_name_en.clone(), hcp.contact_name_zh.clone()]);
    let patient = sample_patient_form();
    let sdm = &patient.consent.sdm;
    data.extend([
        patient.english_surname.clone() + " " + &patient.english_given_name,
        patient.english_given_name.clone(),
        patient.chinese_name.clone(),
        patient.document_number.clone(),
        patient.date_of_birth.clone(),
        patient.mobile_phone.clone(),
        patient.email.clone(),
        patient.address.clone(),
        sdm.english_name.clone(),
        sdm.chinese_name.clone(),
        sdm.document_number.clone(),
        sdm.phone.clone(),
    ]);
    data.sort();
    data.dedup();
    data
}

/// Every failing way a value can come in through a JSON file: in the wrong type, as an unknown key and its
/// value, in a syntax error, inside an array given for an object, over the bounds, and as a bad value.
fn failing_inputs(value: &str) -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let app = application();
    let patient = serde_json::to_value(sample_patient_form()).unwrap();
    let mut cases = Vec::new();
    let mut wrong_type = app.clone();
    wrong_type["hsls"][0]["included"] = json!(value);
    cases.push(("wrong type", "application", bytes(&wrong_type)));
    let mut number = app.clone();
    number["hcpInformation"]["phone"] = json!(value.replace(' ', "").parse::<u64>().unwrap_or(7));
    cases.push(("a number for a text", "application", bytes(&number)));
    let mut unknown = app.clone();
    unknown["hcpInformation"][value] = json!(value);
    cases.push(("unknown key", "application", bytes(&unknown)));
    let mut misspelled = patient.clone();
    misspelled["consent"]["sdm"]["englishNam"] = json!(value);
    cases.push(("misspelled key", "patient-registration", bytes(&misspelled)));
    let syntax = format!("{{\"hcpInformation\": {{\"nameEn\": \"{value}\" \"{value}\"}}}}");
    cases.push(("syntax error", "application", syntax.into_bytes()));
    let mut array = app.clone();
    array["userInformation"]["authorisedPerson"] =
        json!([value, value, value, value, value, value]);
    cases.push(("array for an object", "application", bytes(&array)));
    let mut long = app.clone();
    long["hsls"][0]["addressLine1"] = json!(format!("{value} ").repeat(300));
    cases.push(("text over the bound", "application", bytes(&long)));
    let mut huge = patient.clone();
    huge["address"] = json!(value.repeat(1 + 1024 * 1024 / value.len()));
    cases.push(("file over the bound", "patient-registration", bytes(&huge)));
    let mut bad = patient.clone();
    let field = if value.contains('-') && value.len() == 10 {
        "mobilePhone"
    } else {
        "dateOfBirth"
    };
    bad[field] = json!(value);
    cases.push(("bad value", "patient-registration", bytes(&bad)));
    let mut bad_document = patient;
    bad_document["documentType"] = json!(value);
    cases.push(("unknown code", "patient-registration", bytes(&bad_document)));
    cases
}

#[test]
fn personal_data_never_comes_back_in_an_error() {
    let english = include_str!("../../../ui/src/i18n/locales/en/errors.json");
    let data = personal_data();
    // A value that is the wording's own example (`A123456(3)`) cannot tell a leak; its compact form is checked.
    let needles: Vec<&String> = data
        .iter()
        .filter(|v| !english.contains(v.as_str()))
        .collect();
    assert!(needles.len() >= 20, "{needles:?}");
    let files = Files::new();
    let mut runs = 0;
    for (n, value) in typed_personal_data().iter().enumerate() {
        for (i, (case, form, input)) in failing_inputs(value).into_iter().enumerate() {
            let path = files.write(&format!("case-{n}-{i}.json"), &input);
            // Text (stderr) and JSON (stdout) in turn: every case meets both over the values.
            let mut outputs = vec![files.render(form, &path, (n + i) % 2 == 0)];
            // The database path, for the first few values (it opens the keyring and the database each time).
            if form == "application" && n < 3 {
                outputs.push(files.create(&path, false));
                outputs.push(files.create(&path, true));
            }
            for output in outputs {
                assert_ne!(
                    output.status.code(),
                    Some(0),
                    "{case} with {value} was accepted"
                );
                let printed = format!("{}\n{}", stdout(&output), stderr(&output));
                for needle in &needles {
                    assert!(
                        !printed.contains(needle.as_str()),
                        "{case}: {needle:?} came back:\n{printed}"
                    );
                }
                runs += 1;
            }
        }
    }
    // Command-line arguments that are not what they should be are not repeated either.
    for value in &needles {
        let output = ehr(&["--db", &files.db(), "applications", "show", value]);
        assert_ne!(output.status.code(), Some(0));
        assert!(
            !stderr(&output).contains(value.as_str()),
            "{}",
            stderr(&output)
        );
        runs += 1;
    }
    assert_eq!(files.stored(), 0);
    assert!(runs > 200, "{runs}");
}

//! The patient registration and consent form as a real PDF, read back with poppler's `pdftotext` and
//! `pdffonts` (poppler-utils must be installed; a missing tool fails the test, it never skips it).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use support::{PdfFile, assert_one_embedded_subset_font};

use ehr_core::application::Actor;
use ehr_core::patient::{ConsentRules, PatientRecord, sample_patient_record};
use ehr_core::ports::{PatientFormRenderer, PrintedBy};
use ehr_core::time::Timestamp;
use ehr_forms::PdfRenderer;

fn printed() -> PrintedBy {
    PrintedBy {
        actor: Actor {
            user: "nurse.lee".into(),
            workstation: "FRONT-DESK-2".into(),
        },
        at: Timestamp::from_millis(1_795_574_400_000),
    }
}

fn text_of(record: &PatientRecord, rules_version: &str) -> String {
    let rules = ConsentRules::embedded()
        .unwrap()
        .version(rules_version)
        .unwrap();
    let bytes = PdfRenderer::new()
        .unwrap()
        .render_patient_registration(record, rules, &printed())
        .unwrap();
    let pdf = PdfFile::write("patient.pdf", &bytes);
    assert_one_embedded_subset_font(&pdf);
    pdf.layout_text()
}

#[test]
fn the_childs_form_has_particulars_consent_sdm_and_who_printed_it() {
    let text = text_of(&sample_patient_record().unwrap(), "EHSO-2025");
    for expected in [
        "eHealth Registration and Consent Form",
        "醫健通登記及同意書",
        "陳小明",
        "Y654321(7)",
        "2013-05-01",
        "Siu Ming",
        "◆ Read from the identity card",
        "Electronic Health System Ordinance",
        "EHSO-2025",
        "Every participating healthcare provider may deposit",
        "This signed form",
        "Substitute decision maker",
        "代決人",
        "Parent",
        "(priority 1",
        "陳大文",
        "A123456(3)",
        "Signature of substitute decision maker",
        "Part E",
        "Declaration and signature",
        "decision maker named in Part D.",
        "Printed by 列印者: nurse.lee at 於 FRONT-DESK-2, 2026-11-25 10:40 (HKT)",
        "9123 4567",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // What is signed for and the signature share a page (pdftotext ends each page with a form feed).
    let page = |needle: &str| text.split('\u{c}').position(|p| p.contains(needle));
    assert_eq!(
        page("Declaration and signature"),
        page("Signature of substitute decision maker")
    );
    assert_eq!(page("Declaration and signature"), page("Printed by"));
}

#[test]
fn an_adult_signs_alone_and_older_consent_prints_under_its_own_rules() {
    let mut record = sample_patient_record().unwrap();
    record.registration.consent.sdm = None;
    record.registration.read_from_card.clear();
    let text = text_of(&record, "eHRSSO-2016");
    assert!(text.contains("Signature of patient"));
    assert!(text.contains("Part D") && text.contains("I give the consents marked in Part C."));
    assert!(text.contains("Electronic Health Record Sharing System Ordinance"));
    assert!(text.contains("may access my eHealth record and deposit records"));
    for absent in ["Substitute decision maker", "Part E", "代決人", "◆"] {
        assert!(!text.contains(absent), "{absent:?} should not be printed");
    }
}

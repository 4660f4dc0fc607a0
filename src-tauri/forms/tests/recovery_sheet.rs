//! The recovery key sheet: the key whole and readable (as poppler extracts it), the office's name, the
//! instructions in both languages, in the bundled face only. `EHR_KEEP_PDF=DIR` keeps it to look at.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use support::{PdfFile, assert_one_embedded_subset_font};

use ehr_core::auth::{Office, OfficeKind, RecoveryKey};
use ehr_core::time::Timestamp;
use ehr_forms::PdfRenderer;

#[test]
fn the_sheet_carries_the_whole_key_and_what_it_is_for() {
    let key = RecoveryKey::parse("7KQ2-M9XD-4HTW-B1C8-ZP3N-R6VE-Y0JF-2SAG").unwrap();
    let office = Office {
        kind: OfficeKind::Clinic,
        name: "Harbour View Clinic 海景診所".into(),
        set_up_at: Timestamp::from_millis(1_780_000_000_000),
    };
    let bytes = PdfRenderer::new()
        .unwrap()
        .render_recovery_sheet(&office, &key, office.set_up_at)
        .unwrap();
    let pdf = PdfFile::write("recovery.pdf", &bytes);
    assert_one_embedded_subset_font(&pdf);
    let text = pdf.layout_text();
    assert!(text.contains(key.expose()), "the key reads whole: {text}");
    assert!(text.contains("Harbour View Clinic 海景診所"));
    assert!(text.contains("eHR Desk recovery key") && text.contains("復原密鑰"));
    assert!(text.contains("ehr recover"));
    assert_eq!(pdf.page_count(), 1, "one page");
}

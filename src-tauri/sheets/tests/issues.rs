//! Every error as the issue the UI and the CLI word: a code both catalogues have, and exactly the
//! parameters their wording uses.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use std::collections::{BTreeMap, BTreeSet};

use ehr_core::ErrorCode;
use ehr_sheets::{SHEET_BYTES_MAX, SheetError, XLSX_UNPACKED_BYTES_MAX};

const ENGLISH: &str = include_str!("../../../ui/src/i18n/locales/en/errors.json");
const CHINESE: &str = include_str!("../../../ui/src/i18n/locales/zh-HK/errors.json");

fn every_error() -> Vec<SheetError> {
    vec![
        SheetError::TooLarge {
            limit: SHEET_BYTES_MAX,
        },
        SheetError::TooManyRows {
            line: 50_002,
            limit: 50_000,
        },
        SheetError::TooManyColumns { line: 3, limit: 64 },
        SheetError::CellTooLong {
            line: 4,
            column: 2,
            limit: 1_000,
        },
        SheetError::EncodingUnknown,
        SheetError::Utf16Unsupported,
        SheetError::KindUnsupported,
        SheetError::XlsxUnreadable(None),
        SheetError::XlsxTooLarge {
            limit: XLSX_UNPACKED_BYTES_MAX,
        },
        SheetError::CsvMalformed { line: 7 },
        SheetError::Empty,
    ]
}

/// The `{{name}}` placeholders of a wording.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|part| part.split_once("}}").map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn every_error_is_worded_in_both_languages_with_its_parameters() {
    for catalogue in [ENGLISH, CHINESE] {
        let catalogue: BTreeMap<String, String> = serde_json::from_str(catalogue).unwrap();
        for error in every_error() {
            let issue = error.issue();
            let wording = catalogue
                .get(issue.code.code())
                .unwrap_or_else(|| panic!("{} is not worded", issue.code));
            let params: BTreeSet<String> = issue.params.keys().cloned().collect();
            assert_eq!(placeholders(wording), params, "{}", issue.code);
        }
    }
}

#[test]
fn each_error_has_its_own_code_and_sizes_are_in_mb() {
    let codes: BTreeSet<ErrorCode> = every_error().iter().map(SheetError::code).collect();
    assert_eq!(codes.len(), every_error().len());
    assert!(codes.iter().all(|code| code.code().starts_with("import.")));
    let issue = SheetError::TooLarge {
        limit: SHEET_BYTES_MAX,
    }
    .issue();
    assert_eq!(issue.params["limit"], "20");
    let issue = SheetError::CellTooLong {
        line: 4,
        column: 2,
        limit: 1_000,
    }
    .issue();
    assert_eq!(issue.code, ErrorCode::ImportCellTooLong);
    assert_eq!(
        (
            issue.params["line"].as_str(),
            issue.params["column"].as_str(),
            issue.params["limit"].as_str()
        ),
        ("4", "2", "1000")
    );
}

//! The staff import's files: mutated CSV (UTF-8 with a BOM, and Big5) and mutated XLSX must each give rows
//! or a worded refusal, never a panic; rows then go through the core's checks, whose every problem names a
//! line of the file and carries no cell's content.

use std::sync::LazyLock;

use ehr_core::ErrorCode;
use ehr_core::application::sample::application_form;
use ehr_core::ports::{Clock, SystemClock};
use ehr_core::staff::sample::sample_rows;
use ehr_core::staff::{
    CheckedImport, HcpContext, ImportRow, StaffColumn, check_rows, hsl_names_of,
};
use ehr_sheets::{SheetKind, read_sheet, write_csv};
use proptest::prelude::*;

use crate::budget::fuzz;
use crate::bytes::{apply, mutations};
use crate::regressions;

fn hsl_names() -> Vec<String> {
    hsl_names_of(&application_form().hsls)
}

static TABLE: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| sample_rows(12, &hsl_names(), SystemClock.now().hong_kong_date()));

static CSV: LazyLock<Vec<u8>> = LazyLock::new(|| write_csv(&TABLE).unwrap());

static BIG5: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let text = std::str::from_utf8(&CSV[3..]).unwrap();
    encoding_rs::BIG5.encode(text).0.into_owned()
});

static XLSX: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in TABLE.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet
                .write_string(u32::try_from(r).unwrap(), u16::try_from(c).unwrap(), cell)
                .unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
});

/// The columns that hold a person's data. The others hold codes of closed lists (a profession, a register
/// part), the HCP's own HSL names or a date, which a problem may name: "Part I is not of physiotherapist".
const PERSONAL: [StaffColumn; 6] = [
    StaffColumn::NameEn,
    StaffColumn::NameZh,
    StaffColumn::Hkid,
    StaffColumn::Phone,
    StaffColumn::Email,
    StaffColumn::RegistrationNumber,
];

/// Where the template (and so the sample) has `column`.
fn position(column: StaffColumn) -> usize {
    StaffColumn::ALL
        .iter()
        .position(|&c| c == column)
        .expect("the template lists every column")
}

/// The sample's personal cell values long enough not to turn up by chance (names, HKIDs, e-mail addresses).
fn cell_values() -> Vec<String> {
    let positions: Vec<usize> = PERSONAL.iter().map(|&c| position(c)).collect();
    TABLE
        .iter()
        .skip(1)
        .flat_map(|row| positions.iter().filter_map(|&i| row.get(i)))
        .filter(|c| c.chars().count() >= 8)
        .cloned()
        .collect()
}

fn check(rows: &[ImportRow]) -> CheckedImport {
    let names = hsl_names();
    let context = HcpContext {
        hsl_names: &names,
        today: SystemClock.now().hong_kong_date(),
    };
    check_rows(rows, context, &[])
}

/// Reads `bytes`; on rows, checks them; fails on a problem that names no line of the file or echoes a cell.
fn judge(bytes: &[u8], kind: SheetKind) -> Result<(), TestCaseError> {
    let values = cell_values();
    match read_sheet(bytes, kind) {
        Err(error) => {
            let shown = format!("{error} {error:?} {:?}", error.issue());
            prop_assert!(
                error.issue().code.code().starts_with("import."),
                "{:?}",
                error.issue().code
            );
            if let Some(leak) = values.iter().find(|v| shown.contains(v.as_str())) {
                return Err(TestCaseError::fail(format!(
                    "the refusal shows a cell: {leak}"
                )));
            }
        }
        Ok(sheet) => {
            let last = sheet.rows.last().map_or(0, |r| r.line);
            let rows: Vec<ImportRow> = sheet
                .rows
                .into_iter()
                .map(|r| ImportRow {
                    line: r.line,
                    cells: r.cells,
                })
                .collect();
            for problem in check(&rows).preview.problems() {
                prop_assert!(problem.line >= 1 && problem.line <= last.max(1));
                let params = format!("{:?}", problem.params);
                if let Some(leak) = values.iter().find(|v| params.contains(v.as_str())) {
                    return Err(TestCaseError::fail(format!(
                        "a problem shows a cell: {leak}"
                    )));
                }
            }
        }
    }
    Ok(())
}

/// The case a CI run's fuzzing found: an `i` typed into a physiotherapist's empty register part. Its problem
/// names the profession's code, which is no one's data, and is not a leak.
#[test]
fn a_problem_may_name_a_code_of_a_closed_list() {
    let mut table = TABLE.clone();
    let row = table
        .iter_mut()
        .skip(1)
        .find(|row| row[position(StaffColumn::Profession)] == "physiotherapist")
        .expect("the sample has a physiotherapist");
    row[position(StaffColumn::RegisterPart)] = "i".to_owned();
    let csv = write_csv(&table).unwrap();
    let rows: Vec<ImportRow> = read_sheet(&csv, SheetKind::Csv)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| ImportRow {
            line: r.line,
            cells: r.cells,
        })
        .collect();
    let problem = check(&rows)
        .preview
        .problems()
        .find(|p| p.code == ErrorCode::StaffRegisterPartNotOfGroup)
        .cloned()
        .expect("Part I is refused for a physiotherapist");
    assert_eq!(problem.params["profession"], "physiotherapist");
    judge(&csv, SheetKind::Csv).unwrap();
}

#[test]
fn mutated_csv_files_give_rows_or_a_worded_refusal() {
    fuzz(
        regressions!("sheets-csv"),
        (any::<bool>(), mutations(8)),
        |(big5, mutations)| {
            let original = if big5 { BIG5.clone() } else { CSV.clone() };
            judge(&apply(original, &mutations), SheetKind::Csv)
        },
    );
}

#[test]
fn mutated_xlsx_files_give_rows_or_a_worded_refusal() {
    fuzz(regressions!("sheets-xlsx"), mutations(6), |mutations| {
        judge(&apply(XLSX.clone(), &mutations), SheetKind::Xlsx)
    });
}

#[test]
fn arbitrary_bytes_give_rows_or_a_worded_refusal() {
    fuzz(
        regressions!("sheets-arbitrary"),
        (
            proptest::collection::vec(any::<u8>(), 0..2_000),
            any::<bool>(),
        ),
        |(bytes, xlsx)| {
            judge(
                &bytes,
                if xlsx {
                    SheetKind::Xlsx
                } else {
                    SheetKind::Csv
                },
            )
        },
    );
}

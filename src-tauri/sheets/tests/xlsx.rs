//! XLSX workbooks made here with rust_xlsxwriter, as Excel would save them: every cell comes back as the
//! text a person sees, on the line (row) the person sees it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use std::io::{Cursor, Write};

use ehr_sheets::{SheetError, SheetKind, SourceEncoding, read_sheet};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use support::{lines, read_file};

fn header(sheet: &mut rust_xlsxwriter::Worksheet, row: u32, cells: &[&str]) {
    for (column, cell) in cells.iter().enumerate() {
        sheet.write_string(row, column as u16, *cell).unwrap();
    }
}

#[test]
fn strings_numbers_dates_booleans_and_empty_cells_come_back_as_text() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    header(
        sheet,
        0,
        &[
            "Name",
            "姓名",
            "Phone",
            "Valid until",
            "Note",
            "Active",
            "Ratio",
        ],
    );
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_string(1, 0, "Chan Tai Man").unwrap();
    sheet.write_string(1, 1, "陳大文").unwrap();
    // A phone number typed as a number.
    sheet.write_number(1, 2, 91234567.0).unwrap();
    sheet
        .write_datetime_with_format(1, 3, ExcelDateTime::from_ymd(2026, 12, 31).unwrap(), &date)
        .unwrap();
    // Column 4 (Note) left empty.
    sheet.write_boolean(1, 5, true).unwrap();
    sheet.write_number(1, 6, 1.5).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let sheet = read_file("staff.xlsx", &bytes).unwrap();
    assert_eq!(sheet.encoding, SourceEncoding::Xlsx);
    assert_eq!(
        lines(&sheet),
        [
            (
                1,
                vec![
                    "Name",
                    "姓名",
                    "Phone",
                    "Valid until",
                    "Note",
                    "Active",
                    "Ratio"
                ]
            ),
            (
                2,
                vec![
                    "Chan Tai Man",
                    "陳大文",
                    "91234567",
                    "2026-12-31",
                    "",
                    "TRUE",
                    "1.5"
                ]
            ),
        ]
    );
}

#[test]
fn a_date_with_a_time_of_day_keeps_the_time() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    header(sheet, 0, &["When"]);
    let format = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let moment = ExcelDateTime::from_ymd(2027, 1, 2)
        .unwrap()
        .and_hms(9, 30, 0)
        .unwrap();
    sheet
        .write_datetime_with_format(1, 0, moment, &format)
        .unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let sheet = read_file("staff.xlsx", &bytes).unwrap();
    assert_eq!(sheet.rows[1].cells, ["2027-01-02T09:30:00"]);
}

#[test]
fn lines_are_the_sheet_rows_and_blank_rows_are_skipped() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    // Rows 1 and 2 unused; the header on row 3, a row of spaces on row 5, a data row on row 6.
    header(sheet, 2, &["Name", "Phone"]);
    header(sheet, 3, &["Chan", "91234567"]);
    header(sheet, 4, &["  ", " "]);
    header(sheet, 5, &["Lee", ""]);
    let bytes = workbook.save_to_buffer().unwrap();
    let sheet = read_file("staff.xlsx", &bytes).unwrap();
    assert_eq!(
        lines(&sheet),
        [
            (3, vec!["Name", "Phone"]),
            (4, vec!["Chan", "91234567"]),
            // Every row as wide as the sheet: an empty cell at the end is not a missing column.
            (6, vec!["Lee", ""]),
        ]
    );
}

#[test]
fn the_first_visible_worksheet_is_read() {
    let mut workbook = Workbook::new();
    let hidden = workbook.add_worksheet();
    header(hidden, 0, &["Lists"]);
    hidden.set_hidden(true);
    let staff = workbook.add_worksheet();
    header(staff, 0, &["Staff"]);
    // Excel cannot hide the active sheet: the staff sheet is the one open.
    staff.set_active(true);
    let other = workbook.add_worksheet();
    header(other, 0, &["Other"]);
    let bytes = workbook.save_to_buffer().unwrap();
    let sheet = read_file("staff.xlsx", &bytes).unwrap();
    assert_eq!(lines(&sheet), [(1, vec!["Staff"])]);
}

#[test]
fn a_workbook_named_csv_is_still_read_as_a_workbook() {
    let mut workbook = Workbook::new();
    header(workbook.add_worksheet(), 0, &["Name"]);
    let bytes = workbook.save_to_buffer().unwrap();
    let sheet = read_file("staff.csv", &bytes).unwrap();
    assert_eq!(sheet.encoding, SourceEncoding::Xlsx);
    // And read_sheet itself sniffs, whatever kind it is told.
    let sheet = read_sheet(&bytes, SheetKind::Csv).unwrap();
    assert_eq!(lines(&sheet), [(1, vec!["Name"])]);
}

#[test]
fn an_empty_workbook_has_no_header_row() {
    let mut workbook = Workbook::new();
    workbook.add_worksheet();
    let bytes = workbook.save_to_buffer().unwrap();
    assert!(matches!(
        read_file("staff.xlsx", &bytes),
        Err(SheetError::Empty)
    ));
}

/// A zip archive of the given members, stored or deflated.
fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in members {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_zip_that_is_not_a_workbook_is_refused_without_calamines_words() {
    let bytes = zip_of(&[("hello.txt", b"not a workbook")]);
    let error = read_file("staff.xlsx", &bytes).unwrap_err();
    assert!(matches!(error, SheetError::XlsxUnreadable(_)));
    assert_eq!(error.to_string(), "the workbook cannot be read");
    // calamine's own account stays the source, for a developer.
    assert!(std::error::Error::source(&error).is_some());
}

#[test]
fn a_truncated_or_damaged_workbook_is_refused() {
    let mut workbook = Workbook::new();
    header(workbook.add_worksheet(), 0, &["Name", "Phone"]);
    let bytes = workbook.save_to_buffer().unwrap();
    let truncated = &bytes[..bytes.len() / 2];
    assert!(matches!(
        read_file("staff.xlsx", truncated),
        Err(SheetError::XlsxUnreadable(_))
    ));
    // Named .xlsx but not a zip at all.
    assert!(matches!(
        read_file("staff.xlsx", b"Name,Phone\n"),
        Err(SheetError::XlsxUnreadable(_))
    ));
}

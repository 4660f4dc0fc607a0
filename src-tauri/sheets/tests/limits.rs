//! Every bound, just inside and just past it, on real files: the bytes before decoding, the rows, the
//! columns, a cell's characters, and what an XLSX workbook may unpack to.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use std::io::{Cursor, Write};

use ehr_sheets::{
    CELL_CHARS_MAX, SHEET_BYTES_MAX, SHEET_COLUMNS_MAX, SHEET_ROWS_MAX, SheetError, SheetKind,
    XLSX_UNPACKED_BYTES_MAX, read_sheet,
};
use rust_xlsxwriter::Workbook;
use support::read_file;

#[test]
fn the_byte_size_is_checked_before_decoding() {
    // Bytes that decode as nothing: past the limit the size is what is reported, at it the encoding.
    let over = vec![0xFF; SHEET_BYTES_MAX + 1];
    assert!(matches!(
        read_file("staff.csv", &over),
        Err(SheetError::TooLarge {
            limit: SHEET_BYTES_MAX
        })
    ));
    assert!(matches!(
        read_sheet(&over, SheetKind::Xlsx),
        Err(SheetError::TooLarge { .. })
    ));
    let at = vec![0xFF; SHEET_BYTES_MAX];
    assert!(matches!(
        read_file("staff.csv", &at),
        Err(SheetError::EncodingUnknown)
    ));
}

fn csv_with_rows(rows: usize) -> Vec<u8> {
    let mut text = String::from("Name,Phone\r\n");
    for index in 0..rows {
        text.push_str(&format!("Staff {index},9{index:07}\r\n"));
    }
    text.into_bytes()
}

#[test]
fn rows_below_the_header_are_bounded() {
    let sheet = read_file("staff.csv", &csv_with_rows(SHEET_ROWS_MAX)).unwrap();
    assert_eq!(sheet.rows.len(), SHEET_ROWS_MAX + 1);
    let line = SHEET_ROWS_MAX as u32 + 2;
    assert!(matches!(
        read_file("staff.csv", &csv_with_rows(SHEET_ROWS_MAX + 1)),
        Err(SheetError::TooManyRows { line: l, limit: SHEET_ROWS_MAX }) if l == line
    ));
}

#[test]
fn blank_rows_do_not_count_towards_the_row_limit() {
    let mut bytes = csv_with_rows(SHEET_ROWS_MAX);
    bytes.extend_from_slice(&b",\r\n".repeat(100));
    assert!(read_file("staff.csv", &bytes).is_ok());
}

fn row_of(cells: usize) -> String {
    (1..=cells)
        .map(|n| format!("c{n}"))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn columns_are_bounded_and_blank_cells_past_the_last_do_not_count() {
    let at = format!("{}\n{}\n", row_of(SHEET_COLUMNS_MAX), row_of(2));
    assert_eq!(
        read_file("staff.csv", at.as_bytes()).unwrap().rows[0]
            .cells
            .len(),
        SHEET_COLUMNS_MAX
    );
    let over = format!("{}\n{}\n", row_of(2), row_of(SHEET_COLUMNS_MAX + 1));
    assert!(matches!(
        read_file("staff.csv", over.as_bytes()),
        Err(SheetError::TooManyColumns {
            line: 2,
            limit: SHEET_COLUMNS_MAX
        })
    ));
    // A row Excel saved with the empty columns of a formatted range after it.
    let trailing = format!("{}{}\n", row_of(3), ",".repeat(100));
    let sheet = read_file("staff.csv", trailing.as_bytes()).unwrap();
    assert_eq!(sheet.rows[0].cells.len(), SHEET_COLUMNS_MAX);
    assert_eq!(sheet.rows[0].cells[..3], ["c1", "c2", "c3"]);
}

#[test]
fn a_cell_is_bounded_in_characters_not_bytes_after_trimming() {
    // Chinese characters are three bytes each in UTF-8: the limit counts them once.
    let at = format!("Name,Note\n  x , {}  \n", "陳".repeat(CELL_CHARS_MAX));
    let sheet = read_file("staff.csv", at.as_bytes()).unwrap();
    assert_eq!(sheet.rows[1].cells[1].chars().count(), CELL_CHARS_MAX);
    let over = format!("Name,Note\nx,y\nx,{}\n", "陳".repeat(CELL_CHARS_MAX + 1));
    assert!(matches!(
        read_file("staff.csv", over.as_bytes()),
        Err(SheetError::CellTooLong {
            line: 3,
            column: 2,
            limit: CELL_CHARS_MAX
        })
    ));
}

#[test]
fn an_xlsx_is_bounded_in_rows_columns_and_cells() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for row in 0..=SHEET_ROWS_MAX as u32 + 1 {
        sheet.write_string(row, 0, "x").unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    assert!(matches!(
        read_file("staff.xlsx", &bytes),
        Err(SheetError::TooManyRows { line, limit: SHEET_ROWS_MAX }) if line == SHEET_ROWS_MAX as u32 + 2
    ));

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Name").unwrap();
    sheet
        .write_string(1, SHEET_COLUMNS_MAX as u16 - 1, "last")
        .unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    assert_eq!(
        read_file("staff.xlsx", &bytes).unwrap().rows[0].cells.len(),
        SHEET_COLUMNS_MAX
    );
    workbook
        .worksheet_from_index(0)
        .unwrap()
        .write_string(2, SHEET_COLUMNS_MAX as u16, "one too far")
        .unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    assert!(matches!(
        read_file("staff.xlsx", &bytes),
        Err(SheetError::TooManyColumns {
            line: 3,
            limit: SHEET_COLUMNS_MAX
        })
    ));

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Name").unwrap();
    sheet.write_string(0, 1, "Note").unwrap();
    sheet
        .write_string(1, 1, "x".repeat(CELL_CHARS_MAX + 1))
        .unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    assert!(matches!(
        read_file("staff.xlsx", &bytes),
        Err(SheetError::CellTooLong {
            line: 2,
            column: 2,
            limit: CELL_CHARS_MAX
        })
    ));
}

#[test]
fn an_xlsx_with_cells_at_opposite_corners_is_refused_without_allocating_the_grid() {
    // A range read would allocate 2^20 × 2^14 cells; the stream stops at the second cell.
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Name").unwrap();
    sheet.write_string(1_048_575, 16_383, "far").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    assert!(matches!(
        read_file("staff.xlsx", &bytes),
        Err(SheetError::TooManyColumns {
            line: 1_048_576,
            ..
        })
    ));
}

/// Offsets of a zip's headers: `PK\x03\x04` (local) and `PK\x01\x02` (central directory).
fn offsets_of(bytes: &[u8], signature: &[u8; 4]) -> Vec<usize> {
    bytes
        .windows(4)
        .enumerate()
        .filter(|(_, window)| window == signature)
        .map(|(offset, _)| offset)
        .collect()
}

/// A real workbook whose `xl/sharedStrings.xml`-sized first member declares `declared` uncompressed bytes,
/// in its local header and its central directory entry, whatever it really holds.
fn with_declared_size(declared: u32) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file("padding.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    writer.write_all(&[b' '; 4096]).unwrap();
    let mut bytes = writer.finish().unwrap().into_inner();
    let local = offsets_of(&bytes, b"PK\x03\x04")[0];
    let central = offsets_of(&bytes, b"PK\x01\x02")[0];
    bytes[local + 22..local + 26].copy_from_slice(&declared.to_le_bytes());
    bytes[central + 24..central + 28].copy_from_slice(&declared.to_le_bytes());
    bytes
}

#[test]
fn an_xlsx_that_declares_more_than_it_may_unpack_to_is_refused_before_inflating() {
    let declared = u32::try_from(XLSX_UNPACKED_BYTES_MAX + 1).unwrap();
    assert!(matches!(
        read_file("staff.xlsx", &with_declared_size(declared)),
        Err(SheetError::XlsxTooLarge {
            limit: XLSX_UNPACKED_BYTES_MAX
        })
    ));
}

#[test]
fn an_xlsx_member_that_inflates_to_more_than_it_declares_is_refused() {
    assert!(matches!(
        read_file("staff.xlsx", &with_declared_size(10)),
        // Stopped one byte past its declared size, before calamine reads it.
        Err(SheetError::XlsxUnreadable(_))
    ));
}

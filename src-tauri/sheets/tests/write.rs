//! The CSV written for the template and the sample: what Excel on Windows needs, and what read_sheet reads
//! back unchanged.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use ehr_sheets::{SourceEncoding, write_csv};
use support::{UTF8_BOM, read_file};

fn rows() -> Vec<Vec<String>> {
    [
        vec!["English name", "中文姓名", "Phone", "Note"],
        vec!["CHAN, Tai Man", "陳大文", "+852 9123 4567", "says \"hi\""],
        vec!["LEE Siu Ming", "李小明", "91234567", "two\nlines"],
        vec!["WONG", "", "", "crlf\r\ninside"],
        vec!["short", "row"],
    ]
    .into_iter()
    .map(|row| row.into_iter().map(str::to_owned).collect())
    .collect()
}

#[test]
fn written_with_a_bom_crlf_and_quotes_only_where_needed() {
    let bytes = write_csv(&rows()).unwrap();
    assert!(bytes.starts_with(UTF8_BOM));
    let text = std::str::from_utf8(&bytes[UTF8_BOM.len()..]).unwrap();
    assert!(text.starts_with("English name,中文姓名,Phone,Note\r\n"));
    assert!(text.contains("\r\n\"CHAN, Tai Man\",陳大文,+852 9123 4567,\"says \"\"hi\"\"\"\r\n"));
    assert!(text.ends_with("\r\nshort,row\r\n"));
}

#[test]
fn what_is_written_reads_back_the_same() {
    let rows = rows();
    let bytes = write_csv(&rows).unwrap();
    let sheet = read_file("template.csv", &bytes).unwrap();
    assert_eq!(sheet.encoding, SourceEncoding::Utf8Bom);
    let cells: Vec<Vec<String>> = sheet.rows.iter().map(|row| row.cells.clone()).collect();
    assert_eq!(cells, rows);
    let line_numbers: Vec<u32> = sheet.rows.iter().map(|row| row.line).collect();
    // Rows 3 and 4 each hold a line break in a quoted field.
    assert_eq!(line_numbers, [1, 2, 3, 5, 7]);
}

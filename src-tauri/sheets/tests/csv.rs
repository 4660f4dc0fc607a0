//! CSV files as Excel, Numbers, LibreOffice and text editors save them: the encodings, the line ends, the
//! quoting, and the line each record starts on.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use ehr_sheets::{SheetError, SheetKind, SourceEncoding};
use support::{UTF8_BOM, lines, read_file};

#[test]
fn utf8_with_a_bom_and_crlf_reads_without_the_bom() {
    let mut bytes = UTF8_BOM.to_vec();
    bytes.extend_from_slice("Name,姓名,Phone\r\nChan Tai Man,陳大文,91234567\r\n".as_bytes());
    let sheet = read_file("staff.csv", &bytes).unwrap();
    assert_eq!(sheet.encoding, SourceEncoding::Utf8Bom);
    assert_eq!(
        lines(&sheet),
        [
            (1, vec!["Name", "姓名", "Phone"]),
            (2, vec!["Chan Tai Man", "陳大文", "91234567"]),
        ]
    );
}

#[test]
fn utf8_without_a_bom_and_lf_reads() {
    let bytes = "Name,姓名\nLee Siu Ming,李小明\nWong,黃\n".as_bytes();
    let sheet = read_file("staff.csv", bytes).unwrap();
    assert_eq!(sheet.encoding, SourceEncoding::Utf8);
    assert_eq!(
        lines(&sheet),
        [
            (1, vec!["Name", "姓名"]),
            (2, vec!["Lee Siu Ming", "李小明"]),
            (3, vec!["Wong", "黃"]),
        ]
    );
}

#[test]
fn big5_is_detected_and_converted() {
    let text = "英文姓名,中文姓名\r\nChan Tai Man,陳大文\r\nLee Siu Ming,李小明\r\n";
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(text);
    assert!(!unmappable);
    // Really Big5: these bytes are not UTF-8.
    assert!(std::str::from_utf8(&bytes).is_err());
    let sheet = read_file("staff.csv", &bytes).unwrap();
    assert_eq!(sheet.encoding, SourceEncoding::Big5);
    assert_eq!(
        lines(&sheet),
        [
            (1, vec!["英文姓名", "中文姓名"]),
            (2, vec!["Chan Tai Man", "陳大文"]),
            (3, vec!["Lee Siu Ming", "李小明"]),
        ]
    );
}

#[test]
fn a_file_neither_utf8_nor_big5_is_refused() {
    // 0x80 and 0xFF begin no character in either encoding.
    let bytes = b"Name,Phone\r\n\x80\xff\x80,91234567\r\n";
    assert!(matches!(
        read_file("staff.csv", bytes),
        Err(SheetError::EncodingUnknown)
    ));
    // A BOM that promises UTF-8 the rest does not keep is not tried as Big5.
    let mut promised = UTF8_BOM.to_vec();
    let (big5, _, _) = encoding_rs::BIG5.encode("姓名\r\n陳大文\r\n");
    promised.extend_from_slice(&big5);
    assert!(matches!(
        read_file("staff.csv", &promised),
        Err(SheetError::EncodingUnknown)
    ));
    // NUL bytes: UTF-16 without its BOM, or not text.
    let nul = b"N\0a\0m\0e\0\r\0\n\0";
    assert!(matches!(
        read_file("staff.csv", nul),
        Err(SheetError::EncodingUnknown)
    ));
}

#[test]
fn utf16_is_refused_with_its_own_code() {
    for big_endian in [false, true] {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in "Name,姓名\r\n".encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        assert!(matches!(
            read_file("staff.csv", &bytes),
            Err(SheetError::Utf16Unsupported)
        ));
    }
}

#[test]
fn quoted_fields_keep_commas_quotes_and_line_breaks() {
    let bytes = "Name,Note\r\n\
                 \"Chan, Tai Man\",\"line one\r\nline two\"\r\n\
                 Lee,\"say \"\"hi\"\"\"\r\n"
        .as_bytes();
    let sheet = read_file("staff.csv", bytes).unwrap();
    assert_eq!(
        lines(&sheet),
        [
            (1, vec!["Name", "Note"]),
            (2, vec!["Chan, Tai Man", "line one\r\nline two"]),
            // The record before spans lines 2 and 3.
            (4, vec!["Lee", "say \"hi\""]),
        ]
    );
}

#[test]
fn rows_shorter_or_longer_than_the_header_are_kept_as_they_are() {
    let bytes = b"A,B,C\nshort,row\nlong,row,with,four\nfull,row,here\n";
    let sheet = read_file("staff.csv", bytes).unwrap();
    assert_eq!(
        lines(&sheet),
        [
            (1, vec!["A", "B", "C"]),
            (2, vec!["short", "row"]),
            (3, vec!["long", "row", "with", "four"]),
            (4, vec!["full", "row", "here"]),
        ]
    );
}

#[test]
fn blank_rows_are_skipped_and_lines_stay_true() {
    // An empty line, a line of spaces around a comma, a line of commas only.
    let bytes = b"\nH1,H2\n\na,b\n  ,  \n,,\nc,d\n\n";
    let sheet = read_file("staff.csv", bytes).unwrap();
    assert_eq!(
        lines(&sheet),
        [
            (2, vec!["H1", "H2"]),
            (4, vec!["a", "b"]),
            (7, vec!["c", "d"]),
        ]
    );
}

#[test]
fn cells_are_trimmed_of_white_space_ascii_and_full_width() {
    let bytes = "Name,姓名\n  Chan Tai Man\t,\u{3000}陳大文\u{3000}\n\" quoted \",x\n".as_bytes();
    let sheet = read_file("staff.csv", bytes).unwrap();
    assert_eq!(
        lines(&sheet),
        [
            (1, vec!["Name", "姓名"]),
            (2, vec!["Chan Tai Man", "陳大文"]),
            (3, vec!["quoted", "x"]),
        ]
    );
}

#[test]
fn a_quote_left_open_is_refused_at_its_line() {
    // Without the check, line 3's open quote would swallow lines 4 and 5 into one cell.
    let bytes = b"Name,Phone\nChan,91234567\nLee,\"9876 5432\nWong,61234567\nHo,51234567\n";
    assert!(matches!(
        read_file("staff.csv", bytes),
        Err(SheetError::CsvMalformed { line: 3 })
    ));
    // A stray quote inside an unquoted field.
    let stray = b"Name,Phone\nChan,91234567\nLee,9876\"5432\n";
    assert!(matches!(
        read_file("staff.csv", stray),
        Err(SheetError::CsvMalformed { line: 3 })
    ));
}

#[test]
fn a_file_without_a_header_row_is_empty() {
    for bytes in [&b""[..], b"\r\n\r\n", b",,\r\n , \r\n", UTF8_BOM] {
        assert!(matches!(
            read_file("staff.csv", bytes),
            Err(SheetError::Empty)
        ));
    }
}

#[test]
fn the_kind_comes_from_the_extension_in_any_case() {
    assert_eq!(SheetKind::from_file_name("staff.CSV"), Some(SheetKind::Csv));
    assert_eq!(SheetKind::from_file_name("staff.txt"), Some(SheetKind::Csv));
    assert_eq!(
        SheetKind::from_file_name("Staff List.XlSx"),
        Some(SheetKind::Xlsx)
    );
    assert_eq!(SheetKind::from_file_name("staff.xls"), None);
    assert_eq!(SheetKind::from_file_name("staff.csv.pdf"), None);
    assert_eq!(SheetKind::from_file_name("csv"), None);
}

#[test]
fn an_old_xls_or_an_unknown_name_is_refused() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    assert!(matches!(
        read_file("staff.xls", &ole),
        Err(SheetError::KindUnsupported)
    ));
    // Even named .csv, an OLE file is not text.
    assert!(matches!(
        read_file("staff.csv", &ole),
        Err(SheetError::KindUnsupported)
    ));
    assert!(matches!(
        read_file("staff.pdf", b"Name\n"),
        Err(SheetError::KindUnsupported)
    ));
}

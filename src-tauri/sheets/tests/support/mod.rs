//! Files written to disk as a person would pick them, and read back as the app does: the kind from the
//! content and the name, then the rows.

// Test support: a panic is a failure with its location; not every test file uses every helper.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use ehr_sheets::{Sheet, SheetError, SheetKind, read_sheet};

/// Writes `bytes` as the file `name` in a fresh folder, reads it back and reads its rows.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<Sheet, SheetError> {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let read = std::fs::read(&path).unwrap();
    let kind = SheetKind::detect(name, &read)?;
    read_sheet(&read, kind)
}

/// Each row as its line and its cells, for short assertions.
pub fn lines(sheet: &Sheet) -> Vec<(u32, Vec<&str>)> {
    sheet
        .rows
        .iter()
        .map(|row| (row.line, row.cells.iter().map(String::as_str).collect()))
        .collect()
}

pub const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

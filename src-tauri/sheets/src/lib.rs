//! Spreadsheet files for the staff import, as rows of text. [`read_sheet`] turns the bytes of a CSV file
//! (UTF-8 with or without a BOM, or Big5-HKSCS, as Excel saves "CSV" on a Hong Kong Windows) or of an XLSX
//! workbook (its first worksheet) into rows of trimmed text cells, each row with the line of the file where
//! it starts, so a problem can be named by line and column. [`write_csv`] writes rows as a CSV that Excel
//! opens with its Chinese intact.
//!
//! This crate knows nothing of staff: which columns there are and what a cell may hold is the core's to
//! check. It only bounds the file (bytes, rows, columns, cell length) before doing the work, and refuses
//! what it cannot read with a typed [`SheetError`] that never carries a cell's content.

mod csv_rows;
mod decode;
mod error;
mod write;
mod xlsx_rows;

use serde::{Deserialize, Serialize};

pub use error::SheetError;
pub use write::write_csv;

// The bounds, kept with every other limit in the core (docs/limits.md).
pub use ehr_core::limits::{
    CELL_CHARS_MAX, SHEET_BYTES_MAX, SHEET_COLUMNS_MAX, SHEET_ROWS_MAX, XLSX_UNPACKED_BYTES_MAX,
};

/// The start of every zip archive, so of every XLSX workbook.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The start of an OLE compound file: an Excel 97–2003 `.xls` workbook.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The kinds of file read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    Csv,
    Xlsx,
}

impl SheetKind {
    /// The kind a file's name says, by its extension in any case (`.csv` or `.txt` for CSV, `.xlsx`).
    pub fn from_file_name(name: &str) -> Option<SheetKind> {
        let (_, extension) = name.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "csv" | "txt" => Some(SheetKind::Csv),
            "xlsx" => Some(SheetKind::Xlsx),
            _ => None,
        }
    }

    /// The kind of a file from its content first, then its name: a zip archive is an XLSX whatever it is
    /// called (a workbook renamed `.csv` still reads); an old `.xls` workbook, or a name that says neither,
    /// is refused.
    pub fn detect(name: &str, bytes: &[u8]) -> Result<SheetKind, SheetError> {
        if bytes.starts_with(ZIP_MAGIC) {
            return Ok(SheetKind::Xlsx);
        }
        if bytes.starts_with(OLE_MAGIC) {
            return Err(SheetError::KindUnsupported);
        }
        SheetKind::from_file_name(name).ok_or(SheetError::KindUnsupported)
    }
}

/// How the file's text was encoded, so the preview can say "Big5, converted".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    Big5,
    Xlsx,
}

/// One non-blank row: its cells, trimmed, and the line of the file where it starts (1-based; for an XLSX
/// workbook, the worksheet's row number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub line: u32,
    pub cells: Vec<String>,
}

/// A file's rows, the header first. A row keeps as many cells as the file gave it: a short row stays short,
/// for the core to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub encoding: SourceEncoding,
    pub rows: Vec<SheetRow>,
}

/// Reads a file's rows, refusing a file larger than [`SHEET_BYTES_MAX`] before anything else. A file that
/// is a zip archive is read as XLSX whatever `kind` says.
pub fn read_sheet(bytes: &[u8], kind: SheetKind) -> Result<Sheet, SheetError> {
    if bytes.len() > SHEET_BYTES_MAX {
        return Err(SheetError::TooLarge {
            limit: SHEET_BYTES_MAX,
        });
    }
    let sheet = if kind == SheetKind::Xlsx || bytes.starts_with(ZIP_MAGIC) {
        Sheet {
            encoding: SourceEncoding::Xlsx,
            rows: xlsx_rows::read(bytes)?,
        }
    } else {
        let (text, encoding) = decode::decode(bytes)?;
        Sheet {
            encoding,
            rows: csv_rows::read(&text)?,
        }
    };
    if sheet.rows.is_empty() {
        return Err(SheetError::Empty);
    }
    Ok(sheet)
}

/// Counts rows and checks each row's width and cells as they are read, so a file over a limit stops there.
struct Bounds {
    rows: usize,
}

impl Bounds {
    fn new() -> Self {
        Bounds { rows: 0 }
    }

    /// Trims a row's cells, drops the blank ones past the last filled one when there are more than
    /// [`SHEET_COLUMNS_MAX`], and answers `None` for a blank row.
    fn row(&mut self, line: u32, cells: Vec<String>) -> Result<Option<SheetRow>, SheetError> {
        let mut cells: Vec<String> = cells.into_iter().map(trimmed).collect();
        let filled = cells.iter().rposition(|cell| !cell.is_empty());
        let Some(last) = filled else {
            return Ok(None);
        };
        if last >= SHEET_COLUMNS_MAX {
            return Err(SheetError::TooManyColumns {
                line,
                limit: SHEET_COLUMNS_MAX,
            });
        }
        cells.truncate(SHEET_COLUMNS_MAX);
        check_cells(line, &cells)?;
        // The header is not one of the rows counted.
        if self.rows > SHEET_ROWS_MAX {
            return Err(SheetError::TooManyRows {
                line,
                limit: SHEET_ROWS_MAX,
            });
        }
        self.rows += 1;
        Ok(Some(SheetRow { line, cells }))
    }
}

fn check_cells(line: u32, cells: &[String]) -> Result<(), SheetError> {
    match cells
        .iter()
        .position(|cell| cell.chars().count() > CELL_CHARS_MAX)
    {
        Some(index) => Err(SheetError::CellTooLong {
            line,
            column: index + 1,
            limit: CELL_CHARS_MAX,
        }),
        None => Ok(()),
    }
}

/// A cell without the white space around it (Unicode's, so a full-width space typed with a Chinese input
/// method goes too), without copying when there is none.
fn trimmed(cell: String) -> String {
    let trimmed = cell.trim();
    if trimmed.len() == cell.len() {
        cell
    } else {
        trimmed.to_owned()
    }
}

//! The rows of an XLSX workbook's first worksheet, every cell as the text a person sees in it. The cells are
//! streamed (calamine's cell reader), not loaded as a range: a range is allocated from the sheet's extent,
//! so two cells at A1 and XFD1048576 would ask for billions. The workbook's members are inflated once first,
//! each to no more than it declares and all to no more than [`XLSX_UNPACKED_BYTES_MAX`].

use std::collections::BTreeMap;
use std::error::Error;
use std::io::{self, Cursor, Read};

use calamine::{DataRef, ExcelDateTime, Reader, SheetType, SheetVisible, Xlsx};
use zip::ZipArchive;

use crate::{
    Bounds, CELL_CHARS_MAX, SHEET_COLUMNS_MAX, SHEET_ROWS_MAX, SheetError, SheetRow,
    XLSX_UNPACKED_BYTES_MAX,
};

pub(crate) fn read(bytes: &[u8]) -> Result<Vec<SheetRow>, SheetError> {
    check_unpacked_size(bytes)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let name = first_worksheet(&workbook).ok_or(SheetError::XlsxUnreadable(None))?;
    let mut cells = workbook.worksheet_cells_reader(&name).map_err(unreadable)?;

    // Filled cells only, by row then column; `first` and `last` column over the whole sheet.
    let mut filled: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    let (mut first, mut last) = (u32::MAX, 0u32);
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let text = text_of(cell.get_value());
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        let line = row.saturating_add(1);
        (first, last) = (first.min(column), last.max(column));
        if (last - first) as usize >= SHEET_COLUMNS_MAX {
            return Err(SheetError::TooManyColumns {
                line,
                limit: SHEET_COLUMNS_MAX,
            });
        }
        if text.chars().count() > CELL_CHARS_MAX {
            return Err(SheetError::CellTooLong {
                line,
                // Counted from the sheet's first filled column, as the row's cells are.
                column: (column - first) as usize + 1,
                limit: CELL_CHARS_MAX,
            });
        }
        // The header and at most SHEET_ROWS_MAX rows below it.
        if !filled.contains_key(&row) && filled.len() > SHEET_ROWS_MAX {
            return Err(SheetError::TooManyRows {
                line,
                limit: SHEET_ROWS_MAX,
            });
        }
        filled
            .entry(row)
            .or_default()
            .push((column, text.to_owned()));
    }

    // A worksheet is a grid: every row as wide as the sheet, an empty cell an empty string.
    let width = if filled.is_empty() {
        0
    } else {
        (last - first) as usize + 1
    };
    let mut bounds = Bounds::new();
    let mut rows = Vec::with_capacity(filled.len());
    for (row, row_cells) in filled {
        let mut grid = vec![String::new(); width];
        for (column, text) in row_cells {
            if let Some(slot) = grid.get_mut((column - first) as usize) {
                *slot = text;
            }
        }
        if let Some(row) = bounds.row(row.saturating_add(1), grid)? {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// The first worksheet a person sees: the first visible one (a chart sheet is not a worksheet), or the
/// first worksheet when all are hidden.
fn first_worksheet<R: io::Read + io::Seek>(workbook: &Xlsx<R>) -> Option<String> {
    let sheets = workbook.sheets_metadata();
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    worksheets()
        .find(|s| s.visible == SheetVisible::Visible)
        .or_else(|| worksheets().next())
        .map(|s| s.name.clone())
}

/// A cell as text: strings as they are, whole numbers without `.0` (a phone number typed as a number reads
/// back as its digits), dates as ISO dates, booleans as Excel shows them, errors as their `#` codes.
fn text_of(value: &DataRef<'_>) -> String {
    match value {
        DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => {
            text.clone()
        }
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::Int(number) => number.to_string(),
        DataRef::Float(number) => number_text(*number),
        DataRef::Bool(true) => "TRUE".to_owned(),
        DataRef::Bool(false) => "FALSE".to_owned(),
        DataRef::DateTime(datetime) => datetime_text(datetime),
        DataRef::Error(error) => error.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// Whole numbers within f64's exact integers print as integers; others in the shortest form that reads back.
fn number_text(number: f64) -> String {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if number.fract() == 0.0 && number.abs() < EXACT {
        format!("{number:.0}")
    } else {
        number.to_string()
    }
}

/// A date cell as `YYYY-MM-DD`; with a time of day, `YYYY-MM-DDTHH:MM:SS`, so the core refuses it as a
/// date rather than the time being dropped unseen. A duration is its number of days.
fn datetime_text(datetime: &ExcelDateTime) -> String {
    if !datetime.is_datetime() {
        return number_text(datetime.as_f64());
    }
    let (year, month, day, hour, minute, second, milli) = datetime.to_ymd_hms_milli();
    if (hour, minute, second, milli) == (0, 0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
    }
}

/// Inflates every member once, through a `take` one byte past its declared size, before calamine reads
/// any: a member that declares more than is left of the budget, or inflates to other than it declares (zip
/// also stops one that runs past it), is refused — so the declared sizes are the true ones.
fn check_unpacked_size(bytes: &[u8]) -> Result<(), SheetError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut budget = XLSX_UNPACKED_BYTES_MAX;
    for index in 0..archive.len() {
        let member = archive.by_index(index).map_err(unreadable)?;
        let declared = member.size();
        budget = budget
            .checked_sub(declared)
            .ok_or(SheetError::XlsxTooLarge {
                limit: XLSX_UNPACKED_BYTES_MAX,
            })?;
        let inflated = io::copy(
            &mut member.take(declared.saturating_add(1)),
            &mut io::sink(),
        )
        .map_err(unreadable)?;
        if inflated != declared {
            return Err(SheetError::XlsxUnreadable(None));
        }
    }
    Ok(())
}

fn unreadable(error: impl Error + Send + Sync + 'static) -> SheetError {
    SheetError::XlsxUnreadable(Some(Box::new(error)))
}

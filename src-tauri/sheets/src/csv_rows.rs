//! The records of a CSV text, with the line each starts on. The `csv` crate reads RFC 4180 (quoted fields
//! with commas, doubled quotes and line breaks; CRLF or LF) and forgives what it does not expect: a quote
//! left open runs to the end of the file. So each record is also checked to hold an even number of quote
//! characters, as every well-formed record does, and a damaged file is refused at the line where the
//! damage starts instead of importing rows merged into one cell.
//!
//! Lines are counted here from each record's first byte: `csv`'s own line count leaves out the blank lines
//! it skips and the LF of each CRLF, so it is not the line a text editor shows.

use csv::{ReaderBuilder, StringRecord};

use crate::{Bounds, SheetError, SheetRow};

pub(crate) fn read(text: &str) -> Result<Vec<SheetRow>, SheetError> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        // A row with fewer or more cells than the header is kept as it is, for the core to report.
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut bounds = Bounds::new();
    let mut rows = Vec::new();
    let mut record = StringRecord::new();
    let mut lines = LineCounter::new(text.as_bytes());
    loop {
        let start = reader.position().clone();
        let more = reader.read_record(&mut record).map_err(|_| {
            // The errors `csv` gives (bad UTF-8, unequal lengths) cannot happen on a `str` read flexibly;
            // any other would be a damaged file all the same.
            SheetError::CsvMalformed {
                line: lines.line_at(byte_index(start.byte())),
            }
        })?;
        if !more {
            break;
        }
        // `csv` places a record at the end of what it read before it — the LF of a CRLF, or the blank lines
        // it skipped — so it starts at the first byte that is not a line break (no record begins with one).
        let from = byte_index(record.position().map_or(start.byte(), |p| p.byte()));
        let from = from
            + text
                .as_bytes()
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&byte| byte == b'\r' || byte == b'\n')
                .count();
        let line = lines.line_at(from);
        let to = byte_index(reader.position().byte());
        let raw = text.as_bytes().get(from..to).unwrap_or_default();
        if raw.iter().filter(|&&b| b == b'"').count() % 2 == 1 {
            return Err(SheetError::CsvMalformed { line });
        }
        let cells = record.iter().map(str::to_owned).collect();
        if let Some(row) = bounds.row(line, cells)? {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// The line of a byte offset, for offsets asked in increasing order: each line break (CRLF, LF, or a lone
/// CR as old Mac files have) counted once, each byte looked at once.
struct LineCounter<'a> {
    text: &'a [u8],
    counted_to: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            counted_to: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        if offset > self.counted_to {
            let span = &self.text[self.counted_to..offset];
            let breaks = span
                .iter()
                .enumerate()
                .filter(|&(index, &byte)| {
                    byte == b'\n'
                        || (byte == b'\r'
                            && self.text.get(self.counted_to + index + 1) != Some(&b'\n'))
                })
                .count();
            // Lines fit in u32: the file is at most SHEET_BYTES_MAX bytes.
            self.line = self
                .line
                .saturating_add(u32::try_from(breaks).unwrap_or(u32::MAX));
            self.counted_to = offset;
        }
        self.line
    }
}

fn byte_index(byte: u64) -> usize {
    usize::try_from(byte).unwrap_or(usize::MAX)
}

//! Rows as a CSV file that Excel on Windows opens as it was written: UTF-8 with a BOM (without one, Excel
//! reads the file in the ANSI code page and the Chinese headers turn to mojibake), CRLF line ends, a field
//! quoted only when it holds a comma, a quote or a line break.

use csv::{QuoteStyle, Terminator, WriterBuilder};

use crate::SheetError;

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

pub fn write_csv(rows: &[Vec<String>]) -> Result<Vec<u8>, SheetError> {
    let mut writer = WriterBuilder::new()
        .flexible(true)
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::Necessary)
        .from_writer(UTF8_BOM.to_vec());
    for row in rows {
        writer.write_record(row).map_err(SheetError::WriteFailed)?;
    }
    writer
        .into_inner()
        .map_err(|error| SheetError::WriteFailed(error.into_error().into()))
}

//! Why a file could not be read. The messages name limits and lines, never a cell's content (staff names,
//! HKIDs), and never a library's text: calamine's or zip's error is kept only as the source, for a developer.

use ehr_core::{ErrorCode, Issue};

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("more than {limit} rows below the header (line {line})")]
    TooManyRows { line: u32, limit: usize },
    #[error("more than {limit} columns on line {line}")]
    TooManyColumns { line: u32, limit: usize },
    #[error("a cell longer than {limit} characters on line {line}, column {column}")]
    CellTooLong {
        line: u32,
        column: usize,
        limit: usize,
    },
    #[error("the file is neither UTF-8 nor Big5 text")]
    EncodingUnknown,
    #[error("the file is UTF-16 text")]
    Utf16Unsupported,
    #[error("the file is not a CSV or an XLSX workbook")]
    KindUnsupported,
    #[error("the workbook cannot be read")]
    XlsxUnreadable(#[source] Option<Box<dyn std::error::Error + Send + Sync>>),
    #[error("the workbook unpacks to more than {limit} bytes")]
    XlsxTooLarge { limit: u64 },
    #[error("a quote is not closed in the record starting on line {line}")]
    CsvMalformed { line: u32 },
    #[error("the file has no header row")]
    Empty,
    #[error("the CSV could not be written")]
    WriteFailed(#[source] csv::Error),
}

impl SheetError {
    pub fn code(&self) -> ErrorCode {
        match self {
            SheetError::TooLarge { .. } => ErrorCode::ImportTooLarge,
            SheetError::TooManyRows { .. } => ErrorCode::ImportTooManyRows,
            SheetError::TooManyColumns { .. } => ErrorCode::ImportTooManyColumns,
            SheetError::CellTooLong { .. } => ErrorCode::ImportCellTooLong,
            SheetError::EncodingUnknown => ErrorCode::ImportEncodingUnknown,
            SheetError::Utf16Unsupported => ErrorCode::ImportUtf16Unsupported,
            SheetError::KindUnsupported => ErrorCode::ImportKindUnsupported,
            SheetError::XlsxUnreadable(_) => ErrorCode::ImportXlsxUnreadable,
            SheetError::XlsxTooLarge { .. } => ErrorCode::ImportXlsxTooLarge,
            SheetError::CsvMalformed { .. } => ErrorCode::ImportCsvMalformed,
            SheetError::Empty => ErrorCode::ImportEmpty,
            // Writing to memory cannot fail: a bug, not something a user can act on.
            SheetError::WriteFailed(_) => ErrorCode::Internal,
        }
    }

    /// The issue the UI and the CLI word, with its parameters: sizes in whole MB, lines and columns 1-based.
    pub fn issue(&self) -> Issue {
        let issue = Issue::new(self.code());
        match self {
            SheetError::TooLarge { limit } => issue.with("limit", mebibytes(*limit as u64)),
            SheetError::XlsxTooLarge { limit } => issue.with("limit", mebibytes(*limit)),
            SheetError::TooManyRows { line, limit }
            | SheetError::TooManyColumns { line, limit } => {
                issue.with("line", line).with("limit", limit)
            }
            SheetError::CellTooLong {
                line,
                column,
                limit,
            } => issue
                .with("line", line)
                .with("column", column)
                .with("limit", limit),
            SheetError::CsvMalformed { line } => issue.with("line", line),
            SheetError::EncodingUnknown
            | SheetError::Utf16Unsupported
            | SheetError::KindUnsupported
            | SheetError::XlsxUnreadable(_)
            | SheetError::Empty
            | SheetError::WriteFailed(_) => issue,
        }
    }
}

fn mebibytes(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

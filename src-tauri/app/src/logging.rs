//! Logs go to a daily-rotated file in the OS log directory. They carry identifiers, codes and counts —
//! never personal data — so they can be sent to support as they are.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

use crate::error::AppError;

/// Keeps the log writer alive; dropping it flushes the file.
pub struct LogGuard(#[allow(dead_code)] WorkerGuard);

const KEEP_FILES: usize = 14;

pub fn init(log_dir: &Path) -> Result<LogGuard, AppError> {
    // The appender prunes old files by listing the folder, so the folder must exist first.
    std::fs::create_dir_all(log_dir).map_err(|e| AppError::Logging(e.to_string()))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("ehr-desk")
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(log_dir)
        .map_err(|e| AppError::Logging(e.to_string()))?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("EHR_DESK_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .map_err(|e| AppError::Logging(e.to_string()))?;
    Ok(LogGuard(guard))
}

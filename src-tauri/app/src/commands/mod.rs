//! Tauri commands: each translates an IPC call into core calls, and nothing more.

pub mod access;
pub mod amendments;
pub mod applications;
pub mod backup;
pub mod card;
pub mod changes;
pub mod database;
pub mod dates;
pub mod documents;
pub mod files;
pub mod patients;
pub mod preferences;
pub mod reference;
pub mod requests;
pub mod session;
pub mod staff;
pub mod users;

/// A list that skipped rows it cannot read still answers; the log names them by table, row and reason (never
/// their content), and `ehr db check` lists them.
pub(crate) fn log_skipped(rows: &[ehr_core::ports::UnreadableRow]) {
    for row in rows {
        tracing::warn!(table = %row.table, row = row.row, reason = %row.reason, "skipped an unreadable row");
    }
}

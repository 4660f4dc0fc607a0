//! Reading a date as typed, for the UI's date fields: the core holds the one rule for how dates are written
//! (day first, `DD/MM/YYYY`, or ISO) so the UI never parses one itself.

use ehr_core::Issue;
use ehr_core::validation::CalendarDate;
use serde::Serialize;

use crate::IpcError;

/// A date the core could read: ISO for the UI to display in its language, and the form to put in the field.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DateReading {
    /// `2024-02-29`.
    pub date: CalendarDate,
    /// `29/02/2024`, as the field shows it.
    pub entry: String,
}

/// What the text of a date field says, or why it is not a date (the issue has no field: the UI knows it).
#[tauri::command]
#[specta::specta]
pub fn read_date(text: String) -> Result<DateReading, IpcError> {
    let date = CalendarDate::parse(&text).map_err(|error| {
        let mut issue = Issue::new(error.code);
        issue.params = error.params;
        IpcError::from(issue)
    })?;
    Ok(DateReading {
        date,
        entry: date.entry(),
    })
}

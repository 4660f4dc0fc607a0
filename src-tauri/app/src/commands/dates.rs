//! The UI's date fields: reading a date as typed, and today's date in Hong Kong. The core holds the one rule
//! for how dates are written (day first, `DD/MM/YYYY`, or ISO) and the one clock, so the UI never parses a
//! date or takes the computer's day itself.

use ehr_core::Issue;
use ehr_core::ports::Clock;
use ehr_core::validation::CalendarDate;
use serde::Serialize;
use tauri::State;

use crate::IpcError;
use crate::state::AppState;

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

/// Today in Hong Kong, the day the core dates submissions and expiry by: a date field's default must not be
/// the computer's own day, which is yesterday in Hong Kong for a laptop set to London after 4 p.m.
#[tauri::command]
#[specta::specta]
pub fn hong_kong_today(state: State<'_, AppState>) -> DateReading {
    let date = state.clock.now().hong_kong_date();
    DateReading {
        date,
        entry: date.entry(),
    }
}

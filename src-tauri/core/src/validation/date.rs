//! Calendar dates, such as the day an application was submitted.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ValueError;
use crate::issue::ErrorCode;

/// A date in the Hong Kong calendar, written `YYYY-MM-DD` (as an HTML date input gives it).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(try_from = "String", into = "String")]
pub struct CalendarDate(#[specta(type = String)] time::Date);

const FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl CalendarDate {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        time::Date::parse(raw.trim(), FORMAT)
            .map(CalendarDate)
            .map_err(|_| ValueError::new(ErrorCode::DateFormat))
    }

    pub fn from_date(date: time::Date) -> Self {
        CalendarDate(date)
    }

    pub fn date(self) -> time::Date {
        self.0
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: CalendarDate) -> i64 {
        (later.0 - self.0).whole_days()
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.format(FORMAT) {
            Ok(text) => f.write_str(&text),
            Err(_) => Err(fmt::Error),
        }
    }
}

impl TryFrom<String> for CalendarDate {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        CalendarDate::parse(&value)
    }
}

impl From<CalendarDate> for String {
    fn from(value: CalendarDate) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates_only() {
        assert_eq!(
            CalendarDate::parse(" 2026-11-25 ").unwrap().to_string(),
            "2026-11-25"
        );
        for raw in ["2026-02-30", "25/11/2026", "2026-11-25T10:00", ""] {
            assert_eq!(
                CalendarDate::parse(raw).map_err(|e| e.code),
                Err(ErrorCode::DateFormat),
                "{raw}"
            );
        }
    }

    #[test]
    fn counts_days() {
        let a = CalendarDate::parse("2026-11-25").unwrap();
        let b = CalendarDate::parse("2027-01-24").unwrap();
        assert_eq!(a.days_until(b), 60);
    }
}

//! Calendar dates, such as a date of birth or the day an application was submitted.
//!
//! People type a date day first, `DD/MM/YYYY` (`29/02/2024`), whatever their computer's locale: that is how
//! Hong Kong writes dates, and a form cannot follow the OS (a `C` locale would make it month first). Files, the
//! CLI, IPC and storage use ISO `YYYY-MM-DD`. Both are read here and nowhere else; the UI asks the core.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Month;

use super::{ValueError, fold_width};
use crate::issue::ErrorCode;

/// A date in the Hong Kong calendar. Serialised as ISO `YYYY-MM-DD`; typed as `DD/MM/YYYY` or ISO.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(try_from = "String", into = "String")]
pub struct CalendarDate(#[specta(type = String)] time::Date);

/// The oldest a person being registered can plausibly be, in whole years: the oldest person on record lived
/// to 122, so an older date of birth is a typing mistake (a wrong century, `1800` for `1980`).
pub const MAX_AGE_YEARS: u16 = 130;

const TYPED_MAX_BYTES: usize = 64;

const ISO: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

const ENTRY: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[day]/[month]/[year]");

/// How a date was written: which numbers stand for the year, month and day.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Written {
    /// `D/M/YYYY` or `DD/MM/YYYY`, as typed.
    DayFirst,
    /// `YYYY-MM-DD`, as in files.
    Iso,
}

impl CalendarDate {
    /// What a person typed: `DD/MM/YYYY` (day and month of one or two digits) or ISO `YYYY-MM-DD`. The
    /// full-width digits and slashes of a Chinese input method (`２９／０２／２０２４`) are read as ASCII.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        // Ten full-width characters and some spaces at most: anything longer is refused before folding.
        if raw.len() > TYPED_MAX_BYTES {
            return Err(ValueError::new(ErrorCode::DateFormat));
        }
        Self::read(&fold_width(raw), &[Written::DayFirst, Written::Iso])
    }

    /// What a file, a card reader or a package holds: ISO `YYYY-MM-DD` only.
    pub fn parse_iso(raw: &str) -> Result<Self, ValueError> {
        Self::read(raw, &[Written::Iso])
    }

    /// A date of birth as typed: a day that exists, not after `today`, and at most [`MAX_AGE_YEARS`] before it.
    pub fn parse_birth(raw: &str, today: CalendarDate) -> Result<Self, ValueError> {
        Self::parse(raw)?.check_birth(today)
    }

    /// A date of birth that parsed: not after `today`, and at most [`MAX_AGE_YEARS`] before it.
    pub fn check_birth(self, today: CalendarDate) -> Result<Self, ValueError> {
        if self > today {
            Err(ValueError::new(ErrorCode::DateInFuture))
        } else if self < today.years_before(MAX_AGE_YEARS) {
            Err(ValueError::new(ErrorCode::DateTooLongAgo).with("years", MAX_AGE_YEARS))
        } else {
            Ok(self)
        }
    }

    fn read(raw: &str, accepted: &[Written]) -> Result<Self, ValueError> {
        let text = raw.trim();
        let (year, month, day) = accepted
            .iter()
            .find_map(|&written| numbers(text, written))
            .ok_or_else(|| ValueError::new(ErrorCode::DateFormat))?;
        // The shape is right: from here on the message says which part does not exist, not "wrong format".
        // No parameter repeats what was typed (it may be a date of birth); only the month's length is given.
        let month = u8::try_from(month)
            .ok()
            .and_then(|m| Month::try_from(m).ok())
            .ok_or_else(|| ValueError::new(ErrorCode::DateNotAMonth))?;
        let days = month.length(year);
        let day = u8::try_from(day)
            .ok()
            .filter(|d| (1..=days).contains(d))
            .ok_or_else(|| ValueError::new(ErrorCode::DateNotADay).with("days", days))?;
        time::Date::from_calendar_date(year, month, day)
            .map(CalendarDate)
            .map_err(|_| ValueError::new(ErrorCode::DateFormat))
    }

    pub fn from_date(date: time::Date) -> Self {
        CalendarDate(date)
    }

    pub fn date(self) -> time::Date {
        self.0
    }

    /// As a person types it and the form shows it: `29/02/2024`.
    pub fn entry(self) -> String {
        self.0.format(ENTRY).unwrap_or_default()
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: CalendarDate) -> i64 {
        (later.0 - self.0).whole_days()
    }

    /// The same day `years` earlier; 29 February becomes 28 February in a common year.
    fn years_before(self, years: u16) -> CalendarDate {
        let (year, month, day) = self.0.to_calendar_date();
        let year = year - i32::from(years);
        let day = day.min(month.length(year));
        time::Date::from_calendar_date(year, month, day)
            .map(CalendarDate)
            .unwrap_or(CalendarDate(time::Date::MIN))
    }
}

/// The year, month and day numbers of `text` if it has the shape `written`, whether or not they make a date.
fn numbers(text: &str, written: Written) -> Option<(i32, u32, u32)> {
    let (separator, widths) = match written {
        Written::DayFirst => ('/', [1..=2, 1..=2, 4..=4]),
        Written::Iso => ('-', [4..=4, 2..=2, 2..=2]),
    };
    // Both shapes are at most ten characters: longer text is refused before any work is done on it.
    if text.len() > 10 {
        return None;
    }
    let parts: Vec<&str> = text.split(separator).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let fits = [a, b, c].iter().zip(&widths).all(|(part, width)| {
        width.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    });
    if !fits {
        return None;
    }
    let (a, b, c) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    match written {
        Written::DayFirst => Some((i32::try_from(c).ok()?, b, a)),
        Written::Iso => Some((i32::try_from(a).ok()?, b, c)),
    }
}

impl fmt::Display for CalendarDate {
    /// ISO `YYYY-MM-DD`, as stored and exchanged.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.format(ISO) {
            Ok(text) => f.write_str(&text),
            Err(_) => Err(fmt::Error),
        }
    }
}

impl TryFrom<String> for CalendarDate {
    type Error = ValueError;
    /// Stored and exchanged dates are ISO: a file written day first is refused, not guessed at.
    fn try_from(value: String) -> Result<Self, Self::Error> {
        CalendarDate::parse_iso(&value)
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

    fn code(raw: &str) -> Option<ErrorCode> {
        CalendarDate::parse(raw).err().map(|e| e.code)
    }

    fn day(raw: &str) -> CalendarDate {
        CalendarDate::parse(raw).unwrap()
    }

    #[test]
    fn reads_day_first_and_iso_alike() {
        for raw in [" 29/02/2024 ", "2024-02-29", "29/2/2024"] {
            assert_eq!(day(raw).to_string(), "2024-02-29", "{raw}");
        }
        assert_eq!(day("1/3/2024").entry(), "01/03/2024");
        // A Chinese input method's full-width digits and slash.
        assert_eq!(day("２９／０２／２０２４").to_string(), "2024-02-29");
        assert_eq!(code(&"1".repeat(1 << 20)), Some(ErrorCode::DateFormat));
        assert_eq!(day("2024-02-29").entry(), "29/02/2024");
    }

    #[test]
    fn a_day_that_does_not_exist_is_told_apart_from_a_wrong_format() {
        let error = CalendarDate::parse("29/02/2023").unwrap_err();
        assert_eq!(error.code, ErrorCode::DateNotADay);
        assert_eq!(error.params.get("days").map(String::as_str), Some("28"));
        assert_eq!(code("2023-02-29"), Some(ErrorCode::DateNotADay));
        assert_eq!(code("31/04/2024"), Some(ErrorCode::DateNotADay));
        assert_eq!(code("00/04/2024"), Some(ErrorCode::DateNotADay));
        assert_eq!(code("2026-02-30"), Some(ErrorCode::DateNotADay));
        // Month first, as a `C` locale's date input writes it: there is no month 29.
        assert_eq!(code("02/29/2024"), Some(ErrorCode::DateNotAMonth));
        assert_eq!(code("2024-13-01"), Some(ErrorCode::DateNotAMonth));
    }

    #[test]
    fn a_wrong_shape_is_a_format_error() {
        for raw in [
            "",
            "2026-11-25T10:00",
            "25.11.2026",
            "25/11/26",
            "2026/11/25",
            "2026-1-5",
            "+25/11/2026",
            "25/11/2026/1",
        ] {
            assert_eq!(code(raw), Some(ErrorCode::DateFormat), "{raw}");
        }
    }

    #[test]
    fn stored_dates_are_iso_only() {
        assert_eq!(
            CalendarDate::parse_iso("29/02/2024").map_err(|e| e.code),
            Err(ErrorCode::DateFormat)
        );
        assert!(serde_json::from_str::<CalendarDate>(r#""29/02/2024""#).is_err());
        let date: CalendarDate = serde_json::from_str(r#""2024-02-29""#).unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), r#""2024-02-29""#);
    }

    #[test]
    fn a_date_of_birth_is_plausible() {
        let today = day("2026-11-25");
        let birth = |raw: &str| CalendarDate::parse_birth(raw, today).map_err(|e| e.code);
        assert_eq!(birth("25/11/2026"), Ok(today));
        assert_eq!(birth("26/11/2026"), Err(ErrorCode::DateInFuture));
        assert_eq!(
            birth("25/11/1896").map(|d| d.to_string()).ok(),
            Some("1896-11-25".into())
        );
        assert_eq!(birth("24/11/1896"), Err(ErrorCode::DateTooLongAgo));
        assert_eq!(birth("01/01/1800"), Err(ErrorCode::DateTooLongAgo));
        let error = CalendarDate::parse_birth("01/01/1800", today).unwrap_err();
        assert_eq!(error.params.get("years").map(String::as_str), Some("130"));
        // The limit from a 29 February: the 28th in the common year 130 years before.
        let leap = day("2024-02-29");
        assert!(CalendarDate::parse_birth("28/02/1894", leap).is_ok());
        assert!(CalendarDate::parse_birth("27/02/1894", leap).is_err());
    }

    #[test]
    fn counts_days() {
        let a = day("2026-11-25");
        let b = day("2027-01-24");
        assert_eq!(a.days_until(b), 60);
    }
}

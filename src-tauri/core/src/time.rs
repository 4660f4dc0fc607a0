//! Points in time as the product stores and shows them.

use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch, UTC. The UI formats it in the user's time zone and language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn from_millis(millis: i64) -> Self {
        Timestamp(millis)
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    /// The calendar day in Hong Kong (UTC+8, no daylight saving) at this moment: "today" for age rules.
    pub fn hong_kong_date(self) -> crate::validation::CalendarDate {
        let seconds = self.0.div_euclid(1000) + 8 * 3600;
        let date = time::OffsetDateTime::from_unix_timestamp(seconds)
            .map(|t| t.date())
            .unwrap_or(time::Date::MIN);
        crate::validation::CalendarDate::from_date(date)
    }

    /// Midnight in Hong Kong (UTC+8) at the start of `date`: where "since that day" begins.
    pub fn start_of_hong_kong_day(date: crate::validation::CalendarDate) -> Self {
        let utc_midnight = date.date().midnight().assume_utc().unix_timestamp();
        Timestamp((utc_midnight - 8 * 3600) * 1000)
    }

    /// RFC 3339 in UTC, e.g. `2026-11-25T15:10:32.000Z`, for logs, exports and the CLI.
    pub fn to_rfc3339(self) -> String {
        let nanos = i128::from(self.0) * 1_000_000;
        time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .ok()
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_else(|| format!("@{}ms", self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hong_kong_days_start_at_utc_16_00() {
        // 2025-11-25T15:59:59.999Z is 23:59 in Hong Kong; a millisecond later it is the 26th there.
        let before = Timestamp::from_millis(1_764_086_399_999);
        assert_eq!(before.to_rfc3339(), "2025-11-25T15:59:59.999Z");
        assert_eq!(before.hong_kong_date().to_string(), "2025-11-25");
        assert_eq!(
            Timestamp::from_millis(1_764_086_400_000)
                .hong_kong_date()
                .to_string(),
            "2025-11-26"
        );
    }

    #[test]
    fn a_hong_kong_day_starts_at_16_00_utc_the_day_before() {
        let day = crate::validation::CalendarDate::parse("2025-11-26").unwrap();
        let start = Timestamp::start_of_hong_kong_day(day);
        assert_eq!(start.to_rfc3339(), "2025-11-25T16:00:00Z");
        assert_eq!(start.hong_kong_date(), day);
        assert_ne!(
            Timestamp::from_millis(start.millis() - 1).hong_kong_date(),
            day
        );
    }

    #[test]
    fn formats_as_rfc3339_utc() {
        assert_eq!(
            Timestamp::from_millis(1_764_083_432_000).to_rfc3339(),
            "2025-11-25T15:10:32Z"
        );
        assert_eq!(
            Timestamp::from_millis(1_764_083_432_250).to_rfc3339(),
            "2025-11-25T15:10:32.25Z"
        );
    }
}

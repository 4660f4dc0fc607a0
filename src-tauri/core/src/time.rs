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

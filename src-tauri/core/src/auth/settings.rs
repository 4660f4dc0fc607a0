//! The office's security settings, each with its default and the range an administrator may choose from.

use serde::{Deserialize, Serialize};

use crate::issue::{ErrorCode, Issue};

/// One setting's bounds: the values a system administrator may choose between, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecuritySettings {
    /// Wrong passwords in a row that lock an account.
    pub lockout_attempts: u32,
    /// How long a locked account stays locked.
    pub lockout_minutes: u32,
    /// Idle time after which the screen locks.
    pub autolock_minutes: u32,
}

impl SecuritySettings {
    pub const LOCKOUT_ATTEMPTS: Range = Range { min: 3, max: 10 };
    pub const LOCKOUT_MINUTES: Range = Range { min: 1, max: 60 };
    pub const AUTOLOCK_MINUTES: Range = Range { min: 1, max: 60 };

    /// Each setting within its range, or one issue per setting that is not.
    pub fn validate(&self) -> Result<(), Vec<Issue>> {
        let issues: Vec<Issue> = [
            (
                "lockoutAttempts",
                self.lockout_attempts,
                Self::LOCKOUT_ATTEMPTS,
            ),
            (
                "lockoutMinutes",
                self.lockout_minutes,
                Self::LOCKOUT_MINUTES,
            ),
            (
                "autolockMinutes",
                self.autolock_minutes,
                Self::AUTOLOCK_MINUTES,
            ),
        ]
        .into_iter()
        .filter(|(_, value, range)| !(range.min..=range.max).contains(value))
        .map(|(field, _, range)| {
            Issue::new(ErrorCode::SettingOutOfRange)
                .at(field)
                .with("min", range.min)
                .with("max", range.max)
        })
        .collect();
        if issues.is_empty() {
            Ok(())
        } else {
            Err(issues)
        }
    }
}

impl Default for SecuritySettings {
    /// 5 wrong passwords lock an account for 5 minutes; 5 idle minutes lock the screen.
    fn default() -> Self {
        SecuritySettings {
            lockout_attempts: 5,
            lockout_minutes: 5,
            autolock_minutes: 5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_in_range_and_the_ranges_hold() {
        assert!(SecuritySettings::default().validate().is_ok());
        let wrong = SecuritySettings {
            lockout_attempts: 0,
            lockout_minutes: 61,
            autolock_minutes: 0,
        };
        assert_eq!(wrong.validate().unwrap_err().len(), 3);
    }
}

//! The daily backup: where it goes, how many generations are kept, when the next one is due, and which
//! old ones go. The backups' file names are made here too (`ehr-desk-YYYYMMDD-HHMMSS-mmm.<ext>`, UTC), so
//! the store that writes them and the pruning that removes them agree on what a backup is; a file not so
//! named is never removed.

use serde::{Deserialize, Serialize};

use crate::error::CoreError;
use crate::issue::{ErrorCode, Issue};
use crate::ports::PreferenceStore;
use crate::time::Timestamp;

/// What a backup's name starts with.
const PREFIX: &str = "ehr-desk-";
/// The extensions of the two kinds of backup: a SQLite file, a logical export.
pub const EXTENSIONS: [&str; 2] = ["sqlite3", "ehrbackup"];

/// The daily backup's settings: off until a folder is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BackupSettings {
    /// An absolute folder path; `None`: no daily backup.
    pub folder: Option<String>,
    /// How many backups are kept there, the newest ones.
    pub generations: u32,
}

impl BackupSettings {
    pub const GENERATIONS: crate::auth::Range = crate::auth::Range { min: 1, max: 30 };
    /// A folder's path, at most (a path is not a document).
    pub const FOLDER_MAX: usize = 1024;

    pub fn validate(&self) -> Result<(), Vec<Issue>> {
        let mut issues = Vec::new();
        let range = Self::GENERATIONS;
        if !(range.min..=range.max).contains(&self.generations) {
            issues.push(
                Issue::new(ErrorCode::SettingOutOfRange)
                    .at("generations")
                    .with("min", range.min)
                    .with("max", range.max),
            );
        }
        if let Some(folder) = &self.folder
            && (folder.len() > Self::FOLDER_MAX
                || folder.chars().any(char::is_control)
                || !std::path::Path::new(folder).is_absolute())
        {
            issues.push(Issue::new(ErrorCode::BackupFolderInvalid).at("folder"));
        }
        if issues.is_empty() {
            Ok(())
        } else {
            Err(issues)
        }
    }
}

impl Default for BackupSettings {
    /// Off; a week of daily backups once a folder is chosen.
    fn default() -> Self {
        BackupSettings {
            folder: None,
            generations: 7,
        }
    }
}

const FOLDER_KEY: &str = "backup.folder";
const GENERATIONS_KEY: &str = "backup.generations";

/// The settings as stored; a value that does not read (or is out of range) falls back to its default.
pub async fn load(store: &dyn PreferenceStore) -> Result<BackupSettings, CoreError> {
    let defaults = BackupSettings::default();
    let folder = store
        .preference(FOLDER_KEY)
        .await?
        .filter(|f| !f.is_empty());
    let generations = store
        .preference(GENERATIONS_KEY)
        .await?
        .and_then(|g| g.parse().ok())
        .unwrap_or(defaults.generations);
    let loaded = BackupSettings {
        folder,
        generations,
    };
    Ok(if loaded.validate().is_ok() {
        loaded
    } else {
        defaults
    })
}

/// Stores `settings` once they validate (all or none of the issues).
pub async fn save(store: &dyn PreferenceStore, settings: &BackupSettings) -> Result<(), CoreError> {
    settings.validate().map_err(CoreError::Invalid)?;
    store
        .set_preference(FOLDER_KEY, settings.folder.as_deref().unwrap_or(""))
        .await?;
    store
        .set_preference(GENERATIONS_KEY, &settings.generations.to_string())
        .await?;
    Ok(())
}

/// A backup's name without its extension, for `now`: sorts by time, two in one second do not collide.
pub fn file_stem(now: Timestamp) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(now.millis()) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{PREFIX}{:04}{:02}{:02}-{:02}{:02}{:02}-{:03}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.millisecond()
    )
}

/// When the backup named `name` was taken, if `name` is a backup's.
pub fn taken_at(name: &str) -> Option<Timestamp> {
    let (stem, extension) = name.rsplit_once('.')?;
    if !EXTENSIONS.contains(&extension) {
        return None;
    }
    let digits = stem.strip_prefix(PREFIX)?;
    let bytes = digits.as_bytes();
    let shape_ok = bytes.len() == 19
        && bytes[8] == b'-'
        && bytes[15] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 8 || i == 15 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let number = |range: std::ops::Range<usize>| digits.get(range)?.parse::<u32>().ok();
    let month = time::Month::try_from(u8::try_from(number(4..6)?).ok()?).ok()?;
    let date = time::Date::from_calendar_date(
        i32::try_from(number(0..4)?).ok()?,
        month,
        u8::try_from(number(6..8)?).ok()?,
    )
    .ok()?;
    let clock = time::Time::from_hms_milli(
        u8::try_from(number(9..11)?).ok()?,
        u8::try_from(number(11..13)?).ok()?,
        u8::try_from(number(13..15)?).ok()?,
        u16::try_from(number(16..19)?).ok()?,
    )
    .ok()?;
    let at = date.with_time(clock).assume_utc();
    Some(Timestamp::from_millis(
        i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()?,
    ))
}

/// Whether the daily backup is due at `now`, the last one having been taken at `last`: once per calendar
/// day in Hong Kong. A clock set back to an earlier day makes one due too (one backup too many is harmless;
/// none for days is not).
pub fn backup_due(last: Option<Timestamp>, now: Timestamp) -> bool {
    match last {
        None => true,
        Some(last) => last.hong_kong_date() != now.hong_kong_date(),
    }
}

/// The newest backup among `names` (a folder's file names), and when it was taken.
pub fn newest<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<Timestamp> {
    names.into_iter().filter_map(taken_at).max()
}

/// Which of `names` to remove so that the newest `keep` backups remain. Files that are not backups are
/// never among them.
pub fn to_prune<'a>(names: impl IntoIterator<Item = &'a str>, keep: u32) -> Vec<&'a str> {
    let mut backups: Vec<(Timestamp, &str)> = names
        .into_iter()
        .filter_map(|name| taken_at(name).map(|at| (at, name)))
        .collect();
    backups.sort_unstable_by(|a, b| b.cmp(a));
    backups
        .into_iter()
        .skip(usize::try_from(keep).unwrap_or(usize::MAX))
        .map(|(_, name)| name)
        .collect()
}

impl crate::input::Bounded for BackupSettings {}

/// The settings, for the administrator's screen.
pub async fn settings_for(
    principal: &crate::auth::Principal,
    store: &dyn PreferenceStore,
) -> Result<BackupSettings, CoreError> {
    principal.require(crate::auth::Permission::DatabaseMaintain)?;
    load(store).await
}

/// Changes the settings, refused whole when one is out of range.
pub async fn change_settings(
    principal: &crate::auth::Principal,
    store: &dyn PreferenceStore,
    settings: &BackupSettings,
) -> Result<(), CoreError> {
    principal.require(crate::auth::Permission::DatabaseMaintain)?;
    save(store, settings).await
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 24 * 3600 * 1000;
    /// 2025-12-01 10:00 in Hong Kong (02:00 UTC).
    const MORNING: i64 = 1_764_554_400_000;

    #[test]
    fn names_carry_their_time_and_read_back() {
        let at = Timestamp::from_millis(MORNING + 123);
        let name = format!("{}.sqlite3", file_stem(at));
        assert_eq!(name, "ehr-desk-20251201-020000-123.sqlite3");
        assert_eq!(taken_at(&name), Some(at));
        assert_eq!(taken_at(&name.replace("sqlite3", "ehrbackup")), Some(at));
        for other in [
            "ehr-desk-20261201-020000-123.txt",
            "ehr-desk-20261301-020000-123.sqlite3",
            "ehr-desk-2026120-1020000-123.sqlite3",
            "ehr-desk.sqlite3",
            "notes.sqlite3",
            ".ehr-desk-20261201-020000-123.sqlite3.partial",
        ] {
            assert_eq!(taken_at(other), None, "{other}");
        }
    }

    #[test]
    fn a_backup_is_due_once_per_hong_kong_day() {
        let now = Timestamp::from_millis(MORNING);
        assert!(backup_due(None, now));
        assert!(!backup_due(
            Some(Timestamp::from_millis(MORNING - 3_600_000)),
            now
        ));
        // 07:59 in Hong Kong yesterday is 23:59 UTC the day before: another Hong Kong day.
        assert!(backup_due(Some(Timestamp::from_millis(MORNING - DAY)), now));
        // 00:30 today in Hong Kong is still yesterday in UTC, and today here: not due.
        let after_midnight = Timestamp::from_millis(MORNING - 9 * 3_600_000 - 1_800_000);
        assert!(!backup_due(Some(after_midnight), now));
        // A clock set back: due.
        assert!(backup_due(Some(Timestamp::from_millis(MORNING + DAY)), now));
    }

    #[test]
    fn pruning_keeps_the_newest_generations_and_nothing_else_is_touched() {
        let names: Vec<String> = (0..10)
            .map(|day| {
                let ext = if day % 2 == 0 { "sqlite3" } else { "ehrbackup" };
                format!(
                    "{}.{ext}",
                    file_stem(Timestamp::from_millis(MORNING + day * DAY))
                )
            })
            .chain(["holiday.jpg".to_owned(), "ehr-desk.sqlite3".to_owned()])
            .collect();
        let pruned = to_prune(names.iter().map(String::as_str), 3);
        assert_eq!(pruned.len(), 7);
        assert!(pruned.iter().all(|n| taken_at(n).is_some()));
        let kept: Vec<&String> = names
            .iter()
            .filter(|n| !pruned.contains(&n.as_str()))
            .collect();
        assert_eq!(
            kept.len(),
            5,
            "three backups and the two other files: {kept:?}"
        );
        assert_eq!(
            newest(names.iter().map(String::as_str)),
            Some(Timestamp::from_millis(MORNING + 9 * DAY))
        );
        assert!(kept.contains(&&names[9]) && kept.contains(&&names[7]));
        assert!(to_prune(names.iter().map(String::as_str), 30).is_empty());
    }

    #[test]
    fn the_settings_hold_their_ranges() {
        assert!(BackupSettings::default().validate().is_ok());
        let fine = BackupSettings {
            folder: Some("/srv/backups/ehr".into()),
            generations: 30,
        };
        assert!(fine.validate().is_ok());
        let wrong = BackupSettings {
            folder: Some("relative/folder".into()),
            generations: 31,
        };
        let issues = wrong.validate().unwrap_err();
        assert_eq!(
            issues.iter().map(|i| i.code).collect::<Vec<_>>(),
            [ErrorCode::SettingOutOfRange, ErrorCode::BackupFolderInvalid]
        );
        assert!(
            BackupSettings {
                folder: None,
                generations: 0
            }
            .validate()
            .is_err()
        );
    }
}

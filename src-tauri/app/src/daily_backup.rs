//! The daily backup, taken by the app itself: at start-up and then each hour it asks whether today's backup
//! is due in the folder the settings name (`ehr_store::daily_backup`: once per Hong Kong day, the newest
//! generations kept). Failures are logged by kind only (a folder path may name a person).

use std::time::Duration;

use ehr_core::ports::{Clock, SystemClock};
use ehr_store::Store;

/// How often the app looks whether a backup is due (an app left open overnight backs up the next day).
const EVERY: Duration = Duration::from_secs(60 * 60);

pub fn start(store: Store) {
    tauri::async_runtime::spawn(async move {
        loop {
            take_if_due(&store).await;
            tokio::time::sleep(EVERY).await;
        }
    });
}

/// Takes today's backup if one is due; the backup's file name, if one was taken.
pub async fn take_if_due(store: &Store) -> Option<String> {
    let settings = match ehr_core::backup::load(store).await {
        Ok(settings) => settings,
        Err(error) => {
            tracing::warn!(error = %error, "cannot read the backup settings");
            return None;
        }
    };
    match ehr_store::daily_backup(store, &settings, SystemClock.now()).await {
        Ok(Some(path)) => {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            tracing::info!(file = name.as_deref().unwrap_or(""), "daily backup taken");
            name
        }
        Ok(None) => None,
        Err(error) => {
            tracing::error!(error = %ehr_core::error::describe_chain(&error), "the daily backup failed");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // tests: a panic is a failure with its location

    use ehr_core::backup::BackupSettings;

    /// Off until a folder is chosen; then one backup a day, whatever the number of checks.
    #[tokio::test]
    async fn a_chosen_folder_gets_one_backup_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let store = ehr_store::Store::open_sqlite(&dir.path().join("ehr.sqlite3"))
            .await
            .unwrap();
        assert_eq!(
            super::take_if_due(&store).await,
            None,
            "no folder: no backup"
        );
        let folder = dir.path().join("backups");
        let settings = BackupSettings {
            folder: Some(folder.display().to_string()),
            generations: 3,
        };
        ehr_core::backup::save(&store, &settings).await.unwrap();
        let taken = super::take_if_due(&store).await.unwrap();
        assert!(folder.join(&taken).is_file());
        assert_eq!(super::take_if_due(&store).await, None, "one a day");
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
    }
}

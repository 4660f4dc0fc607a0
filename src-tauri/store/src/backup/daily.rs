//! The app's daily backup: into the chosen folder once per Hong Kong day, keeping the newest generations.
//! When the last one was taken is read from the folder's own backups' names, so nothing else records it.

use std::path::{Path, PathBuf};

use ehr_core::backup::{BackupSettings, backup_due, newest, to_prune};
use ehr_core::time::Timestamp;

use crate::{Store, StoreError};

fn names(folder: &Path) -> Result<Vec<String>, StoreError> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        // Not made yet: no backup in it.
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(StoreError::BackupFile {
                path: folder.display().to_string(),
                source,
            });
        }
    };
    Ok(entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect())
}

/// Removes all but the newest `keep` backups in `folder` (other files are left alone); the ones removed.
pub fn prune_backups(folder: &Path, keep: u32) -> Result<Vec<PathBuf>, StoreError> {
    let names = names(folder)?;
    let mut removed = Vec::new();
    for name in to_prune(names.iter().map(String::as_str), keep) {
        let path = folder.join(name);
        std::fs::remove_file(&path).map_err(|source| StoreError::BackupFile {
            path: path.display().to_string(),
            source,
        })?;
        removed.push(path);
    }
    Ok(removed)
}

/// Takes today's backup if `settings` name a folder and none was taken there today, then prunes the
/// folder to `settings.generations`; the new backup, if one was taken.
pub async fn daily_backup(
    store: &Store,
    settings: &BackupSettings,
    now: Timestamp,
) -> Result<Option<PathBuf>, StoreError> {
    let Some(folder) = settings.folder.as_deref().map(Path::new) else {
        return Ok(None);
    };
    let names = names(folder)?;
    if !backup_due(newest(names.iter().map(String::as_str)), now) {
        return Ok(None);
    }
    let written = store.backup(folder, now).await?;
    prune_backups(folder, settings.generations)?;
    Ok(Some(written))
}

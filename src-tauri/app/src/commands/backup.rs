//! The daily backup's settings, for a system administrator (the backup itself: `daily_backup.rs`).

use ehr_core::backup::BackupSettings;
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::IpcError;
use crate::state::AppState;
use crate::strict::Strict;

/// The settings, and the backup a change of them took at once (a new folder gets its first one now).
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    pub settings: BackupSettings,
    pub taken: Option<String>,
}

#[tauri::command]
#[specta::specta]
pub async fn backup_settings(state: State<'_, AppState>) -> Result<BackupSettings, IpcError> {
    let acting = state.acting().await?;
    Ok(ehr_core::backup::settings_for(acting.principal(), &state.store).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_backup_settings(
    state: State<'_, AppState>,
    settings: Strict<BackupSettings>,
) -> Result<BackupStatus, IpcError> {
    let settings = settings.get()?;
    let acting = state.acting().await?;
    ehr_core::backup::change_settings(acting.principal(), &state.store, &settings).await?;
    drop(acting);
    let taken = crate::daily_backup::take_if_due(&state.store).await;
    Ok(BackupStatus { settings, taken })
}

/// Asks for the folder the daily backups go to; `None` when the person cancels. Only a path is answered:
/// saving it is `set_backup_settings`, which needs `database.maintain`.
#[tauri::command]
#[specta::specta]
pub fn choose_backup_folder(app: AppHandle) -> Option<String> {
    app.dialog()
        .file()
        .blocking_pick_folder()
        .and_then(|folder| folder.into_path().ok())
        .map(|path| path.display().to_string())
}

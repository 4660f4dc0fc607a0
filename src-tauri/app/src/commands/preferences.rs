//! Commands on the user's preferences.

use ehr_core::preferences::{self, Language, Preferences};
use tauri::State;

use crate::IpcError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn get_preferences(state: State<'_, AppState>) -> Result<Preferences, IpcError> {
    Ok(preferences::load(&state.store).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_language(state: State<'_, AppState>, language: Language) -> Result<(), IpcError> {
    Ok(preferences::set_language(&state.store, language).await?)
}

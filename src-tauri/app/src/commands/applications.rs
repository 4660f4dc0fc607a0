//! Commands on HCP registration applications.

use ehr_core::application::{
    ApplicationDraft, ApplicationId, ApplicationSummary, HcpInformationInput, SavedDraft,
};
use tauri::State;

use crate::IpcError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_applications(
    state: State<'_, AppState>,
) -> Result<Vec<ApplicationSummary>, IpcError> {
    Ok(state.applications().list().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_application(
    state: State<'_, AppState>,
    id: ApplicationId,
) -> Result<ApplicationDraft, IpcError> {
    Ok(state.applications().get(&id).await?)
}

/// Saves step 1 as typed — valid or not — creating the draft when `id` is null.
#[tauri::command]
#[specta::specta]
pub async fn save_hcp_information(
    state: State<'_, AppState>,
    id: Option<ApplicationId>,
    input: HcpInformationInput,
) -> Result<SavedDraft, IpcError> {
    Ok(state
        .applications()
        .save_hcp_information(id.as_ref(), input)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_application(
    state: State<'_, AppState>,
    id: ApplicationId,
) -> Result<(), IpcError> {
    Ok(state.applications().delete(&id).await?)
}

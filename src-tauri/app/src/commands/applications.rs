//! Commands on HCP registration applications.

use ehr_core::Issue;
use ehr_core::application::{
    ApplicationForm, ApplicationId, ApplicationStatus, ApplicationSummary, Attachment,
    HistoryEntry, SavedDraft, SubmissionChannel,
};
use tauri::State;

use crate::IpcError;
use crate::state::AppState;
use crate::strict::Strict;

#[tauri::command]
#[specta::specta]
pub async fn list_applications(
    state: State<'_, AppState>,
) -> Result<Vec<ApplicationSummary>, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let listing = state.applications(&store, &acting).list().await?;
    crate::commands::log_skipped(&listing.unreadable);
    Ok(listing.items)
}

/// Starts a new application with a blank form.
#[tauri::command]
#[specta::specta]
pub async fn create_application(state: State<'_, AppState>) -> Result<SavedDraft, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .applications(&store, &acting)
        .create(ApplicationForm::default())
        .await?)
}

/// The application with the issues it still has.
#[tauri::command]
#[specta::specta]
pub async fn get_application(
    state: State<'_, AppState>,
    id: ApplicationId,
) -> Result<SavedDraft, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let draft = state.applications(&store, &acting).open(&id).await?;
    let issues = draft.issues();
    Ok(SavedDraft::new(draft, issues))
}

/// Saves the form as typed — valid or not — if no one has saved since `version` (else `conflict.stale`).
#[tauri::command]
#[specta::specta]
pub async fn save_application(
    state: State<'_, AppState>,
    id: ApplicationId,
    version: u64,
    form: Strict<ApplicationForm>,
) -> Result<SavedDraft, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .applications(&store, &acting)
        .save(&id, version, form.get()?)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_application(
    state: State<'_, AppState>,
    id: ApplicationId,
) -> Result<(), IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state.applications(&store, &acting).delete(&id).await?)
}

/// The core's verdict on a form, without saving it: the UI asks when a field is left.
#[tauri::command]
#[specta::specta]
pub fn validate_application(
    form: Strict<ApplicationForm>,
    documents: Strict<Vec<Attachment>>,
) -> Vec<Issue> {
    // A refused argument answers its own issues, as the form's would be.
    match (form.get(), documents.get()) {
        (Ok(form), Ok(documents)) => form.issues(&documents),
        (Err(refused), _) | (_, Err(refused)) => refused.issues,
    }
}

#[tauri::command]
#[specta::specta]
pub async fn submit_application(
    state: State<'_, AppState>,
    id: ApplicationId,
    channel: SubmissionChannel,
    date: Strict<String>,
) -> Result<SavedDraft, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .applications(&store, &acting)
        .submit(&id, channel, &date.get()?)
        .await?)
}

/// For the Registration Office: moves a submitted application along its process.
#[tauri::command]
#[specta::specta]
pub async fn change_application_status(
    state: State<'_, AppState>,
    id: ApplicationId,
    status: ApplicationStatus,
    note: Strict<Option<String>>,
) -> Result<SavedDraft, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .applications(&store, &acting)
        .change_status(&id, status, note.get()?)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn application_history(
    state: State<'_, AppState>,
    id: ApplicationId,
) -> Result<Vec<HistoryEntry>, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state.applications(&store, &acting).history(&id).await?)
}

//! Amendments to a registered HCP (HCP/HSL Amendment, Additional HSL, Withdrawal Request): prepare, change
//! while a draft, record the statuses, print the form, export the sealed package.

use ehr_core::amendment::{
    AmendmentContent, AmendmentDetails, AmendmentId, AmendmentKind, AmendmentStatus,
    AmendmentSummary, SavedAmendment,
};
use ehr_core::application::ApplicationId;
use ehr_core::validation::CalendarDate;
use tauri::{AppHandle, State};

use crate::IpcError;
use crate::commands::files::{SavedFile, exports_dir, in_folder, open};
use crate::state::AppState;
use crate::strict::Strict;

#[tauri::command]
#[specta::specta]
pub async fn list_amendments(
    state: State<'_, AppState>,
    hcp: Option<ApplicationId>,
) -> Result<Vec<AmendmentSummary>, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let listing = state.amendments(&store, &acting).list(hcp.as_ref()).await?;
    crate::commands::log_skipped(&listing.unreadable);
    Ok(listing.items)
}

/// An amendment with its history and what it changes (before → after) against the application now.
#[tauri::command]
#[specta::specta]
pub async fn open_amendment(
    state: State<'_, AppState>,
    id: AmendmentId,
) -> Result<AmendmentDetails, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state.amendments(&store, &acting).open(&id).await?)
}

/// Whether an amendment of `kind` may be prepared for `hcp`: nothing when it may, the core's coded refusal
/// when not (asked before the person starts typing).
#[tauri::command]
#[specta::specta]
pub async fn check_amendable(
    state: State<'_, AppState>,
    hcp: ApplicationId,
    kind: AmendmentKind,
) -> Result<(), IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .amendments(&store, &acting)
        .may_amend(&hcp, kind)
        .await?)
}

/// A draft amendment of `hcp` (an application no longer a draft), saved as typed with its open issues.
#[tauri::command]
#[specta::specta]
pub async fn prepare_amendment(
    state: State<'_, AppState>,
    hcp: ApplicationId,
    kind: AmendmentKind,
    content: Strict<AmendmentContent>,
) -> Result<SavedAmendment, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .amendments(&store, &acting)
        .prepare(&hcp, kind, content.get()?)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn change_amendment(
    state: State<'_, AppState>,
    id: AmendmentId,
    version: u64,
    content: Strict<AmendmentContent>,
) -> Result<SavedAmendment, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .amendments(&store, &acting)
        .change(&id, version, content.get()?)
        .await?)
}

/// Moves an amendment on; `date` (DD/MM/YYYY or ISO) is the day it was sent, for a submission.
#[tauri::command]
#[specta::specta]
pub async fn set_amendment_status(
    state: State<'_, AppState>,
    id: AmendmentId,
    version: u64,
    status: AmendmentStatus,
    date: Option<Strict<String>>,
) -> Result<ehr_core::amendment::Amendment, IpcError> {
    let acting = state.acting().await?;
    let date = match date {
        Some(typed) => {
            Some(CalendarDate::parse(&typed.get()?).map_err(|e| IpcError::from(e.at("date")))?)
        }
        None => None,
    };
    let store = state.sealed(&acting);
    Ok(state
        .amendments(&store, &acting)
        .set_status(&id, version, status, date)
        .await?)
}

/// Prints the amendment's form to the exports folder (recorded once the file is whole) and opens it.
#[tauri::command]
#[specta::specta]
pub async fn open_amendment_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: AmendmentId,
) -> Result<SavedFile, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let destination = in_folder(&exports_dir(&app)?, &format!("{}.pdf", id.reference()))?;
    state
        .amendments(&store, &acting)
        .print(&id, &state.renderer, &destination)
        .await?;
    Ok(open(destination.path().to_owned()))
}

/// Writes the sealed amendment package for the Registration Office into the exports folder; recorded once
/// the file is whole.
#[tauri::command]
#[specta::specta]
pub async fn export_amendment(
    app: AppHandle,
    state: State<'_, AppState>,
    id: AmendmentId,
) -> Result<SavedFile, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let name = format!("{}.{}", id.reference(), ehr_package::EXTENSION);
    let destination = in_folder(&exports_dir(&app)?, &name)?;
    state
        .amendments(&store, &acting)
        .export(
            &id,
            Some(&state.renderer),
            &ehr_package::ZipPackageFormat,
            &destination,
        )
        .await?;
    Ok(SavedFile {
        path: destination.path().display().to_string(),
        opened: false,
    })
}

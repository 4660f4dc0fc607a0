//! User Account Creation Requests: prepare from staff, change while a draft, record the statuses, print.

use ehr_core::application::ApplicationId;
use ehr_core::staff::{
    AccountRequest, AccountRequestDocument, RequestDetails, RequestId, RequestItem, RequestStatus,
};
use ehr_core::validation::CalendarDate;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::IpcError;
use crate::commands::files::{SavedFile, exports_dir, in_folder, open};
use crate::state::AppState;
use crate::strict::Strict;

#[tauri::command]
#[specta::specta]
pub async fn list_requests(state: State<'_, AppState>) -> Result<Vec<AccountRequest>, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state.requests(&store, &acting).list().await?)
}

/// A request with its history and what its printed form shows.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OpenedRequest {
    pub details: RequestDetails,
    pub document: AccountRequestDocument,
}

#[tauri::command]
#[specta::specta]
pub async fn open_request(
    state: State<'_, AppState>,
    id: RequestId,
) -> Result<OpenedRequest, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let requests = state.requests(&store, &acting);
    Ok(OpenedRequest {
        details: requests.open(&id).await?,
        document: requests.document(&id).await?,
    })
}

#[tauri::command]
#[specta::specta]
pub async fn create_request(
    state: State<'_, AppState>,
    hcp: ApplicationId,
    items: Strict<Vec<RequestItem>>,
) -> Result<AccountRequest, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .requests(&store, &acting)
        .create(&hcp, &items.get()?)
        .await?)
}

/// The home screen's one click: a draft request disabling the accounts whose registration expired.
#[tauri::command]
#[specta::specta]
pub async fn request_disable_expired(
    state: State<'_, AppState>,
    hcp: ApplicationId,
) -> Result<AccountRequest, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .requests(&store, &acting)
        .disable_expired(&hcp)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn change_request_items(
    state: State<'_, AppState>,
    id: RequestId,
    version: u64,
    items: Strict<Vec<RequestItem>>,
) -> Result<AccountRequest, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .requests(&store, &acting)
        .change_items(&id, version, &items.get()?)
        .await?)
}

/// Moves a request on; `date` (DD/MM/YYYY or ISO) is the day it was sent, for a submission.
#[tauri::command]
#[specta::specta]
pub async fn set_request_status(
    state: State<'_, AppState>,
    id: RequestId,
    version: u64,
    status: RequestStatus,
    date: Option<Strict<String>>,
) -> Result<AccountRequest, IpcError> {
    let acting = state.acting().await?;
    let date = match date {
        Some(typed) => {
            Some(CalendarDate::parse(&typed.get()?).map_err(|e| IpcError::from(e.at("date")))?)
        }
        None => None,
    };
    let store = state.sealed(&acting);
    Ok(state
        .requests(&store, &acting)
        .set_status(&id, version, status, date)
        .await?)
}

/// Prints the request to the exports folder (recorded once the file is whole) and opens it.
#[tauri::command]
#[specta::specta]
pub async fn open_request_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: RequestId,
) -> Result<SavedFile, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let requests = state.requests(&store, &acting);
    let reference = id.reference();
    let destination = in_folder(&exports_dir(&app)?, &format!("{reference}.pdf"))?;
    requests.print(&id, &state.renderer, &destination).await?;
    Ok(open(destination.path().to_owned()))
}

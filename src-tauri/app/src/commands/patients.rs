//! Patient registration at the front desk: check as the person types, register, search the register, open,
//! change and print a registration.

use ehr_core::patient::{
    FIRST_PATIENT_VERSION, PatientCheck, PatientForm, PatientId, PatientRecord, PatientSummary,
    StoredPatient,
};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::IpcError;
use crate::commands::files::{SavedFile, exports_dir, in_folder, open};
use crate::state::AppState;
use crate::strict::Strict;

/// The rules' requirements for the form as it stands (who must consent, from which list) and every open
/// issue, duplicates included; `editing` is the registration being changed.
#[tauri::command]
#[specta::specta]
pub async fn check_patient(
    state: State<'_, AppState>,
    form: Strict<PatientForm>,
    editing: Option<PatientId>,
) -> Result<PatientCheck, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .patients(&store, &acting)
        .check(&form.get()?, editing.as_ref())
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn register_patient(
    state: State<'_, AppState>,
    form: Strict<PatientForm>,
) -> Result<StoredPatient, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let record = state
        .patients(&store, &acting)
        .register(&form.get()?)
        .await?;
    Ok(StoredPatient {
        record,
        version: FIRST_PATIENT_VERSION,
    })
}

/// Changes a registration if no other desk has saved it since `version` (else `conflict.stale`).
#[tauri::command]
#[specta::specta]
pub async fn update_patient(
    state: State<'_, AppState>,
    id: PatientId,
    version: u64,
    form: Strict<PatientForm>,
) -> Result<StoredPatient, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .patients(&store, &acting)
        .update(&id, version, &form.get()?)
        .await?)
}

/// The register, masked: by part of a name, or a whole or masked document number.
#[tauri::command]
#[specta::specta]
pub async fn search_patients(
    state: State<'_, AppState>,
    query: Strict<String>,
) -> Result<Vec<PatientSummary>, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let listing = state
        .patients(&store, &acting)
        .search(&query.get()?)
        .await?;
    crate::commands::log_skipped(&listing.unreadable);
    Ok(listing.items)
}

/// A registration in full, with its form to change it: an audited read.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OpenedPatient {
    pub record: PatientRecord,
    pub form: PatientForm,
    /// What a change names (see [`StoredPatient`]).
    pub version: u64,
}

#[tauri::command]
#[specta::specta]
pub async fn open_patient(
    state: State<'_, AppState>,
    id: PatientId,
) -> Result<OpenedPatient, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let stored = state.patients(&store, &acting).open_stored(&id).await?;
    let form = stored.record.registration.to_form();
    Ok(OpenedPatient {
        record: stored.record,
        form,
        version: stored.version,
    })
}

/// Prints the registration and consent form to the exports folder (audited once the file is whole) and
/// opens it.
#[tauri::command]
#[specta::specta]
pub async fn open_patient_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: PatientId,
) -> Result<SavedFile, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let name = format!("eHealth-registration-{}.pdf", &id.as_str()[..8]);
    let destination = in_folder(&exports_dir(&app)?, &name)?;
    state
        .patients(&store, &acting)
        .print(&id, &state.renderer, &destination)
        .await?;
    Ok(open(destination.path().to_owned()))
}

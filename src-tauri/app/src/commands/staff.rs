//! The user administrator's staff list: list and filter, open (audited), check as typed, add and change,
//! the registrations that expire, and the import of a CSV or XLSX file (preview, then import with progress
//! and a cancel).

use std::io::Read;

use ehr_core::application::ApplicationId;
use ehr_core::ports::Progress;
use ehr_core::staff::{
    ExpiringRegistration, ImportCancel, ImportOutcome, ImportPreview, ImportRow, StaffFilter,
    StaffForm, StaffId, StaffSummary, StoredStaff,
};
use ehr_core::validation::CalendarDate;
use ehr_core::{CoreError, Issue};
use ehr_sheets::{SHEET_BYTES_MAX, SheetKind, SourceEncoding, read_sheet};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::IpcError;
use crate::commands::files::{SavedFile, exports_dir, in_folder, open};
use crate::state::AppState;
use crate::strict::Strict;

#[tauri::command]
#[specta::specta]
pub async fn list_staff(
    state: State<'_, AppState>,
    hcp: Option<ApplicationId>,
    filter: Strict<StaffFilter>,
) -> Result<Vec<StaffSummary>, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let listing = state
        .staff(&store, &acting)
        .list(hcp.as_ref(), &filter.get()?)
        .await?;
    crate::commands::log_skipped(&listing.unreadable);
    Ok(listing.items)
}

/// The HSLs the HCP's staff may work at (the editor's and the filter's choices): names only.
#[tauri::command]
#[specta::specta]
pub async fn staff_hsl_names(
    state: State<'_, AppState>,
    hcp: ApplicationId,
) -> Result<Vec<String>, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state.staff(&store, &acting).hsl_names(&hcp).await?)
}

/// A member in full, with the form to change them: an audited read.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OpenedStaff {
    pub stored: StoredStaff,
    pub form: StaffForm,
}

#[tauri::command]
#[specta::specta]
pub async fn open_staff(state: State<'_, AppState>, id: StaffId) -> Result<OpenedStaff, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let stored = state.staff(&store, &acting).open(&id).await?;
    let form = StaffForm::from(&stored.record.member);
    Ok(OpenedStaff { stored, form })
}

/// Every issue of the form as it stands (errors and warnings), for the editor.
#[tauri::command]
#[specta::specta]
pub async fn check_staff(
    state: State<'_, AppState>,
    hcp: ApplicationId,
    form: Strict<StaffForm>,
) -> Result<Vec<Issue>, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .staff(&store, &acting)
        .check(&hcp, &form.get()?)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_staff(
    state: State<'_, AppState>,
    hcp: ApplicationId,
    form: Strict<StaffForm>,
) -> Result<StaffSummary, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .staff(&store, &acting)
        .add(&hcp, &form.get()?)
        .await?
        .summary())
}

/// Changes a member if nobody saved them since `version` (else `conflict.stale`).
#[tauri::command]
#[specta::specta]
pub async fn update_staff(
    state: State<'_, AppState>,
    id: StaffId,
    version: u64,
    form: Strict<StaffForm>,
) -> Result<StaffSummary, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .staff(&store, &acting)
        .update(&id, version, &form.get()?)
        .await?
        .summary())
}

/// Records that a member left the HCP on `on` (`DD/MM/YYYY` or ISO), or, without a day, that they had not;
/// from `version` (else `conflict.stale`).
#[tauri::command]
#[specta::specta]
pub async fn record_staff_leaving(
    state: State<'_, AppState>,
    id: StaffId,
    version: u64,
    on: Option<Strict<String>>,
) -> Result<StaffSummary, IpcError> {
    let acting = state.acting().await?;
    let on = match on {
        Some(typed) => {
            Some(CalendarDate::parse(&typed.get()?).map_err(|e| IpcError::from(e.at("leftOn")))?)
        }
        None => None,
    };
    let store = state.sealed(&acting);
    Ok(state
        .staff(&store, &acting)
        .record_leaving(&id, version, on)
        .await?
        .summary())
}

#[tauri::command]
#[specta::specta]
pub async fn expiring_registrations(
    state: State<'_, AppState>,
    hcp: Option<ApplicationId>,
    days: u16,
) -> Result<Vec<ExpiringRegistration>, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .staff(&store, &acting)
        .expiring(hcp.as_ref(), days)
        .await?)
}

/// Opens a file dialog for a CSV or XLSX file and answers the chosen path, nothing else: the file is read
/// by the preview and the import.
#[tauri::command]
#[specta::specta]
pub fn choose_staff_file(app: AppHandle) -> Option<String> {
    app.dialog()
        .file()
        .add_filter("Staff list (CSV, Excel)", &["csv", "txt", "xlsx"])
        .blocking_pick_file()
        .and_then(|file| file.into_path().ok())
        .map(|path| path.display().to_string())
}

/// The file's rows, read no further than the bound; what cannot be read is a worded code.
fn read_rows(path: &str) -> Result<(SourceEncoding, Vec<ImportRow>), IpcError> {
    let refuse = |e: std::io::Error| {
        tracing::warn!(error = %e, "cannot read the staff file");
        IpcError::from(Issue::new(ehr_core::ErrorCode::ImportFileUnreadable))
    };
    let file = std::fs::File::open(path).map_err(refuse)?;
    let mut bytes = Vec::new();
    file.take(
        u64::try_from(SHEET_BYTES_MAX)
            .unwrap_or(u64::MAX)
            .saturating_add(1),
    )
    .read_to_end(&mut bytes)
    .map_err(refuse)?;
    let name = std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let kind = SheetKind::detect(name, &bytes).map_err(|e| IpcError::from(e.issue()))?;
    let sheet = read_sheet(&bytes, kind).map_err(|e| IpcError::from(e.issue()))?;
    let rows = sheet
        .rows
        .into_iter()
        .map(|row| ImportRow {
            line: row.line,
            cells: row.cells,
        })
        .collect();
    Ok((sheet.encoding, rows))
}

/// What the preview screen shows: the file's encoding and every row with its problems.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StaffImportPreview {
    pub encoding: SourceEncoding,
    pub preview: ImportPreview,
}

/// A dry run of the file at `path`: nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn preview_staff_import(
    state: State<'_, AppState>,
    hcp: ApplicationId,
    path: Strict<String>,
) -> Result<StaffImportPreview, IpcError> {
    let acting = state.acting().await?;
    acting
        .principal()
        .require(ehr_core::auth::Permission::StaffManage)?;
    let (encoding, rows) = read_rows(&path.get()?)?;
    let store = state.sealed(&acting);
    let preview = state
        .staff(&store, &acting)
        .preview_import(&hcp, &rows)
        .await?;
    Ok(StaffImportPreview { encoding, preview })
}

/// How far an import has gone.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgressEvent {
    pub done: u32,
    pub total: u32,
}

/// The running import's progress, and the cancel the screen may ask for.
pub struct ImportRun<'a> {
    channel: Channel<ImportProgressEvent>,
    cancel: &'a ImportCancel,
}

impl Progress for ImportRun<'_> {
    fn advanced(&self, done: usize, total: usize) {
        let event = ImportProgressEvent {
            done: u32::try_from(done).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
        };
        if self.channel.send(event).is_err() {
            tracing::debug!("the import's window is gone");
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.is_asked()
    }
}

/// Imports the valid rows of the file at `path`, all in one transaction, exactly as previewed (`fingerprint`:
/// a file changed since is refused). Progress goes to `on_progress`; `cancel_staff_import` rolls it back.
#[tauri::command]
#[specta::specta]
pub async fn import_staff(
    state: State<'_, AppState>,
    hcp: ApplicationId,
    path: Strict<String>,
    fingerprint: Strict<String>,
    on_progress: Channel<ImportProgressEvent>,
) -> Result<ImportOutcome, IpcError> {
    let acting = state.acting().await?;
    // Asked before the file is read: a role without it reads nothing.
    acting
        .principal()
        .require(ehr_core::auth::Permission::StaffManage)?;
    let (_, rows) = read_rows(&path.get()?)?;
    let fingerprint = fingerprint.get()?;
    state.import_cancel.clear();
    let run = ImportRun {
        channel: on_progress,
        cancel: &state.import_cancel,
    };
    let store = state.sealed(&acting);
    Ok(state
        .staff(&store, &acting)
        .import(&hcp, &rows, Some(&fingerprint), &run)
        .await?)
}

/// Asks the running import to stop: it rolls back whole and answers `import.cancelled`.
#[tauri::command]
#[specta::specta]
pub async fn cancel_staff_import(state: State<'_, AppState>) -> Result<(), IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .staff(&store, &acting)
        .cancel_import(&state.import_cancel)?)
}

/// Writes the import's template (the header in English and Chinese, UTF-8 with a BOM) to the exports
/// folder and opens it.
#[tauri::command]
#[specta::specta]
pub async fn save_staff_template(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<SavedFile, IpcError> {
    state.acting().await?;
    let csv = ehr_sheets::write_csv(&[ehr_core::staff::template_header()])
        .map_err(|e| IpcError::from(e.issue()))?;
    let destination = in_folder(&exports_dir(&app)?, "eHR-Desk-staff-template.csv")?;
    ehr_core::ports::Destination::write_whole(&destination, &csv).map_err(CoreError::from)?;
    Ok(open(destination.path().to_owned()))
}

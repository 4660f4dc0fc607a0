//! Files the app writes for the user: PDFs and submission packages, kept in a folder people can find
//! (`Documents/eHR Desk`, else `eHR Desk` in the home folder), opened with the system's own viewer.

use std::path::{Path, PathBuf};

use ehr_core::application::ApplicationId;
use ehr_core::{ErrorCode, Issue};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::IpcError;
use crate::state::AppState;

/// A file the app wrote, and whether the system could open it.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedFile {
    pub path: String,
    /// `false` when no viewer is set up for the file type: the file is still there to open by hand.
    pub opened: bool,
}

pub fn exports_dir(app: &AppHandle) -> Result<PathBuf, IpcError> {
    let paths = app.path();
    let base = paths
        .document_dir()
        .or_else(|_| paths.home_dir())
        .map_err(|e| {
            tracing::error!(error = %e, "no documents or home folder");
            IpcError::from(Issue::new(ErrorCode::FileWriteFailed).with("path", "~"))
        })?;
    Ok(base.join("eHR Desk"))
}

pub fn preview_dir(app: &AppHandle) -> Result<PathBuf, IpcError> {
    app.path()
        .app_cache_dir()
        .map(|dir| dir.join("previews"))
        .map_err(|e| {
            tracing::error!(error = %e, "no cache folder");
            IpcError::from(Issue::new(ErrorCode::FileWriteFailed).with("path", "cache"))
        })
}

/// Writes `content` as `dir/name` (the name stripped of path separators).
pub fn write_to(dir: &Path, name: &str, content: &[u8]) -> Result<PathBuf, IpcError> {
    let safe: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let path = dir.join(safe);
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&path, content))
        .map_err(|e| {
            tracing::error!(error = %e, "cannot write a file for the user");
            IpcError::from(Issue::new(ErrorCode::FileWriteFailed).with("path", path.display()))
        })?;
    Ok(path)
}

/// Opens the file with the system's viewer; failing that, it is still saved (`opened: false`).
pub fn open(path: PathBuf) -> SavedFile {
    let opened = match tauri_plugin_opener::open_path(&path, None::<&str>) {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!(error = %e, "no viewer opened a saved file");
            false
        }
    };
    SavedFile {
        path: path.display().to_string(),
        opened,
    }
}

/// The application's PDF (an audited read) and the file name it is saved under, `HCP-….pdf`.
async fn rendered_pdf(state: &AppState, id: &ApplicationId) -> Result<(Vec<u8>, String), IpcError> {
    let apps = state.applications();
    let pdf = apps.render(id, &state.renderer).await?;
    let reference = apps.get(id).await?.reference;
    Ok((pdf, format!("{reference}.pdf")))
}

/// Renders the application's PDF into the exports folder and opens it (to read or print).
#[tauri::command]
#[specta::specta]
pub async fn open_application_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: ApplicationId,
) -> Result<SavedFile, IpcError> {
    let (pdf, name) = rendered_pdf(&state, &id).await?;
    let path = write_to(&exports_dir(&app)?, &name, &pdf)?;
    Ok(open(path))
}

/// Asks where to save the application's PDF; `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn save_application_pdf_as(
    app: AppHandle,
    state: State<'_, AppState>,
    id: ApplicationId,
) -> Result<Option<String>, IpcError> {
    let (pdf, suggested) = rendered_pdf(&state, &id).await?;
    let chosen = app
        .dialog()
        .file()
        .add_filter("PDF", &["pdf"])
        .set_file_name(&suggested)
        .blocking_save_file()
        .and_then(|file| file.into_path().ok());
    let Some(path) = chosen else { return Ok(None) };
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(suggested);
    Ok(Some(write_to(&dir, &name, &pdf)?.display().to_string()))
}

/// Writes the submission package into the exports folder.
#[tauri::command]
#[specta::specta]
pub async fn export_application(
    app: AppHandle,
    state: State<'_, AppState>,
    id: ApplicationId,
) -> Result<SavedFile, IpcError> {
    let apps = state.applications();
    let bytes = apps
        .export_package(&id, &state.renderer, &ehr_package::ZipPackageFormat)
        .await?;
    let reference = apps.get(&id).await?.reference;
    let name = format!("{reference}.{}", ehr_package::EXTENSION);
    let path = write_to(&exports_dir(&app)?, &name, &bytes)?;
    Ok(SavedFile {
        path: path.display().to_string(),
        opened: false,
    })
}

/// Shows a file the app saved in the system's file manager (only files in the exports folder).
#[tauri::command]
#[specta::specta]
pub fn reveal_file(app: AppHandle, path: String) -> Result<(), IpcError> {
    if !Path::new(&path).starts_with(exports_dir(&app)?) {
        return Err(IpcError::from(
            Issue::new(ErrorCode::NoViewer).with("path", &path),
        ));
    }
    tauri_plugin_opener::reveal_item_in_dir(&path).map_err(|e| {
        tracing::warn!(error = %e, "cannot show a file in its folder");
        IpcError::from(Issue::new(ErrorCode::NoViewer).with("path", &path))
    })
}

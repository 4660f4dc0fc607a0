//! Files the app writes for the user: PDFs and submission packages, kept in a folder people can find
//! (`Documents/eHR Desk`, else `eHR Desk` in the home folder), opened with the system's own viewer.

use std::path::{Path, PathBuf};

use ehr_core::application::{ApplicationId, Applications};
use ehr_core::ports::Destination;
use ehr_core::{CoreError, ErrorCode, Issue};
use ehr_files::FileDestination;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::IpcError;
use crate::state::AppState;
use crate::strict::Strict;

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

/// Removes the decrypted copies documents were opened from (the system viewer reads a plain file). Done at
/// start-up, on sign-out, on lock and when the app exits, so none outlives the session that opened it —
/// nor a crash (the next start removes what was left).
pub fn clear_previews(app: &AppHandle) {
    if let Ok(dir) = preview_dir(app) {
        clear_folder(&dir);
    }
}

fn clear_folder(dir: &Path) {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => tracing::debug!("document previews removed"),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        // Only the kind: the path holds a document's file name.
        Err(error) => tracing::warn!(kind = ?error.kind(), "cannot remove the document previews"),
    }
}

/// `dir/name`, the name stripped of path separators, as a destination written whole; `dir` is one of the
/// app's own folders and is created if needed.
pub fn in_folder(dir: &Path, name: &str) -> Result<FileDestination, IpcError> {
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
    std::fs::create_dir_all(dir).map_err(|e| {
        tracing::error!(error = %e, "cannot create a folder for the user's files");
        IpcError::from(Issue::new(ErrorCode::FileWriteFailed).with("path", dir.display()))
    })?;
    Ok(FileDestination::new(dir.join(safe)))
}

/// Writes `content` whole as `dir/name` (see [`in_folder`]).
pub fn write_to(dir: &Path, name: &str, content: &[u8]) -> Result<PathBuf, IpcError> {
    let destination = in_folder(dir, name)?;
    destination
        .write_whole(content)
        .map_err(|failure| IpcError::from(CoreError::from(failure)))?;
    Ok(destination.path().to_owned())
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

/// The file name an application's PDF is saved under, `HCP-….pdf` (within the caller's own session: a
/// second read of the session lock could wait behind a lock waiting for the first).
async fn pdf_name(apps: &Applications<'_>, id: &ApplicationId) -> Result<String, IpcError> {
    Ok(format!("{}.pdf", apps.get(id).await?.reference))
}

/// Renders the application's PDF into the exports folder (a print, audited once the file is whole) and
/// opens it (to read or print).
#[tauri::command]
#[specta::specta]
pub async fn open_application_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: ApplicationId,
) -> Result<SavedFile, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let apps = state.applications(&store, &acting);
    let destination = in_folder(&exports_dir(&app)?, &pdf_name(&apps, &id).await?)?;
    apps.render(&id, &state.renderer, &destination).await?;
    Ok(open(destination.path().to_owned()))
}

/// Asks where to save the application's PDF, then writes it there; `None` when the user cancels (nothing is
/// rendered or recorded then).
#[tauri::command]
#[specta::specta]
pub async fn save_application_pdf_as(
    app: AppHandle,
    state: State<'_, AppState>,
    id: ApplicationId,
) -> Result<Option<String>, IpcError> {
    // The session is not held while the dialog is open: the screen may lock meanwhile.
    let suggested = {
        let acting = state.acting().await?;
        let store = state.sealed(&acting);
        pdf_name(&state.applications(&store, &acting), &id).await?
    };
    let chosen = app
        .dialog()
        .file()
        .add_filter("PDF", &["pdf"])
        .set_file_name(&suggested)
        .blocking_save_file()
        .and_then(|file| file.into_path().ok());
    let Some(path) = chosen else { return Ok(None) };
    let destination = FileDestination::new(path);
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    state
        .applications(&store, &acting)
        .render(&id, &state.renderer, &destination)
        .await?;
    Ok(Some(destination.path().display().to_string()))
}

/// Writes the submission package into the exports folder; the export is recorded once the file is whole.
#[tauri::command]
#[specta::specta]
pub async fn export_application(
    app: AppHandle,
    state: State<'_, AppState>,
    id: ApplicationId,
) -> Result<SavedFile, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let apps = state.applications(&store, &acting);
    let name = format!(
        "{}.{}",
        apps.export_reference(&id).await?,
        ehr_package::EXTENSION
    );
    let destination = in_folder(&exports_dir(&app)?, &name)?;
    apps.export_package(
        &id,
        &state.renderer,
        &ehr_package::ZipPackageFormat,
        &destination,
    )
    .await?;
    Ok(SavedFile {
        path: destination.path().display().to_string(),
        opened: false,
    })
}

/// Shows a file the app saved in the system's file manager (only files in the exports folder, and only to
/// someone signed in: their names are references).
#[tauri::command]
#[specta::specta]
pub async fn reveal_file(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Strict<String>,
) -> Result<(), IpcError> {
    state.acting().await?;
    let path = path.get()?;
    if !is_inside(Path::new(&path), &exports_dir(&app)?) {
        return Err(IpcError::from(
            Issue::new(ErrorCode::FileOutsideExports).with("path", &path),
        ));
    }
    tauri_plugin_opener::reveal_item_in_dir(&path).map_err(|e| {
        tracing::warn!(error = %e, "cannot show a file in its folder");
        IpcError::from(Issue::new(ErrorCode::NoViewer).with("path", &path))
    })
}

/// Whether `path` is a file inside `folder` once both are resolved: `..` and symlinks cannot lead out of
/// it, and a path that does not exist is not inside anything.
fn is_inside(path: &Path, folder: &Path) -> bool {
    match (std::fs::canonicalize(path), std::fs::canonicalize(folder)) {
        (Ok(path), Ok(folder)) => path.starts_with(&folder) && path != folder && path.is_file(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // tests: a panic is a failure with its location

    use std::path::Path;

    use super::is_inside;

    #[test]
    fn the_previews_folder_is_removed_whole_and_a_missing_one_is_no_error() {
        let dir = tempfile::tempdir().unwrap();
        let previews = dir.path().join("previews");
        std::fs::create_dir_all(previews.join("nested")).unwrap();
        std::fs::write(previews.join("HCP-1234-br.pdf"), b"%PDF decrypted").unwrap();
        super::clear_folder(&previews);
        assert!(!previews.exists());
        super::clear_folder(&previews);
        assert!(dir.path().exists());
    }

    #[test]
    fn only_files_inside_the_exports_folder_are_shown() {
        let home = tempfile::tempdir().unwrap();
        let exports = home.path().join("eHR Desk");
        std::fs::create_dir_all(exports.join("sub")).unwrap();
        std::fs::write(exports.join("HCP-1.pdf"), "x").unwrap();
        std::fs::write(exports.join("sub").join("HCP-2.pdf"), "x").unwrap();
        std::fs::write(home.path().join("secret.sqlite3"), "x").unwrap();
        std::os::unix::fs::symlink(home.path().join("secret.sqlite3"), exports.join("link.pdf"))
            .unwrap();

        assert!(is_inside(&exports.join("HCP-1.pdf"), &exports));
        assert!(is_inside(&exports.join("sub/../sub/HCP-2.pdf"), &exports));
        for outside in [
            // The folder itself: revealing it shows its parent.
            exports.clone(),
            exports.join(".."),
            exports.join("../.."),
            exports.join("../secret.sqlite3"),
            exports.join("sub/../../secret.sqlite3"),
            // A link inside pointing out.
            exports.join("link.pdf"),
            exports.join("missing.pdf"),
            Path::new("/etc/passwd").to_path_buf(),
        ] {
            assert!(!is_inside(&outside, &exports), "{outside:?}");
        }
    }
}

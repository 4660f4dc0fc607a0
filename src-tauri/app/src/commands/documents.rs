//! Commands on the documents attached to an application.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ehr_core::application::{
    ApplicationId, AttachmentId, DocumentKind, MAX_ATTACHMENT_BYTES, MediaType, SavedDraft,
};
use ehr_core::{ErrorCode, Issue};
use tauri::{AppHandle, State};

use crate::IpcError;
use crate::commands::files;
use crate::state::AppState;
use crate::strict::Strict;

/// Attaches a file the user picked in the UI; its content comes base64-encoded, as the webview reads it.
#[tauri::command]
#[specta::specta]
pub async fn attach_document(
    state: State<'_, AppState>,
    id: ApplicationId,
    kind: DocumentKind,
    file_name: Strict<String>,
    content_base64: String,
) -> Result<SavedDraft, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let file_name = file_name.get()?;
    let field = format!("documents.{}", kind.code());
    // Refuse an oversized file before decoding it: base64 is 4 characters for every 3 bytes.
    if content_base64.len() as u64 > MAX_ATTACHMENT_BYTES / 3 * 4 + 4 {
        let max_mb = MAX_ATTACHMENT_BYTES / 1024 / 1024;
        return Err(IpcError::from(
            Issue::new(ErrorCode::DocumentTooLarge)
                .at(field)
                .with("max", max_mb),
        ));
    }
    let content = STANDARD
        .decode(content_base64.as_bytes())
        .map_err(|_| IpcError::from(Issue::new(ErrorCode::FileUnreadable).at(field)))?;
    Ok(state
        .applications(&store, &acting)
        .attach_document(
            &id,
            kind,
            &file_name,
            &content,
            &ehr_package::ContentInspector,
        )
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_document(
    state: State<'_, AppState>,
    id: ApplicationId,
    document: AttachmentId,
) -> Result<SavedDraft, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    Ok(state
        .applications(&store, &acting)
        .remove_document(&id, &document)
        .await?)
}

/// An image document as a `data:` URL, for an inline preview (PDFs open in the system viewer instead).
#[tauri::command]
#[specta::specta]
pub async fn document_preview(
    state: State<'_, AppState>,
    id: ApplicationId,
    document: AttachmentId,
) -> Result<Option<String>, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let apps = state.applications(&store, &acting);
    let draft = apps.get(&id).await?;
    let Some(attachment) = draft.documents.iter().find(|d| d.id == document) else {
        return Err(IpcError::from(Issue::new(ErrorCode::DocumentNotFound)));
    };
    if attachment.media_type == MediaType::Pdf {
        return Ok(None);
    }
    let content = apps.document_content(&id, &document).await?;
    Ok(Some(format!(
        "data:{};base64,{}",
        attachment.media_type.code(),
        STANDARD.encode(content)
    )))
}

/// Opens a document in the system's viewer, from a copy in the app's cache.
#[tauri::command]
#[specta::specta]
pub async fn open_document(
    app: AppHandle,
    state: State<'_, AppState>,
    id: ApplicationId,
    document: AttachmentId,
) -> Result<files::SavedFile, IpcError> {
    let acting = state.acting().await?;
    let store = state.sealed(&acting);
    let apps = state.applications(&store, &acting);
    let draft = apps.get(&id).await?;
    let Some(attachment) = draft.documents.iter().find(|d| d.id == document) else {
        return Err(IpcError::from(Issue::new(ErrorCode::DocumentNotFound)));
    };
    let content = apps.document_content(&id, &document).await?;
    let name = format!("{}-{}", draft.reference, attachment.file_name);
    let path = files::write_to(&files::preview_dir(&app)?, &name, &content)?;
    Ok(files::open(path))
}

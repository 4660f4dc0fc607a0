//! The app's errors: why it could not start, and the one error shape that crosses IPC — a list of issues,
//! each a stable code with a field path and parameters. The UI words them; raw SQL or OS text never reaches it.

use ehr_core::{CoreError, ErrorCode, Issue};
use serde::Serialize;

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("cannot start logging: {0}")]
    Logging(String),
    #[error("cannot open the database")]
    OpenStore(#[from] ehr_store::StoreError),
    #[error("cannot load the PDF forms")]
    Forms(#[from] ehr_forms::FormsError),
    #[error("{0}")]
    Keyring(#[from] ehr_secrets::KeyringError),
    #[error("cannot watch the card readers")]
    CardReader(#[from] ehr_core::ports::CardFailure),
    #[error("cannot start a thread: {0}")]
    Thread(String),
    #[error("the consent rules that ship with this release cannot be read")]
    ConsentRules(#[from] ehr_core::patient::RulesError),
}

#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IpcError {
    pub issues: Vec<Issue>,
}

impl From<Issue> for IpcError {
    fn from(issue: Issue) -> Self {
        IpcError {
            issues: vec![issue],
        }
    }
}

impl From<CoreError> for IpcError {
    fn from(error: CoreError) -> Self {
        if let Some(issues) = error.issues() {
            return IpcError { issues };
        }
        // The details go to the log under a reference the user can quote; the user sees the reference.
        let reference = new_reference();
        // Codes, ids and places only: a stored record that does not decode must not put its data in the log.
        let error_chain = ehr_core::error::describe_chain(&error);
        tracing::error!(%reference, error = %error_chain, "command failed");
        let code = match error {
            CoreError::Render(_) => ErrorCode::RenderFailed,
            CoreError::Storage(_) => ErrorCode::StorageFailed,
            _ => ErrorCode::Internal,
        };
        Issue::new(code).with("reference", reference).into()
    }
}

/// A short reference that ties a message the user sees to its log line.
fn new_reference() -> String {
    let id = uuid::Uuid::now_v7().simple().to_string();
    id[id.len() - 8..].to_uppercase()
}

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
    /// The database settings file (`database.json`) is there but cannot be read or holds no usable URL.
    #[error("the database settings file cannot be read: {0}")]
    DatabaseSettings(String),
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
pub(crate) fn new_reference() -> String {
    let id = uuid::Uuid::now_v7().simple().to_string();
    id[id.len() - 8..].to_uppercase()
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use ehr_core::ports::StoreFailure;

    use super::*;

    #[test]
    fn a_failed_command_logs_no_value_of_the_record() {
        // A stored record that no longer decodes: serde_json's message quotes the value it failed on.
        let undecodable = serde_json::from_str::<ehr_core::application::ApplicationForm>(
            r#"{"hsls": [{"included": "CHAN Tai Man A123456(3)"}]}"#,
        )
        .unwrap_err();
        assert!(undecodable.to_string().contains("CHAN Tai Man"));
        let error = CoreError::Storage(StoreFailure::from(ehr_store::StoreError::CorruptRecord(
            undecodable,
        )));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ehr-desk.log");
        let file = Arc::new(Mutex::new(std::fs::File::create(&path).unwrap()));
        let writer = {
            let file = Arc::clone(&file);
            move || SharedFile(Arc::clone(&file))
        };
        let subscriber = tracing_subscriber::fmt()
            .with_writer(writer)
            .with_ansi(false)
            .finish();
        let ipc = tracing::subscriber::with_default(subscriber, || IpcError::from(error));
        assert_eq!(ipc.issues[0].code, ErrorCode::StorageFailed);
        let log = std::fs::read_to_string(&path).unwrap();
        assert!(log.contains("command failed"), "{log}");
        for value in ["CHAN Tai Man", "A123456(3)"] {
            assert!(!log.contains(value), "{log}");
        }
    }

    struct SharedFile(Arc<Mutex<std::fs::File>>);

    impl std::io::Write for SharedFile {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().write(bytes)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.0.lock().unwrap().flush()
        }
    }
}

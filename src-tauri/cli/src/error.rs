//! What can stop a command, as opposed to a value that fails validation (which is an answer, exit 1).

use std::path::PathBuf;

use ehr_core::CoreError;
use ehr_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("cannot start the async runtime: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("no data directory is known for this user; pass --db PATH")]
    NoDataDirectory,
    #[error("cannot open the database {path}: {source}")]
    OpenDatabase {
        path: String,
        #[source]
        source: StoreError,
    },
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is not valid form data: {source}", path.display())]
    InputJson {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{0:?} is not an application id (a UUID, as `ehr applications list` shows)")]
    BadId(String),
    #[error("{given:?} is not a reader phase; the phases are: {known}")]
    BadPhase { given: String, known: String },
    #[error("{0}")]
    Keyring(#[from] ehr_secrets::KeyringError),
    #[error("cannot load the PDF forms: {0}")]
    Forms(String),
    #[error("{0}")]
    Core(#[from] CoreError),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl CliError {
    pub fn print(&self, json: bool) {
        // The chain of sources helps an administrator; the CLI is an administrator's tool.
        let mut message = self.to_string();
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            let text = cause.to_string();
            if !message.contains(&text) {
                message.push_str(&format!(": {text}"));
            }
            source = cause.source();
        }
        if json {
            println!(
                "{}",
                serde_json::json!({ "ok": false, "code": "cli.failed", "message": message })
            );
        } else {
            eprintln!("ehr: {message}");
        }
    }
}

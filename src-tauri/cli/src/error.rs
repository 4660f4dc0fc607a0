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
    #[error("cannot read the database's rows")]
    CheckDatabase(#[source] StoreError),
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An input file the strict decoder refused: its issues are printed (exit 1), each with its JSON path.
    #[error("{} is not accepted as form data: {error}", path.display())]
    Input {
        path: PathBuf,
        error: ehr_core::input::InputError,
    },
    /// What was typed is not repeated: it may be anything, a name or an HKID number pasted by mistake.
    #[error("that is not an application id (a UUID, as `ehr applications list` shows)")]
    BadId,
    /// A phase is one of a few code words, never data: repeated to show the typo.
    #[error("{given:?} is not a reader phase; the phases are: {known}")]
    BadPhase { given: String, known: String },
    #[error("{0}")]
    Keyring(#[from] ehr_secrets::KeyringError),
    /// A command that acts on the office's data, without `--user`.
    #[error(
        "sign in with --user USER (the password from EHR_PASSWORD, --password-stdin or a prompt)"
    )]
    SignInNeeded,
    #[error(
        "no password was given and there is no terminal to ask on: set EHR_PASSWORD or use --password-stdin"
    )]
    NoPassword,
    #[error("cannot read the password from standard input")]
    Password(#[source] std::io::Error),
    #[error("the two passwords typed differ")]
    PasswordsDiffer,
    #[error("cannot load the PDF forms: {0}")]
    Forms(String),
    #[error("{0}")]
    Core(#[from] CoreError),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl CliError {
    pub fn print(&self, json: bool) {
        // The chain of sources helps an administrator; the CLI is an administrator's tool. Values quoted by
        // serde_json (stored data that does not decode) are left out.
        let message = ehr_core::error::describe_chain(self);
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

//! The core's one error type: what a use case can fail with, before the edge turns it into an IPC or CLI shape.

use crate::application::{ApplicationId, ApplicationStatus, AttachmentId};
use crate::issue::{ErrorCode, Issue};
use crate::patient::{PatientId, RulesError};
use crate::ports::{
    CardFailure, FileFailure, KeyFailure, PackageFailure, RenderFailure, StoreFailure,
};

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The input broke one or more rules; each issue names its field.
    #[error("{} issue(s): {}", .0.len(), .0.iter().map(|i| i.code.code()).collect::<Vec<_>>().join(", "))]
    Invalid(Vec<Issue>),
    #[error("application {0} not found")]
    ApplicationNotFound(ApplicationId),
    #[error("application {0} is no longer a draft and cannot be changed")]
    ApplicationReadOnly(ApplicationId),
    #[error("application {0} already exists")]
    ApplicationAlreadyExists(ApplicationId),
    /// The package was imported before (perhaps at this very moment, by another import of the same file).
    #[error("application {0} was imported before")]
    ApplicationAlreadyImported(ApplicationId),
    #[error("an application cannot go from {from} to {to}")]
    StatusTransition {
        from: ApplicationStatus,
        to: ApplicationStatus,
    },
    #[error("document {0} not found")]
    DocumentNotFound(AttachmentId),
    /// Another workstation saved the record after the version this change was made from.
    #[error("the record was changed by someone else (now version {})", .0.version)]
    Stale(crate::ports::LastChange),
    #[error("patient registration {0} not found")]
    PatientNotFound(PatientId),
    #[error(transparent)]
    Card(#[from] CardFailure),
    #[error(transparent)]
    Rules(#[from] RulesError),
    #[error(transparent)]
    Package(#[from] PackageFailure),
    #[error(transparent)]
    Render(#[from] RenderFailure),
    #[error(transparent)]
    File(#[from] FileFailure),
    #[error("storage failed")]
    Storage(#[from] StoreFailure),
    /// Key material that could not be used; a wrong password is answered as bad credentials instead.
    #[error(transparent)]
    Key(KeyFailure),
}

impl From<KeyFailure> for CoreError {
    /// A secret that does not open a key the account's own password hash accepted means the stored
    /// wrapping is wrong, not the person: still, they are told only that sign-in failed.
    fn from(failure: KeyFailure) -> Self {
        match failure {
            KeyFailure::WrongSecret => {
                CoreError::invalid(Issue::new(ErrorCode::AuthBadCredentials))
            }
            other => CoreError::Key(other),
        }
    }
}

/// A limit as people read it: `20 MB`, `64 KB`.
fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

impl CoreError {
    /// A single-issue error.
    pub fn invalid(issue: Issue) -> Self {
        CoreError::Invalid(vec![issue])
    }

    /// The issues a person is shown for this error; `None` for failures that need a support reference
    /// (storage, rendering), which the edge logs first.
    pub fn issues(&self) -> Option<Vec<Issue>> {
        let one = |issue: Issue| Some(vec![issue]);
        match self {
            CoreError::Invalid(issues) => Some(issues.clone()),
            CoreError::ApplicationNotFound(id) => {
                one(Issue::new(ErrorCode::ApplicationNotFound).with("id", id))
            }
            CoreError::ApplicationReadOnly(id) => {
                one(Issue::new(ErrorCode::ApplicationReadOnly).with("id", id))
            }
            CoreError::ApplicationAlreadyExists(id) => {
                one(Issue::new(ErrorCode::ApplicationAlreadyExists).with("id", id))
            }
            CoreError::ApplicationAlreadyImported(id) => {
                one(Issue::new(ErrorCode::ApplicationAlreadyImported)
                    .with("id", id)
                    .with("reference", id.reference()))
            }
            CoreError::StatusTransition { from, to } => {
                one(Issue::new(ErrorCode::StatusTransitionNotAllowed)
                    .with("from", from)
                    .with("to", to))
            }
            CoreError::DocumentNotFound(id) => {
                one(Issue::new(ErrorCode::DocumentNotFound).with("id", id))
            }
            CoreError::Package(PackageFailure::Corrupt(_)) => {
                one(Issue::new(ErrorCode::PackageCorrupt))
            }
            CoreError::Package(PackageFailure::Tampered { file }) => {
                one(Issue::new(ErrorCode::PackageTampered).with("file", file))
            }
            CoreError::Package(PackageFailure::UnsupportedVersion { version }) => {
                one(Issue::new(ErrorCode::PackageUnsupportedVersion).with("version", version))
            }
            CoreError::Package(PackageFailure::TooLarge { file, max_bytes }) => {
                let issue =
                    Issue::new(ErrorCode::PackageTooLarge).with("max", human_size(*max_bytes));
                one(match file {
                    Some(file) => issue.at(file),
                    None => issue,
                })
            }
            CoreError::Package(PackageFailure::TooManyFiles { max }) => {
                one(Issue::new(ErrorCode::PackageTooManyFiles).with("max", max))
            }
            CoreError::Package(PackageFailure::PathInvalid { entry }) => {
                one(Issue::new(ErrorCode::PackagePathInvalid).at(entry))
            }
            CoreError::Package(PackageFailure::Invalid(issues)) => Some(issues.clone()),
            CoreError::Stale(change) => one(Issue::new(ErrorCode::ConflictStale)
                .with("user", &change.actor.user)
                .with("workstation", &change.actor.workstation)
                .with("at", change.at.to_rfc3339())
                .with("version", change.version)),
            CoreError::PatientNotFound(id) => {
                one(Issue::new(ErrorCode::PatientNotFound).with("id", id))
            }
            CoreError::Card(failure) => Some(failure.issues()),
            CoreError::File(failure) => one(failure.issue()),
            CoreError::Package(PackageFailure::Write(_))
            | CoreError::Rules(_)
            | CoreError::Render(_)
            | CoreError::Storage(_)
            | CoreError::Key(_) => None,
        }
    }
}

/// An error and its sources as one line, for a log or an administrator's terminal, with no value in it. Our
/// errors' messages carry codes, ids and places only; serde_json's quote the data they failed on (`invalid type:
/// string "CHAN Tai Man"`), so of those only the kind and the position are kept.
pub fn describe_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(error);
    while let Some(current) = next {
        let text = match current.downcast_ref::<serde_json::Error>() {
            Some(json) if json.line() > 0 => format!(
                "JSON {:?} error at line {} column {}",
                json.classify(),
                json.line(),
                json.column()
            ),
            Some(json) => format!("JSON {:?} error", json.classify()),
            None => current.to_string(),
        };
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        next = current.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("stored application data cannot be read")]
    struct Corrupt(#[source] serde_json::Error);

    #[test]
    fn a_chain_keeps_no_value_serde_json_quoted() {
        let json = serde_json::from_str::<u32>("\"CHAN Tai Man\"").unwrap_err();
        assert!(
            json.to_string().contains("CHAN Tai Man"),
            "serde_json quotes it"
        );
        let error = CoreError::Storage(StoreFailure::new(Corrupt(json)));
        assert_eq!(
            describe_chain(&error),
            "storage failed: storage failure: stored application data cannot be read: \
             JSON Data error at line 1 column 14"
        );
    }
}

//! The core's one error type: what a use case can fail with, before the edge turns it into an IPC or CLI shape.

use crate::application::{ApplicationId, ApplicationStatus, AttachmentId};
use crate::issue::{ErrorCode, Issue};
use crate::patient::{PatientId, RulesError};
use crate::ports::{CardFailure, FileFailure, PackageFailure, RenderFailure, StoreFailure};

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
    #[error("an application cannot go from {from} to {to}")]
    StatusTransition {
        from: ApplicationStatus,
        to: ApplicationStatus,
    },
    #[error("document {0} not found")]
    DocumentNotFound(AttachmentId),
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
            CoreError::PatientNotFound(id) => {
                one(Issue::new(ErrorCode::PatientNotFound).with("id", id))
            }
            CoreError::Card(failure) => Some(failure.issues()),
            CoreError::File(failure) => one(failure.issue()),
            CoreError::Package(PackageFailure::Write(_))
            | CoreError::Rules(_)
            | CoreError::Render(_)
            | CoreError::Storage(_) => None,
        }
    }
}

//! The core's one error type: what a use case can fail with, before the edge turns it into an IPC or CLI shape.

use crate::application::ApplicationId;
use crate::issue::Issue;
use crate::ports::StoreFailure;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The input broke one or more rules; each issue names its field.
    #[error("{} validation issue(s)", .0.len())]
    Invalid(Vec<Issue>),
    #[error("application {0} not found")]
    ApplicationNotFound(ApplicationId),
    #[error("application {0} is no longer a draft and cannot be changed")]
    ApplicationReadOnly(ApplicationId),
    #[error("storage failed")]
    Storage(#[from] StoreFailure),
}

//! The submission-package port: one file carrying an application, its PDF and its documents to the RO.

use crate::application::{ApplicationDraft, Attachment};

/// What a package carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageContents {
    pub application: ApplicationDraft,
    pub pdf: Vec<u8>,
    /// Each document's description with its content.
    pub documents: Vec<(Attachment, Vec<u8>)>,
}

/// Why a package cannot be read. Each says what a person can act on; none is a half-read package.
#[derive(Debug, thiserror::Error)]
pub enum PackageFailure {
    /// Not a package, or cut short (e.g. a truncated download).
    #[error("not a readable package")]
    Corrupt(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A file's content does not match the manifest: changed after export.
    #[error("{file} does not match the manifest")]
    Tampered { file: String },
    #[error("package format version {version} is not supported")]
    UnsupportedVersion { version: String },
    #[error("cannot write the package")]
    Write(#[source] Box<dyn std::error::Error + Send + Sync>),
}

pub trait PackageFormat: Send + Sync {
    fn write(&self, contents: &PackageContents) -> Result<Vec<u8>, PackageFailure>;
    /// Verifies every file against the manifest before answering anything.
    fn read(&self, bytes: &[u8]) -> Result<PackageContents, PackageFailure>;
}

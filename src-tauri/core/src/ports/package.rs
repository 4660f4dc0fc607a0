//! The submission-package port: one file carrying an application, its PDF and its documents to the RO.

use crate::application::{ApplicationDraft, Attachment, MAX_ATTACHMENT_BYTES, MAX_DOCUMENTS};
use crate::issue::Issue;

/// The largest package file accepted, and the most its files may add up to once unpacked: an application's
/// documents at their largest total (`MAX_DOCUMENTS_TOTAL_BYTES`), its PDF and its form. Checked before the
/// file is read and before any member is inflated, so a small file that unpacks to gigabytes costs nothing.
pub const MAX_PACKAGE_BYTES: u64 = 100 * 1024 * 1024;
/// The most files a package may list: the application, its PDF and its documents.
pub const MAX_PACKAGE_FILES: usize = MAX_DOCUMENTS + 2;
/// The largest `application.json`: the form as typed, with room for every list at its limit.
pub const MAX_APPLICATION_JSON_BYTES: u64 = 4 * 1024 * 1024;
/// The largest manifest: a path, a size and a digest per file.
pub const MAX_MANIFEST_BYTES: u64 = 64 * 1024;
/// The largest application PDF or document in a package: the same limit as an attached file.
pub const MAX_PACKAGE_DOCUMENT_BYTES: u64 = MAX_ATTACHMENT_BYTES;

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
    /// The package (`file: None`), or a file in it as declared or as it unpacks, is over its limit.
    #[error("the package or a file in it is larger than {max_bytes} bytes")]
    TooLarge {
        file: Option<String>,
        max_bytes: u64,
    },
    /// More files than any application has.
    #[error("the package lists more than {max} files")]
    TooManyFiles { max: usize },
    /// A path in the manifest or the archive that is not one a package has (`../`, absolute, unknown);
    /// `entry` says where (`manifest.files[2]`, `archive entry 3`), never the path itself.
    #[error("{entry} is not a path a package has")]
    PathInvalid { entry: String },
    /// The application in the package breaks a rule of the core (ids, reference, file names).
    #[error("the application in the package is not valid")]
    Invalid(Vec<Issue>),
    #[error("cannot write the package")]
    Write(#[source] Box<dyn std::error::Error + Send + Sync>),
}

pub trait PackageFormat: Send + Sync {
    fn write(&self, contents: &PackageContents) -> Result<Vec<u8>, PackageFailure>;
    /// Verifies every file against the manifest, its path and its size before answering anything; inflates
    /// no member beyond the limits above.
    fn read(&self, bytes: &[u8]) -> Result<PackageContents, PackageFailure>;
}

//! The submission-package port: one file carrying an application, its PDF and its documents to the RO; and
//! its sibling for an amendment of a registered HCP.

use crate::amendment::Amendment;
use crate::application::{ApplicationDraft, Attachment};
use crate::issue::Issue;

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
    /// no member beyond the limits of `crate::limits` (`PACKAGE_MAX_BYTES`, `PACKAGE_FILES_MAX`, ...).
    fn read(&self, bytes: &[u8]) -> Result<PackageContents, PackageFailure>;
}

/// What an amendment's package carries: the amendment (its content whole) and its printed form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendmentPackage {
    pub amendment: Amendment,
    /// The form as printed for signature and chop; `None` when the edge has no renderer for it.
    pub pdf: Option<Vec<u8>>,
}

/// Sealed as a submission package is, under a format name of its own: neither reads as the other.
pub trait AmendmentPackageFormat: Send + Sync {
    fn write_amendment(&self, package: &AmendmentPackage) -> Result<Vec<u8>, PackageFailure>;
    /// Verifies every file against the manifest, its path and its size before answering anything, as
    /// [`PackageFormat::read`] does.
    fn read_amendment(&self, bytes: &[u8]) -> Result<AmendmentPackage, PackageFailure>;
}

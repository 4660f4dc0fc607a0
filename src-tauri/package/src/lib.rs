//! The submission package: one file that carries an application to the Registration Office — the application
//! as JSON, its PDF, its documents and a manifest of their SHA-256 digests — sealed so that any change to any
//! byte, or a truncated copy, is refused on import before anything is stored.
//!
//! Layout (a zip archive):
//! - `manifest.json`: format name, version, and each file's path, size and SHA-256;
//! - `application.json`, `application.pdf`, `documents/<document id>.<pdf|jpg|png>`, and no other path;
//! - the archive comment: `ehr-desk-seal:sha256:` and the digest of every byte before the comment, so even
//!   bytes no checksum of zip covers (timestamps, attributes, headers) cannot change unnoticed.
//!
//! The seal proves a package unchanged, not honest: anyone can seal a zip. So reading also bounds every
//! size before inflating (a zip bomb costs nothing), allows only the paths above, and hands the core an
//! application whose ids and file names it has checked; [`ContentInspector`] checks each document's content.
//!
//! An amendment's package (`ehr-desk/amendment-package`) is sealed the same way and holds `manifest.json`,
//! `amendment.json` and, when printed, `amendment.pdf`: nothing else.

mod format;
mod inspector;
mod manifest;
mod paths;
mod seal;

pub use format::ZipPackageFormat;
pub use inspector::ContentInspector;

/// The package's file extension, for save dialogs.
pub const EXTENSION: &str = "ehrpkg";

//! The manifest: what the package holds, with sizes and digests.

use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "ehr-desk/application-package";
/// An amendment's package: sealed the same way, never read as an application's (nor the reverse).
pub const AMENDMENT_FORMAT: &str = "ehr-desk/amendment-package";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub files: Vec<ManifestEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ManifestEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// Only the bounds every input has: the file count is checked against the package's own limit after decoding.
impl ehr_core::input::Bounded for Manifest {}

//! The only paths a package has, and the most each may hold. Anything else — `../`, an absolute path, a
//! backslash, a name of some other program's — is refused before anything is inflated.

use std::collections::BTreeSet;

use ehr_core::application::{AttachmentId, MAX_ATTACHMENT_BYTES, MediaType};
use ehr_core::limits::{JSON_MAX_BYTES, PACKAGE_FILES_MAX, PACKAGE_MAX_BYTES};
use ehr_core::ports::PackageFailure;

use crate::manifest::Manifest;

pub const MANIFEST: &str = "manifest.json";
pub const APPLICATION: &str = "application.json";
pub const PDF: &str = "application.pdf";
const DOCUMENTS: &str = "documents/";
pub const AMENDMENT: &str = "amendment.json";
pub const AMENDMENT_PDF: &str = "amendment.pdf";

/// One kind of package: its format name, the paths it may have and the most each may hold once inflated.
pub struct Layout {
    pub format: &'static str,
    pub is_path: fn(&str) -> bool,
    pub limit: fn(&str) -> u64,
}

pub const APPLICATION_LAYOUT: Layout = Layout {
    format: crate::manifest::FORMAT,
    is_path: is_package_path,
    limit,
};

pub const AMENDMENT_LAYOUT: Layout = Layout {
    format: crate::manifest::AMENDMENT_FORMAT,
    is_path: is_amendment_path,
    limit: amendment_limit,
};

/// An amendment's package has the manifest, the amendment and its PDF, nothing else.
pub fn is_amendment_path(path: &str) -> bool {
    [MANIFEST, AMENDMENT, AMENDMENT_PDF].contains(&path)
}

fn amendment_limit(path: &str) -> u64 {
    if path == AMENDMENT {
        JSON_MAX_BYTES as u64
    } else {
        MAX_ATTACHMENT_BYTES
    }
}

/// Whether `path` is one a package of this format has: the three fixed files, or
/// `documents/<document id>.<pdf|jpg|png>` with the id as this product writes it.
pub fn is_package_path(path: &str) -> bool {
    if [MANIFEST, APPLICATION, PDF].contains(&path) {
        return true;
    }
    let Some((id, extension)) = path
        .strip_prefix(DOCUMENTS)
        .and_then(|name| name.rsplit_once('.'))
    else {
        return false;
    };
    AttachmentId::parse(id).is_some_and(|parsed| parsed.as_str() == id)
        && MediaType::ALL.iter().any(|t| t.extension() == extension)
}

/// The most a listed file may hold once inflated.
pub fn limit(path: &str) -> u64 {
    if path == APPLICATION {
        JSON_MAX_BYTES as u64
    } else {
        MAX_ATTACHMENT_BYTES
    }
}

/// The manifest's paths and declared sizes, before any file is read: each a package path, once, within its
/// limit, and all of them together within the package's.
pub fn check_manifest(manifest: &Manifest, layout: &Layout) -> Result<(), PackageFailure> {
    if manifest.files.len() > PACKAGE_FILES_MAX {
        return Err(PackageFailure::TooManyFiles {
            max: PACKAGE_FILES_MAX,
        });
    }
    let mut seen = BTreeSet::new();
    let mut total: u64 = 0;
    for (i, entry) in manifest.files.iter().enumerate() {
        if entry.path == MANIFEST || !(layout.is_path)(&entry.path) || !seen.insert(&entry.path) {
            return Err(PackageFailure::PathInvalid {
                entry: format!("manifest.files[{i}]"),
            });
        }
        let limit = (layout.limit)(&entry.path);
        if entry.size > limit {
            return Err(PackageFailure::TooLarge {
                file: Some(entry.path.clone()),
                max_bytes: limit,
            });
        }
        total = total.saturating_add(entry.size);
        if total > PACKAGE_MAX_BYTES {
            return Err(PackageFailure::TooLarge {
                file: None,
                max_bytes: PACKAGE_MAX_BYTES,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_package_s_own_paths_are_paths() {
        for path in [
            "manifest.json",
            "application.json",
            "application.pdf",
            "documents/019ab3f2-c7b2-7000-8000-000000000001.pdf",
            "documents/019ab3f2-c7b2-7000-8000-000000000001.png",
        ] {
            assert!(is_package_path(path), "{path}");
        }
        for path in [
            "",
            "../application.json",
            "/application.json",
            "documents/../../../etc/passwd.pdf",
            "documents/../application.json",
            "documents\\019ab3f2-c7b2-7000-8000-000000000001.pdf",
            "documents/019AB3F2-C7B2-7000-8000-000000000001.pdf",
            "documents/019ab3f2-c7b2-7000-8000-000000000001.exe",
            "documents/019ab3f2-c7b2-7000-8000-000000000001",
            "documents/x/019ab3f2-c7b2-7000-8000-000000000001.pdf",
            "Application.json",
            "readme.txt",
        ] {
            assert!(!is_package_path(path), "{path}");
        }
    }

    #[test]
    fn an_amendment_package_has_only_its_three_paths() {
        for path in ["manifest.json", "amendment.json", "amendment.pdf"] {
            assert!(is_amendment_path(path), "{path}");
        }
        for path in [
            "application.json",
            "application.pdf",
            "documents/019ab3f2-c7b2-7000-8000-000000000001.pdf",
            "../amendment.json",
            "Amendment.json",
        ] {
            assert!(!is_amendment_path(path), "{path}");
        }
    }
}

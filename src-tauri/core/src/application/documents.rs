//! Step 4, "Documents": the checklist of supporting documents and the files attached to it.

use serde::{Deserialize, Serialize};

use crate::coded::{coded_enum, uuid_id};
use crate::issue::ErrorCode;
use crate::time::Timestamp;
use crate::validation::ValueError;

coded_enum! {
    /// The supporting documents the checklist asks for.
    pub enum DocumentKind {
        /// A copy of the Business Registration certificate: always required.
        BusinessRegistrationCertificate = "business_registration_certificate",
        /// The licence or registration of the healthcare institution (hospital, nursing home, clinic).
        InstitutionLicence = "institution_licence",
        /// A letter authorising the authorised person to sign for the HCP.
        AuthorisationLetter = "authorisation_letter",
        Other = "other",
    }
}

impl DocumentKind {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        DocumentKind::from_code(raw.trim())
            .ok_or_else(|| ValueError::new(ErrorCode::DocumentKindUnknown))
    }

    /// The documents every application must carry.
    pub const REQUIRED: &'static [DocumentKind] = &[DocumentKind::BusinessRegistrationCertificate];
}

coded_enum! {
    /// The file types the RO accepts.
    pub enum MediaType {
        Pdf = "application/pdf",
        Jpeg = "image/jpeg",
        Png = "image/png",
    }
}

impl MediaType {
    /// Recognises a file by its first bytes, not by its name, so a renamed file cannot pass as another type.
    pub fn sniff(content: &[u8]) -> Option<Self> {
        if content.starts_with(b"%PDF-") {
            Some(MediaType::Pdf)
        } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(MediaType::Jpeg)
        } else if content.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(MediaType::Png)
        } else {
            None
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Pdf => "pdf",
            MediaType::Jpeg => "jpg",
            MediaType::Png => "png",
        }
    }
}

uuid_id! {
    /// An attachment's identifier (a UUID).
    pub struct AttachmentId;
}

/// A file attached to an application. The content is stored separately; its SHA-256 proves it unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attachment {
    pub id: AttachmentId,
    pub kind: DocumentKind,
    pub file_name: String,
    pub media_type: MediaType,
    pub size: u64,
    /// Lower-case hexadecimal.
    pub sha256: String,
    pub added_at: Timestamp,
}

/// The largest file accepted: scans of a few pages fit well within it.
pub const MAX_ATTACHMENT_BYTES: u64 = 20 * 1024 * 1024;

/// The longest file name kept: what file systems allow.
pub const MAX_FILE_NAME_CHARS: usize = 255;

/// Whether `name` is a plain file name, safe to show and to write under a folder of the app's choosing: no
/// folder (a slash, a backslash, `..`), no drive or stream (a colon), no control character, no surrounding
/// space.
pub fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= MAX_FILE_NAME_CHARS
        && name.trim() == name
        && name != "."
        && name != ".."
        && !name
            .chars()
            .any(|c| matches!(c, '/' | '\\' | ':') || c.is_control())
}

/// Checks a file offered as an attachment and describes it.
pub fn describe_attachment(
    kind: DocumentKind,
    file_name: &str,
    content: &[u8],
    added_at: Timestamp,
) -> Result<Attachment, ValueError> {
    let size = content.len() as u64;
    if size == 0 {
        return Err(ValueError::new(ErrorCode::DocumentEmpty));
    }
    if size > MAX_ATTACHMENT_BYTES {
        return Err(ValueError::new(ErrorCode::DocumentTooLarge)
            .with("max", MAX_ATTACHMENT_BYTES / 1024 / 1024));
    }
    let media_type = MediaType::sniff(content)
        .ok_or_else(|| ValueError::new(ErrorCode::DocumentTypeNotAllowed))?;
    // Keep only the final path component: names come from a file picker and may carry a folder.
    let base = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file_name)
        .trim();
    let file_name = if !is_plain_file_name(base) {
        format!("document.{}", media_type.extension())
    } else {
        base.to_owned()
    };
    Ok(Attachment {
        id: AttachmentId::generate(),
        kind,
        file_name,
        media_type,
        size,
        sha256: sha256_hex(content),
        added_at,
    })
}

pub fn sha256_hex(content: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_files_by_content() {
        assert_eq!(MediaType::sniff(b"%PDF-1.7\n..."), Some(MediaType::Pdf));
        assert_eq!(
            MediaType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(MediaType::Jpeg)
        );
        assert_eq!(
            MediaType::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(MediaType::Png)
        );
        assert_eq!(MediaType::sniff(b"PK\x03\x04 a zip"), None);
    }

    #[test]
    fn describes_an_attachment_with_its_digest() {
        let at = Timestamp::from_millis(0);
        let a = describe_attachment(
            DocumentKind::Other,
            "C:\\scans\\br.pdf",
            b"%PDF-1.4 hello",
            at,
        )
        .unwrap();
        assert_eq!(a.file_name, "br.pdf");
        assert_eq!(a.media_type, MediaType::Pdf);
        assert_eq!(a.size, 14);
        assert_eq!(a.sha256, sha256_hex(b"%PDF-1.4 hello"));
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn a_plain_file_name_is_no_path() {
        for name in ["br.pdf", "BR cert (2025).pdf", "商業登記證.pdf", "..pdf"] {
            assert!(is_plain_file_name(name), "{name}");
        }
        let long = "x".repeat(MAX_FILE_NAME_CHARS + 1);
        for name in [
            "",
            ".",
            "..",
            "../br.pdf",
            "a/b.pdf",
            "a\\b.pdf",
            "C:br.pdf",
            " br.pdf",
            "br.pdf ",
            "br\u{0}.pdf",
            "br\n.pdf",
            &long,
        ] {
            assert!(!is_plain_file_name(name), "{name:?}");
        }
    }

    #[test]
    fn a_name_that_is_no_file_name_is_replaced_on_attaching() {
        let at = Timestamp::from_millis(0);
        let name = |given: &str| {
            describe_attachment(DocumentKind::Other, given, b"%PDF-1.4", at)
                .unwrap()
                .file_name
        };
        assert_eq!(name("/scans/.."), "document.pdf");
        assert_eq!(name("C:\\scans\\"), "document.pdf");
        assert_eq!(name("br\u{7}.pdf"), "document.pdf");
    }

    #[test]
    fn refuses_empty_and_foreign_files() {
        let at = Timestamp::from_millis(0);
        let code = |content: &[u8]| {
            describe_attachment(DocumentKind::Other, "x", content, at).map_err(|e| e.code)
        };
        assert_eq!(code(b""), Err(ErrorCode::DocumentEmpty));
        assert_eq!(
            code(b"MZ an executable"),
            Err(ErrorCode::DocumentTypeNotAllowed)
        );
    }
}

//! What an application read from a package must be before it is stored. A package is a file from outside:
//! its seal proves only that it was not changed after it was made, not that whoever made it played fair.

use super::{
    ApplicationDraft, ApplicationId, AttachmentId, MAX_ATTACHMENT_BYTES, MediaType,
    is_plain_file_name, sha256_hex,
};
use crate::error::CoreError;
use crate::issue::{ErrorCode, Issue};
use crate::ports::{DocumentInspector, PackageContents, PackageFailure};

/// Whether `raw` is an identifier exactly as this product writes one (a lower-case hyphenated UUID), so that
/// the stored id can be listed, opened and deleted like any other.
fn canonical<T>(raw: &str, parse: impl Fn(&str) -> Option<T>, as_str: impl Fn(&T) -> &str) -> bool {
    parse(raw).is_some_and(|id| as_str(&id) == raw)
}

impl ApplicationDraft {
    /// What is wrong with the draft's identity as a package carries it: an id that is not a UUID as this
    /// product writes it (the strict decoder already refuses one that does not parse: this holds for any
    /// adapter), a reference that is not its id's, a file name that is a path.
    pub fn identity_issues(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        if !canonical(
            self.id.as_str(),
            ApplicationId::parse,
            ApplicationId::as_str,
        ) {
            issues.push(Issue::new(ErrorCode::IdFormat).at("id"));
        } else if self.reference != self.id.reference() {
            issues.push(
                Issue::new(ErrorCode::PackageReferenceMismatch)
                    .at("reference")
                    .with("expected", self.id.reference()),
            );
        }
        for (i, document) in self.documents.iter().enumerate() {
            if !canonical(
                document.id.as_str(),
                AttachmentId::parse,
                AttachmentId::as_str,
            ) {
                issues.push(Issue::new(ErrorCode::IdFormat).at(format!("documents[{i}].id")));
            }
            if !is_plain_file_name(&document.file_name) {
                issues.push(
                    Issue::new(ErrorCode::PackageFileNameInvalid)
                        .at(format!("documents[{i}].fileName")),
                );
            }
        }
        issues
    }
}

/// Checks everything a package carries before any of it is stored: the draft's identity, and each document's
/// content against its description — its digest, its size, its type by its first bytes, and that it reads as
/// that type.
pub(super) fn verify(
    contents: &PackageContents,
    inspector: &dyn DocumentInspector,
) -> Result<(), CoreError> {
    let draft = &contents.application;
    let mut issues = draft.identity_issues();
    if !issues.is_empty() {
        return Err(CoreError::Invalid(issues));
    }
    if draft.documents.len() != contents.documents.len() {
        return Err(PackageFailure::Tampered {
            file: "application.json".into(),
        }
        .into());
    }
    for (i, (attachment, content)) in contents.documents.iter().enumerate() {
        let field = format!("documents[{i}]");
        if draft.documents.get(i) != Some(attachment)
            || attachment.size != content.len() as u64
            || sha256_hex(content) != attachment.sha256
        {
            return Err(PackageFailure::Tampered { file: field }.into());
        }
        if attachment.size > MAX_ATTACHMENT_BYTES {
            return Err(PackageFailure::TooLarge {
                file: Some(field),
                max_bytes: MAX_ATTACHMENT_BYTES,
            }
            .into());
        }
        if MediaType::sniff(content) != Some(attachment.media_type) {
            issues.push(
                Issue::new(ErrorCode::PackageDocumentTypeMismatch)
                    .at(field)
                    .with("declared", attachment.media_type),
            );
        } else if !inspector.is_readable(attachment.media_type, content) {
            issues.push(
                Issue::new(ErrorCode::PackageDocumentDamaged)
                    .at(field)
                    .with("declared", attachment.media_type),
            );
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Invalid(issues))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::sample::submitted_application;

    fn codes(draft: &ApplicationDraft) -> Vec<(ErrorCode, Option<String>)> {
        draft
            .identity_issues()
            .into_iter()
            .map(|i| (i.code, i.field))
            .collect()
    }

    #[test]
    fn the_sample_has_a_sound_identity() {
        assert_eq!(codes(&submitted_application()), []);
    }

    #[test]
    fn ids_references_and_names_are_checked() {
        let mut draft = submitted_application();
        draft.reference = "HCP-0000-0000-0000".into();
        assert_eq!(
            codes(&draft),
            [(
                ErrorCode::PackageReferenceMismatch,
                Some("reference".into())
            )]
        );
        draft.reference = draft.id.reference();
        draft.documents[0].file_name = "../../../evil.pdf".into();
        assert_eq!(
            codes(&draft),
            [(
                ErrorCode::PackageFileNameInvalid,
                Some("documents[0].fileName".into())
            )]
        );
        // Ids that are not UUIDs reach this check only through JSON: the package tests forge them.
    }
}

//! An application as stored: identity, status, the form as typed and the attached documents.

use serde::{Deserialize, Serialize};

use super::{ApplicationForm, ApplicationStatus, Attachment, Submission};
use crate::coded::uuid_id;
use crate::input::Bounded;
use crate::issue::Issue;
use crate::limits::DOCUMENTS_MAX;
use crate::time::Timestamp;

uuid_id! {
    /// An application's identifier: a UUID (version 7, so identifiers sort by creation time), stable across
    /// workstations and exported files.
    pub struct ApplicationId;
}

impl ApplicationId {
    /// The reference people quote and the PDF prints (with a QR code): `HCP-` and 12 letters and digits
    /// taken from the identifier, grouped in fours, e.g. `HCP-019A-3F2C-7B11`.
    pub fn reference(&self) -> String {
        let hex: String = self
            .0
            .chars()
            .filter(char::is_ascii_hexdigit)
            .collect::<String>()
            .to_uppercase();
        // The first 12 hex digits of a v7 UUID are its millisecond timestamp; take 8 of them and 4 random ones
        // so two applications created in the same second on two workstations still differ.
        let picked = format!(
            "{}{}",
            hex.get(4..12).unwrap_or_default(),
            hex.get(16..20).unwrap_or_default()
        );
        let groups: Vec<&str> = [0, 4, 8]
            .iter()
            .filter_map(|&i| picked.get(i..i + 4))
            .collect();
        format!("HCP-{}", groups.join("-"))
    }
}

/// An application: everything typed so far, valid or not, and its documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApplicationDraft {
    pub id: ApplicationId,
    pub reference: String,
    pub status: ApplicationStatus,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub form: ApplicationForm,
    pub documents: Vec<Attachment>,
    pub submission: Option<Submission>,
    /// How many times the stored row has been changed: a save names the version it was made from, and one
    /// made from an older version is refused (`conflict.stale`) instead of overwriting what another
    /// workstation saved. It counts changes in this database only, so it is not serialised (a package does
    /// not carry it; the UI gets it in [`SavedDraft::version`]). Read from a package, it is the first.
    #[serde(skip, default = "first_version")]
    pub version: u64,
}

/// The version a new application is stored with.
pub const FIRST_VERSION: u64 = 1;

fn first_version() -> u64 {
    FIRST_VERSION
}

impl ApplicationDraft {
    /// The issues that still stand between this application and submission.
    pub fn issues(&self) -> Vec<Issue> {
        self.form.issues(&self.documents)
    }

    pub fn summary(&self) -> ApplicationSummary {
        ApplicationSummary {
            id: self.id.clone(),
            reference: self.reference.clone(),
            status: self.status,
            title: self.form.title(),
            updated_at: self.updated_at,
            open_issues: u32::try_from(self.issues().iter().filter(|i| i.is_error()).count())
                .unwrap_or(u32::MAX),
        }
    }
}

/// What a package carries: the form's bounds, under `form.`, and at most [`DOCUMENTS_MAX`] documents.
impl Bounded for ApplicationDraft {
    fn list_max(path: &str) -> Option<usize> {
        match path {
            "documents" => Some(DOCUMENTS_MAX),
            _ => ApplicationForm::list_max(path.strip_prefix("form.")?),
        }
    }
}

/// The documents of one application, as the UI sends them to be checked with its form.
impl Bounded for Vec<Attachment> {
    fn list_max(path: &str) -> Option<usize> {
        path.is_empty().then_some(DOCUMENTS_MAX)
    }
}

/// One line of the home screen's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationSummary {
    pub id: ApplicationId,
    pub reference: String,
    pub status: ApplicationStatus,
    /// The organisation's name as typed so far; empty for a draft with no name yet.
    pub title: String,
    pub updated_at: Timestamp,
    /// Errors still to correct before the application can be submitted.
    pub open_issues: u32,
}

/// What saving answers: the application as stored and the issues it still has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedDraft {
    pub draft: ApplicationDraft,
    pub issues: Vec<Issue>,
    /// The stored version the draft is at: what the next save names.
    pub version: u64,
}

impl SavedDraft {
    pub fn new(draft: ApplicationDraft, issues: Vec<Issue>) -> Self {
        SavedDraft {
            version: draft.version,
            draft,
            issues,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_short_and_grouped() {
        let id = ApplicationId::parse("019ab3f2-c7b1-7d2e-9a44-0123456789ab").unwrap();
        assert_eq!(id.reference(), "HCP-B3F2-C7B1-9A44");
    }
}

//! An application while it is prepared: its identity, status and what has been typed so far.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::HcpInformationInput;
use crate::coded::coded_enum;
use crate::issue::Issue;
use crate::time::Timestamp;

/// An application's identifier: a UUID (version 7, so identifiers sort by creation time), stable across
/// workstations and exported files.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(transparent)]
pub struct ApplicationId(String);

impl ApplicationId {
    pub fn generate() -> Self {
        ApplicationId(uuid::Uuid::now_v7().to_string())
    }

    /// Accepts only a well-formed UUID, so a mistyped identifier is told apart from a missing application.
    pub fn parse(raw: &str) -> Option<Self> {
        uuid::Uuid::parse_str(raw.trim())
            .ok()
            .map(|id| ApplicationId(id.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ApplicationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

coded_enum! {
    /// Where an application stands. Only drafts can be changed.
    pub enum ApplicationStatus {
        Draft = "draft",
        Submitted = "submitted",
    }
}

/// An application as stored: everything typed so far, valid or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationDraft {
    pub id: ApplicationId,
    pub status: ApplicationStatus,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub hcp_information: HcpInformationInput,
}

impl ApplicationDraft {
    /// The issues that still stand between this draft and submission.
    pub fn issues(&self) -> Vec<Issue> {
        self.hcp_information.issues()
    }

    pub fn summary(&self) -> ApplicationSummary {
        ApplicationSummary {
            id: self.id.clone(),
            status: self.status,
            title: self.hcp_information.title(),
            updated_at: self.updated_at,
            open_issues: u32::try_from(self.issues().iter().filter(|i| i.is_error()).count())
                .unwrap_or(u32::MAX),
        }
    }
}

/// One line of the home screen's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationSummary {
    pub id: ApplicationId,
    pub status: ApplicationStatus,
    /// The organisation's name as typed so far; empty for a draft with no name yet.
    pub title: String,
    pub updated_at: Timestamp,
    /// Errors still to correct before the application can be submitted.
    pub open_issues: u32,
}

/// What saving a draft answers: the draft as stored and the issues it still has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedDraft {
    pub draft: ApplicationDraft,
    pub issues: Vec<Issue>,
}

//! The history of an application: every change, with who made it, where and when.

use serde::{Deserialize, Serialize};

use super::{ApplicationStatus, DocumentKind, Step, SubmissionChannel};
use crate::time::Timestamp;
use crate::validation::CalendarDate;

/// Who made a change: the signed-in user and the workstation they used (see `auth::Principal::actor`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    pub user: String,
    pub workstation: String,
}

/// What happened. Field values are not repeated here: the history says what changed, not the personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum HistoryEvent {
    Created,
    #[serde(rename_all = "camelCase")]
    Edited {
        steps: Vec<Step>,
    },
    #[serde(rename_all = "camelCase")]
    DocumentAttached {
        document: DocumentKind,
        file_name: String,
    },
    #[serde(rename_all = "camelCase")]
    DocumentRemoved {
        document: DocumentKind,
        file_name: String,
    },
    #[serde(rename_all = "camelCase")]
    Submitted {
        channel: SubmissionChannel,
        date: CalendarDate,
    },
    #[serde(rename_all = "camelCase")]
    StatusChanged {
        from: ApplicationStatus,
        to: ApplicationStatus,
        note: Option<String>,
    },
    Exported,
    Imported,
    /// An amendment the Registration Office accepted was applied: the form it proposed (an HCP/HSL amendment),
    /// the locations it added, or the withdrawal.
    #[serde(rename_all = "camelCase")]
    Amended {
        amendment: String,
        form: crate::amendment::AmendmentKind,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub at: Timestamp,
    pub actor: Actor,
    pub event: HistoryEvent,
}
